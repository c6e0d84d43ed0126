"""The real-news development set (tests/data/realnews, docs/annotation.md) scored with the
shared scorer: the figures issue 9 asks for, on real articles nobody tuned the seed on.

The set has news stories and opinion pieces (columns, an editorial); opinion is where a
rules engine confuses a writer's assertion with a checkable claim, so the two are also
scored apart.  The held-out articles are never looked at sentence by sentence; their
figures are printed, and guarded loosely, as the team's own check."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction import extract, realnews

OPINION = {"04a6711caa7c", "e4c6a3b48240", "5fa3154ec031", "87bf60570e6e", "ef4e67b66d63"}


def _report(shared: Path, split: str, keep=lambda key: True) -> realnews.Report:
    articles = [a for a in realnews.load(split, shared) if keep(a.key)]
    original = realnews.load
    realnews.load = lambda s, sh: articles  # score exactly these articles
    try:
        report, _ = realnews.evaluate(split, extract, shared)
    finally:
        realnews.load = original
    print(f"\n{split} ({len(articles)} articles): {report.as_dict()}")
    return report


@pytest.fixture(scope="module")
def shared(request) -> Path:
    from tests.conftest import shared_path

    return shared_path("data", "article-pages", "ground-truth.json").parents[2]


def test_news_stories_meet_the_issue_figures(shared: Path) -> None:
    report = _report(shared, "dev", lambda key: key not in OPINION)
    assert report.articles >= 12
    assert report.precision >= 0.80
    assert report.junk_rate <= 0.10
    assert report.p3_recall >= 0.90  # the issue's figure (221 of 244)
    assert report.reversed == 0


def test_the_whole_development_set(shared: Path) -> None:
    # opinion pieces included: a little more junk (the writer's assertions) is the price,
    # and they bury priority-3 claims in long sentences (246 of 273: just over the 0.90)
    report = _report(shared, "dev")
    assert report.precision >= 0.80
    assert report.junk_rate <= 0.10
    assert report.p3_recall >= 0.90
    assert report.reversed == 0


def test_held_out_articles_are_no_worse_than_a_safety_margin(shared: Path) -> None:
    # 53 articles annotated blind, opinion pieces among them, whose quotes and assertions
    # annotators did not count (junk 0.116 at 2026-11-30; on the nine newest, 0.151, their
    # seven news stories 0.076)
    report = _report(shared, "heldout")
    assert report.precision >= 0.75
    assert report.junk_rate <= 0.13
    assert report.p3_recall >= 0.70
    assert report.reversed == 0
