"""Browser capture (ORM-free): a page as a reader saw it, through headless Chromium.

Every request the page makes is intercepted and answered from the safe fetcher
(``sources.fetching``), so the browser never talks to the network itself; see
``docs/archiving.md`` ("Browser capture").

>>> capture = capture_page(url, policy=FetchPolicy.from_settings())   # doctest: +SKIP
>>> capture.text, capture.screenshot.width, capture.partial_reason     # doctest: +SKIP
"""

from sources.archiving.browser.capture import (
    BrowserBudget,
    BrowserCapture,
    BrowserFailed,
    Screenshot,
    capture_page,
)
from sources.archiving.browser.runner import shutdown_browser

__all__ = [
    "BrowserBudget",
    "BrowserCapture",
    "BrowserFailed",
    "Screenshot",
    "capture_page",
    "shutdown_browser",
]
