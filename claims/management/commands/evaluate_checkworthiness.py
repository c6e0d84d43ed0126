"""``manage.py evaluate_checkworthiness --labels FILE [--json]``: score a labelled file with the
active check-worthiness model and the heuristic; no training.

``--json`` prints one object: ``{"model": {"roc_auc", "average_precision", "f1",
"threshold"} | null, "heuristic": {...}, "rows": N}`` (``model`` is null without an active
model, or when the active model is refused: the error goes to stderr).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from claims import selectors
from claims.management.commands.train_checkworthiness import figures_table
from claims.triage.labels import LabelFileError, read_labels
from claims.triage.training import evaluate


class Command(BaseCommand):
    help = "Score a labelled file with the active check-worthiness model and the heuristic."

    def add_arguments(self, parser):
        parser.add_argument("--labels", metavar="FILE", required=True)
        parser.add_argument("--json", action="store_true", help="One JSON object on stdout.")

    def handle(self, *args, labels, json: bool, **options):
        try:
            rows = read_labels(labels)
        except LabelFileError as error:
            raise CommandError(str(error)) from None
        scorer = selectors.checkworthiness_scorer()
        if scorer.refused:
            self.stderr.write(
                f"The active model #{scorer.model_id} is refused ({scorer.refused}); "
                "only the heuristic is scored."
            )
        result = evaluate(scorer.scorer if scorer.uses_model else None, rows)
        output = {key: result[key] for key in ("model", "heuristic", "rows")}
        if json:
            self.stdout.write(_dumps(output))
            return
        self.stdout.write(
            f"{result['rows']} rows ({result['positives']} check-worthy); "
            f"model: {scorer.name if scorer.uses_model else 'none active'}"
        )
        for line in figures_table([("model", output["model"]), ("heuristic", output["heuristic"])]):
            self.stdout.write("  " + line)


def _dumps(value) -> str:
    return json.dumps(value, sort_keys=False)
