#!/usr/bin/env python
"""Benchmark: which library reads the text of archived PDFs (issue 14), one core.

    python bench/pdf.py             # 12 PDFs in two layouts, a few minutes
    python bench/pdf.py --quick     # 3 PDFs in two layouts

Contenders: ``pypdfium2`` (PDFium, C++), ``pypdf`` (pure Python), ``pdfminer.six`` (pure
Python, layout analysis), each reading every page's text in-process; beside them the
production path, ``sources.archiving.pdf.pdf_text`` (PDFium in a bounded child process).

Corpus, made here with reportlab: English article bodies from
../shared/data/article-pages/ground-truth.json (without ../shared: the tests' report), three
to a PDF (a report of a few pages), each set in two layouts: one column, left-aligned,
Helvetica (a standard font); and two justified columns in an embedded DejaVu Serif subset (a
TrueType font with its own glyph codes, like most real reports). Every page carries a
"Page N" footer.

Text quality, against the text each PDF was made from:
- token F1: lower-cased words, as bags, over the whole document;
- sentences: the share of the source's sentences (30+ characters) found word for word in
  the extracted text (whitespace normalised): reading order, spaces between words, columns;
- footers on their page: the share of pages whose text holds their own "Page N" (the page
  boundaries are right).

Speed: CPU seconds per page (``time.process_time``), contenders interleaved in rounds
(A B C A B C ...), min and median printed; the child process's CPU is read from
``getrusage(RUSAGE_CHILDREN)`` over one pass (its first column), beside the wall median.
Hostile files: each library in its own process with a 1 GB address
space limit and a 20 s timeout, and the production path with its default limits.

The exit code is 0 whether the budgets pass or fail: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._timing import Summary, format_table, interleave, one_core  # noqa: E402

GROUND_TRUTH = ROOT.parent / "shared" / "data" / "article-pages" / "ground-truth.json"
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


# The corpus ------------------------------------------------------------------------------


def articles(count: int) -> tuple[list[str], str]:
    if GROUND_TRUTH.is_file():
        bodies = [
            item["articleBody"]
            for item in json.loads(GROUND_TRUTH.read_text()).values()
            if len(item.get("articleBody", "")) > 3000
        ]
        bodies = [b for b in bodies if sum(c.isascii() for c in b) / len(b) > 0.97]
        return bodies[:count], f"{min(count, len(bodies))} articles of ../shared/data/article-pages"
    from tests.pdfs import REPORT_PAGES

    text = "\n\n".join(p for page in REPORT_PAGES for p in page) * 6
    return [text] * min(count, 3), "the tests' report, repeated (../shared is not here)"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(body: str, layout: str) -> bytes:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    base = getSampleStyleSheet()["BodyText"]
    if layout == "two-column" and SERIF.is_file():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(SERIF)))
        style = ParagraphStyle("col", base, fontName="DejaVuSerif", alignment=TA_JUSTIFY)
    else:
        style = base
        body = body.encode("cp1252", "replace").decode("cp1252")  # what Helvetica can show
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4)
    width, height = A4
    if layout == "two-column":
        column = (width - 2 * 60 - 20) / 2
        frames = [Frame(60 + i * (column + 20), 60, column, height - 120) for i in (0, 1)]
    else:
        frames = [Frame(72, 60, width - 144, height - 120)]

    def footer(canvas, document):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, 30, f"Page {document.page}")

    doc.addPageTemplates([PageTemplate(frames=frames, onPage=footer)])
    story = [Paragraph(_escape(p), style) for p in body.split("\n") if p.strip()]
    doc.build(story)
    return out.getvalue()


# The contenders ----------------------------------------------------------------------------


def read_pdfium(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    pages = []
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        pages.append(textpage.get_text_bounded())
        textpage.close()
        page.close()
    document.close()
    return pages


def read_pypdf(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def read_pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        "".join(e.get_text() for e in layout if isinstance(e, LTTextContainer))
        for layout in extract_pages(io.BytesIO(data))
    ]


def read_production(data: bytes) -> list[str]:
    from sources.archiving.pdf import PdfLimits, pdf_text

    return list(pdf_text(data, PdfLimits()).pages)


READERS: dict[str, Callable[[bytes], list[str]]] = {
    "pypdfium2": read_pdfium,
    "pypdf": read_pypdf,
    "pdfminer.six": read_pdfminer,
}


# Quality ----------------------------------------------------------------------------------


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def quality(body: str, pages: list[str]) -> tuple[float, float, float]:
    truth, got = _words(body), _words("\n".join(pages))
    for n in range(1, len(pages) + 1):
        got -= Counter({"page": 1, str(n): 1})  # the footers are not in the source
    overlap = sum((truth & got).values())
    precision = overlap / max(sum(got.values()), 1)
    recall = overlap / max(sum(truth.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    extracted = _norm("\n".join(pages))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", _norm(body)) if len(s) >= 30]
    found = sum(s in extracted for s in sentences) / max(len(sentences), 1)
    footers = sum(f"Page {n}" in _norm(p) for n, p in enumerate(pages, start=1))
    return f1, found, footers / max(len(pages), 1)


# Hostile files ------------------------------------------------------------------------------

_HOSTILE_CHILD = """
import io, json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))
sys.path.insert(0, {root!r})
from bench.pdf import READERS
data = sys.stdin.buffer.read()
started = time.perf_counter()
try:
    pages = READERS[{name!r}](data)
    print(json.dumps({{"ok": f"{{len(pages)}} pages, {{sum(map(len, pages))}} chars"}}))
except BaseException as exc:
    print(json.dumps({{"ok": "", "error": type(exc).__name__}}))
"""


def hostile(name: str, data: bytes) -> tuple[str, float]:
    started = time.perf_counter()
    if name == "production (pdf_text)":
        from sources.archiving.pdf import PdfLimits, pdf_text

        result = pdf_text(data, PdfLimits())
        outcome = f"failure {result.failure}" if result.failure else f"{len(result.pages)} pages"
        return outcome, time.perf_counter() - started
    code = _HOSTILE_CHILD.format(root=str(ROOT), name=name)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], input=data, capture_output=True, timeout=20
        )
    except subprocess.TimeoutExpired:
        return "still running at 20 s (killed)", time.perf_counter() - started
    elapsed = time.perf_counter() - started
    if done.returncode:
        return f"died (exit {done.returncode})", elapsed
    answer = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return answer["ok"] or f"raised {answer['error']}", elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(one_core())
    bodies, origin = articles(9 if args.quick else 36)
    # three articles one after another make one PDF: a report of a few pages
    bodies = ["\n".join(bodies[i : i + 3]) for i in range(0, len(bodies), 3)]
    corpus = [(body, layout, render(body, layout)) for body in bodies for layout in LAYOUTS]
    page_total = sum(len(read_pdfium(pdf)) for _, _, pdf in corpus)
    print(f"corpus: {origin}, {len(corpus)} PDFs in {len(LAYOUTS)} layouts, {page_total} pages\n")

    summary = Summary()
    rows = []
    scores: dict[str, tuple[float, float, float]] = {}
    for name, reader in READERS.items():
        for layout in LAYOUTS:
            marks = [quality(b, reader(pdf)) for b, lay, pdf in corpus if lay == layout]
            f1, found, footers = (sum(m[i] for m in marks) / len(marks) for i in range(3))
            rows.append([name, layout, f"{f1:.4f}", f"{found:.1%}", f"{footers:.0%}"])
            scores[f"{name}/{layout}"] = (f1, found, footers)
    print("TEXT QUALITY (mean over the PDFs of each layout)")
    print(format_table(["reader", "layout", "token F1", "sentences", "footers"], rows, left=2))

    runs = interleave(
        {
            name: (lambda r=reader: [r(pdf) for _, _, pdf in corpus])
            for name, reader in READERS.items()
        },
        rounds=args.rounds,
    )
    child = interleave({"child": lambda: [read_production(pdf) for _, _, pdf in corpus]}, 3)
    rows = [
        [
            name,
            f"{1000 * r.cpu_min / page_total:.2f}",
            f"{1000 * r.cpu_median / page_total:.2f}",
            f"{1000 * r.wall_median / page_total:.2f}",
            f"{r.cpu_median / runs['pypdfium2'].cpu_median:.1f}",
        ]
        for name, r in runs.items()
    ]
    per_doc = child["child"].wall_median / len(corpus)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _, _, pdf in corpus:
        read_production(pdf)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    rows.append(
        [
            "production: pypdfium2 in the bounded child",
            f"{1000 * child_cpu / page_total:.2f}",
            "",
            f"{1000 * child['child'].wall_median / page_total:.2f}",
            f"({1000 * child_cpu / len(corpus):.0f} ms CPU, {1000 * per_doc:.0f} ms wall a PDF)",
        ]
    )
    print("\nSPEED (ms per page)")
    print(format_table(["reader", "CPU min", "CPU median", "wall median", "x pypdfium2"], rows))

    best = max(READERS, key=lambda n: sum(scores[f"{n}/{lay}"][0] for lay in LAYOUTS))
    fastest = min(runs, key=lambda n: runs[n].cpu_median)
    pdfium_f1 = min(scores[f"pypdfium2/{lay}"][0] for lay in LAYOUTS)
    best_f1 = min(scores[f"{best}/{lay}"][0] for lay in LAYOUTS)
    summary.add(
        "14",
        "pypdfium2 is the fastest reader",
        f"fastest: {fastest}",
        "pypdfium2",
        fastest == "pypdfium2",
    )
    summary.add(
        "14",
        "pypdfium2's token F1 within 0.005 of the best",
        f"{pdfium_f1:.3f} vs {best_f1:.3f} ({best})",
        ">= best - 0.005",
        pdfium_f1 >= best_f1 - 0.005,
    )

    from tests import pdfs

    bombs = {
        "10 million pages (page tree of shared kids)": pdfs.page_count_bomb(),
        "10,000 pages": pdfs.page_count_bomb(levels=4),
        "page tree 50,000 deep": pdfs.deep_tree_bomb(50_000),
        "array nested 100,000 deep": pdfs.nesting_bomb(),
        "content stream inflating to 1 GB": pdfs.decompression_bomb(1024),
    }
    rows = []
    worst = 0.0
    for label, data in bombs.items():
        for name in [*READERS, "production (pdf_text)"]:
            outcome, seconds = hostile(name, data)
            rows.append([label, f"{len(data):,}", name, outcome, f"{seconds:.1f}"])
            if name.startswith("production"):
                worst = max(worst, seconds)
    print("\nHOSTILE FILES (each library alone: 1 GB address space, 20 s; production: defaults)")
    print(format_table(["file", "bytes", "reader", "outcome", "seconds"], rows, left=3))
    summary.add(
        "14",
        "every hostile file ends inside the production budget",
        f"worst {worst:.1f} s",
        "≤ PDF_TEXT_SECONDS (30 s)",
        worst <= 30 + 2,
    )
    print()
    print(summary.render())


LAYOUTS = ("one column", "two-column")

if __name__ == "__main__":
    main()
