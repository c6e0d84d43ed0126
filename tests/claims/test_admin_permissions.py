"""The authorisation matrix of the admin: every write the admin offers, by every persona.

The admin's counterpart of ``tests/api/test_permissions.py`` (issue 12, item 5: reviewer2
could assign to self, unassign and dismiss a claim assigned to another reviewer in the
admin, also in bulk, while the API refused). Each cell performs one write as one persona
and compares the whole database state before and after: an allowed write changes it, a
refused one leaves no trace and never answers 500. The rules come from one place
(``claims.policies``, ``integrations.policies``); the admin and the API both ask them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import messages as django_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Article, Citation, Claim, Verdict
from integrations import services as integration_services
from integrations.models import ApiToken, WebhookDelivery, WebhookEndpoint
from sources.models import Snapshot
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory, make_user

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "reviewer", "editor", "superuser"]
Y, N = True, False

# write: (allowed for anonymous, reviewer, editor, superuser). "Someone else's claim" is
# assigned to erin, another reviewer; "someone else's verdict" was written by erin.
ADMIN_MATRIX: dict[str, tuple[bool, bool, bool, bool]] = {
    # the claim page's workflow buttons
    "take an unassigned claim": (N, Y, Y, Y),
    "take someone else's claim": (N, N, Y, Y),
    "unassign someone else's claim": (N, N, Y, Y),
    "dismiss an unassigned claim": (N, Y, Y, Y),
    "dismiss someone else's claim": (N, N, Y, Y),
    "reopen someone else's dismissed claim": (N, N, Y, Y),
    "publish someone else's verdict": (N, N, Y, Y),
    "publish one's own verdict": (N, N, N, N),
    "reject someone else's verdict": (N, N, Y, Y),
    "unpublish a published verdict": (N, N, Y, Y),
    # the claims list's actions
    "bulk: take someone else's claim": (N, N, Y, Y),
    "bulk: assign a claim to another person": (N, N, Y, Y),
    "bulk: unassign someone else's claim": (N, N, Y, Y),
    "bulk: dismiss someone else's claim": (N, N, Y, Y),
    # the verdicts list's actions
    "verdicts list: publish someone else's verdict": (N, N, Y, Y),
    "verdicts list: reject someone else's verdict": (N, N, Y, Y),
    # the claim page's form and inlines
    "cite a source": (N, Y, Y, Y),
    "propose a verdict": (N, Y, Y, Y),
    "change a published claim's text": (N, N, Y, Y),
    "remove a published verdict's citation": (N, N, Y, Y),
    "change a published verdict's citation": (N, N, Y, Y),
    # articles
    "add an article": (N, Y, Y, Y),
    "change a published article's author": (N, N, Y, Y),
    "import claims": (N, Y, Y, Y),
    "delete an article": (N, N, Y, Y),
    # sources
    "archive a source now": (N, Y, Y, Y),
    # integrations: people who manage them (superusers here), never reviewers or editors
    "create an API token": (N, N, N, Y),
    "revoke an API token": (N, N, N, Y),
    "register a webhook endpoint": (N, N, N, Y),
    "change a webhook endpoint's URL": (N, N, N, Y),
    "rotate a signing secret": (N, N, N, Y),
    "resume a paused webhook endpoint": (N, N, N, Y),
    "delete a webhook endpoint": (N, N, N, Y),
    "deliver a webhook again": (N, N, N, Y),
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, fake_dns):
    users = {
        "reviewer": make_user("alice", group="Reviewer"),
        "editor": make_user("bob", group="Editor"),
        "superuser": make_user("root", superuser=True),
    }
    erin = make_user("erin", group="Reviewer")
    carol = make_user("carol", group="Editor")
    free = ClaimFactory()
    owned = ClaimFactory(assignee=erin, status=Claim.Status.IN_REVIEW)
    dismissed = ClaimFactory(assignee=erin)
    services.claim_dismiss(claim=dismissed, reason="out_of_scope", by=erin)
    to_review = ClaimFactory()
    proposed = services.verdict_propose(
        claim=to_review, rating="false", explanation="Because.", by=erin
    )
    article = ArticleFactory(author="J. Doe", outlet="Daily Example", published_on=dt.date.today())
    published_claim = ClaimFactory(article=article)
    citation = services.citation_add(
        claim=published_claim, url="https://example.org/report", relation="refutes", by=erin
    )
    published = services.verdict_publish(
        verdict=services.verdict_propose(
            claim=published_claim, rating="false", explanation="No.", by=erin
        ),
        by=carol,
    )
    token, _secret = integration_services.api_token_create(name="CMS", scope="read_write")
    endpoint, _secret = integration_services.webhook_endpoint_create(
        name="CMS", url="https://hooks.example.org/a", events=["verdict.published"], token=token
    )
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        paused_until=timezone.now() + dt.timedelta(hours=1), pause_reason="Paused after 5."
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="verdict.published", payload={}, status="failed"
    )
    return {
        "users": users,
        "erin": erin,
        "free": free,
        "owned": owned,
        "dismissed": dismissed,
        "proposed": proposed,
        "published claim": published_claim,
        "published": published,
        "citation": citation,
        "article": article,
        "empty article": ArticleFactory(),
        "source": SourceFactory(),
        "token": token,
        "endpoint": endpoint,
        "delivery": delivery,
    }


def _state():
    return (
        list(
            Claim.objects.order_by("pk").values_list(
                "pk", "status", "assignee_id", "text", "dismissal_reason"
            )
        ),
        list(Citation.objects.order_by("pk").values_list("pk", "relation", "note")),
        list(Verdict.objects.order_by("pk").values_list("pk", "status")),
        list(Article.objects.order_by("pk").values_list("pk", "author", "outlet", "url")),
        list(Snapshot.objects.order_by("pk").values_list("pk", "status")),
        list(ApiToken.objects.order_by("pk").values_list("pk", "revoked_at")),
        list(
            WebhookEndpoint.objects.order_by("pk").values_list(
                "pk", "url", "secret", "paused_until"
            )
        ),
        list(WebhookDelivery.objects.order_by("pk").values_list("pk", "status")),
    )


def _page_data(page) -> dict:
    """The POST data of an admin change page as it stands: its form and its inlines."""
    data: dict = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = "" if value is None else str(value)

    add(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def _form(url: str, world) -> dict:
    """A change form's data as the superuser sees it (anonymous people see no form)."""
    root = Client()
    root.force_login(world["users"]["superuser"])
    return _page_data(root.get(url))


def _claim_url(claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def _workflow(client, claim, action, **data):
    return client.post(reverse("admin:claims_claim_workflow", args=[claim.pk, action]), data)


def _action(client, changelist: str, action: str, objects, **extra):
    return client.post(
        reverse(changelist),
        {"action": action, "_selected_action": [o.pk for o in objects], **extra},
    )


def _inline(data: dict, name: str) -> str:
    return next(key for key in data if key.endswith("-TOTAL_FORMS") and key.startswith(name))[
        : -len("-TOTAL_FORMS")
    ]


def _write(name: str, client, world, user):
    w = world
    if name == "take an unassigned claim":
        return _workflow(client, w["free"], "assign_me")
    if name == "take someone else's claim":
        return _workflow(client, w["owned"], "assign_me")
    if name == "unassign someone else's claim":
        return _workflow(client, w["owned"], "unassign")
    if name == "dismiss an unassigned claim":
        return _workflow(client, w["free"], "dismiss", reason="not_checkworthy", note="")
    if name == "dismiss someone else's claim":
        return _workflow(client, w["owned"], "dismiss", reason="not_checkworthy", note="")
    if name == "reopen someone else's dismissed claim":
        return _workflow(client, w["dismissed"], "reopen")
    if name == "publish someone else's verdict":
        return _workflow(client, w["proposed"].claim, "publish", verdict=w["proposed"].pk)
    if name == "publish one's own verdict":
        own = w["own verdict"]
        return _workflow(client, own.claim, "publish", verdict=own.pk)
    if name == "reject someone else's verdict":
        return _workflow(client, w["proposed"].claim, "reject", verdict=w["proposed"].pk)
    if name == "unpublish a published verdict":
        return _workflow(
            client, w["published claim"], "unpublish", verdict=w["published"].pk, reason="x"
        )
    claims_list = "admin:claims_claim_changelist"
    if name == "bulk: take someone else's claim":
        return _action(client, claims_list, "assign_to", [w["owned"]], assignee="")
    if name == "bulk: assign a claim to another person":
        return _action(client, claims_list, "assign_to", [w["free"]], assignee=w["erin"].pk)
    if name == "bulk: unassign someone else's claim":
        return _action(client, claims_list, "unassign", [w["owned"]])
    if name == "bulk: dismiss someone else's claim":
        return _action(client, claims_list, "dismiss_not_checkworthy", [w["owned"]])
    verdicts_list = "admin:claims_verdict_changelist"
    if name == "verdicts list: publish someone else's verdict":
        return _action(client, verdicts_list, "publish", [w["proposed"]])
    if name == "verdicts list: reject someone else's verdict":
        return _action(client, verdicts_list, "reject", [w["proposed"]])
    if name == "cite a source":
        url = _claim_url(w["free"])
        data = _form(url, w)
        prefix = _inline(data, "citations")
        data.update(
            {f"{prefix}-0-url": "https://example.org/new", f"{prefix}-0-relation": "supports"}
        )
        return client.post(url, data)
    if name == "propose a verdict":
        url = _claim_url(w["free"])
        data = _form(url, w)
        prefix = _inline(data, "verdicts")
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "1",
                f"{prefix}-0-rating": "false",
                f"{prefix}-0-explanation": "Because.",
                f"{prefix}-0-claim": str(w["free"].pk),
            }
        )
        return client.post(url, data)
    if name == "change a published claim's text":
        url = _claim_url(w["published claim"])
        data = _form(url, w)
        data.update(text="Reworded.", correction_note="a correction")
        return client.post(url, data)
    if name in ("remove a published verdict's citation", "change a published verdict's citation"):
        url = _claim_url(w["published claim"])
        data = _form(url, w)
        prefix = _inline(data, "citations")
        if name.startswith("remove"):
            data[f"{prefix}-0-DELETE"] = "on"
        else:
            data[f"{prefix}-0-relation"] = "supports"
        data["correction_note"] = "a correction"
        return client.post(url, data)
    if name == "add an article":
        return client.post(
            reverse("admin:claims_article_add"),
            {"title": "New", "body": "The plant costs 5 million euros.", "language": "en"},
        )
    if name == "change a published article's author":
        url = reverse("admin:claims_article_change", args=[w["article"].pk])
        data = _form(url, w)
        data.update(author="Someone Else", correction_note="a correction")
        return client.post(url, data)
    if name == "import claims":
        article = w["free"].article
        return client.post(
            reverse("admin:claims_article_import", args=[article.pk]),
            {"file": SimpleUploadedFile("c.csv", b"text\nThe minister said it was 'safe'.\n")},
        )
    if name == "delete an article":
        url = reverse("admin:claims_article_delete", args=[w["empty article"].pk])
        return client.post(url, {"post": "yes"})
    if name == "archive a source now":
        return _action(client, "admin:sources_source_changelist", "archive_now", [w["source"]])
    if name == "create an API token":
        return client.post(
            reverse("admin:integrations_apitoken_add"),
            {"name": "New", "scope": "read", "expires_at_0": "", "expires_at_1": ""},
        )
    if name == "revoke an API token":
        return _action(client, "admin:integrations_apitoken_changelist", "revoke", [w["token"]])
    endpoints = "admin:integrations_webhookendpoint_changelist"
    form = {"name": "N", "url": "https://hooks.example.org/b", "events": ["verdict.published"]}
    if name == "register a webhook endpoint":
        return client.post(reverse("admin:integrations_webhookendpoint_add"), form)
    if name == "change a webhook endpoint's URL":
        url = reverse("admin:integrations_webhookendpoint_change", args=[w["endpoint"].pk])
        return client.post(url, {**form, "is_active": "on"})
    if name == "rotate a signing secret":
        return _action(client, endpoints, "rotate_secret", [w["endpoint"]])
    if name == "resume a paused webhook endpoint":
        return _action(client, endpoints, "resume", [w["endpoint"]])
    if name == "delete a webhook endpoint":
        url = reverse("admin:integrations_webhookendpoint_delete", args=[w["endpoint"].pk])
        return client.post(url, {"post": "yes"})
    if name == "deliver a webhook again":
        return _action(
            client, "admin:integrations_webhookdelivery_changelist", "redeliver", [w["delivery"]]
        )
    raise AssertionError(f"no such write: {name}")


@pytest.mark.parametrize(
    ("write", "persona", "allowed"),
    [
        (write, persona, expected[i])
        for write, expected in ADMIN_MATRIX.items()
        for i, persona in enumerate(PERSONAS)
    ],
)
def test_admin_write_matrix(write, persona, allowed, world):
    client = Client()
    user = world["users"].get(persona)
    if user is not None:
        client.force_login(user)
    # The persona's own verdict (four eyes), written before the state is taken.
    world["own verdict"] = VerdictFactory(claim=ClaimFactory(), author=user or world["erin"])
    before = _state()
    response = _write(write, client, world, user)
    after = _state()
    assert response.status_code != 500
    if allowed:
        assert after != before, f"{persona} could not {write}"
        return
    assert after == before, f"{persona} could {write}: an unauthorised success"
    if user is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
        return
    # Refused with a normal answer: a 403, a form that says why, or a message saying why.
    assert response.status_code in (200, 302, 403), response.status_code
    if response.status_code == 302 and write in SAYS_WHY:
        said = [
            str(m)
            for m in response.wsgi_request._messages
            if m.level in (django_messages.ERROR, django_messages.WARNING)
        ]
        assert said, f"refused without a word: {write}"


#: the workflow buttons and list actions, refused by the services: the admin says why
SAYS_WHY = {
    write
    for write in ADMIN_MATRIX
    if write.startswith(("bulk:", "verdicts list:", "take", "unassign", "dismiss", "reopen"))
    or write.startswith(("publish", "reject", "unpublish"))
}


def test_the_matrix_covers_every_admin_action_of_the_workbench(world):
    """Each admin action of the apps appears in the matrix (a new action needs a row)."""
    from django.contrib import admin

    names = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("claims", "sources", "integrations"):
            continue
        for action in model_admin.actions or []:
            if isinstance(action, str) and action not in ("export_json", "export_csv"):
                names.add(f"{model._meta.model_name}.{action}")
    covered = {
        "claim.assign_to",
        "claim.unassign",
        "claim.dismiss_not_checkworthy",
        "claim.find_evidence_again",  # re-runs the evidence finder: no review decision
        "article.re_extract",  # the same: claims are re-extracted, review work kept
        "verdict.publish",
        "verdict.reject",
        "source.archive_now",
        "apitoken.revoke",
        "webhookendpoint.rotate_secret",
        "webhookendpoint.resume",
        "webhookdelivery.redeliver",
    }
    assert names <= covered, names - covered
