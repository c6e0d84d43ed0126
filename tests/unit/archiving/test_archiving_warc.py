"""WARC output: readable by warcio's own CLI and iterator, digests that match the fetch."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import subprocess
import sys
import zlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator
from zlib_ng import zlib_ng

from sources.archiving.warc import GZIP_LEVEL, build_warc
from sources.fetching import FetchFailed, FetchResult, fetch
from tests.servers import LocalServer, policy_for, respond

PAGE = b"<html><head><title>Gauge</title></head><body><p>Tide gauge text.</p></body></html>"
WARCIO = str(Path(sys.executable).parent / "warcio")


def _chunked(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    h.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(PAGE), PAGE))


ROUTES = {
    "/plain": lambda h: respond(h, 200, PAGE, [("Content-Type", "text/html; charset=utf-8")]),
    "/gzip": lambda h: respond(
        h, 200, gzip.compress(PAGE), [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
    ),
    "/chunked": _chunked,
    "/moved": lambda h: respond(h, 301, b"", [("Location", "/plain")]),
    "/gone": lambda h: respond(h, 404, b"gone", [("Content-Type", "text/plain")]),
}


@pytest.fixture(scope="module")
def results() -> dict[str, FetchResult]:
    out: dict[str, FetchResult] = {}
    with LocalServer(ROUTES) as srv:
        for path in ("/plain", "/gzip", "/chunked", "/moved"):
            out[path] = fetch(srv.url(path), policy=policy_for(srv))
        with pytest.raises(FetchFailed) as info:
            fetch(srv.url("/gone"), policy=policy_for(srv))
        assert info.value.result is not None
        out["/gone"] = info.value.result
    return out


def records(data: bytes) -> list[tuple[str, dict[str, str], bytes, bytes, object]]:
    out = []
    for rec in ArchiveIterator(io.BytesIO(data)):
        headers = dict(rec.rec_headers.headers)
        http = rec.http_headers
        raw = rec.raw_stream.read()
        out.append((rec.rec_type, headers, raw, b"", http))
    return out


def b32(hexdigest: str) -> str:
    return "sha256:" + base64.b32encode(bytes.fromhex(hexdigest)).decode()


def test_warcio_index_reads_the_file(results: dict[str, FetchResult], tmp_path: Path) -> None:
    path = tmp_path / "plain.warc.gz"
    path.write_bytes(build_warc(results["/plain"]))
    index = subprocess.run(
        [WARCIO, "index", str(path)], check=True, capture_output=True, text=True
    ).stdout
    lines = [json.loads(line) for line in index.splitlines()]
    assert [line["warc-type"] for line in lines] == ["request", "response", "metadata"]
    assert {line["warc-target-uri"] for line in lines} == {results["/plain"].final_url}
    check = subprocess.run([WARCIO, "check", "-v", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("digest pass") == 3


def test_records_and_payload_digest(results: dict[str, FetchResult]) -> None:
    result = results["/plain"]
    data = build_warc(result)
    assert data[:2] == b"\x1f\x8b"  # gzip per record
    recs = records(data)
    assert [r[0] for r in recs] == ["request", "response", "metadata"]
    _type, headers, payload, _, http = recs[1]
    assert headers["WARC-Type"] == "response"
    assert headers["WARC-Target-URI"] == result.final_url
    assert headers["WARC-IP-Address"] == "127.0.0.1"
    assert headers["WARC-Payload-Digest"] == b32(result.sha256)
    assert hashlib.sha256(payload).hexdigest() == result.sha256
    assert http.protocol == "HTTP/1.1"  # type: ignore[attr-defined]
    assert http.statusline == "200 OK"  # type: ignore[attr-defined]
    assert http.get_header("Content-Type") == "text/html; charset=utf-8"  # type: ignore[attr-defined]
    # the request record is the request we sent
    req_headers, req_http = recs[0][1], recs[0][4]
    assert req_headers["WARC-Concurrent-To"] == headers["WARC-Record-ID"]
    assert (req_http.protocol, req_http.statusline) == ("GET", "/plain HTTP/1.1")  # type: ignore[attr-defined]
    assert req_http.get_header("Accept-Encoding") == "gzip, deflate"  # type: ignore[attr-defined]
    # WARC/1.1
    assert data and gzip.decompress(data).startswith(b"WARC/1.1\r\n")


def test_gzip_response_keeps_wire_bytes_and_metadata_has_decoded_digest(
    results: dict[str, FetchResult],
) -> None:
    result = results["/gzip"]
    recs = records(build_warc(result))
    payload = recs[1][2]
    assert payload == result.raw_body
    assert gzip.decompress(payload) == result.body == PAGE
    assert recs[1][1]["WARC-Payload-Digest"] == b32(hashlib.sha256(result.raw_body).hexdigest())
    meta = recs[2][2].decode()
    assert f"body-sha256: {result.sha256}\r\n" in meta
    assert "content-encoding: gzip\r\n" in meta
    # warcio's content stream undoes the content encoding: readers see the page
    for rec in ArchiveIterator(io.BytesIO(build_warc(result))):
        if rec.rec_type == "response":
            assert rec.content_stream().read() == PAGE


def test_chunked_response_is_stored_dechunked_with_header_renamed(
    results: dict[str, FetchResult],
) -> None:
    recs = records(build_warc(results["/chunked"]))
    http = recs[1][4]
    assert http.get_header("Transfer-Encoding") is None  # type: ignore[attr-defined]
    assert http.get_header("X-Archive-Orig-Transfer-Encoding") == "chunked"  # type: ignore[attr-defined]
    assert recs[1][2] == PAGE


def test_metadata_has_chain_timings_and_peer(results: dict[str, FetchResult]) -> None:
    result = results["/moved"]
    recs = records(build_warc(result))
    _type, headers, payload, _, _http = recs[2]
    assert headers["WARC-Refers-To"] == recs[1][1]["WARC-Record-ID"]
    fields = dict(
        line.split(": ", 1) for line in payload.decode().split("\r\n") if line and ": " in line
    )
    chain = json.loads(fields["redirect-chain"])
    assert [hop["status"] for hop in chain] == [301, 200]
    assert chain[0]["location"] == "/plain"
    assert fields["requested-url"] == result.url
    assert fields["final-url"] == result.final_url
    assert fields["peer-ip"] == "127.0.0.1"
    assert set(json.loads(fields["timings"])) == {"dns_ms", "connect_ms", "total_ms"}


def test_error_responses_can_be_archived_too(results: dict[str, FetchResult]) -> None:
    recs = records(build_warc(results["/gone"]))
    assert recs[1][4].statusline == "404 Not Found"  # type: ignore[attr-defined]
    assert recs[1][2] == b"gone"


def test_records_are_deflated_by_zlib_ng_at_the_measured_level(
    results: dict[str, FetchResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """zlib-ng, not the standard library's zlib, writes the WARC: half the CPU at level 6
    for a file within 1% of the size (docs/archiving.md); it stays plain gzip, one member per
    record, that the standard library reads back."""
    calls = []
    real = zlib_ng.compressobj

    def spy(level: int, *args: Any) -> Any:
        calls.append(level)
        return real(level, *args)

    monkeypatch.setattr(zlib_ng, "compressobj", spy)
    data = build_warc(results["/plain"])
    assert calls == [GZIP_LEVEL] * 3 and GZIP_LEVEL == 6  # request, response, metadata
    members, rest = [], data
    while rest:
        inflate = zlib.decompressobj(zlib.MAX_WBITS + 16)
        members.append(inflate.decompress(rest))
        rest = inflate.unused_data
    assert len(members) == 3 and PAGE in members[1]
