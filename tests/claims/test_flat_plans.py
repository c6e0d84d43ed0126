"""The admin's filters have indexes PostgreSQL can answer them from (issue 15): the kind
filter's grouped list, the "awaiting approval" queues ("not mine" read from the index), a
rare search word (the trigram indexes of each searched column, or-ed)."""

import pytest
from django.db import connection

from claims.models import Claim
from claims.selectors import claims_awaiting_approval, claims_search
from tests.conftest import IN_CI
from tests.factories import ArticleFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def claims():
    """20,000 claims of every kind, a tenth awaiting approval, with fresh planner statistics:
    enough for the planner to choose between indexes by what they hold (one INSERT)."""
    if connection.vendor != "postgresql":
        assert not IN_CI, "CI runs on PostgreSQL"
        pytest.skip("the plans and indexes are PostgreSQL's")
    author = make_user("author-plans")
    article = ArticleFactory(title="Nothing to see", body="x" * 100)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO claims_claim (article_id, text, span_text, start, "end", position, kind,
                checkworthiness, details, status, extractor, dismissal_reason, dismissal_note,
                current_rating, awaiting_approval, proposed_by_id, created_at, updated_at)
            SELECT %(article)s, 'Claim ' || n || ' says ' || (n * 7919 %% 10007) || ' '
                    || (%(words)s::text[])[n %% 7 + 1],
                (%(words)s::text[])[n * 3 %% 7 + 1] || ' ' || n, n, n + 1, n,
                (%(kinds)s::text[])[n %% %(nkinds)s + 1], (n * 37 %% 100) / 100.0, '{}',
                'new', '', '', '', '', n %% 10 = 0,
                CASE WHEN n %% 20 = 0 THEN %(author)s END, now(), now()
            FROM generate_series(0, 19999) AS n
            """,
            {
                "article": article.pk,
                "author": author.pk,
                "words": ["plant", "reactor", "megawatts", "budget", "council", "wages", "deal"],
                "kinds": list(Claim.Kind.values),
                "nkinds": len(Claim.Kind.values),
            },
        )
        # as autovacuum would: the GIN indexes' pending entries merged, statistics fresh
        cursor.execute(
            "SELECT gin_clean_pending_list(indexname::regclass) FROM pg_indexes "
            "WHERE tablename = 'claims_claim' AND indexdef LIKE '%% USING gin %%'"
        )
        cursor.execute("ANALYZE claims_claim")


def _plan(queryset) -> str:
    """The plan of the capped count's inner query (what the admin runs), seq scans off: the
    index the planner takes when a table is big enough to need one."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.order_by().values("pk")[:10_001].explain()


def _grouped():
    return Claim.objects.filter(near_copy_of__isnull=True)


def test_the_kind_filter_reads_an_index_of_its_own():
    # Here no claim is a near copy, so the grouped list's partial index (claim_kind_leaders),
    # the full one (claim_kind_order) and the API's (claim_kind_id) hold the same rows and
    # tie on cost for this count: the planner takes any of the three (each seen in CI). On
    # real data the partial one is the smaller; bench/admin.py measures what it saves.
    plan = _plan(_grouped().filter(kind=Claim.Kind.QUANTITY))
    assert any(name in plan for name in KIND_INDEXES), plan
    assert "Index Cond: ((kind)::text = 'quantity'::text)" in plan, plan
    assert "Seq Scan" not in plan, plan


KIND_INDEXES = ("claim_kind_leaders", "claim_kind_order", "claim_kind_id")


def test_the_awaiting_queues_read_a_partial_index_that_holds_proposed_by():
    # either partial index, as for the kind filter: with no near copies here they tie on cost
    alice = make_user("alice-plans")
    plan = _plan(claims_awaiting_approval(_grouped()))
    assert "claim_awaiting_leaders" in plan or "claim_awaiting_order" in plan, plan
    plan = _plan(claims_awaiting_approval(_grouped(), excluding_author=alice))
    assert "claim_awaiting_leaders" in plan or "claim_awaiting_order" in plan, plan
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'claim_awaiting_%%'"
        )
        definitions = dict(cursor.fetchall())
    assert set(definitions) == {"claim_awaiting_order", "claim_awaiting_leaders"}
    assert all("proposed_by_id" in d for d in definitions.values())  # "not mine" from the index


def test_a_rare_search_word_is_read_from_the_trigram_indexes():
    plan = _plan(claims_search(_grouped(), "zzqx"))
    assert "claims_claim_text_trgm" in plan, plan
    assert "claims_claim_span_text_trgm" in plan, plan
