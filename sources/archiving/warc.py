"""WARC/1.1 output for one fetch (ORM-free): request, response and metadata records.

The response record holds the HTTP status line, the headers as received (in order) and the
payload as it came off the wire after de-chunking: still gzip/deflate-encoded when the server
used a ``Content-Encoding``. Because httpx hands us de-chunked bytes, a received
``Transfer-Encoding`` header is renamed to ``X-Archive-Orig-Transfer-Encoding`` (the pywb
convention) so that WARC readers do not try to de-chunk again.

Digests are SHA-256 (``sha256:<base32>``). ``WARC-Payload-Digest`` covers the payload as
stored, so it equals ``FetchResult.sha256`` (digest of the DECODED body) only when no content
encoding was used; the metadata record always carries the decoded body's hex digest as
``body-sha256``.
"""

from __future__ import annotations

import io
import json
import zlib
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter
from zlib_ng import zlib_ng

from sources.fetching import FetchResult

_HOP_BY_HOP_RENAMED = {"transfer-encoding"}


#: gzip level of the WARC records. Chosen by measurement on the 181 real article pages
#: (``bench/archive.py``, figures in docs/archiving.md): warcio's default, 9, cost
#: several times the CPU of level 6 for a file only a few per cent smaller.
GZIP_LEVEL = 6
#: the deflate that writes them: zlib-ng, zlib's maintained fork with vectorised match finding,
#: writes the same format (any gzip reader reads it) at level 6 in about half of zlib's CPU, for
#: a file within 1% of zlib's size at the same level (docs/archiving.md, measured by
#: ``bench/archive.py``). ``zlib`` is the one to compare it with.
DEFLATE: ModuleType = zlib_ng


class _Gzip:
    """One gzip member per record (what warcio writes), at ``level``."""

    def __init__(self, out: io.BytesIO, level: int, deflate: ModuleType) -> None:
        self.out = out
        self.compressor = deflate.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        self.out.write(self.compressor.flush())


class _SHA256WARCWriter(WARCWriter):
    def __init__(self, out: io.BytesIO, *, level: int, deflate: ModuleType, **kwargs: Any) -> None:
        super().__init__(out, gzip=False, **kwargs)
        self.level, self.deflate = level, deflate

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")

    def write_record(self, record: Any, params: Any = None) -> None:
        self._write_warc_record(_Gzip(self.out, self.level, self.deflate), record)


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _response_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for name, value in headers:
        if name.lower() in _HOP_BY_HOP_RENAMED:
            out.append((f"X-Archive-Orig-{name}", value))
        else:
            out.append((name, value))
    return out


def _warc_date(result: FetchResult) -> str:
    return result.started_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def metadata_fields(result: FetchResult) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = [
        ("requested-url", result.url),
        ("final-url", result.final_url),
        ("peer-ip", result.peer_ip or ""),
        ("body-sha256", result.sha256),
        ("body-length", str(len(result.body))),
        ("content-encoding", result.content_encoding or "identity"),
        ("fetch-started", result.started_at.isoformat()),
        ("fetch-finished", result.finished_at.isoformat()),
        ("timings", json.dumps(result.timings, sort_keys=True)),
        ("redirect-chain", json.dumps([hop.as_dict() for hop in result.chain])),
    ]
    fields += [("via", hop.url) for hop in result.chain[:-1]]
    return fields


def build_warc(
    result: FetchResult, *, level: int = GZIP_LEVEL, deflate: ModuleType | None = None
) -> bytes:
    """One gzip-per-record WARC/1.1 file holding the final exchange of ``result``
    (``deflate``: the compressor module, ``DEFLATE`` unless a bench compares another)."""
    out = io.BytesIO()
    writer = _SHA256WARCWriter(
        out, level=level, deflate=deflate or DEFLATE, warc_version="WARC/1.1"
    )
    date = _warc_date(result)
    uri = result.final_url
    common: dict[str, Any] = {"WARC-Date": date}
    if result.peer_ip:
        common["WARC-IP-Address"] = result.peer_ip

    request_headers = StatusAndHeaders(
        f"GET {_request_target(uri)} HTTP/1.1",
        list(result.request_headers),
        is_http_request=True,
    )
    request = writer.create_warc_record(
        uri,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=request_headers,
        warc_headers_dict=dict(common),
    )

    protocol = result.http_version or "HTTP/1.1"
    status_line = f"{result.status} {result.reason_phrase}".strip()
    response_headers = StatusAndHeaders(
        status_line, _response_headers(result.headers), protocol=protocol
    )
    response = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(result.raw_body),
        length=len(result.raw_body),
        http_headers=response_headers,
        warc_headers_dict=dict(common),
    )
    response_id = response.rec_headers.get_header("WARC-Record-ID")
    request.rec_headers.add_header("WARC-Concurrent-To", response_id)

    meta_payload = "".join(f"{k}: {v}\r\n" for k, v in metadata_fields(result)).encode("utf-8")
    metadata = writer.create_warc_record(
        uri,
        "metadata",
        payload=io.BytesIO(meta_payload),
        length=len(meta_payload),
        warc_content_type="application/warc-fields",
        warc_headers_dict={**common, "WARC-Refers-To": response_id},
    )
    for record in (request, response, metadata):
        writer.write_record(record)
    return out.getvalue()
