from claims.extraction.clean import (
    body_regions,
    classify_line,
    furniture_spans,
    html_to_text,
    looks_like_html,
)

FORUM_POST = """Home
Forums
Leaders Meet In Paris To Discuss Trade

rivermoth

SENIOR MEMBER
Joined
Mar 3, 2019
Messages
12,048
Reaction score
15
Country
France
The two presidents met in Paris on Monday, they signed a trade agreement worth $2 billion.

Share this:
Like Reply
"""


def test_forum_chrome_is_furniture_and_prose_is_not() -> None:
    furniture = [FORUM_POST[s:e] for s, e in furniture_spans(FORUM_POST)]
    for chrome in [
        "Home",
        "Forums",
        "rivermoth",
        "SENIOR MEMBER",
        "Joined",
        "Mar 3, 2019",
        "Messages",
        "12,048",
        "Reaction score",
        "15",
        "Country",
        "France",
        "Share this:",
        "Like Reply",
    ]:
        assert chrome in furniture
    regions = body_regions(FORUM_POST)
    assert [FORUM_POST[s:e] for s, e in regions] == [
        "The two presidents met in Paris on Monday, they signed a trade agreement worth $2 billion."
    ]


def test_offsets_point_into_the_original_text() -> None:
    for s, e in furniture_spans(FORUM_POST) + body_regions(FORUM_POST):
        assert FORUM_POST[s:e].strip() == FORUM_POST[s:e]


def test_headline_is_neither_body_nor_furniture() -> None:
    assert classify_line("Leaders Meet In Paris To Discuss Trade", multiline=True) == "heading"


def test_single_short_line_is_kept() -> None:
    assert body_regions("Putin met Xi in Moscow") == [(0, 22)]


def test_cookie_notice_and_byline() -> None:
    text = (
        "By Jane Doe\nWe use cookies to improve your experience. Accept all\n"
        "The dam produces 40 megawatts of power.\n"
    )
    assert [text[s:e] for s, e in body_regions(text)] == ["The dam produces 40 megawatts of power."]


def test_html_input_is_detected_and_reduced_to_main_text() -> None:
    html = (
        "<html><head><title>t</title></head><body><nav>Home | About</nav><article>"
        "<p>The council approved a budget of 3 million euros on Tuesday, the mayor said "
        "the money will fund two new schools in the northern district.</p>"
        "</article></body></html>"
    )
    assert looks_like_html(html)
    assert not looks_like_html("The council approved a budget.")
    assert "council approved a budget" in html_to_text(html)
