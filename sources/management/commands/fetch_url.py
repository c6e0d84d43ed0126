"""``manage.py fetch_url URL [--check] [--mode http|browser]``: run the safe fetcher once (or
capture the page in Chromium, every request through the fetcher) and print one JSON object.

``--mode browser`` adds ``screenshot`` (bytes, sha256, width, height), ``requests`` (made,
blocked, failed), ``text_chars`` (main text of the rendered page) and ``partial`` (the budget
that cut the capture short, or null).

Exit status: 0 fetched (or allowed with ``--check``), 3 blocked, 4 failed.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sources.archiving.browser import BrowserBudget, BrowserFailed, capture_page
from sources.fetching import Blocked, FetchError, FetchPolicy, FetchResult, check_url, fetch

EXIT_OK = 0
EXIT_BLOCKED = 3
EXIT_FAILED = 4


class Command(BaseCommand):
    help = "Fetch a URL through the safe fetcher (or only check it) and print a JSON verdict."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Resolve and apply the policy without connecting.",
        )
        parser.add_argument(
            "--mode",
            choices=["http", "browser"],
            default="http",
            help="http: the raw response (default); browser: render it in Chromium.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        url: str = options["url"]
        policy = FetchPolicy.from_settings()
        report: dict[str, Any] = {
            "url": url,
            "verdict": "",
            "reason": None,
            "message": None,
            "final_url": None,
            "status": None,
            "sha256": None,
            "size": None,
            "chain": [],
        }
        code = EXIT_OK
        try:
            if options["check"]:
                report["ips"] = check_url(url, policy=policy)
                report["verdict"] = "allowed"
            elif options["mode"] == "browser":
                capture = capture_page(url, policy=policy, budget=BrowserBudget.from_settings())
                _fetched(report, capture.document)
                shot = capture.screenshot
                report.update(
                    screenshot=shot.as_dict() if shot is not None else None,
                    requests=capture.requests_dict(),
                    text_chars=len(capture.text),
                    title=capture.title,
                    partial=capture.partial_reason or None,
                )
            else:
                _fetched(report, fetch(url, policy=policy))
        except BrowserFailed as exc:
            code = EXIT_FAILED
            report.update(verdict="failed", reason=exc.reason, message=exc.message)
        except FetchError as exc:
            blocked = isinstance(exc, Blocked)
            code = EXIT_BLOCKED if blocked else EXIT_FAILED
            report.update(
                verdict="blocked" if blocked else "failed",
                reason=exc.reason,
                message=exc.message,
                final_url=exc.url or None,
                status=exc.status,
                transient=exc.transient,
                retry_after=exc.retry_after,
                chain=[hop.as_dict() for hop in exc.chain],
            )
        self.stdout.write(json.dumps(report, sort_keys=True))
        if code:
            raise SystemExit(code)


def _fetched(report: dict[str, Any], result: FetchResult) -> None:
    report.update(
        verdict="fetched",
        final_url=result.final_url,
        status=result.status,
        sha256=result.sha256,
        size=len(result.body),
        content_type=result.content_type,
        chain=[hop.as_dict() for hop in result.chain],
    )
