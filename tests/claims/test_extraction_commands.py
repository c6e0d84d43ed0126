"""The extraction management commands: extract_claims (no database) and evaluate_extraction."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TEXT = (
    "Joined\nMar 3, 2019\nMessages\n412\n"
    "The council approved the budget in May and raised local taxes by 2 percent. "
    'The mayor called it "fair".\n'
)


def _need_shared() -> Path:
    if not (SHARED / "tools" / "score_claims.py").exists():
        reason = f"{SHARED} is missing (the shared data set ships with CI only)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return SHARED


def test_extract_claims_prints_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = io.StringIO()
    call_command("extract_claims", str(path), stdout=out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [c["text"] for c in lines] == [
        "The council approved the budget in May.",
        "The council raised local taxes by 2 percent.",
        'The mayor called it "fair".',
    ]
    assert lines[1]["details"]["numbers"][0]["unit"] == "%"
    assert lines[2]["kind"] == "quote"
    for claim in lines:
        assert set(claim) == {"text", "spans", "kind", "checkworthiness", "details"}
        for s, e in claim["spans"]:
            assert TEXT[s:e].strip()


def test_extract_claims_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("The bridge opened in 2021, it cost $40 million.")
    )
    out = io.StringIO()
    call_command("extract_claims", "-", stdout=out)
    assert len(out.getvalue().splitlines()) == 2


def test_extract_claims_missing_file() -> None:
    with pytest.raises(CommandError, match="cannot read"):
        call_command("extract_claims", "/nonexistent/article.txt")


def test_evaluate_extraction_without_shared_data(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="shared evaluation data not found"):
        call_command("evaluate_extraction", "--shared", str(tmp_path))


def test_evaluate_extraction_prints_figures() -> None:
    shared = _need_shared()
    out = io.StringIO()
    call_command(
        "evaluate_extraction", "--shared", str(shared), "--granularity", "claim", stdout=out
    )
    table, realnews = out.getvalue().split("\n\n", 1)
    rows = {line.split()[0]: line.split() for line in table.splitlines()[1:]}
    assert set(rows) == {"seed", "propsegment-dev"}
    seed_f1 = float(rows["seed"][4])
    assert seed_f1 >= 0.95
    # the real-news development set: precision, junk rate, priority-3 recall, reversed claims
    assert "real-news dev set" in realnews
    assert "junk rate" in realnews and "priority-3 recall" in realnews
    assert "reversed claims 0" in realnews
