"""A capture's WARC packaged as WACZ 1.1.1 (ORM-free), for download and replay elsewhere.

WACZ (Web Archive Collection Zipped, https://specs.webrecorder.net/wacz/1.1.1/) is a ZIP of

    archive/data.warc.gz      the capture's WARC as stored (gzip members, ZIP "STORE")
    indexes/index.cdx         CDXJ: one line per response/resource record, sorted by SURT key,
                              with the record's offset and length in the WARC
    pages/pages.jsonl         the page archived: url, ts (RFC 3339), title, text
    datapackage.json          the manifest: every file above with its bytes and sha256
    datapackage-digest.json   the manifest's own sha256

ReplayWeb.page and pywb open it as is. Written here rather than with the ``wacz`` package,
which pulls in ``frictionless`` (pydantic, petl, typer, rich, jsonschema and more) for what is
a few hundred bytes of JSON around a file we already have.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

WACZ_VERSION = "1.1.1"
SOFTWARE = "Workbench WACZ writer 1.0"
#: record types a replay looks up by URL
_INDEXED = frozenset({"response", "resource", "revisit"})


@dataclass(frozen=True)
class WaczPage:
    url: str
    archived_at: datetime
    title: str = ""
    text: str = ""


def surt(url: str) -> str:
    """The SURT sort key of ``url`` as pywb and py-wacz write it (the ``surt`` package's
    defaults): host labels reversed and comma-joined (``www.`` dropped; an IPv4 address is
    reversed too), ``)``, then path and query, lower-cased; a non-default port stays
    (``com,example:8080)/``). URNs are keyed as they are."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return url.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    key = f"[{host}]" if ":" in host else ",".join(reversed(host.split(".")))
    default = {"http": 80, "https": 443}[parts.scheme]
    if parts.port and parts.port != default:
        key += f":{parts.port}"
    path = parts.path or "/"
    if parts.query:
        path += "?" + "&".join(sorted(parts.query.split("&")))
    return f"{key}){path}".lower()


def cdxj_lines(warc: IO[bytes], filename: str) -> list[str]:
    """One CDXJ line per response, resource or revisit record of ``warc`` (seekable), sorted;
    the fields py-wacz writes, ``recordDigest`` (the SHA-256 of the record as stored) included."""
    entries = []
    iterator = ArchiveIterator(warc, check_digests=False)
    for record in iterator:
        kind = record.rec_type
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        date = record.rec_headers.get_header("WARC-Date") or ""
        fields: dict[str, Any] = {"url": uri}
        if kind == "response" and record.http_headers is not None:
            fields["mime"] = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
            fields["status"] = record.http_headers.get_statuscode()
        elif kind == "resource":
            fields["mime"] = (record.rec_headers.get_header("Content-Type") or "").split(";")[0]
        digest = record.rec_headers.get_header("WARC-Payload-Digest")
        if digest:
            fields["digest"] = digest
        iterator.read_to_end(record)  # so that its offset and length are known
        offset, length = iterator.get_record_offset(), iterator.get_record_length()
        if kind not in _INDEXED or not uri:
            continue
        fields.update(offset=str(offset), length=str(length), filename=filename)
        timestamp = "".join(ch for ch in date if ch.isdigit())[:14]
        entries.append((f"{surt(uri)} {timestamp}", fields))
    lines = []
    for key, fields in entries:
        warc.seek(int(fields["offset"]))
        stored = warc.read(int(fields["length"]))
        fields["recordDigest"] = f"sha256:{hashlib.sha256(stored).hexdigest()}"
        lines.append(f"{key} {json.dumps(fields, separators=(',', ':'))}")
    return sorted(lines)


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_wacz(
    warc: IO[bytes], out: IO[bytes], *, page: WaczPage, title: str, description: str = ""
) -> None:
    """Write to ``out`` a WACZ holding ``warc`` (a gzip WARC, read twice: seekable) as
    ``archive/data.warc.gz``, its CDXJ index, ``page`` and the manifest with sha256 digests."""
    warc.seek(0)
    cdxj = ("\n".join(cdxj_lines(warc, "data.warc.gz")) + "\n").encode()
    header = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
    entry = {
        "id": hashlib.sha256(f"{page.url} {_rfc3339(page.archived_at)}".encode()).hexdigest()[:16],
        "url": page.url,
        "ts": _rfc3339(page.archived_at),
        "title": page.title,
        "text": page.text,
    }
    pages = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in (header, entry))
    resources = []
    with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        warc.seek(0)
        digest, size = hashlib.sha256(), 0
        with archive.open(_info("archive/data.warc.gz", zipfile.ZIP_STORED), "w") as member:
            while chunk := warc.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
                member.write(chunk)
        resources.append(_resource("archive/data.warc.gz", digest.hexdigest(), size))
        for path, body in (("indexes/index.cdx", cdxj), ("pages/pages.jsonl", pages.encode())):
            archive.writestr(_info(path, zipfile.ZIP_DEFLATED), body)
            resources.append(_resource(path, hashlib.sha256(body).hexdigest(), len(body)))
        now = _rfc3339(datetime.now(UTC))
        manifest = {
            "profile": "data-package",
            "wacz_version": WACZ_VERSION,
            "title": title,
            "description": description,
            "created": now,
            "modified": now,
            "software": SOFTWARE,
            "mainPageUrl": page.url,
            "mainPageDate": _rfc3339(page.archived_at),
            "resources": resources,
        }
        package = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        archive.writestr(_info("datapackage.json", zipfile.ZIP_DEFLATED), package)
        package_digest = {
            "path": "datapackage.json",
            "hash": f"sha256:{hashlib.sha256(package).hexdigest()}",
        }
        archive.writestr(
            _info("datapackage-digest.json", zipfile.ZIP_DEFLATED),
            json.dumps(package_digest, indent=2).encode(),
        )


def wacz_bytes(warc: bytes, *, page: WaczPage, title: str, description: str = "") -> bytes:
    out = io.BytesIO()
    build_wacz(io.BytesIO(warc), out, page=page, title=title, description=description)
    return out.getvalue()


def _info(path: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=datetime.now(UTC).timetuple()[:6])
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info


def _resource(path: str, sha256: str, size: int) -> dict[str, Any]:
    return {
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "hash": f"sha256:{sha256}",
        "bytes": size,
    }
