"""``manage.py import_article PATH|-``: import an article from a text file or stdin."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import services
from workbench.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import an article from a UTF-8 text file, - for stdin, or an http(s) URL (fetched "
        "safely, main text extracted); claim extraction is queued."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A text file, - for standard input, or a URL.")
        parser.add_argument("--title", default="", help="Defaults to the first line.")
        parser.add_argument("--url", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--author", default="")
        parser.add_argument(
            "--sync", action="store_true", help="Extract claims now instead of on the worker."
        )

    def handle(self, *args, path, title, url, outlet, author, sync, **options):
        try:
            if path.startswith(("http://", "https://")):
                article = services.article_create_from_url(
                    url=path, title=title, outlet=outlet, author=author
                )
            else:
                article = services.article_create(
                    title=title, body=self._read(path), url=url, outlet=outlet, author=author
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if sync:
            services.article_extract(article_id=article.pk)
            article.refresh_from_db()
        self.stdout.write(
            f"Imported article {article.pk} ({len(article.body)} characters): {article.title}\n"
            f"Extraction: {article.extraction_status}, {article.claims.count()} claims."
        )

    def _read(self, path: str) -> str:
        if path == "-":
            body = sys.stdin.read()
        else:
            try:
                body = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
        return body
