"""``manage.py rescore_claims [ARTICLE_ID ...]``: score existing claims again with the active
check-worthiness model (the heuristic without one) and regroup near-copies. Scores typed by
hand are replaced too."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from claims import selectors, services


class Command(BaseCommand):
    help = "Score claims again with the active check-worthiness model (or the heuristic)."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int, help="Only these articles.")

    def handle(self, *args, article_ids, **options):
        scorer = selectors.checkworthiness_scorer()
        if scorer.refused:
            self.stderr.write(
                f"The active model #{scorer.model_id} is refused ({scorer.refused}); "
                "scoring with the heuristic."
            )
        changed, last, total = 0, 0, 0
        while True:
            moved, last = services.claims_rescore(
                after_article_id=last, articles=500, article_ids=article_ids or None
            )
            changed += moved
            total += 1
            if not last:
                break
        self.stdout.write(f"Rescored claims with the {scorer.name}: {changed} score(s) changed.")
