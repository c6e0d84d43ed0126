"""``manage.py train_checkworthiness``: train the check-worthiness model in the foreground.

    manage.py train_checkworthiness --labels FILE [--holdout 0.2]   # a labelled file
    manage.py train_checkworthiness                                 # the reviewers' decisions
    manage.py train_checkworthiness --labels FILE --decisions       # both

FILE is CSV (a header with ``text`` and ``label``, optionally ``group``) or JSON lines
(``{"text": ..., "label": ...}``); labels 1/0, yes/no, true/false. A stratified share is held
out (whole groups or articles when given) and the figures of the new model and of the
heuristic on those rows are printed. The model becomes the active one unless it is worse than
the active one on the held-out rows (``--force``: anyway). See ``docs/triage.md``.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from claims import services
from claims.models import TriageModel
from claims.triage.labels import LabelFileError, read_labels
from workbench.errors import DomainError


def figures_table(rows: list[tuple[str, dict[str, Any] | None]]) -> list[str]:
    """ROC-AUC, average precision, F1 and threshold, one line per scorer."""

    def cell(value: Any) -> str:
        return f"{value:9.3f}" if isinstance(value, int | float) else f"{'-':>9s}"

    lines = [f"{'':24s} {'ROC-AUC':>9s} {'AP':>9s} {'F1':>9s} {'threshold':>9s}"]
    for name, figures in rows:
        if figures is None:
            lines.append(f"{name:24s} {'(none)':>9s}")
            continue
        keys = ("roc_auc", "average_precision", "f1", "threshold")
        lines.append(f"{name:24s} " + " ".join(cell(figures.get(k)) for k in keys))
    return lines


class Command(BaseCommand):
    help = "Train the check-worthiness model on a labelled file and/or the reviewers' decisions."

    def add_arguments(self, parser):
        parser.add_argument("--labels", metavar="FILE", help="CSV or JSON-lines labelled file.")
        parser.add_argument(
            "--decisions",
            action="store_true",
            help="Also learn from the workbench's decisions (the default without --labels).",
        )
        parser.add_argument(
            "--holdout", type=float, default=0.2, help="Share held out for the figures (0.2)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Make it the active model even if it is worse."
        )

    def handle(self, *args, labels, decisions, holdout, force, **options):
        rows = []
        if labels:
            try:
                rows = read_labels(labels)
            except LabelFileError as error:
                raise CommandError(str(error)) from None
        started = time.perf_counter()
        try:
            model = services.triage_train_now(
                labels=rows,
                labels_file=labels or "",
                decisions=decisions or not labels,
                holdout=holdout,
                force=force,
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        seconds = time.perf_counter() - started
        if model.status == TriageModel.Status.FAILED:
            raise CommandError(f"Model #{model.pk} not trained: {model.error}")
        self._report(model, seconds)

    def _report(self, model: TriageModel, seconds: float) -> None:
        counts = model.counts.get("fitted_on", {})
        by_source = ", ".join(
            f"{source} {c['positives']}+/{c['negatives']}-"
            for source, c in sorted(counts.get("by_source", {}).items())
        )
        figures = model.figures
        held = f"{figures.get('rows')} held-out examples ({figures.get('positives')} check-worthy"
        held += f", {figures['groups']} groups)" if figures.get("groups") else ")"
        write = self.stdout.write
        write(
            f"Model #{model.pk}: {counts.get('rows')} examples ({by_source}); "
            f"C={figures.get('c')}; {seconds:.1f} s"
        )
        write(f"On {held}:")
        for line in figures_table(
            [
                ("model", figures.get("model")),
                ("heuristic (same rows)", figures.get("heuristic")),
            ]
        ):
            write("  " + line)
        previous = figures.get("previous") or {}
        if previous and not previous.get("name", "").startswith("heuristic"):
            write(f"  {previous['name']} on {figures['compared_on']['rows']} of them:")
            for line in figures_table(
                [("new model", previous.get("model")), (previous["name"], previous)]
            ):
                write("    " + line)
        write(model.outcome)
        top = model.top_features
        if top:
            write("Top features: " + ", ".join(f["name"] for f in top.get("positive", [])[:6]))
            write("   against: " + ", ".join(f["name"] for f in top.get("negative", [])[:6]))
