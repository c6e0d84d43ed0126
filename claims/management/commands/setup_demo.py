"""``manage.py setup_demo``: a reviewer and an editor account and the demo article."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from claims import services
from claims.models import Article

SEED_ARTICLE = settings.BASE_DIR.parent / "shared" / "data" / "seed" / "article.txt"
DEMO_ARTICLE = settings.BASE_DIR / "claims" / "fixtures" / "demo_article.txt"
DEMO_PASSWORD = "workbench-demo"


class Command(BaseCommand):
    help = "Create demo accounts (reviewer, editor, admin) and import the seed or demo article."

    def handle(self, *args, **options):
        User = get_user_model()
        # Two colleagues for the four-eyes workflow, and an administrator (tokens, users).
        accounts = [
            ("reviewer", "Reviewer", False),
            ("editor", "Editor", False),
            ("admin", None, True),
        ]
        for username, group_name, superuser in accounts:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "is_superuser": superuser}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        path = SEED_ARTICLE if SEED_ARTICLE.exists() else DEMO_ARTICLE
        body = path.read_text(encoding="utf-8")
        if not Article.objects.filter(body_sha256=services.body_sha256(body)).exists():
            article = services.article_create(title="", body=body)
            self.stdout.write(f"Imported {path.name} as article {article.pk}.")
        self.stdout.write(
            f"Demo accounts (password {DEMO_PASSWORD}): reviewer (Reviewer), editor (Editor), "
            "admin (superuser)"
        )
