"""Who may do what in the review workflow: the one place for these rules.

Services enforce them (and raise ``PermissionDenied`` with the reason); the admin asks them
which buttons to show; the API gets the services' refusals as 403 problems. Each function
takes the acting user (and the object) and answers yes or no. ``docs/reviewing.md`` has the
table; the groups are made by the data migration ``0002_roles`` (``claims/roles.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claims.models import Claim, Verdict

REVIEWER_GROUP = "Reviewer"
EDITOR_GROUP = "Editor"
REVIEW_GROUPS = (REVIEWER_GROUP, EDITOR_GROUP)


def _in_groups(user: Any, names: tuple[str, ...]) -> bool:
    """An active account that is a superuser or a member of one of ``names``."""
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or user.groups.filter(name__in=names).exists())
    )


def is_reviewer(user: Any) -> bool:
    """Reviewers and editors cite sources, propose verdicts, take, dismiss and import claims."""
    return _in_groups(user, REVIEW_GROUPS)


def is_editor(user: Any) -> bool:
    """Editors also assign claims to others, and publish or reject other people's verdicts."""
    return _in_groups(user, (EDITOR_GROUP,))


def may_retrain(user: Any) -> bool:
    """Editors retrain the check-worthiness model and choose which model is active."""
    return is_editor(user)


def may_delete_article(user: Any) -> bool:
    """Editors (and superusers) delete articles; reviewers add and edit them only."""
    return bool(user is not None and user.is_active and user.has_perm("claims.delete_article"))


def may_triage(user: Any, claim: Claim) -> bool:
    """Take, hand over, dismiss or reopen ``claim``: a reviewer only while it is unassigned or
    theirs; an editor always."""
    if not is_reviewer(user):
        return False
    return claim.assignee_id in (None, user.pk) or is_editor(user)


def may_assign_to(user: Any, assignee: Any) -> bool:
    """Reviewers assign claims to themselves (or to nobody); editors to anyone."""
    return assignee is None or assignee.pk == user.pk or is_editor(user)


def may_publish(user: Any, verdict: Verdict) -> bool:
    """Four eyes: an editor who did not write the verdict."""
    return is_editor(user) and verdict.author_id != user.pk


def may_reject(user: Any, verdict: Verdict) -> bool:
    """An editor sends a proposed verdict back; its author (a reviewer) may withdraw it."""
    return is_editor(user) or (verdict.author_id == user.pk and is_reviewer(user))


def may_correct_published(user: Any) -> bool:
    """Published means frozen: what a published ClaimReview shows (the claim's words, the
    article's author, outlet, URL and date, the citations of the published verdict) changes
    only by an editor's correction, with its reason recorded in the history."""
    return is_editor(user)


def may_unpublish(user: Any, verdict: Verdict) -> bool:
    """An editor takes a published fact-check down (with a reason, kept in the history)."""
    return is_editor(user)
