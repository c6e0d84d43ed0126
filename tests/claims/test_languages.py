# ruff: noqa: RUF001 -- Russian text, on purpose
"""Articles in any language (issue 16): detected at extraction, overridable by a reviewer,
shown and filtered in the API, and compared like with like (evidence, "seen before")."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims import services
from claims.models import Article
from claims.passages import find_passages
from claims.selectors import claims_similar

pytestmark = pytest.mark.django_db

RUSSIAN = (
    "Президент России Владимир Путин провёл переговоры с главой военной администрации "
    "Мьянмы Мин Аун Хлайном в Москве. Россия построит в Мьянме атомную электростанцию "
    "мощностью 110 мегаватт. Мин Аун Хлайн назвал Путина «королём»."
)
ENGLISH = (
    "Russia will build a nuclear power plant of 110 megawatts in Myanmar, officials said. "
    "The two leaders met in Moscow on Tuesday."
)


def _extracted(body: str, django_capture_on_commit_callbacks, **fields) -> Article:
    with django_capture_on_commit_callbacks():
        article = services.article_create(title="", body=body, **fields)
    services.article_extract(article_id=article.pk)
    article.refresh_from_db()
    return article


def test_the_language_is_detected_and_each_sentence_is_a_claim(
    django_capture_on_commit_callbacks,
):
    article = _extracted(RUSSIAN, django_capture_on_commit_callbacks)
    assert article.language == "ru"
    assert not article.language_by_reviewer
    claims = list(article.claims.order_by("position"))
    assert [c.kind for c in claims] == ["event", "quantity", "quote"]
    assert claims[1].details["numbers"][0]["value"] == 110
    assert claims[1].details["numbers"][0]["unit"] == "MW"
    assert claims[2].details["quotes"][0]["speaker"] == "Мин Аун Хлайн"


def test_a_reviewers_language_is_kept_and_used(django_capture_on_commit_callbacks):
    article = _extracted(ENGLISH, django_capture_on_commit_callbacks, language="ES")
    assert article.language == "es" and article.language_by_reviewer
    # read as Spanish (sentence tier), not as English by detection
    assert all(c.details.get("language") == "es" for c in article.claims.all())


def test_changing_the_language_re_extracts(django_capture_on_commit_callbacks):
    article = _extracted(ENGLISH, django_capture_on_commit_callbacks)
    assert article.language == "en"
    article.language, article.language_by_reviewer = "ru", True
    with django_capture_on_commit_callbacks() as callbacks:
        services.article_save(article=article, body=article.body, language_changed=True)
    assert len(callbacks) == 1  # extraction queued again
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.PENDING


def test_the_api_shows_and_filters_the_language(django_capture_on_commit_callbacks, alice):
    russian = _extracted(RUSSIAN, django_capture_on_commit_callbacks)
    english = _extracted(ENGLISH, django_capture_on_commit_callbacks)
    client = APIClient()
    client.force_authenticate(alice)
    rows = client.get("/api/v1/claims", {"language": "ru"}).json()["results"]
    assert rows and {r["article"] for r in rows} == {russian.pk}
    assert {r["language"] for r in rows} == {"ru"}
    articles = client.get("/api/v1/articles", {"language": "en"}).json()["results"]
    assert [a["id"] for a in articles] == [english.pk]


def test_seen_before_compares_claims_of_the_same_language(django_capture_on_commit_callbacks):
    first = _extracted(ENGLISH, django_capture_on_commit_callbacks)
    again = {"allow_duplicate": True}  # the same text as another article, on purpose
    second = _extracted(ENGLISH + " ", django_capture_on_commit_callbacks, **again)
    other = _extracted(ENGLISH + "  ", django_capture_on_commit_callbacks, language="fr", **again)
    claim = first.claims.order_by("position").first()
    similar = {s.claim.article_id for s in claims_similar(claim)}
    assert second.pk in similar
    assert other.pk not in similar


def test_a_source_in_another_language_is_matched_by_numbers_not_words() -> None:
    source = "Some words about Moscow. Россия построит станцию мощностью 110 мегаватт."
    claim = "Russia will build a plant of 110 megawatts in Moscow."
    by_numbers = find_passages(source, claim, words=False)
    assert by_numbers and "110" in by_numbers[0].text
    assert all("Moscow" not in p.matched_terms or "110" in p.text for p in by_numbers)
