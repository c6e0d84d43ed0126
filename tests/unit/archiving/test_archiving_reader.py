"""The reader view's HTML keeps an article's structure and drops everything executable."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sources.archiving.reader import reader_html

PAGE = b"""<html><head><title>t</title><style>p{color:red}</style></head><body>
<nav>Home | News</nav><article><h1>Budget approved</h1>
<p onclick="steal()">The council approved a budget of <b>12 million</b> euros on Tuesday,
ending a debate that had lasted for most of the year and divided the chamber.</p>
<p><img src="https://tracker.example/p.gif"> Critics called the plan
<a href="javascript:alert(1)">reckless</a>, and the mayor said it was
<a href="https://example.org/plan" target="_blank">fully costed</a>.</p>
<script>steal()</script><iframe src="https://evil.example/"></iframe>
</article></body></html>"""


def test_reader_keeps_text_and_safe_links_only():
    html = reader_html(PAGE, "utf-8", "https://news.example.org/budget")
    assert "12 million" in html and "fully costed" in html
    for forbidden in ("<script", "<img", "<iframe", "<style", "onclick", "javascript:", "target="):
        assert forbidden not in html, forbidden
    assert 'href="https://example.org/plan"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_reader_never_raises_on_garbage(body):
    assert isinstance(reader_html(body, None), str)
