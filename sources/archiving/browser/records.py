"""The WARC file of a browser capture: every exchange the page made, then the capture's own
records (metadata, the screenshot and the rendered DOM as ``resource`` records).

Each exchange is written by ``sources.archiving.warc.build_warc`` (request, response and
metadata, one gzip member per record), so a browser WARC is a concatenation of the same
records the raw capture writes, one set per request, followed by the capture's records.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from warcio.warcwriter import WARCWriter

from sources.archiving.warc import build_warc
from sources.fetching import FetchResult

if TYPE_CHECKING:
    from sources.archiving.browser.capture import BrowserCapture


def capture_fields(capture: BrowserCapture, tool: str) -> list[tuple[str, str]]:
    fields = [
        ("software", tool),
        ("browser", f"Chromium {capture.browser_version}"),
        ("capture-started", capture.started_at.isoformat()),
        ("capture-finished", capture.finished_at.isoformat()),
        ("page-url", capture.url),
        ("final-url", capture.final_url),
        ("title", capture.title.replace("\r", " ").replace("\n", " ")),
        ("requests-made", str(capture.requests_made)),
        ("requests-blocked", str(capture.requests_blocked)),
        ("requests-failed", str(capture.requests_failed)),
        ("bytes-fetched", str(capture.bytes_fetched)),
        ("partial", capture.partial_reason or "no"),
        ("blocked", json.dumps(capture.blocked[:200])),
    ]
    if capture.screenshot is not None:
        fields.append(("screenshot-sha256", capture.screenshot.sha256))
    return fields


def build_capture_warc(
    capture: BrowserCapture, exchanges: list[FetchResult], *, tool: str
) -> bytes:
    out = io.BytesIO()
    for result in exchanges:
        out.write(build_warc(result))
    writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
    date = capture.finished_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    common: dict[str, Any] = {"WARC-Date": date}
    payload = "".join(f"{k}: {v}\r\n" for k, v in capture_fields(capture, tool)).encode()
    records = [
        writer.create_warc_record(
            f"urn:browser-capture:{capture.final_url}",
            "metadata",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict=dict(common),
        )
    ]
    if capture.screenshot is not None:
        png = capture.screenshot.png
        records.append(
            writer.create_warc_record(
                f"urn:screenshot:{capture.final_url}",
                "resource",
                payload=io.BytesIO(png),
                length=len(png),
                warc_content_type="image/png",
                warc_headers_dict=dict(common),
            )
        )
    dom = capture.html.encode("utf-8")
    records.append(
        writer.create_warc_record(
            f"urn:rendered-dom:{capture.final_url}",
            "resource",
            payload=io.BytesIO(dom),
            length=len(dom),
            warc_content_type="text/html; charset=utf-8",
            warc_headers_dict=dict(common),
        )
    )
    for record in records:
        writer.write_record(record)
    return out.getvalue()
