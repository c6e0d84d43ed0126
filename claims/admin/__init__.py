"""The reviewers' workbench: articles, their claims, citations, verdicts and evidence.

Every write goes through ``claims.services``; the admin only collects input and shows state.
Reads that are more than a queryset come from ``claims.selectors``. One module per noun;
importing them registers their ModelAdmins.
"""

from claims.admin.articles import ArticleAdmin
from claims.admin.claims import ClaimAdmin
from claims.admin.triage import TriageModelAdmin
from claims.admin.verdicts import CitationAdmin, VerdictAdmin

__all__ = ["ArticleAdmin", "CitationAdmin", "ClaimAdmin", "TriageModelAdmin", "VerdictAdmin"]
