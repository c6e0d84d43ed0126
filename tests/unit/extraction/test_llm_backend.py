"""The LLM backend against a fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from claims.extraction.backends import llm, rules

TEXT = (
    "The mayor opened the new bridge on Friday, it cost 40 million dollars. "
    'Residents called it "a triumph".'
)


class FakeChatServer(ThreadingHTTPServer):
    """Answers /v1/chat/completions with `reply` (content), or per `mode`."""

    daemon_threads = True
    mode = "ok"  # ok | error | slow | garbage
    reply: Any = None
    requests: list[dict[str, Any]]


class Handler(BaseHTTPRequestHandler):
    server: FakeChatServer

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        mode = self.server.mode
        if mode == "slow":
            time.sleep(1.5)
        if mode == "error":
            self._send(500, b'{"error": "boom"}')
            return
        content = "not json at all" if mode == "garbage" else json.dumps(self.server.reply)
        payload = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
        }
        self._send(200, json.dumps(payload).encode())

    def _send(self, status: int, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)  # the client may have timed out


@pytest.fixture
def server() -> Iterator[FakeChatServer]:
    srv = FakeChatServer(("127.0.0.1", 0), Handler)
    srv.requests = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _config(srv: FakeChatServer, timeout: float = 5.0) -> llm.LLMConfig:
    host, port = srv.server_address[:2]
    return llm.LLMConfig(
        url=f"http://{host}:{port}", model="fake-model", api_key="k", timeout=timeout
    )


def test_anchored_claims_are_kept_and_hallucinations_dropped(server: FakeChatServer) -> None:
    server.reply = {
        "claims": [
            {
                "claim": "The mayor opened the new bridge on Friday.",
                "evidence": "The mayor opened the new bridge on Friday",
                "kind": "event",
            },
            {
                "claim": "The bridge cost 40 million dollars.",
                "evidence": "it  cost 40 million dollars",
                "kind": "quantity",
            },
            {"claim": "The bridge collapsed.", "evidence": "the bridge collapsed", "kind": "event"},
        ]
    }
    claims = llm.extract(TEXT, _config(server))
    assert [c.text for c in claims] == [
        "The mayor opened the new bridge on Friday.",
        "The bridge cost 40 million dollars.",
    ]
    assert TEXT[slice(*claims[0].spans[0])] == "The mayor opened the new bridge on Friday"
    assert claims[1].details["numbers"][0]["value"] == 40_000_000
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "fake-model"
    assert request["body"]["messages"][-1] == {"role": "user", "content": TEXT}
    assert request["auth"] == "Bearer k"


@pytest.mark.parametrize("mode", ["error", "garbage", "slow"])
def test_failures_fall_back_to_rules(
    server: FakeChatServer, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    server.mode = mode
    claims = llm.extract(TEXT, _config(server, timeout=0.5))
    assert claims == rules.extract(TEXT)
    assert "falling back" in caplog.text or "using the rules extractor" in caplog.text


def test_connection_refused_falls_back() -> None:
    config = llm.LLMConfig(url="http://127.0.0.1:9", model="m", timeout=0.5)
    assert llm.extract(TEXT, config) == rules.extract(TEXT)


def test_endpoint_accepts_base_or_full_url() -> None:
    assert llm.LLMConfig("http://h/v1", "m").endpoint == "http://h/v1/chat/completions"
    assert llm.LLMConfig("http://h/", "m").endpoint == "http://h/v1/chat/completions"
    full = "http://h/api/v1/chat/completions"
    assert llm.LLMConfig(full, "m").endpoint == full


def test_backend_selected_through_extract(
    server: FakeChatServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.conf import settings

    from claims.extraction import extract

    host, port = server.server_address[:2]
    monkeypatch.setattr(settings, "CLAIMS_LLM_URL", f"http://{host}:{port}/v1", raising=False)
    monkeypatch.setattr(settings, "CLAIMS_LLM_MODEL", "fake-model", raising=False)
    server.reply = {
        "claims": [
            {
                "claim": "Residents called the bridge a triumph.",
                "evidence": 'Residents called it "a triumph"',
                "kind": "quote",
            }
        ]
    }
    claims = extract(TEXT, backend="llm")
    assert [c.kind for c in claims] == ["quote"]
