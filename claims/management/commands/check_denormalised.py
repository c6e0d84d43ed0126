"""``manage.py check_denormalised [--fix]``: find claims whose denormalised columns disagree
with the rows they are computed from, and repair them with ``--fix``.

Checked: the claim's verdict columns (``claims.selectors.verdict_columns``), written by the
verdict services (``claims.services.verdicts``): ``current_rating`` (the current verdict's
rating), ``awaiting_approval`` (it has a proposed verdict) and ``proposed_by`` (whose, when
one person's). Drift means something wrote verdicts around those services (a raw UPDATE, a
data fix in a shell). Prints each drifted claim and column; exits 1 when drift is found and
not fixed, so a cron job or CI step can alert on it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max

from claims import selectors, services
from claims.models import Claim

#: claims read per query: their verdict columns are worked out for each, by id range
BATCH = 50_000


def _shown(value: Any) -> str:
    return "(none)" if value in ("", None) else str(value)


class Command(BaseCommand):
    help = (
        "Find claims whose verdict columns (current_rating, awaiting_approval, proposed_by) "
        "disagree with their verdicts; --fix repairs them. Exits 1 when drift is found "
        "without --fix."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Write the value the verdicts say.")

    def handle(self, *args, fix: bool, **options):
        last = Claim.objects.aggregate(last=Max("pk"))["last"] or 0
        drifted: list[int] = []
        for first in range(0, last + 1, BATCH):
            for pk, column, stored, computed in selectors.claims_verdict_columns_drift(
                ids_from=first, ids_to=first + BATCH
            ):
                if not drifted or drifted[-1] != pk:
                    drifted.append(pk)
                self.stdout.write(
                    f"claim {pk}: {column} {_shown(stored)}, its verdicts say {_shown(computed)}"
                )
        if not drifted:
            self.stdout.write("verdict columns: no drift.")
            return
        if fix:
            for start in range(0, len(drifted), 1000):
                services.claims_verdict_columns_refresh(claim_ids=drifted[start : start + 1000])
            self.stdout.write(f"verdict columns: repaired {len(drifted)} claim(s).")
            return
        raise CommandError(
            f"verdict columns: {len(drifted)} claim(s) drifted; run with --fix to repair them.",
            returncode=1,
        )
