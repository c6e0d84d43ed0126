"""Write-side of claims: every write of the admin, the API, the commands and the tasks.

One module per noun: ``articles`` (and extraction), ``claims`` (edits and triage),
``citations``, ``verdicts``, ``evidence``, ``imports``, ``triage`` (the check-worthiness
model). Callers use ``services.<noun>_<verb>``; none of them holds business rules of its own.
Who may act is ``claims.policies``.
"""

from claims.services.archives import citation_archive_retry
from claims.services.article_input import (
    ArticleDuplicate,
    ArticleTooLarge,
    article_duplicate_of,
    article_limit_text,
    article_size_check,
    article_title_guess,
    bytes_decode,
)
from claims.services.articles import (
    article_create,
    article_create_from_url,
    article_extract,
    article_fetch,
    article_fetch_request,
    article_request_extraction,
    article_save,
    article_submit_url,
    article_text,
    articles_requeue_stuck_extractions,
    body_sha256,
    claims_reconcile,
)
from claims.services.citations import (
    citation_add,
    citation_remove,
    citation_update,
    citation_url_check,
)
from claims.services.claims import (
    claim_assign,
    claim_dismiss,
    claim_reopen,
    claim_set_status,
    claim_triage,
    claim_update,
    claims_assign,
)
from claims.services.deletion import (
    ArticleDeletion,
    article_delete,
    article_deletion_preview,
)
from claims.services.evidence import (
    evidence_find_for_citation,
    evidence_refresh,
    evidence_request_for_source,
    evidence_stale_citation_ids,
)
from claims.services.imports import claims_import, claims_rows_parse
from claims.services.triage import (
    claims_group_near_copies,
    claims_rescore,
    claims_score,
    triage_model_activate,
    triage_model_deactivate,
    triage_model_train,
    triage_retrain_if_due,
    triage_train_now,
    triage_train_request,
)
from claims.services.verdicts import (
    claims_verdict_columns_refresh,
    verdict_propose,
    verdict_publish,
    verdict_reject,
    verdict_unpublish,
)

__all__ = [
    "ArticleDeletion",
    "ArticleDuplicate",
    "ArticleTooLarge",
    "article_create",
    "article_create_from_url",
    "article_delete",
    "article_deletion_preview",
    "article_duplicate_of",
    "article_extract",
    "article_fetch",
    "article_fetch_request",
    "article_limit_text",
    "article_request_extraction",
    "article_save",
    "article_size_check",
    "article_submit_url",
    "article_text",
    "article_title_guess",
    "articles_requeue_stuck_extractions",
    "body_sha256",
    "bytes_decode",
    "citation_add",
    "citation_archive_retry",
    "citation_remove",
    "citation_update",
    "citation_url_check",
    "claim_assign",
    "claim_dismiss",
    "claim_reopen",
    "claim_set_status",
    "claim_triage",
    "claim_update",
    "claims_assign",
    "claims_group_near_copies",
    "claims_import",
    "claims_reconcile",
    "claims_rescore",
    "claims_rows_parse",
    "claims_score",
    "claims_verdict_columns_refresh",
    "evidence_find_for_citation",
    "evidence_refresh",
    "evidence_request_for_source",
    "evidence_stale_citation_ids",
    "triage_model_activate",
    "triage_model_deactivate",
    "triage_model_train",
    "triage_retrain_if_due",
    "triage_train_now",
    "triage_train_request",
    "verdict_propose",
    "verdict_publish",
    "verdict_reject",
    "verdict_unpublish",
]
