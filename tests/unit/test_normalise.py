import pytest

from sources.normalise import InvalidURL, url_domain, url_normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://Example.ORG", "https://example.org/"),
        ("http://example.org:80/a", "http://example.org/a"),
        ("https://example.org:8443/a", "https://example.org:8443/a"),
        ("https://example.org/a?b=1&utm_source=x&fbclid=y#frag", "https://example.org/a?b=1"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        ("  https://example.org/x  ", "https://example.org/x"),
    ],
)
def test_normalise(raw, expected):
    assert url_normalize(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "example.org",
        "file:///etc/passwd",
        "gopher://x/",
        "http://u:p@example.org/",
        "http://example.org:99999/",
        "https://" + "a" * 2050,
    ],
)
def test_refuse(raw):
    with pytest.raises(InvalidURL):
        url_normalize(raw)


def test_domain():
    assert url_domain("https://www.example.org/a") == "www.example.org"
