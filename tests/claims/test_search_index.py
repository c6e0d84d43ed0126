"""The API's full-text search can use its GIN index on PostgreSQL."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection

from claims.models import Claim
from tests.conftest import IN_CI

pytestmark = pytest.mark.django_db


def test_full_text_search_uses_the_gin_index():
    if connection.vendor != "postgresql":
        assert not IN_CI, "CI runs on PostgreSQL"
        pytest.skip("the index exists on PostgreSQL only")
    queryset = Claim.objects.annotate(search_vector=SearchVector("text", config="english")).filter(
        search_vector=SearchQuery("plant", config="english", search_type="websearch")
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "claims_claim_text_fts" in plan
