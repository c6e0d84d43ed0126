"""The Reviewer and Editor groups and their model permissions (used by a data migration)."""

from claims.policies import EDITOR_GROUP, REVIEWER_GROUP

READ = [
    "claims.view_article",
    "claims.view_claim",
    "claims.view_citation",
    "claims.view_verdict",
    "sources.view_source",
    "sources.view_snapshot",
]
REVIEWER = [
    *READ,
    "claims.add_article",
    "claims.change_article",
    "claims.change_claim",
    "claims.add_citation",
    "claims.change_citation",
    "claims.delete_citation",
    "claims.add_verdict",
    "sources.change_source",
]
EDITOR = [
    *REVIEWER,
    "claims.change_verdict",
    "claims.delete_article",
    "claims.view_triagemodel",  # the check-worthiness model card
]
ROLES = {REVIEWER_GROUP: REVIEWER, EDITOR_GROUP: EDITOR}


def ensure_roles(group_model, permission_model) -> None:
    """Create or complete the groups. Takes models so that migrations can pass historical ones.

    A permission of a model that a later migration creates does not exist yet when an earlier
    migration runs this; it is skipped there and added by the migration that creates the model
    (``0009_triage``). ``tests/claims/test_triage_admin.py`` checks the groups are complete.
    """
    for name, perms in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
