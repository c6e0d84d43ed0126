"""No webhook query when no endpoint subscribes (issue 15): the answer is cached in Redis under
a generation that every endpoint save or delete bumps, now and again after its commit."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection, transaction

from integrations import selectors, services
from integrations.models import WebhookEndpoint

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="the cache lives in Redis (REDIS_URL)"),
]

EVENT = WebhookEndpoint.Event.SNAPSHOT_FINISHED
PAYLOAD = {"snapshot": {"id": 1}, "source": {"id": 1, "url": "https://example.org/"}}


def _create(**fields):
    endpoint, _secret = services.webhook_endpoint_create(
        name="CMS", url="https://hooks.example.org/a", events=[EVENT], **fields
    )
    return endpoint


def test_no_query_while_nobody_subscribes_and_a_new_endpoint_is_seen_at_once(
    django_assert_num_queries, fake_dns
):
    assert services.webhook_emit(event=EVENT, payload=PAYLOAD) == []  # asks once, caches
    with django_assert_num_queries(0):
        assert services.webhook_emit(event=EVENT, payload=PAYLOAD) == []

    endpoint = _create()
    deliveries = services.webhook_emit(event=EVENT, payload=PAYLOAD)
    assert [d.endpoint_id for d in deliveries] == [endpoint.pk]

    services.webhook_endpoint_delete(endpoint=endpoint)
    assert services.webhook_emit(event=EVENT, payload=PAYLOAD) == []
    with django_assert_num_queries(0):
        assert services.webhook_emit(event=EVENT, payload=PAYLOAD) == []


def test_an_answer_computed_before_the_endpoint_committed_is_not_kept(fake_dns):
    """Another worker asks while the endpoint's transaction is still open: it sees no
    endpoint and caches "no"; the commit's second bump makes that answer unreachable."""
    assert selectors.webhook_event_has_subscribers(event=EVENT) is False
    seen: list[bool] = []

    def other_worker() -> None:
        try:
            seen.append(selectors.webhook_event_has_subscribers(event=EVENT))
        finally:
            connection.close()

    with transaction.atomic():
        _create()
        thread = threading.Thread(target=other_worker)
        thread.start()
        thread.join()
    assert seen == [False]  # the uncommitted endpoint was invisible to it
    assert selectors.webhook_event_has_subscribers(event=EVENT) is True


def test_an_inactive_endpoint_subscribes_to_nothing(fake_dns, django_assert_num_queries):
    endpoint = _create()
    assert selectors.webhook_event_has_subscribers(event=EVENT) is True
    services.webhook_endpoint_update(
        endpoint=endpoint, name="CMS", url=endpoint.url, events=[EVENT], is_active=False
    )
    assert selectors.webhook_event_has_subscribers(event=EVENT) is False
    with django_assert_num_queries(0):
        assert selectors.webhook_event_has_subscribers(event=EVENT) is False
