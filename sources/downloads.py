"""Archived bytes leave the workbench only as sandboxed attachments, never as pages of ours."""

import shutil
import tempfile
from typing import Any

from django.http import FileResponse, Http404

from sources.archiving.wacz import WaczPage, build_wacz
from sources.models import Snapshot

SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
}


def snapshot_download(snapshot: Snapshot, kind: str) -> FileResponse:
    """The raw body (``kind="body"``) or WARC file (``"warc"``) of a snapshot as a download."""
    field = {"body": snapshot.body, "warc": snapshot.warc}.get(kind)
    if not field:
        raise Http404("This snapshot has no archived file of that kind.")
    extension = "warc.gz" if kind == "warc" else "bin"
    return _attachment(
        field.open("rb"), f"snapshot-{snapshot.pk}-{kind}.{extension}", "application/octet-stream"
    )


def _attachment(file: Any, filename: str, content_type: str) -> FileResponse:
    """A download that is never rendered: an attachment with the safe headers."""
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    for name, value in SAFE_HEADERS.items():
        response[name] = value
    return response


#: a screenshot is an image and nothing else: no script, no style, no frame, no plugin
SCREENSHOT_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "private, max-age=3600",
}


def snapshot_screenshot(snapshot: Snapshot) -> FileResponse:
    """The full-page screenshot of a browser capture, as ``image/png`` shown inline."""
    if not snapshot.screenshot:
        raise Http404("This snapshot has no screenshot.")
    response = FileResponse(
        snapshot.screenshot.open("rb"),
        filename=f"snapshot-{snapshot.pk}-screenshot.png",
        content_type="image/png",
    )
    for name, value in SCREENSHOT_HEADERS.items():
        response[name] = value
    return response


def snapshot_wacz(snapshot: Snapshot) -> FileResponse:
    """The snapshot's WARC packaged as WACZ 1.1.1 (``sources.archiving.wacz``) with its page,
    index and manifest, as a download (built into a temporary file, so that it has a
    ``Content-Length``, which WACZ readers need)."""
    if not snapshot.warc:
        raise Http404("This snapshot has no WARC file.")
    page = WaczPage(
        url=snapshot.final_url or snapshot.source.url,
        archived_at=snapshot.finished_at or snapshot.created_at,
        title=snapshot.title,
        text=snapshot.text,
    )
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    with snapshot.warc.open("rb") as stored, tempfile.TemporaryFile() as warc:
        shutil.copyfileobj(stored, warc, 1 << 20)  # a seekable copy, whatever the storage
        build_wacz(
            warc,
            out,
            page=page,
            title=f"Snapshot {snapshot.pk}: {snapshot.title or page.url}"[:300],
            description=f"Archived copy of {page.url} (WARC SHA-256 {snapshot.warc_sha256}).",
        )
    out.seek(0)
    return _attachment(out, f"snapshot-{snapshot.pk}.wacz", "application/wacz")
