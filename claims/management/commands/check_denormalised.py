"""``manage.py check_denormalised [--fix]``: find claims whose denormalised columns disagree
with the rows they are computed from, and repair them with ``--fix``.

Checked: ``Claim.current_rating``, the rating of the claim's current verdict (written by the
verdict services, ``claims.services.verdicts``). Drift means something wrote verdicts around
those services (a raw UPDATE, a data fix in a shell). Prints each drifted claim; exits 1 when
drift is found and not fixed, so a cron job or CI step can alert on it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max

from claims import selectors, services
from claims.models import Claim

#: claims read per query: the current verdict is worked out for each, by id range
BATCH = 50_000


class Command(BaseCommand):
    help = (
        "Find claims whose current_rating disagrees with their verdicts; --fix repairs them. "
        "Exits 1 when drift is found without --fix."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Write the value the verdicts say.")

    def handle(self, *args, fix: bool, **options):
        last = Claim.objects.aggregate(last=Max("pk"))["last"] or 0
        drifted: list[int] = []
        for first in range(0, last + 1, BATCH):
            for pk, stored, computed in selectors.claims_rating_drift(
                ids_from=first, ids_to=first + BATCH
            ):
                drifted.append(pk)
                self.stdout.write(
                    f"claim {pk}: current_rating {stored or '(none)'}, "
                    f"its verdicts say {computed or '(none)'}"
                )
        if not drifted:
            self.stdout.write("current_rating: no drift.")
            return
        if fix:
            for start in range(0, len(drifted), 1000):
                services.claims_rating_refresh(claim_ids=drifted[start : start + 1000])
            self.stdout.write(f"current_rating: repaired {len(drifted)} claim(s).")
            return
        raise CommandError(
            f"current_rating: {len(drifted)} claim(s) drifted; run with --fix to repair them.",
            returncode=1,
        )
