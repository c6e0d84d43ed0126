"""URL normalisation for deduplicating sources. Pure functions; fetch policy lives elsewhere."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from workbench.errors import DomainError

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "igshid", "ref_src", "cmpid"}
)
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_LENGTH = 2048


class InvalidURL(DomainError):
    code = "invalid_url"


def url_normalize(url: str) -> str:
    """Canonical form of an http(s) URL: lower-case scheme and host, no default port,
    no fragment, no tracking parameters (utm_*, fbclid...). Raises ``InvalidURL``.
    """
    url = (url or "").strip()
    if not url:
        raise InvalidURL("Enter a URL.")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidURL(f"URLs longer than {MAX_URL_LENGTH} characters are not accepted.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"This is not a valid URL: {exc}.") from exc
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InvalidURL("Only http:// and https:// URLs can be cited.")
    if parts.username is not None or parts.password is not None:
        raise InvalidURL("URLs with a user name or password are not accepted.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidURL("The URL has no host name.")
    try:
        host = host.encode("idna").decode("ascii") if not host.startswith("[") else host
    except UnicodeError as exc:
        raise InvalidURL("The host name is not valid.") from exc
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def url_domain(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
