"""A webhook through the real `celery worker`: publishing commits, the worker POSTs, the
receiver fails (501), and the worker records the attempt and schedules a retry."""

import pytest

from integrations import services
from integrations.models import WebhookDelivery
from tests.conftest import wait_for
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_delivers_and_schedules_a_retry(
    celery_worker, page_server, settings, bob_client, carol
):
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{page_server.port}"]
    # The page server answers GET only: a POST gets 501, a server error worth retrying.
    services.webhook_endpoint_create(
        name="Newsroom", url=page_server.url("/hooks/workbench"), events=["verdict.published"]
    )
    verdict = VerdictFactory(claim=ClaimFactory(), author=carol)
    assert bob_client.post(f"/api/v1/verdicts/{verdict.pk}/publish").status_code == 200
    delivery = wait_for(
        lambda: WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.RETRYING, response_status=501
        ).first()
    )
    assert delivery.event == "verdict.published"
    assert delivery.attempts == 1
    assert delivery.next_attempt_at is not None and delivery.last_attempt_at is not None
    assert delivery.next_attempt_at > delivery.last_attempt_at
