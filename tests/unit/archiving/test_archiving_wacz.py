"""WACZ packaging (ORM-free): SURT keys as pywb writes them, a CDXJ line per replayable record
whose offset and length cut exactly that record out of the WARC.

Checked once by hand against the reference implementation (py-wacz 0.6.0, not a dependency):
``wacz validate`` accepts a browser capture's WACZ, and ``wacz create`` on the same WARC
writes the same index keys, offsets and lengths."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime

from warcio.archiveiterator import ArchiveIterator

from sources.archiving.wacz import WaczPage, cdxj_lines, surt, wacz_bytes
from sources.archiving.warc import build_warc
from sources.fetching import fetch
from tests.servers import LocalServer, policy_for, respond

PAGE = b"<html><head><title>Gauge</title></head><body><p>Tide gauge text.</p></body></html>"


def test_surt_keys_are_those_py_wacz_writes():
    assert surt("https://www.Example.com/a/B?z=1&a=2") == "com,example)/a/b?a=2&z=1"
    assert surt("http://news.example.org:8080/") == "org,example,news:8080)/"
    assert surt("http://127.0.0.1:8000/page") == "1,0,0,127:8000)/page"
    assert surt("https://example.com") == "com,example)/"
    assert surt("urn:screenshot:https://example.com/") == "urn:screenshot:https://example.com/"


def test_each_index_line_cuts_its_own_record_out_of_the_warc():
    routes = {
        "/a": lambda h: respond(h, 200, PAGE, [("Content-Type", "text/html; charset=utf-8")]),
        "/b.txt": lambda h: respond(h, 200, b"tide table", [("Content-Type", "text/plain")]),
    }
    with LocalServer(routes) as server:
        policy = policy_for(server)
        warc = b"".join(build_warc(fetch(server.url(p), policy=policy)) for p in routes)

    lines = cdxj_lines(io.BytesIO(warc), "data.warc.gz")
    assert lines == sorted(lines)
    assert len(lines) == 2  # the two responses; requests and metadata are not looked up
    for line in lines:
        key, timestamp, raw = line.split(" ", 2)
        fields = json.loads(raw)
        assert key == surt(fields["url"]) and len(timestamp) == 14
        assert fields["status"] == "200" and fields["filename"] == "data.warc.gz"
        start, length = int(fields["offset"]), int(fields["length"])
        stored = warc[start : start + length]
        assert fields["recordDigest"] == "sha256:" + hashlib.sha256(stored).hexdigest()
        (record,) = list(ArchiveIterator(io.BytesIO(stored)))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Target-URI") == fields["url"]
    assert {json.loads(line.split(" ", 2)[2])["mime"] for line in lines} == {
        "text/html",
        "text/plain",
    }

    wacz = zipfile.ZipFile(
        io.BytesIO(
            wacz_bytes(
                warc,
                page=WaczPage(server.url("/a"), datetime(2026, 11, 30, tzinfo=UTC), "Gauge"),
                title="t",
            )
        )
    )
    assert wacz.read("archive/data.warc.gz") == warc
    assert wacz.getinfo("archive/data.warc.gz").compress_type == zipfile.ZIP_STORED
    header, page = (json.loads(x) for x in wacz.read("pages/pages.jsonl").splitlines())
    assert header["format"] == "json-pages-1.0"
    assert (page["url"], page["ts"], page["title"]) == (
        server.url("/a"),
        "2026-11-30T00:00:00Z",
        "Gauge",
    )
