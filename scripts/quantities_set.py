#!/usr/bin/env python3
"""The quantity test set (tests/data/quantities.jsonl): select sentences, build and show lines.

    python scripts/quantities_set.py select > var/quantities/sentences.txt
    python scripts/quantities_set.py build var/quantities/annotations.txt
    python scripts/quantities_set.py show [PAGE-PREFIX]

The selection rule was fixed before the parser's hard cases were written:

- pages: ``../shared/data/article-pages/ground-truth.json`` in sorted id order, skipping the
  ids of the other development set (``EXCLUDED``) and pages that are not English (fewer than
  15 % of the words are common English function words, or under 97 % of the characters are
  ASCII); the first ``PAGES`` English pages are taken;
- sentences: ``claims.extraction.segment.split_sentences`` over each ``articleBody``; every
  sentence holding a digit (any script), a currency sign or a word of ``NUMBER_WORDS``;
- split: every third line (index 2, 5, 8, ... in page and sentence order) is ``heldout``.

Annotations are written by hand in a working file under ``var/`` (never committed: it quotes
the articles). One block per sentence, the sentence being the line's number in ``select``::

    @ 17
    q "$13.6M" 13600000 USD
    q "3-5 years" 3 year low=3 high=5
    q "300 people" 300 people approx=approx
    q "5"#2 5 ""                  # the second "5" of the sentence
    n "Oct. 21" date              # must never be a quantity (kinds: date, time, ordinal, ...)

A block may be empty (the sentence holds no quantity). ``build`` locates every quoted string
in its sentence and writes offsets into ``articleBody`` plus the sentence's sha1; the article
text itself is never stored. Standard library plus the repository's segmenter (the selection
used ``segment.py`` as of the set's commit; the stored offsets do not depend on it).

A stored line: ``{"page", "sentence": [s, e], "sha1", "split": "dev"|"heldout", "quantities":
[{"span": [s, e], "value", "unit", "low"?, "high"?, "approx"?}], "not_quantities": [[s, e,
kind], ...]}``; offsets index ``articleBody``; ``kind`` (date, time, ordinal, label, score,
phone, url, ...) is a third element after the span.

Annotation conventions (the vocabulary is ``claims/extraction/quantities.py``'s): a span covers
the figure with its currency, multiplier and unit (people nouns included), not the approximate
marker before it; a range is one quantity from its first figure to its last unit, with ``value``
= ``low``; "from X to Y" is two quantities; a unit never written is no unit ("for 39.99" is a
count, not USD; "$" with no other dollar named is USD); "points" is a count; an age in
apposition ("Parise, 35,") is a count; "one" as a determiner ("one of", "one day" meaning some
day) is not annotated; scores, tiebreaks, labels ("RAV4", "Series 3", "GTX 1660", "4K",
"1080p"), times and dates are ``not_quantities``; the truth is annotated even where a parser
cannot know it ("256kps" is 256 kbps).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.segment import split_sentences  # noqa: E402


def _split(text: str) -> list[str]:
    return text.split()


TRUTH = ROOT.parent / "shared" / "data" / "article-pages" / "ground-truth.json"
STORE = ROOT / "tests" / "data" / "quantities.jsonl"
PAGES = 25
EXCLUDED = frozenset(
    _split(
        """
        702d1da63b8e 1ee91d1fce65 9ebb3af65694 7f93c1944a41 360c732d1fdb 14cc2a0ca59c
        7a457a4f7173 d0382c0d9573 374ac9a59a85 7916ecca969f 5a822960e9a2 ef4e67b66d63
        ea25dd7edff4 8380689f358c c7e39ac49fa1 eecd2575093b 57d46c9d751e 2c46804d9db4
        """
    )
)
_ENGLISH = frozenset(
    _split(
        "the of and to a in is that for it was on with as by at from he she they this be are "
        "have has said"
    )
)
NUMBER_WORDS = _split(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions trillion dozen "
    "dozens half third thirds quarter quarters percent crore lakh"
)
_CANDIDATE_RE = re.compile(
    r"\d|[$€£¥₹₽]|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE | re.UNICODE
)
KINDS = ("date", "time", "ordinal", "label", "score", "phone", "version", "address", "url")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load_truth() -> dict[str, dict]:
    if not TRUTH.exists():
        sys.exit(f"{TRUTH} is not here: the article pages ship with ../shared only")
    return json.loads(TRUTH.read_text(encoding="utf-8"))


def is_english(body: str) -> bool:
    words = re.findall(r"[^\W\d_]+", body.lower())
    if not words or not body:
        return False
    function_share = sum(w in _ENGLISH for w in words) / len(words)
    ascii_share = sum(c.isascii() for c in body) / len(body)
    return function_share >= 0.15 and ascii_share >= 0.97


def select(truth: dict[str, dict]) -> list[tuple[str, int, int]]:
    """(page, start, end) of every selected sentence, in the fixed order."""
    out = []
    pages = 0
    for page in sorted(truth):
        body = truth[page].get("articleBody") or ""
        if page[:12] in EXCLUDED or not is_english(body):
            continue
        pages += 1
        for s, e in split_sentences(body):
            if _CANDIDATE_RE.search(body, s, e):
                out.append((page, s, e))
        if pages == PAGES:
            break
    return out


def split_of(index: int) -> str:
    return "heldout" if index % 3 == 2 else "dev"


def _locate(sentence: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(needle), sentence)]
    if len(starts) < occurrence:
        raise ValueError(f"{where}: {needle!r} occurs {len(starts)} times (wanted #{occurrence})")
    if occurrence == 1 and len(starts) > 1:
        print(
            f"note {where}: {needle!r} occurs {len(starts)} times; took the first", file=sys.stderr
        )
    s = starts[occurrence - 1]
    return s, s + len(needle)


def _needle(token: str) -> tuple[str, int]:
    m = re.fullmatch(r"(.*?)(?:#(\d+))?", token, re.DOTALL)
    assert m
    return m.group(1), int(m.group(2) or 1)


def _number(raw: str) -> float | int:
    value = float(eval(raw, {"__builtins__": {}}))  # annotations are ours: "200/3", "13.6e6"
    return int(value) if value.is_integer() else value


def parse_annotations(path: Path) -> dict[int, list[list[str]]]:
    blocks: dict[int, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("  #", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@"):
            index = int(line[1:].strip())
            if index in blocks:
                sys.exit(f"{path}:{n}: sentence {index} annotated twice")
            current = blocks[index] = []
            continue
        if current is None:
            sys.exit(f"{path}:{n}: an annotation before any '@ N' line")
        current.append([*shlex.split(line), f"{path.name}:{n}"])
    return blocks


def build(truth: dict[str, dict], path: Path) -> list[dict]:
    sentences = select(truth)
    blocks = parse_annotations(path)
    missing = [i for i in range(len(sentences)) if i not in blocks]
    if missing:
        print(
            f"warning: {len(missing)} sentences not annotated yet: {missing[:10]}...",
            file=sys.stderr,
        )
    lines = []
    for index, (page, s, e) in enumerate(sentences):
        if index not in blocks:
            continue
        body = truth[page]["articleBody"]
        sentence = body[s:e]
        quantities, not_quantities = [], []
        for fields in blocks[index]:
            where = fields.pop()
            kind, token, *rest = fields
            needle, occurrence = _needle(token)
            a, b = _locate(sentence, needle, occurrence, where)
            span = [s + a, s + b]
            if kind == "q":
                value, unit, *extra = rest
                item: dict = {"span": span, "value": _number(value), "unit": unit}
                for pair in extra:
                    key, _, raw = pair.partition("=")
                    if key in ("low", "high"):
                        item[key] = _number(raw)
                    elif key == "approx":
                        item[key] = raw
                    else:
                        raise ValueError(f"{where}: unknown field {key!r}")
                quantities.append(item)
            elif kind == "n":
                (what,) = rest
                if what not in KINDS:
                    raise ValueError(f"{where}: unknown kind {what!r}")
                not_quantities.append([*span, what])
            else:
                raise ValueError(f"{where}: unknown line kind {kind!r}")
        quantities.sort(key=lambda q: q["span"])
        not_quantities.sort()
        lines.append(
            {
                "page": page,
                "sentence": [s, e],
                "sha1": sha1(sentence),
                "split": split_of(index),
                "quantities": quantities,
                "not_quantities": not_quantities,
            }
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("select", help="print the selected sentences, numbered")
    b = sub.add_parser("build", help="annotation file -> tests/data/quantities.jsonl")
    b.add_argument("file", type=Path)
    s = sub.add_parser("show", help="the stored lines with the text of their spans")
    s.add_argument("prefix", nargs="?", default="")
    args = parser.parse_args()
    truth = load_truth()
    if args.command == "select":
        for index, (page, s, e) in enumerate(select(truth)):
            text = truth[page]["articleBody"][s:e].replace("\n", " ")
            print(f"@ {index}  # {page[:12]} {split_of(index)}\n#> {text}\n")
    elif args.command == "build":
        lines = build(truth, args.file)
        STORE.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
        q = sum(len(x["quantities"]) for x in lines)
        n = sum(len(x["not_quantities"]) for x in lines)
        print(f"{len(lines)} lines, {q} quantities, {n} not-quantities -> {STORE}")
    else:
        for raw in STORE.read_text(encoding="utf-8").splitlines():
            line = json.loads(raw)
            if not line["page"].startswith(args.prefix):
                continue
            body = truth[line["page"]]["articleBody"]
            print(f"{line['page'][:12]} [{line['split']}] {body[slice(*line['sentence'])]!r}")
            for q in line["quantities"]:
                extra = {k: v for k, v in q.items() if k not in ("span", "value", "unit")}
                print(f"    q {body[slice(*q['span'])]!r} {q['value']} {q['unit']!r} {extra or ''}")
            for a, b, kind in line["not_quantities"]:
                print(f"    n {body[a:b]!r} {kind}")


if __name__ == "__main__":
    main()
