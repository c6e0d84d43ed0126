"""Score the extractor with ../shared's scorer: the seed article, PropSegmEnt, the real-news
development set (tests/data/realnews) and, with --segmentation, sentence boundaries in every
language of the shared multilingual set."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import BACKENDS, GRANULARITIES, extract, realnews
from claims.extraction.evaluation import evaluate


def _shared_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared"


class Command(BaseCommand):
    help = (
        "Score the extractor on ../shared/data/seed, ../shared/data/propsegment/SPLIT and the "
        "real-news development set (precision, recall, junk rate, priority-3 recall, claims "
        "over strings that are never claims, reversed claims); --segmentation scores sentence "
        "boundaries per language."
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
            "--realnews",
            choices=[*realnews.SPLITS, "all", "none"],
            default="dev",
            help="which part of the real-news set to score (default dev; heldout is kept "
            "aside as the team's own check)",
        )
        parser.add_argument(
            "--segmentation",
            action="store_true",
            help="only score sentence segmentation per language on ../shared/data/multilingual",
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
        if options["segmentation"]:
            self._segmentation(shared)
            return
        scorer = shared / "tools" / "score_claims.py"
        runs = [
            ("seed", shared / "data" / "seed" / "gold.jsonl", "auto"),
            (
                f"propsegment-{options['split']}",
                shared / "data" / "propsegment" / f"{options['split']}.jsonl",
                "span",
            ),
        ]
        truth = shared / "data" / "article-pages" / "ground-truth.json"
        missing = [p for p in [scorer, truth, *(g for _, g, _ in runs)] if not p.exists()]
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
        if options["realnews"] != "none":
            self._realnews(options["realnews"], options["backend"], shared, scorer)

    def _realnews(self, split: str, backend: str | None, shared: Path, scorer: Path) -> None:
        extractor = partial(extract, backend=backend)
        report, _ = realnews.evaluate(split, extractor, shared, scorer)
        self.stdout.write("")
        self.stdout.write(
            f"real-news {split} set ({report.articles} articles, claim granularity; "
            "docs/annotation.md):"
        )
        self.stdout.write(
            f"  precision {report.precision:.3f}   recall {report.recall:.3f}   "
            f"F1 {report.f1:.3f}   (Jaccard >= 0.5; {report.gold} gold, "
            f"{report.predicted} predicted)"
        )
        self.stdout.write(
            f"  junk rate {report.junk_rate:.3f}   (predicted claims matching no gold claim at "
            "Jaccard >= 0.3)"
        )
        self.stdout.write(
            f"  priority-3 recall {report.p3_recall:.3f}   ({report.p3_gold} priority-3 claims)"
        )
        self.stdout.write(
            f"  over a never-a-claim string {report.forbidden}   reversed claims {report.reversed}"
        )
        self.stdout.write(f"  {'article':<14} {'gold':>5} {'pred':>5} {'never':>6} {'reversed':>9}")
        for row in report.per_article:
            self.stdout.write(
                f"  {row['article']:<14} {row['gold']:5d} {row['predicted']:5d} "
                f"{row['forbidden']:6d} {row['reversed']:9d}"
            )

    def _segmentation(self, shared: Path) -> None:
        from claims.extraction.multilingual.evaluation import (
            compare_segmenters,
            format_table,
            load_documents,
        )

        folder = shared / "data" / "multilingual"
        if not folder.exists():
            raise CommandError(f"{folder} is not here (pass --shared)")
        documents = load_documents(folder)
        rows = compare_segmenters(documents)
        self.stdout.write(format_table(rows))
