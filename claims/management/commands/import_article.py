"""``manage.py import_article PATH|-``: import an article from a text file or stdin."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from claims import services
from workbench.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import an article from a text file (UTF-8, or an encoding that can be detected), - for "
        "stdin, or an http(s) URL (fetched safely, main text extracted); claim extraction is "
        "queued. The same text twice is refused (naming the article) unless --allow-duplicate."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A text file, - for standard input, or a URL.")
        parser.add_argument(
            "--title", default="", help="Defaults to the headline (HTML title, first heading)."
        )
        parser.add_argument("--url", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--author", default="")
        parser.add_argument(
            "--sync", action="store_true", help="Extract claims now instead of on the worker."
        )
        parser.add_argument(
            "--allow-duplicate",
            action="store_true",
            help="Import even when an article with exactly the same text exists.",
        )

    def handle(self, *args, path, title, url, outlet, author, sync, allow_duplicate, **options):
        fields = {"title": title, "outlet": outlet, "author": author}
        try:
            if path.startswith(("http://", "https://")):
                article = services.article_create_from_url(
                    url=path, allow_duplicate=allow_duplicate, **fields
                )
            else:
                body = self._read(path)
                article = services.article_create(
                    body=body, url=url, allow_duplicate=allow_duplicate, **fields
                )
        except services.ArticleDuplicate as exc:
            existing = exc.existing
            raise CommandError(
                f"Not imported: the same text is already article {existing.pk} "
                f"(“{existing.title}”, {self._admin_url(existing.pk)}). "
                "Use --allow-duplicate to import it anyway."
            ) from exc
        except DomainError as exc:
            raise CommandError(f"Not imported: {exc.message}") from exc
        if sync:
            services.article_extract(article_id=article.pk)
            article.refresh_from_db()
        self.stdout.write(
            f"Imported article {article.pk} ({len(article.body)} characters): {article.title}\n"
            f"Extraction: {article.extraction_status}, {article.claims.count()} claims."
        )

    def _read(self, path: str) -> str:
        """The file's text; a file's size is checked before it is read."""
        try:
            if path == "-":
                stream = getattr(sys.stdin, "buffer", None)
                data = stream.read() if stream else sys.stdin.read().encode()
            else:
                services.article_size_check(size=Path(path).stat().st_size)
                data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        name = "Standard input" if path == "-" else f"The file {path}"
        return services.bytes_decode(data, name=name)

    def _admin_url(self, pk: int) -> str:
        where = reverse("admin:claims_article_change", args=[pk])
        return f"{settings.WORKBENCH_BASE_URL.rstrip('/')}{where}"
