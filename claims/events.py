"""Events of the claims app (see ``workbench.events``).

``verdict_published``: an editor published a verdict. Sent by ``claims.services`` after the
publishing transaction committed, with the keyword arguments ``verdict_id``, ``claim_id`` and
``payload`` (JSON-ready; ``links`` are paths). Receiver: the integrations webhooks.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

from claims.models import Verdict

verdict_published = Signal()


def verdict_published_arguments(verdict_id: int) -> dict[str, Any] | None:
    verdict = Verdict.objects.select_related("claim__article").filter(pk=verdict_id).first()
    if verdict is None:
        return None
    claim = verdict.claim
    payload = {
        "verdict": {
            "id": verdict.pk,
            "rating": verdict.rating,
            "explanation": verdict.explanation,
            "published_at": verdict.published_at,
            "supersedes": verdict.supersedes_id,
        },
        "claim": {"id": claim.pk, "text": claim.text, "article": claim.article_id},
        "article": {"id": claim.article_id, "url": claim.article.url},
        "links": {
            "claim": f"/api/v1/claims/{claim.pk}",
            "claimreview": f"/api/v1/claims/{claim.pk}/claimreview",
        },
    }
    return {"verdict_id": verdict.pk, "claim_id": claim.pk, "payload": payload}
