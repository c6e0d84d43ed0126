import io

import pytest
from django.core.management import CommandError, call_command

from claims.extraction import EXTRACTOR_VERSION
from claims.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_outdated_articles_are_queued_again(django_capture_on_commit_callbacks):
    old = ArticleFactory(extraction_status="done", extractor="rules-0.9")
    ArticleFactory(extraction_status="done", extractor=EXTRACTOR_VERSION)
    out = io.StringIO()
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("reextract_claims", "--outdated", stdout=out)
    assert "queued for 1 article" in out.getvalue()
    assert len(callbacks) == 1
    assert Article.objects.get(pk=old.pk).extraction_status == "pending"


def test_nothing_chosen_is_an_error():
    with pytest.raises(CommandError, match="--outdated"):
        call_command("reextract_claims", stdout=io.StringIO())
