"""The public fact-check pages: open to anyone, published data only, nothing executable.

Each response carries ``PUBLIC_CSP``: styles from this origin, images from this origin and the
publisher's logo, no scripts at all (the ClaimReview JSON-LD is a data block, which the browser
never runs), no forms, no framing. Archived copies leave as sandboxed attachments through
``sources.downloads.snapshot_download``, and a browser capture's screenshot as an image
(``image/png``, nosniff, a CSP of its own) through ``snapshot_screenshot``, exactly as the
workbench serves them to reviewers; only for the copies a published fact-check cites.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from claims.api.claimreview import claimreview, claimreview_feed
from claims.models import Verdict
from claims.public.paths import fact_check_path, fact_check_slug
from claims.selectors import public as selectors
from sources.downloads import snapshot_download, snapshot_screenshot

#: JSON inside <script>: no "</script>", no "<!--", no entity tricks (as Django's json_script)
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def public_csp() -> str:
    images = ["'self'"]
    logo = urlsplit(settings.CLAIMREVIEW_ORG_LOGO)
    if logo.scheme in ("http", "https") and logo.netloc:
        images.append(f"{logo.scheme}://{logo.netloc}")
    return "; ".join(
        [
            "default-src 'none'",
            "style-src 'self'",
            f"img-src {' '.join(images)}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def json_ld(document: dict[str, Any]) -> SafeString:
    """``document`` as the body of a ``<script type="application/ld+json">`` element."""
    text = json.dumps(document, ensure_ascii=False, indent=2).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # every "<", ">" and "&" is escaped above


def web_link(url: str) -> str:
    """``url`` if a browser may follow it from our page (http or https), else ""."""
    return url if urlsplit(url).scheme in ("http", "https") else ""


def publisher() -> dict[str, str]:
    return {
        "name": settings.CLAIMREVIEW_ORG_NAME,
        "url": web_link(settings.CLAIMREVIEW_ORG_URL),
        "logo": web_link(settings.CLAIMREVIEW_ORG_LOGO),
    }


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200):
    response = TemplateResponse(
        request, template, {"publisher": publisher(), **context}, status=status
    )
    response["Content-Security-Policy"] = public_csp()
    return response


def _published_or_gone(request: HttpRequest, pk: int) -> Verdict | HttpResponse:
    verdict = selectors.fact_check_of(pk)
    if verdict is not None:
        return verdict
    if selectors.fact_check_withdrawn(pk):
        return _render(request, "public/gone.html", {}, status=410)
    raise Http404("No published fact-check here.")


@require_safe
def fact_check(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    """One published fact-check; 410 Gone once an editor unpublished it, 404 if never
    published."""
    verdict = _published_or_gone(request, pk)
    if isinstance(verdict, HttpResponse):
        return verdict
    claim = verdict.claim
    if slug != fact_check_slug(claim.text):
        return HttpResponsePermanentRedirect(fact_check_path(claim))
    article = claim.article
    context = {
        "verdict": verdict,
        "claim": claim,
        "article": article,
        "article_link": web_link(article.url),
        "sources": [
            (source, web_link(source.url), web_link(source.wayback_url))
            for source in selectors.fact_check_sources(verdict)
        ],
        "slug": slug,
        "canonical": request.build_absolute_uri(fact_check_path(claim)),
        "claimreview": json_ld(claimreview(verdict, absolute=request.build_absolute_uri)),
        "title": claim.text,
    }
    return _render(request, "public/fact_check.html", context)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Published fact-checks, newest first, a page at a time."""
    paginator = Paginator(selectors.fact_checks_public(), settings.PUBLIC_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "entries": [(verdict, fact_check_path(verdict.claim)) for verdict in page],
        "title": "Fact-checks",
    }
    return _render(request, "public/index.html", context)


@require_safe
def archived_copy(
    request: HttpRequest, pk: int, slug: str, snapshot_id: int, kind: str
) -> FileResponse:
    """The archived copy of a source the published fact-check cites, as a sandboxed download
    (``kind`` "body" or "warc") or its screenshot as an image (``kind`` "screenshot"); any
    other snapshot is not public."""
    verdict = selectors.fact_check_of(pk)
    snapshot = selectors.fact_check_snapshot(verdict, snapshot_id) if verdict else None
    if snapshot is None:
        raise Http404("No archived copy of this fact-check here.")
    if kind == "screenshot":
        return snapshot_screenshot(snapshot)
    return snapshot_download(snapshot, kind)


@require_safe
def claimreview_datafeed(request: HttpRequest) -> HttpResponse:
    """Every published fact-check as a schema.org DataFeed of ClaimReview (JSON-LD), for
    search engines: the same builder as the API's ``/api/v1/claimreview``."""
    verdicts = list(selectors.fact_checks_public())
    document = claimreview_feed(verdicts, absolute=request.build_absolute_uri)
    document["url"] = request.build_absolute_uri()
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type="application/ld+json"
    )
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    return response
