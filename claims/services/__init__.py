"""Write-side of claims: articles, extraction, citations, verdicts, the review workflow,
evidence and imports.

Admin actions, API views, management commands and tasks all call these functions (as
``services.<noun>_<verb>``); none of them holds business rules of its own.
"""

from claims.services.articles import (
    EXTRACTION_LEASE,
    PARKED_OFFSET,
    article_create,
    article_create_from_url,
    article_extract,
    article_fetch,
    article_request_extraction,
    article_save,
    article_submit_url,
    articles_requeue_stuck_extractions,
    body_sha256,
    claims_reconcile,
)
from claims.services.evidence import (
    EvidenceOutcome,
    evidence_find_for_citation,
    evidence_refresh,
    evidence_request,
    evidence_request_for_source,
    evidence_stale_citation_ids,
)
from claims.services.imports import (
    IMPORT_MAX_BYTES,
    IMPORT_MAX_ROWS,
    ImportResult,
    claims_import,
    claims_rows_parse,
)
from claims.services.review import (
    EDITOR_GROUP,
    REVIEW_GROUPS,
    citation_add,
    claim_assign,
    claim_dismiss,
    claim_reopen,
    claims_assign,
    user_can_publish,
    user_can_review,
    verdict_propose,
    verdict_publish,
    verdict_reject,
)

__all__ = [
    "EDITOR_GROUP",
    "EXTRACTION_LEASE",
    "IMPORT_MAX_BYTES",
    "IMPORT_MAX_ROWS",
    "PARKED_OFFSET",
    "REVIEW_GROUPS",
    "EvidenceOutcome",
    "ImportResult",
    "article_create",
    "article_create_from_url",
    "article_extract",
    "article_fetch",
    "article_request_extraction",
    "article_save",
    "article_submit_url",
    "articles_requeue_stuck_extractions",
    "body_sha256",
    "citation_add",
    "claim_assign",
    "claim_dismiss",
    "claim_reopen",
    "claims_assign",
    "claims_import",
    "claims_reconcile",
    "claims_rows_parse",
    "evidence_find_for_citation",
    "evidence_refresh",
    "evidence_request",
    "evidence_request_for_source",
    "evidence_stale_citation_ids",
    "user_can_publish",
    "user_can_review",
    "verdict_propose",
    "verdict_publish",
    "verdict_reject",
]
