"""``manage.py reextract_claims``: queue claim extraction again, e.g. after an extractor upgrade.

Reviewed claims (cited, rated, assigned or moved past "new") are kept and re-anchored; see
``claims.services.claims_reconcile``.
"""

from django.core.management.base import BaseCommand, CommandError

from claims import services
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Article


class Command(BaseCommand):
    help = "Queue claim extraction again for some or all articles (reviewed claims are kept)."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int, help="Articles to re-extract.")
        parser.add_argument(
            "--outdated",
            action="store_true",
            help=f"Every article extracted by another extractor version than {EXTRACTOR_VERSION}.",
        )

    def handle(self, *args, article_ids, outdated, **options):
        if not article_ids and not outdated:
            raise CommandError("Give article ids, or --outdated.")
        articles = Article.objects.exclude(body="")
        if article_ids:
            articles = articles.filter(pk__in=article_ids)
        if outdated:
            articles = articles.filter(extraction_status=Article.ExtractionStatus.DONE).exclude(
                extractor=EXTRACTOR_VERSION
            )
        count = 0
        for article in articles.iterator():
            services.article_request_extraction(article=article)
            count += 1
        self.stdout.write(f"Extraction queued for {count} article(s) ({EXTRACTOR_VERSION}).")
