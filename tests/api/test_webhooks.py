"""Webhooks: signed POSTs to a real local HTTP server, retries with backoff on 5xx."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery.exceptions import Retry

from claims.models import Verdict
from integrations import services, tasks
from integrations.models import WebhookDelivery, WebhookEndpoint
from sources import services as source_services
from tests.factories import ClaimFactory, SnapshotFactory, SourceFactory, VerdictFactory
from workbench.errors import DomainError

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP server on 127.0.0.1 recording POSTs and answering ``status``."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.status = 204
        self.delay = 0.0  # seconds before answering
        self.in_flight = self.max_in_flight = 0
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append((dict(self.headers.items()), body))
                with lock:
                    receiver.in_flight += 1
                    receiver.max_in_flight = max(receiver.max_in_flight, receiver.in_flight)
                time.sleep(receiver.delay)
                with lock:
                    receiver.in_flight -= 1
                answer = b"ok" if receiver.status < 400 else b"broken"
                self.send_response(receiver.status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/workbench"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver(settings):
    server = Receiver()
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{server.port}"]
    yield server
    server.close()


@pytest.fixture
def enqueued(monkeypatch):
    """Deliveries enqueued after commit (the broker is not part of these tests)."""
    ids: list[int] = []
    monkeypatch.setattr(tasks.deliver_webhook, "delay_on_commit", ids.append)
    return ids


@pytest.fixture
def endpoint(receiver):
    endpoint, secret = services.webhook_endpoint_create(
        name="Newsroom", url=receiver.url, events=["verdict.published", "snapshot.finished"]
    )
    assert secret == endpoint.secret
    return endpoint


def test_publishing_a_verdict_delivers_a_signed_event(
    endpoint, receiver, enqueued, bob_client, carol, django_capture_on_commit_callbacks
):
    verdict = VerdictFactory(claim=ClaimFactory(), author=carol, rating=Verdict.Rating.FALSE)
    with django_capture_on_commit_callbacks(execute=True):
        assert bob_client.post(f"/api/v1/verdicts/{verdict.pk}/publish").status_code == 200
    (delivery,) = WebhookDelivery.objects.all()
    assert enqueued == [delivery.pk]
    assert delivery.event == "verdict.published"

    services.webhook_deliver(delivery_id=delivery.pk)

    ((headers, body),) = receiver.requests
    assert headers["X-Workbench-Event"] == "verdict.published"
    assert headers["X-Workbench-Delivery"] == str(delivery.pk)
    assert headers["Content-Type"] == "application/json"
    signature = headers["X-Workbench-Signature"]
    assert signature.startswith("t=") and ",v1=" in signature
    assert services.webhook_signature_verify(endpoint.secret, signature, body)
    assert not services.webhook_signature_verify("whsec_wrong", signature, body)
    assert not services.webhook_signature_verify(endpoint.secret, signature, body + b" ")
    event = json.loads(body)
    assert event["event"] == "verdict.published"
    assert event["data"]["verdict"]["id"] == verdict.pk
    assert event["data"]["verdict"]["rating"] == "false"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert (delivery.response_status, delivery.attempts) == (204, 1)
    assert delivery.delivered_at is not None


def test_signature_is_hmac_of_timestamp_dot_body():
    import hashlib
    import hmac

    header = services.webhook_signature_header("s3cret", 1700000000, b'{"a":1}')
    expected = hmac.new(b"s3cret", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={expected}"
    assert not services.webhook_signature_verify("s3cret", header, b'{"a":1}')  # too old
    assert services.webhook_signature_verify("s3cret", header, b'{"a":1}', now=1700000060)


def test_a_500_schedules_a_retry_with_backoff(endpoint, receiver, enqueued, monkeypatch):
    receiver.status = 500
    (delivery,) = services.webhook_emit(event="verdict.published", payload={"x": 1})
    scheduled = []

    def fake_retry(*, exc, countdown):
        scheduled.append(countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(tasks.deliver_webhook, "retry", fake_retry)
    with pytest.raises(Retry):
        tasks.deliver_webhook(delivery.pk)
    assert len(receiver.requests) == 1
    (countdown,) = scheduled
    assert 5 <= countdown <= 10  # first retry: 10 s with jitter
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert (delivery.response_status, delivery.attempts) == (500, 1)
    assert delivery.response_body == "broken"
    assert delivery.next_attempt_at is not None

    receiver.status = 200  # the retry succeeds
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.SUCCEEDED, 2)


def test_backoff_grows_exponentially():
    assert [tasks.retry_countdown(n) <= 10 * 2**n for n in range(6)] == [True] * 6
    assert tasks.retry_countdown(3) >= 40
    assert tasks.retry_countdown(20) <= 3600
    assert tasks.retry_countdown(0, retry_after=120) == 120


def test_a_4xx_fails_for_good(endpoint, receiver, enqueued):
    receiver.status = 410
    (delivery,) = services.webhook_emit(event="verdict.published", payload={})
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == (WebhookDelivery.Status.FAILED, 410)


def test_private_addresses_are_refused_by_the_fetch_policy(settings, enqueued):
    settings.FETCH_ALLOWED_HOSTPORTS = []
    endpoint = WebhookEndpoint.objects.create(
        name="Inside", url="http://127.0.0.1:9/hook", events=["verdict.published"], secret="s"
    )
    (delivery,) = services.webhook_emit(event="verdict.published", payload={})
    assert delivery.endpoint == endpoint
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "not allowed" in delivery.error or "internal" in delivery.error


def test_redelivered_task_does_not_send_twice(endpoint, receiver, enqueued):
    (delivery,) = services.webhook_emit(event="verdict.published", payload={})
    tasks.deliver_webhook(delivery.pk)
    tasks.deliver_webhook(delivery.pk)
    assert len(receiver.requests) == 1


def test_finished_snapshot_emits_snapshot_finished(
    endpoint, receiver, enqueued, page_server, settings, django_capture_on_commit_callbacks
):
    settings.FETCH_ALLOWED_HOSTPORTS = [
        f"127.0.0.1:{page_server.port}",
        f"127.0.0.1:{receiver.port}",
    ]
    url = page_server.add("/webhook-source.html", "<html><p>It costs 5 million.</p></html>")
    snapshot = SnapshotFactory(source=SourceFactory(url=url, domain="127.0.0.1"))
    with django_capture_on_commit_callbacks(execute=True):
        source_services.snapshot_capture(snapshot_id=snapshot.pk)
    (delivery,) = WebhookDelivery.objects.filter(event="snapshot.finished")
    assert delivery.payload["snapshot"]["id"] == snapshot.pk
    assert delivery.payload["snapshot"]["status"] == "succeeded"
    services.webhook_deliver(delivery_id=delivery.pk)
    assert json.loads(receiver.requests[0][1])["event"] == "snapshot.finished"


def test_endpoints_only_get_the_events_they_chose(receiver, enqueued):
    services.webhook_endpoint_create(name="A", url=receiver.url, events=["snapshot.finished"])
    assert services.webhook_emit(event="verdict.published", payload={}) == []
    with pytest.raises(Exception, match="Choose events"):
        services.webhook_endpoint_create(name="B", url=receiver.url, events=["verdict.deleted"])


def test_requeue_stuck_deliveries(endpoint, enqueued):
    from datetime import timedelta

    from django.utils import timezone

    (delivery,) = services.webhook_emit(event="verdict.published", payload={})
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.SENDING,
        next_attempt_at=timezone.now() - timedelta(hours=1),
    )
    enqueued.clear()
    assert services.webhook_deliveries_requeue_stuck() == [delivery.pk]
    assert enqueued == [delivery.pk]


def test_integration_registers_its_own_endpoint_over_the_api(rw_client, rw_token, read_client):
    response = rw_client.post(
        "/api/v1/webhooks",
        {
            "name": "CMS",
            "url": "https://hooks.example.org/workbench",
            "events": ["verdict.published", "verdict.published"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["secret"].startswith("whsec_")
    assert created["events"] == ["verdict.published"]
    endpoint = WebhookEndpoint.objects.get(pk=created["id"])
    assert endpoint.token == rw_token[1] and endpoint.secret == created["secret"]
    listed = rw_client.get("/api/v1/webhooks").json()["results"]
    assert [e["id"] for e in listed] == [endpoint.pk]
    assert "secret" not in listed[0]
    # another integration sees nothing of it
    assert read_client.get("/api/v1/webhooks").json()["results"] == []
    assert read_client.get(f"/api/v1/webhooks/{endpoint.pk}").status_code == 404


def test_api_refuses_ports_the_fetch_policy_refuses(rw_client):
    response = rw_client.post(
        "/api/v1/webhooks",
        {"name": "CMS", "url": "https://hooks.example.org:22/x", "events": ["verdict.published"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "pointer": "#/url",
        "detail": "Enter an http:// or https:// URL on port 80, 443, 8080, 8443.",
        "code": "invalid_url",
    }


def test_delivery_log_over_the_api(rw_client, rw_token, receiver, enqueued):
    endpoint, _secret = services.webhook_endpoint_create(
        name="CMS", url=receiver.url, events=["verdict.published"], token=rw_token[1]
    )
    (delivery,) = services.webhook_emit(event="verdict.published", payload={"x": 1})
    tasks.deliver_webhook(delivery.pk)
    log = rw_client.get(f"/api/v1/webhooks/{endpoint.pk}/deliveries").json()["results"]
    assert [(d["id"], d["status"], d["response_status"]) for d in log] == [
        (delivery.pk, "succeeded", 204)
    ]


def test_revoked_tokens_endpoints_receive_nothing(rw_token, receiver, enqueued):
    services.webhook_endpoint_create(
        name="CMS", url=receiver.url, events=["verdict.published"], token=rw_token[1]
    )
    services.api_token_revoke(token=rw_token[1])
    assert services.webhook_emit(event="verdict.published", payload={}) == []


def test_payload_links_are_absolute_with_a_base_url(settings):
    from integrations.services import absolute_url

    assert absolute_url("/api/v1/claims/1") == "/api/v1/claims/1"
    settings.WORKBENCH_BASE_URL = "https://workbench.example.org/"
    assert absolute_url("/api/v1/claims/1") == "https://workbench.example.org/api/v1/claims/1"


# The URL policy at registration (issue 12, item 6) -------------------------------------------

INTERNAL_WEBHOOK_URLS = [
    "http://127.0.0.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/hook",
    "http://2130706433/hook",
    "http://0/hook",
    "http://0.0.0.0/hook",
    "http://127.1/hook",
    "http://0x7f.1/hook",
    "http://017700000001/hook",
    "http://192.168.1.1/hook",
    "http://172.16.0.1/hook",
    "http://100.64.0.1/hook",
    "http://224.0.0.1/hook",
    "http://internal.test/hook",  # a name resolving to 10.0.0.5
    "http://localhost/hook",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://hooks.example.org:22/hook",
    "ftp://hooks.example.org/hook",
    "http://user:pass@hooks.example.org/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[fd00::1]/hook",
    "http://nowhere.invalid/hook",  # does not resolve
]


@pytest.mark.parametrize("url", INTERNAL_WEBHOOK_URLS)
def test_registration_refuses_what_delivery_would_refuse(url, rw_client, fake_dns):
    fake_dns["internal.test"] = "10.0.0.5"
    response = rw_client.post(
        "/api/v1/webhooks", {"name": "CMS", "url": url, "events": ["verdict.published"]}
    )
    assert response.status_code == 400, response.content
    problem = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert problem["code"] in ("bad_url", "validation_error")
    assert "10.0.0.5" not in response.content.decode()  # the reason, not the address
    assert not WebhookEndpoint.objects.exists()
    # The service itself refuses it too (the admin and any other caller).
    with pytest.raises(DomainError):
        services.webhook_endpoint_create(name="CMS", url=url, events=["verdict.published"])


def test_registration_says_why_in_plain_words(rw_client, fake_dns):
    fake_dns["internal.test"] = "10.0.0.5"
    response = rw_client.post(
        "/api/v1/webhooks",
        {"name": "CMS", "url": "http://internal.test/hook", "events": ["verdict.published"]},
    )
    assert response.json()["detail"] == (
        "This URL cannot receive webhooks: its host resolves to a non-public address."
    )
    assert response.json()["code"] == "bad_url"


def test_admin_form_refuses_an_internal_webhook_url(client, fake_dns):
    from tests.factories import make_user

    fake_dns["internal.test"] = "10.0.0.5"
    client.force_login(make_user("root", superuser=True))
    response = client.post(
        "/admin/integrations/webhookendpoint/add/",
        {"name": "N", "url": "http://internal.test/x", "events": ["verdict.published"]},
    )
    assert response.status_code == 200
    assert "resolves to a non-public address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


# Fan-out cannot stall the workers (issue 12, item 3) ------------------------------------------


def _register(client, n):
    return client.post(
        "/api/v1/webhooks",
        {
            "name": f"CMS {n}",
            "url": f"https://hooks.example.org/{n}",
            "events": ["verdict.published"],
        },
    )


def test_an_integration_registers_at_most_ten_endpoints(rw_client, rw_token, read_token):
    for n in range(10):
        assert _register(rw_client, n).status_code == 201
    refused = _register(rw_client, 10)
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "too_many_endpoints"
    assert "at most 10" in refused.json()["detail"]
    assert WebhookEndpoint.objects.count() == 10
    # Another token of the same integration shares its allowance.
    same, _secret = services.api_token_create(name="CMS importer", scope="read_write")
    with pytest.raises(DomainError, match="at most 10"):
        services.webhook_endpoint_create(
            name="x", url="https://hooks.example.org/x", events=["verdict.published"], token=same
        )
    # Deleting one makes room again.
    first = WebhookEndpoint.objects.order_by("id").first()
    assert rw_client.delete(f"/api/v1/webhooks/{first.pk}").status_code == 204
    assert _register(rw_client, 11).status_code == 201


def test_the_endpoint_cap_is_configurable(rw_client, settings):
    settings.WEBHOOK_MAX_ENDPOINTS = 2
    assert [_register(rw_client, n).status_code for n in range(3)] == [201, 201, 409]


def test_a_slow_receiver_holds_a_delivery_for_seconds_only(endpoint, receiver, enqueued):
    receiver.delay = 8  # answers after 8 s: longer than a delivery may wait
    (delivery,) = services.webhook_emit(event="verdict.published", payload={})
    started = time.monotonic()
    with pytest.raises(services.TransientDeliveryError):
        services.webhook_deliver(delivery_id=delivery.pk)
    assert time.monotonic() - started < 6.5
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert "timeout" in delivery.error.lower() or "timed out" in delivery.error.lower()


@pytest.mark.django_db(transaction=True)
def test_one_delivery_at_a_time_per_endpoint(endpoint, receiver, enqueued):
    from django.db import connection

    receiver.delay = 1
    deliveries = [
        services.webhook_emit(event="verdict.published", payload={"n": n})[0] for n in range(3)
    ]
    enqueued.clear()
    outcomes = {}

    def deliver(delivery_id):
        try:
            outcomes[delivery_id] = services.webhook_deliver(delivery_id=delivery_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=(d.pk,)) for d in deliveries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert receiver.max_in_flight == 1
    sent = [pk for pk, outcome in outcomes.items() if outcome is not None]
    assert len(sent) == 1 and len(receiver.requests) == 1
    # The one that was sent handed over to the next waiting delivery; each hands over in turn.
    while enqueued:
        services.webhook_deliver(delivery_id=enqueued.pop(0))
    assert receiver.max_in_flight == 1
    statuses = set(WebhookDelivery.objects.values_list("status", flat=True))
    assert statuses == {WebhookDelivery.Status.SUCCEEDED}
    assert len(receiver.requests) == 3


def test_circuit_breaker_pauses_a_failing_endpoint_and_says_so(
    endpoint, receiver, enqueued, settings, client
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_user

    settings.WEBHOOK_BREAKER_FAILURES = 3
    receiver.status = 500
    for _ in range(3):
        (delivery,) = services.webhook_emit(event="verdict.published", payload={})
        with pytest.raises(services.TransientDeliveryError):
            services.webhook_deliver(delivery_id=delivery.pk)
    endpoint.refresh_from_db()
    assert endpoint.is_paused() and endpoint.consecutive_failures == 3
    assert "Paused after 3 failed deliveries in a row" in endpoint.pause_reason

    # While paused nothing is sent: the delivery waits for the pause to end.
    (waiting,) = services.webhook_emit(event="verdict.published", payload={})
    assert services.webhook_deliver(delivery_id=waiting.pk) is None
    assert len(receiver.requests) == 3
    waiting.refresh_from_db()
    assert waiting.status == WebhookDelivery.Status.PENDING and waiting.attempts == 0
    assert waiting.next_attempt_at == endpoint.paused_until

    # The admin says so, and the integration sees it.
    client.force_login(make_user("root", superuser=True))
    page = client.get("/admin/integrations/webhookendpoint/").content.decode()
    assert "Paused after 3 failed deliveries in a row" in page

    # When the pause ends the beat sweep wakes the endpoint; one delivery tries again.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        paused_until=timezone.now() - timedelta(seconds=1)
    )
    WebhookDelivery.objects.filter(pk=waiting.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    enqueued.clear()
    services.webhook_deliveries_requeue_stuck()
    assert waiting.pk in enqueued
    with pytest.raises(services.TransientDeliveryError):
        services.webhook_deliver(delivery_id=waiting.pk)  # still failing: paused again, longer
    endpoint.refresh_from_db()
    assert endpoint.is_paused() and endpoint.consecutive_failures == 4

    # Resuming by hand ends the pause; a delivery that goes through closes the breaker.
    (later,) = services.webhook_emit(event="verdict.published", payload={})
    assert services.webhook_deliver(delivery_id=later.pk) is None
    enqueued.clear()
    client.post(
        "/admin/integrations/webhookendpoint/",
        {"action": "resume", "_selected_action": [endpoint.pk]},
    )
    assert enqueued, "resuming enqueues the waiting deliveries"
    receiver.status = 204
    services.webhook_deliver(delivery_id=later.pk)
    endpoint.refresh_from_db()
    assert (endpoint.consecutive_failures, endpoint.paused_until) == (0, None)
