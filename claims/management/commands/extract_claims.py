"""Print the atomic claims of a text file (or stdin) as JSON lines; no database access."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import (
    BACKENDS,
    GRANULARITIES,
    explain,
    extract,
    html_to_text,
    looks_like_html,
)


class Command(BaseCommand):
    help = "Extract atomic claims from PATH (or - for stdin); one JSON object per claim."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a text or HTML file, or - for standard input")
        parser.add_argument(
            "--backend",
            choices=BACKENDS,
            default=None,
            help="default: the CLAIMS_EXTRACTOR_BACKEND setting",
        )
        parser.add_argument(
            "--granularity",
            choices=GRANULARITIES,
            default=None,
            help="claim (default) or proposition (PropSegmEnt-style)",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="also print what was not taken as a claim, with the reason (rules backend)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        if path == "-":
            text = sys.stdin.read()
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot read {path}: {exc}") from exc
        if options["explain"]:
            claims, dropped = explain(text)
            source = html_to_text(text) if looks_like_html(text) else text
            for claim in claims:
                self.stdout.write(json.dumps(claim.as_dict(), ensure_ascii=False))
            for item in dropped:
                line = {"not_a_claim": source[item.start : item.end], **item.as_dict()}
                self.stdout.write(json.dumps(line, ensure_ascii=False))
            return
        for claim in extract(text, backend=options["backend"], granularity=options["granularity"]):
            self.stdout.write(json.dumps(claim.as_dict(), ensure_ascii=False))
