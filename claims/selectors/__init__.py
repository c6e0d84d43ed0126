"""Read-side of claims: every queryset and read model the admin, the API, the services and
the templates use. One module per kind of read; import them from here.

``verdicts`` (which verdict is a claim's), ``queues`` (lists of claims and citations),
``audit`` (a claim's history), ``similar`` (seen before), ``reading`` (the reading view),
``dashboard`` (the admin index), ``triage`` (the check-worthiness scorer, decisions as
training examples, an article's top claims). Exports are ``claims.exports``.
"""

from claims.selectors.audit import AuditEntry, claim_audit_trail
from claims.selectors.dashboard import dashboard_stats
from claims.selectors.queues import (
    articles_for_api,
    citation_archive_annotations,
    citation_archive_note,
    citations_for_api,
    citations_of,
    citations_with_stale_evidence,
    claim_evidence,
    claims_for_api,
    claims_for_review,
    claims_queue,
    claims_with_review_marks,
    reviewers,
    verdicts_for_api,
)
from claims.selectors.reading import (
    article_claims_for_reading,
    claim_pieces,
    furniture_spans_of,
    not_claims_of,
)
from claims.selectors.similar import SimilarClaim, claim_tokens, claims_similar, jaccard
from claims.selectors.triage import (
    Decision,
    Scorer,
    article_claims_ranked,
    article_top_claim_ids,
    checkworthiness_scorer,
    checkworthiness_scorer_forget,
    decision_labels,
    decisions_for_training,
    decisions_new_since,
    triage_model_active,
    triage_model_last_attempt,
    triage_model_load,
    triage_model_pending,
)
from claims.selectors.verdicts import (
    article_has_published_claims,
    awaiting_approval,
    citation_is_published,
    claim_published_at,
    claim_verdicts,
    verdict_current,
    verdict_published_of,
    verdicts_published,
)

__all__ = [
    "AuditEntry",
    "Decision",
    "Scorer",
    "SimilarClaim",
    "article_claims_for_reading",
    "article_claims_ranked",
    "article_has_published_claims",
    "article_top_claim_ids",
    "articles_for_api",
    "awaiting_approval",
    "checkworthiness_scorer",
    "checkworthiness_scorer_forget",
    "citation_archive_annotations",
    "citation_archive_note",
    "citation_is_published",
    "citations_for_api",
    "citations_of",
    "citations_with_stale_evidence",
    "claim_audit_trail",
    "claim_evidence",
    "claim_pieces",
    "claim_published_at",
    "claim_tokens",
    "claim_verdicts",
    "claims_for_api",
    "claims_for_review",
    "claims_queue",
    "claims_similar",
    "claims_with_review_marks",
    "dashboard_stats",
    "decision_labels",
    "decisions_for_training",
    "decisions_new_since",
    "furniture_spans_of",
    "jaccard",
    "not_claims_of",
    "reviewers",
    "triage_model_active",
    "triage_model_last_attempt",
    "triage_model_load",
    "triage_model_pending",
    "verdict_current",
    "verdict_published_of",
    "verdicts_for_api",
    "verdicts_published",
]
