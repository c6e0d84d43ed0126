"""The Atom feed of published fact-checks (``/fact-checks/feed.atom``), newest first.

A correction is published at the same address, so an entry's id is its page and its
``updated`` time the newest publication. Summaries are escaped: feed readers render Atom's
``type="html"`` summaries as HTML, and an explanation is plain text.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks

from claims.models import Verdict
from claims.public.paths import fact_check_index_path, fact_check_path
from claims.public.views import public_csp
from claims.selectors import public as selectors

FEED_LENGTH = 50


class FactCheckFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Security-Policy"] = public_csp()
        return response

    def title(self) -> str:
        return f"{settings.CLAIMREVIEW_ORG_NAME}: fact-checks"

    def subtitle(self) -> str:
        return f"Claims checked and published by {settings.CLAIMREVIEW_ORG_NAME}, newest first."

    def link(self) -> str:
        return fact_check_index_path()

    def author_name(self) -> str:
        return settings.CLAIMREVIEW_ORG_NAME

    def author_link(self) -> str:
        return settings.CLAIMREVIEW_ORG_URL

    def items(self):
        return selectors.fact_checks_public()[:FEED_LENGTH]

    def item_title(self, item: Verdict) -> str:
        return f"{item.get_rating_display()}: {item.claim.text}"

    def item_description(self, item: Verdict) -> str:
        return linebreaks(escape(item.explanation))

    def item_link(self, item: Verdict) -> str:
        return fact_check_path(item.claim)

    def item_pubdate(self, item: Verdict):
        return item.published_at

    def item_updateddate(self, item: Verdict):
        return item.published_at

    def item_author_name(self, item: Verdict) -> str:
        return settings.CLAIMREVIEW_ORG_NAME
