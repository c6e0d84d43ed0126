"""Score the extractor on the seed article and PropSegmEnt with ../shared's scorer."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import BACKENDS, GRANULARITIES, extract
from claims.extraction.evaluation import evaluate


def _shared_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared"


class Command(BaseCommand):
    help = (
        "Run the extractor over ../shared/data/seed/gold.jsonl and "
        "../shared/data/propsegment/SPLIT.jsonl and print the scorer's figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--split", choices=["dev", "test"], default="dev")
        parser.add_argument("--backend", choices=BACKENDS, default=None)
        parser.add_argument(
            "--granularity",
            choices=GRANULARITIES,
            action="append",
            help="repeatable; default: both (claim, then proposition)",
        )
        parser.add_argument(
            "--shared",
            type=Path,
            default=None,
            help="the shared folder (default: ../shared next to the project)",
        )
        parser.add_argument(
            "--verbose-report", action="store_true", help="also print the scorer's full tables"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        shared: Path = options["shared"] or _shared_dir()
        scorer = shared / "tools" / "score_claims.py"
        runs = [
            ("seed", shared / "data" / "seed" / "gold.jsonl", "auto"),
            (
                f"propsegment-{options['split']}",
                shared / "data" / "propsegment" / f"{options['split']}.jsonl",
                "span",
            ),
        ]
        missing = [p for p in [scorer, *(g for _, g, _ in runs)] if not p.exists()]
        if missing:
            raise CommandError(
                f"shared evaluation data not found: {', '.join(map(str, missing))} "
                f"(expected the shared folder at {shared}; pass --shared)"
            )
        grains = options["granularity"] or list(GRANULARITIES)
        self.stdout.write(
            f"{'data set':<18} {'granularity':<12} {'P':>6} {'R':>6} {'F1':>6} "
            f"{'#gold':>6} {'#pred':>6}  (pooled, Jaccard >= 0.5)"
        )
        for name, gold, mode in runs:
            for grain in grains:
                extractor = partial(extract, backend=options["backend"], granularity=grain)
                result = evaluate(scorer, gold, extractor, mode=mode)
                fig = result["theta=0.5"]
                self.stdout.write(
                    f"{name:<18} {grain:<12} {fig['P']:6.3f} {fig['R']:6.3f} {fig['F1']:6.3f} "
                    f"{result['n_gold']:6d} {result['n_pred']:6d}"
                )
                if options["verbose_report"]:
                    self.stdout.write(result["report"])
