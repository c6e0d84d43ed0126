"""The bounded content decoder on its own: any chunking gives the same bytes, never over cap."""

from __future__ import annotations

import gzip
import itertools
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.fetching import FetchFailed
from sources.fetching.client import _Decoder

ENCODERS = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    None: lambda b: b,
}


def decode_in_chunks(encoding: str | None, wire: bytes, cuts: list[int], cap: int) -> bytes:
    decoder = _Decoder(encoding, cap, "http://x/")
    out = []
    raw_total = 0
    points = sorted({c % (len(wire) + 1) for c in cuts} | {0, len(wire)})
    for start, end in itertools.pairwise(points):
        chunk = wire[start:end]
        raw_total += len(chunk)
        out.append(decoder.feed(chunk, raw_total))
        assert decoder.total <= cap
    out.append(decoder.finish(raw_total))
    return b"".join(out)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(list(ENCODERS)),
    st.binary(max_size=20_000),
    st.lists(st.integers(min_value=0, max_value=50_000), max_size=12),
)
def test_any_chunking_decodes_to_the_same_body(
    encoding: str | None, body: bytes, cuts: list[int]
) -> None:
    wire = ENCODERS[encoding](body)
    assert decode_in_chunks(encoding, wire, cuts, cap=len(body) + 1) == body


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["gzip", "deflate"]),
    st.integers(min_value=1, max_value=5000),
    st.lists(st.integers(min_value=0, max_value=50_000), max_size=8),
)
def test_over_the_cap_always_raises_and_never_overshoots(
    encoding: str, cap: int, cuts: list[int]
) -> None:
    body = b"z" * (cap * 3 + 10)
    wire = ENCODERS[encoding](body)
    decoder = _Decoder(encoding, cap, "http://x/")
    produced = 0
    with pytest.raises(FetchFailed) as info:
        points = sorted({c % (len(wire) + 1) for c in cuts} | {0, len(wire)})
        raw_total = 0
        for start, end in itertools.pairwise(points):
            raw_total += end - start
            produced += len(decoder.feed(wire[start:end], raw_total))
            assert decoder.total <= cap + 1
        decoder.finish(raw_total)
    assert info.value.reason in ("too_large", "decompression_bomb")
    assert produced <= cap


def test_truncated_stream_is_a_transient_connection_error() -> None:
    wire = gzip.compress(b"hello world" * 100)
    decoder = _Decoder("gzip", 10_000, "http://x/")
    decoder.feed(wire[: len(wire) // 2], len(wire) // 2)
    with pytest.raises(FetchFailed) as info:
        decoder.finish(len(wire) // 2)
    assert (info.value.reason, info.value.transient) == ("connection_error", True)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_empty_body_labelled_encoded_is_empty(encoding: str) -> None:
    assert _Decoder(encoding, 100, "http://x/").finish(0) == b""
