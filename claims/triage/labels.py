"""Read a labelled file a newsroom brings: sentences marked check-worthy (1) or not (0).

Formats:

- CSV with a header row that has a ``text`` and a ``label`` column (other columns are
  ignored, except an optional ``group`` column: rows of one group, say one article, are
  never split between training and held-out rows). The delimiter is sniffed (comma,
  semicolon, tab, pipe); comma is the default.
- JSON lines: one object a line, ``{"text": ..., "label": ..., "group": ...}``.

Labels: ``1``/``0``, ``yes``/``no``, ``true``/``false`` (case-insensitive); JSON ints and
booleans too. Anything else is refused with a ``LabelFileError`` naming the line and the
reason (missing column, empty text, bad label, a field over the size cap, bad encoding,
bad JSON), never a traceback:

    from claims.triage.labels import read_labels, LabelFileError
    try:
        rows = read_labels(Path("labels.csv"))
    except LabelFileError as error:
        print(error)          # "labels.csv: line 7: label 'maybe' is not 1/0, yes/no or true/false"

``read_anchored`` reads the repository's own development set, stored without text as page
ids, offsets and SHA-1 digests (``tests/data/checkworthy/``), against the source texts.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.csvsafe import restore

MAX_FIELD_CHARS = 10_000  # one sentence or claim; a longer field is a wrong column or a file
MAX_ROWS = 1_000_000
MAX_PROBLEMS = 20

_TRUE = frozenset({"1", "yes", "true"})
_FALSE = frozenset({"0", "no", "false"})


@dataclass(frozen=True)
class LabelledText:
    """One labelled sentence or claim."""

    text: str
    label: int
    line: int = 0
    group: str | None = None
    position: float | None = None
    source: str = "file"


class LabelFileError(ValueError):
    """A labelled file that cannot be used; ``problems`` lists (line, reason)."""

    def __init__(self, name: str, problems: list[tuple[int, str]]):
        self.name = name
        self.problems = problems
        shown = "; ".join(f"line {line}: {reason}" if line else reason for line, reason in problems)
        more = len(problems) >= MAX_PROBLEMS
        super().__init__(f"{name}: {shown}{' (and more)' if more else ''}")


def parse_label(value: Any) -> int | None:
    """1 or 0 for an accepted label value, None otherwise."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value if value in (0, 1) else None
    if isinstance(value, float) and value in (0.0, 1.0):
        return int(value)
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _TRUE:
            return 1
        if low in _FALSE:
            return 0
    return None


def _check_row(
    line: int, text: Any, label: Any, group: Any, problems: list[tuple[int, str]]
) -> LabelledText | None:
    if not isinstance(text, str):
        problems.append((line, "text is missing or not a string"))
        return None
    if not text.strip():
        problems.append((line, "text is empty"))
        return None
    if len(text) > MAX_FIELD_CHARS:
        problems.append((line, f"text is over {MAX_FIELD_CHARS:,} characters"))
        return None
    if isinstance(label, str) and len(label) > 100:
        problems.append((line, "label is over 100 characters"))
        return None
    value = parse_label(label)
    if value is None:
        shown = repr(label if not isinstance(label, str) else label.strip())[:40]
        problems.append((line, f"label {shown} is not 1/0, yes/no or true/false"))
        return None
    if group is not None and not isinstance(group, str | int):
        problems.append((line, "group must be a string or a number"))
        return None
    if isinstance(group, str) and len(group) > MAX_FIELD_CHARS:
        problems.append((line, f"group is over {MAX_FIELD_CHARS:,} characters"))
        return None
    return LabelledText(
        text=text.strip(), label=value, line=line, group=None if group in (None, "") else str(group)
    )


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LabelFileError(
            name, [(line, f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8")]
        ) from None


_DELIMITERS = ",;\t|"


def _dialect(text: str) -> Any:
    """Excel's CSV dialect (quotes doubled inside quoted fields, as every spreadsheet and
    Python's csv module write them) with the delimiter of the header: the one that splits it
    into fields named ``text`` and ``label``, else the sniffer's guess, else a comma. Only the
    delimiter is sniffed: the sniffer's guess of quoting rules breaks on doubled quotes."""
    header = text.split("\n", 1)[0].lstrip("\ufeff").lower()
    delimiter = ""
    for candidate in _DELIMITERS:
        names = {name.strip().strip('"') for name in header.split(candidate)}
        if {"text", "label"} <= names:
            delimiter = candidate
            break
    if not delimiter:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=_DELIMITERS).delimiter
        except csv.Error:
            delimiter = ","

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


def _read_csv(text: str, problems: list[tuple[int, str]]) -> list[LabelledText]:
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    csv.field_size_limit(max(MAX_FIELD_CHARS * 4, 131072))
    try:
        header = next(reader)
    except StopIteration:
        problems.append((1, "the file is empty"))
        return []
    except csv.Error as error:
        problems.append((1, f"not a CSV header ({error})"))
        return []
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    missing = [c for c in ("text", "label") if c not in columns]
    if missing:
        problems.append(
            (1, f"the header has no {' and no '.join(repr(c) for c in missing)} column")
        )
        return []
    i_text, i_label = columns.index("text"), columns.index("label")
    i_group = columns.index("group") if "group" in columns else None
    rows: list[LabelledText] = []
    line = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append((line, f"not valid CSV ({error})"))
            break
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) >= MAX_ROWS:
            problems.append((start, f"more than {MAX_ROWS:,} rows"))
            break
        if max(i_text, i_label) >= len(record):
            problems.append((start, f"{len(record)} fields where the header has {len(columns)}"))
        else:
            group = record[i_group] if i_group is not None and i_group < len(record) else None
            # Our own CSV files are written formula-safe (workbench.csvsafe): read back the text.
            text = restore(record[i_text])
            row = _check_row(start, text, record[i_label], group, problems)
            if row is not None:
                rows.append(row)
        if len(problems) >= MAX_PROBLEMS:
            break
    return rows


def _read_jsonl(text: str, problems: list[tuple[int, str]]) -> list[LabelledText]:
    rows: list[LabelledText] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        if len(rows) >= MAX_ROWS:
            problems.append((number, f"more than {MAX_ROWS:,} rows"))
            break
        if len(raw) > MAX_FIELD_CHARS * 3:
            problems.append((number, f"the line is over {MAX_FIELD_CHARS * 3:,} characters"))
        else:
            try:
                obj = json.loads(raw)
            except ValueError as error:
                problems.append((number, f"not valid JSON ({error.args[0].split(':')[0]})"))
                obj = None
            if obj is not None and not isinstance(obj, dict):
                problems.append((number, "not a JSON object"))
            elif obj is not None:
                missing = [k for k in ("text", "label") if k not in obj]
                if missing:
                    problems.append((number, f"no {' and no '.join(repr(k) for k in missing)}"))
                else:
                    row = _check_row(number, obj["text"], obj["label"], obj.get("group"), problems)
                    if row is not None:
                        rows.append(row)
        if len(problems) >= MAX_PROBLEMS:
            break
    return rows


def parse_labels(
    data: bytes | str, name: str = "labels", fmt: str | None = None
) -> list[LabelledText]:
    """Labelled rows of a CSV or JSON-lines document; `fmt` "csv" or "jsonl" (default: the
    name's extension, else JSON lines when the first character is ``{``)."""
    text = _decode(data, name) if isinstance(data, bytes) else data.lstrip("\ufeff")
    if fmt is None:
        low = name.lower()
        if low.endswith((".jsonl", ".ndjson", ".json")):
            fmt = "jsonl"
        elif low.endswith((".csv", ".tsv", ".txt")):
            fmt = "csv"
        else:
            fmt = "jsonl" if text.lstrip().startswith("{") else "csv"
    if fmt not in ("csv", "jsonl"):
        raise LabelFileError(name, [(0, f"unknown format {fmt!r}; use csv or jsonl")])
    problems: list[tuple[int, str]] = []
    rows = _read_csv(text, problems) if fmt == "csv" else _read_jsonl(text, problems)
    if problems:
        raise LabelFileError(name, problems[:MAX_PROBLEMS])
    if not rows:
        raise LabelFileError(name, [(0, "no labelled rows")])
    return rows


def read_labels(path: Path | str, fmt: str | None = None) -> list[LabelledText]:
    """Labelled rows of the file at `path` (see ``parse_labels``)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LabelFileError(str(path), [(0, f"cannot read the file ({error.strerror})")]) from None
    return parse_labels(data, name=path.name, fmt=fmt)


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_anchored(
    lines: Iterable[str], texts: Mapping[str, str], name: str = "anchored"
) -> list[LabelledText]:
    """Labelled sentences stored as ``{"page", "span": [s, e], "sha1", "label"}`` lines,
    resolved against the page texts; a missing page or a changed text is an error."""
    rows = []
    problems: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        obj = json.loads(raw)
        text = texts.get(obj["page"])
        if text is None:
            problems.append((number, f"page {obj['page'][:12]} is not in the source texts"))
            continue
        s, e = obj["span"]
        sentence = text[s:e]
        if sha1(sentence) != obj["sha1"]:
            problems.append((number, f"the text of page {obj['page'][:12]} at {s}..{e} changed"))
            continue
        rows.append(
            LabelledText(
                text=sentence,
                label=int(obj["label"]),
                line=number,
                group=obj["page"],
                position=s / max(1, len(text)),
            )
        )
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise LabelFileError(name, problems)
    return rows
