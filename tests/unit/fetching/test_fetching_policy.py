"""The fetch policy without any network: URL syntax, the address deny list, settings."""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import socket
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.fetching import (
    Blocked,
    FetchError,
    FetchFailed,
    FetchPolicy,
    address_allowed,
    check_url,
)
from sources.fetching.policy import DENIED_NETWORKS, parse_target

POLICY = FetchPolicy()


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        # IPv4: public
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("1.1.1.1", True),
        # IPv4: everything internal or special
        ("127.0.0.1", False),
        ("127.255.255.254", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("172.31.255.255", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("100.127.255.254", False),
        ("0.0.0.0", False),
        ("0.1.2.3", False),
        ("192.0.0.1", False),
        ("192.0.0.170", False),
        ("192.0.2.1", False),
        ("198.18.0.1", False),
        ("198.19.255.255", False),
        ("198.51.100.7", False),
        ("203.0.113.9", False),
        ("224.0.0.1", False),
        ("239.255.255.250", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("192.88.99.1", False),
        # IPv6: public
        ("2606:4700:4700::1111", True),
        ("2001:4860:4860::8888", True),
        ("2a00:1450:4001:80b::200e", True),
        # IPv6: internal, special, or wrapping an IPv4 address
        ("::", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:7f00:1", False),
        ("::ffff:8.8.8.8", False),  # mapped: refused even when the IPv4 is public
        ("::127.0.0.1", False),  # IPv4-compatible
        ("::ffff:0:169.254.169.254", False),  # SIIT
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::808:808", False),  # NAT64 of 8.8.8.8 (still refused)
        ("64:ff9b:1::1", False),
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:808:808::1", False),
        ("2001::1", False),  # Teredo
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),
        ("2001:db8::1", False),  # documentation
        ("3fff::1", False),  # documentation (RFC 9637)
        ("fc00::1", False),
        ("fd12:3456:789a::1", False),
        ("fe80::1", False),
        ("fe80::1%1", False),
        ("fec0::1", False),
        ("ff02::1", False),
        ("100::1", False),
        ("4000::1", False),  # outside global unicast 2000::/3
        ("not an ip", False),
    ],
)
def test_address_table(address: str, allowed: bool) -> None:
    assert address_allowed(address) is allowed


def test_every_denied_network_is_denied_at_both_ends() -> None:
    for net in DENIED_NETWORKS:
        assert not address_allowed(net.network_address), net
        assert not address_allowed(net.broadcast_address), net


@given(st.ip_addresses())
def test_allowed_addresses_are_never_in_a_denied_network(
    addr: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> None:
    if address_allowed(addr):
        assert not any(addr.version == n.version and addr in n for n in DENIED_NETWORKS)
        assert not addr.is_loopback and not addr.is_private and not addr.is_link_local


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("gopher://example.com/", "scheme_not_allowed"),
        ("file:///etc/passwd", "scheme_not_allowed"),
        ("dict://example.com:11211/", "scheme_not_allowed"),
        ("ftp://example.com/", "scheme_not_allowed"),
        ("javascript:alert(1)", "scheme_not_allowed"),
        ("http://user@example.com/", "userinfo"),
        ("http://user:pw@example.com/", "userinfo"),
        ("http://example.com@evil.test/", "userinfo"),
        ("http://exa%6dple.com/", "bad_host"),
        ("http://[fe80::1%25eth0]/", "bad_host"),
        ("http://exa mple.com/", "bad_url"),
        ("http://example.com\\@evil.test/", "bad_url"),
        ("http://example.com/\\evil", "bad_url"),
        ("http://exam\tple.com/", "bad_url"),
        ("http://example.com/\x00", "bad_url"),
        ("http://example.com/\r\nX-Injected: 1", "bad_url"),
        ("http://example.com:22/", "port_not_allowed"),
        ("http://example.com:6379/", "port_not_allowed"),
        ("http://example.com:0/", "bad_host"),
        ("http://example.com:99999/", "bad_host"),
        ("http://example.com:8o/", "bad_host"),
        ("http://a:b:c/", "bad_host"),
        ("http:///path", "bad_host"),
        ("http:example.com", "bad_url"),
        ("example.com", "bad_url"),
        ("", "bad_url"),
        ("http://localhost/", "internal_host"),
        ("http://LOCALHOST./", "internal_host"),
        ("http://foo.localhost/", "internal_host"),
        ("http://metadata.google.internal/", "internal_host"),
        ("http://printer.local/", "internal_host"),
        ("http://a..b/", "bad_host"),
        ("http://-bad-.com/", "bad_host"),
        ("http://" + "a" * 64 + ".com/", "bad_host"),
        ("http://example.com/" + "a" * 2040, "url_too_long"),
        ("http://[::1/", "bad_host"),
        ("http://[::1]x/", "bad_host"),
        ("http://[not-ip]/", "bad_host"),
    ],
)
def test_syntax_refusals(url: str, reason: str) -> None:
    with pytest.raises(Blocked) as info:
        parse_target(url, POLICY)
    assert info.value.reason == reason
    assert info.value.transient is False
    assert info.value.message


@pytest.mark.parametrize(
    ("url", "host", "port"),
    [
        ("http://Example.COM/a?b#c", "example.com", 80),
        ("https://example.com./", "example.com", 443),
        ("https://example.com:8443", "example.com", 8443),
        ("http://example.com:/x", "example.com", 80),
        ("http://bücher.example/", "xn--bcher-kva.example", 80),
        ("http://[2606:4700:4700::1111]:8080/", "2606:4700:4700::1111", 8080),
        ("http://under_score.example.com/", "under_score.example.com", 80),
    ],
)
def test_syntax_accepts(url: str, host: str, port: int) -> None:
    target = parse_target(url, POLICY)
    assert (target.host, target.port, target.allowlisted) == (host, port, False)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "http://0x7f000001/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::1]/",
        "http://[::]/",
        "http://0/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://100.100.100.200/",  # Alibaba metadata (CGNAT range)
        "http://10.0.0.1:8080/",
    ],
)
def test_numeric_hosts_are_checked_after_resolution(url: str) -> None:
    """Odd spellings of loopback resolve through getaddrinfo; the resolved address is refused."""
    with pytest.raises(Blocked) as info:
        check_url(url, POLICY)
    assert info.value.reason == "address_not_allowed"


def _fake_getaddrinfo(answers: dict[str, list[str]]) -> Any:
    def fake(host: str, port: int, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        out = []
        for ip in answers[host]:
            if ":" in ip:
                out.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (ip, port, 0, 0)))
            else:
                out.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)))
        return out

    return fake


def test_any_bad_answer_blocks_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        _fake_getaddrinfo(
            {
                "good.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
                "mixed.example": ["93.184.216.34", "127.0.0.1"],
                "mixed6.example": ["93.184.216.34", "::1"],
                "meta.example": ["169.254.169.254"],
            }
        ),
    )
    assert check_url("https://good.example/", POLICY) == [
        "93.184.216.34",
        "2606:2800:220:1:248:1893:25c8:1946",
    ]
    for name in ("mixed.example", "mixed6.example", "meta.example"):
        with pytest.raises(Blocked) as info:
            check_url(f"https://{name}/", POLICY)
        assert info.value.reason == "address_not_allowed"
    with pytest.raises(FetchFailed) as failed:
        check_url("https://nxdomain.example/", POLICY)
    assert failed.value.reason == "dns_failure"
    assert failed.value.transient is True


def test_allowlist_is_exact_host_and_port() -> None:
    policy = dataclasses.replace(POLICY, allowed_hostports=frozenset({"127.0.0.1:54321"}))
    assert check_url("http://127.0.0.1:54321/x", policy) == ["127.0.0.1"]
    for url, reason in [
        ("http://127.0.0.1:54322/", "port_not_allowed"),
        ("http://127.1:54321/", "port_not_allowed"),
        ("http://127.0.0.1/", "address_not_allowed"),
        ("http://localhost:54321/", "port_not_allowed"),
    ]:
        with pytest.raises(Blocked) as info:
            check_url(url, policy)
        assert info.value.reason == reason, url


def test_policy_from_settings_object() -> None:
    settings = SimpleNamespace(
        FETCH_ALLOWED_PORTS="80, 443",
        FETCH_ALLOWED_HOSTPORTS=["127.0.0.1:9999"],
        FETCH_DEADLINE="12.5",
        FETCH_MAX_BYTES_TEXT=1000,
        FETCH_ALLOWED_CONTENT_TYPES=["TEXT/HTML"],
        FETCH_USER_AGENT="ua/1",
    )
    policy = FetchPolicy.from_settings(settings)
    assert policy.allowed_ports == frozenset({80, 443})
    assert policy.allowed_hostports == frozenset({"127.0.0.1:9999"})
    assert policy.deadline == 12.5
    assert policy.max_bytes_text == 1000
    assert policy.allowed_content_types == frozenset({"text/html"})
    assert policy.user_agent == "ua/1"
    assert policy.max_redirects == 5  # untouched default


def test_policy_defaults() -> None:
    policy = FetchPolicy()
    assert policy.allowed_ports == frozenset({80, 443, 8080, 8443})
    assert policy.allowed_hostports == frozenset()
    assert (policy.connect_timeout, policy.read_timeout, policy.deadline) == (5, 15, 30)
    assert policy.max_redirects == 5
    assert policy.max_bytes_text == 20 * 1024 * 1024
    assert policy.max_bytes_pdf == 100 * 1024 * 1024
    assert policy.max_url_length == 2048
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.deadline = 1  # type: ignore[misc]


@given(st.text(max_size=300))
def test_parse_never_raises_anything_but_fetch_errors(text: str) -> None:
    with contextlib.suppress(FetchError):
        parse_target(text, POLICY)


@given(
    st.sampled_from(["http", "https", "HTTP", "ftp"]),
    st.text(alphabet="ab0.-:[]@%\\x_", min_size=1, max_size=30),
)
def test_parse_authority_fuzz(scheme: str, authority: str) -> None:
    try:
        target = parse_target(f"{scheme}://{authority}/", POLICY)
    except FetchError:
        return
    assert "@" not in authority and "%" not in authority and "\\" not in authority
    assert target.port in POLICY.allowed_ports
