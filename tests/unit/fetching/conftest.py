from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from sources.fetching import client as fetch_client
from tests.servers import ConnectionRecorder


@pytest.fixture
def connect_log(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Every address the fetcher's transport tries to connect to (the real connect still runs)."""
    log: list[tuple[Any, ...]] = []
    real = fetch_client._open_socket

    def recording(family: int, sockaddr: tuple[Any, ...], timeout: float | None) -> socket.socket:
        log.append(tuple(sockaddr[:2]))
        return real(family, sockaddr, timeout)

    monkeypatch.setattr(fetch_client, "_open_socket", recording)
    return log


@pytest.fixture
def forbidden() -> Iterator[ConnectionRecorder]:
    """A second loopback listener that must never be reached."""
    with ConnectionRecorder() as recorder:
        yield recorder
