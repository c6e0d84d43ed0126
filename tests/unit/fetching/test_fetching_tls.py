"""HTTPS through the pinned transport: SNI and certificate checks use the host NAME while the
TCP connection goes to the pinned address. Certificates are made on the fly with openssl."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sources.fetching import FetchFailed, fetch
from tests.servers import LocalServer, policy_for, respond


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("openssl") is None:
        if os.environ.get("CI"):
            pytest.fail("openssl CLI is required for the TLS tests")
        pytest.skip("openssl CLI not installed; TLS pinning tests skipped")
    d = tmp_path_factory.mktemp("pki")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Workbench Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    run("req", *ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=pinned.test")
    (d / "leaf.ext").write_text(
        "subjectAltName=DNS:pinned.test\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
        "authorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n"
    )
    run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext")  # fmt: skip
    return d


@pytest.fixture
def tls_server(pki: Path) -> Iterator[tuple[LocalServer, list[str]]]:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pki / "leaf.pem", pki / "leaf.key")
    sni: list[str] = []
    ctx.sni_callback = lambda _sock, name, _ctx: sni.append(name)  # type: ignore[assignment,misc,return-value]
    routes = {"/": lambda h: respond(h, 200, b"secure", [("Content-Type", "text/plain")])}
    with LocalServer(routes, tls=ctx) as srv:
        yield srv, sni


@pytest.fixture
def names_to_loopback(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = socket.getaddrinfo

    def fake(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host.endswith(".test"):
            calls.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return calls


def test_https_to_pinned_ip_verifies_the_certificate_against_the_name(
    pki: Path, tls_server: tuple[LocalServer, list[str]], names_to_loopback: list[str]
) -> None:
    srv, sni = tls_server
    policy = policy_for(f"pinned.test:{srv.port}", ca_bundle=str(pki / "ca.pem"))
    result = fetch(f"https://pinned.test:{srv.port}/", policy=policy)
    assert result.body == b"secure"
    assert result.peer_ip == "127.0.0.1"
    assert sni == ["pinned.test"]
    assert srv.requests[0][1]["Host"] == f"pinned.test:{srv.port}"
    assert names_to_loopback == ["pinned.test"]


def test_certificate_for_another_name_is_refused(
    pki: Path, tls_server: tuple[LocalServer, list[str]], names_to_loopback: list[str]
) -> None:
    srv, sni = tls_server
    policy = policy_for(f"other.test:{srv.port}", ca_bundle=str(pki / "ca.pem"))
    with pytest.raises(FetchFailed) as info:
        fetch(f"https://other.test:{srv.port}/", policy=policy)
    assert (info.value.reason, info.value.transient) == ("tls_error", False)
    assert sni == ["other.test"]
    assert srv.requests == []


def test_untrusted_ca_is_refused(
    tls_server: tuple[LocalServer, list[str]], names_to_loopback: list[str]
) -> None:
    srv, _sni = tls_server
    with pytest.raises(FetchFailed) as info:
        fetch(f"https://pinned.test:{srv.port}/", policy=policy_for(f"pinned.test:{srv.port}"))
    assert info.value.reason == "tls_error"
    assert srv.requests == []
