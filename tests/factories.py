"""factory-boy factories and persona helpers."""

import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from claims.models import Article, Claim, Verdict
from claims.roles import ensure_roles
from claims.services import claims_verdict_columns_refresh
from sources.models import Snapshot, Source

PASSWORD = "correct horse battery staple"


def make_user(username: str, *, group: str | None = None, superuser: bool = False):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, is_superuser=superuser
    )
    if group:
        ensure_roles(Group, Permission)  # transactional tests flush the migration's groups
        user.groups.add(Group.objects.get(name=group))
    return user


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = "The plant could expand to 300 megawatts. The minister said it was 'safe'."
    body_sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.body.encode()).hexdigest())


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda o: o.article.body.find(".") + 1 or len(o.article.body))
    span_text = factory.LazyAttribute(lambda o: o.article.body[o.start : o.end])
    text = factory.LazyAttribute(lambda o: o.span_text)
    position = factory.Sequence(lambda n: n)
    kind = Claim.Kind.QUANTITY


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example.org/story/{n}")
    domain = "news.example.org"


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    source = factory.SubFactory(SourceFactory)
    status = Snapshot.Status.QUEUED
    text = ""
    # a succeeded snapshot made here has had its text step (pending only while it is queued)
    text_status = factory.LazyAttribute(
        lambda o: (
            (Snapshot.TextStatus.DONE if o.text.strip() else Snapshot.TextStatus.NO_TEXT)
            if o.status == Snapshot.Status.SUCCEEDED
            else Snapshot.TextStatus.PENDING
            if o.status in Snapshot.ACTIVE_STATUSES
            else Snapshot.TextStatus.NONE
        )
    )


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = Verdict.Rating.MISLEADING
    explanation = "The agreement describes a 110 MW reactor, expandable to 330 MW."
    author = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Written around the services, so the claim's verdict columns are written as the
        services write them (``check_denormalised`` would otherwise call it drift)."""
        verdict = super()._create(model_class, *args, **kwargs)
        claims_verdict_columns_refresh(claim_ids=[verdict.claim_id])
        return verdict
