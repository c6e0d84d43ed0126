# Over 400 lines on purpose: loading, running and re-reading the parser share one model.
"""Parse stage: part-of-speech tags and a dependency tree for each sentence.

The parser is a small spaCy pipeline (tagger + transition-based dependency parser) trained
here on the Universal Dependencies English Web Treebank by ``scripts/train_parser.py`` and
shipped in ``claims/extraction/models/en_ewt/`` (licence and provenance in its README).
spaCy stores weights with msgpack, so loading never unpickles anything; the files are also
checked against the SHA-256 manifest written at training time before they are read.

A sentence the parse leaves with no verb (its root a noun: "The city's police deny
accusations ..." with "deny" tagged as a noun) is parsed again with each candidate noun
replaced by an unambiguous verb of its form ("make", "makes", "made"); the first reading with
a verb for its root is kept, with the sentence's own words (``Parser._verb_reading``).

The rest of the pipeline sees only :class:`Tok` and :class:`Sentence`, plain data that unit
tests can build by hand, never spaCy objects.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy

from claims.extraction.config import setting
from claims.extraction.lexicon import POS_CLASSES, SPEECH, words

MODEL_DIR = Path(__file__).resolve().parent / "models" / "en_ewt"
MANIFEST = "MANIFEST.json"
# Longer sentences are not parsed (a transition parser is linear, but such "sentences" are
# lists, tables or run-ons where a tree helps nobody); they stay whole.
MAX_TOKENS = 150

# Penn Treebank tag -> universal part of speech (the tagger predicts Penn tags).
_UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON",
    "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "EX": "PRON", "VB": "VERB", "VBD": "VERB",
    "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ",
    "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV",
    "IN": "ADP", "RP": "ADP", "DT": "DET", "PDT": "DET", "WDT": "DET", "CD": "NUM",
    "CC": "CCONJ", "TO": "PART", "POS": "PART", "UH": "INTJ", "SYM": "SYM", "FW": "X",
    "LS": "X", "ADD": "X", "GW": "X", "NFP": "PUNCT", "AFX": "ADJ", "HYPH": "PUNCT",
}  # fmt: skip


def _universal_pos(tag: str, dep: str) -> str:
    """The universal part of speech of a Penn tag in its relation ("PUNCT" for an unknown
    tag: the caller makes it "X" when the token starts with a letter or digit)."""
    if tag.startswith("VB") and dep in ("aux", "aux:pass", "cop"):
        return "AUX"
    if tag == "IN" and dep == "mark":
        return "SCONJ"
    return _UPOS.get(tag, "PUNCT")


# (tag, relation) -> universal part of speech, filled as pairs are met (a few hundred at most)
_POS: dict[tuple[str, str], str] = {}


class ParserUnavailable(RuntimeError):
    """The parser model is missing, incomplete or fails its checksum."""


@dataclass(slots=True)
class Tok:
    """One token of a parsed sentence; offsets are into the whole text."""

    i: int
    start: int
    end: int
    text: str
    tag: str
    dep: str
    head: int
    children: list[int] = field(default_factory=list)
    # lowercase, with the typographic apostrophe made plain ("n\u2019t" -> "n't"); read on
    # every rule, so computed once (the text of a token never changes, its tree may)
    lower: str = field(init=False)

    def __post_init__(self) -> None:
        self.lower = self.text.lower().replace("\u2019", "'")

    @property
    def pos(self) -> str:
        pos = _POS.get((self.tag, self.dep))
        if pos is None:
            pos = _universal_pos(self.tag, self.dep)
            if self.tag in _UPOS:  # the tag alone decides, not the text: remember it
                _POS[self.tag, self.dep] = pos
            elif self.text[:1].isalnum():
                pos = "X"
        return pos

    @property
    def is_verb(self) -> bool:
        return self.tag.startswith("VB") or self.tag == "MD"


@dataclass
class Sentence:
    """A parsed sentence: tokens in order, their tree, and the sentence's offsets."""

    start: int
    end: int
    toks: list[Tok]
    text: str = ""  # the sentence's own text (text[start:end] of the whole)
    repaired: bool = field(default=False, repr=False, compare=False)  # (``repair.repair``)
    _subtrees: dict[int, frozenset[int]] = field(default_factory=dict, repr=False, compare=False)

    def text_between(self, start: int, end: int) -> str:
        """The sentence's text between two offsets into the whole text."""
        return self.text[start - self.start : end - self.start]

    @cached_property
    def roots(self) -> list[int]:
        return [t.i for t in self.toks if t.head == t.i]

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of token `i` (with one of `deps` when given), in order."""
        out = self.toks[i].children
        if deps:
            return [c for c in out if self.toks[c].dep in deps]
        return out

    def subtree(self, i: int, skip: frozenset[int] | set[int] = frozenset()) -> set[int]:
        """Token `i` and its descendants, not descending into `skip` (a fresh set)."""
        if not skip:
            cached = self._subtrees.get(i)
            if cached is None:
                cached = self._subtrees[i] = frozenset(self._walk(i, skip))
            return set(cached)
        return self._walk(i, skip)

    def _walk(self, i: int, skip: frozenset[int] | set[int]) -> set[int]:
        out = {i}
        stack = [i]
        while stack:
            for c in self.toks[stack.pop()].children:
                if c not in skip and c not in out:
                    out.add(c)
                    stack.append(c)
        return out

    def first_word(self, i: int) -> int:
        """The first token of the subtree of `i` that is not punctuation (`i` itself when
        there is none)."""
        return min(k for k in self.subtree(i) if self.toks[k].pos != "PUNCT" or k == i)

    def governors(self, i: int) -> list[int]:
        """Heads of `i` up to its root (nearest first)."""
        out = []
        seen = {i}
        while self.toks[i].head != i and self.toks[i].head not in seen:
            i = self.toks[i].head
            seen.add(i)
            out.append(i)
        return out


def _manifest_ok(model_dir: Path) -> dict[str, str]:
    manifest_path = model_dir / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ParserUnavailable(f"no readable {MANIFEST} in {model_dir}: {exc}") from exc
    files: dict[str, str] = manifest.get("files", {})
    for name, digest in files.items():
        path = (model_dir / name).resolve()
        if model_dir.resolve() not in path.parents:
            raise ParserUnavailable(f"{MANIFEST} names a file outside the model: {name}")
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise ParserUnavailable(f"parser model file missing: {name}") from exc
        if actual != digest:
            raise ParserUnavailable(f"parser model file {name} does not match its checksum")
    return files


class Parser:
    """A loaded model; thread-safe (one lock around spaCy, which is not re-entrant)."""

    def __init__(self, model_dir: Path) -> None:
        _manifest_ok(model_dir)
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - spaCy is a project dependency
            raise ParserUnavailable("spaCy is not installed") from exc
        nlp: Any = spacy.load(model_dir, exclude=["senter"])
        # an unspaced dash joins two phrases ("in recent years\u201426 cases"): split it
        infixes = [*nlp.Defaults.infixes, r"[\u2014\u2013]"]
        nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
        _use_numpy_matmul(nlp)
        from threadpoolctl import ThreadpoolController

        self._blas = ThreadpoolController()
        self.nlp = nlp
        from spacy.attrs import SENT_START

        self._sent_start = [SENT_START]
        self.version = json.loads((model_dir / "meta.json").read_text())["version"]
        self._lock = threading.Lock()

    def parse(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Sentence]:
        """One :class:`Sentence` per (start, end) span of `text`, in order."""
        with self._lock:
            docs = self._run([text[s:e] for s, e in spans])
            strings = self.nlp.vocab.strings
            out = [
                _sentence(doc, text[s:e], s, e, strings)
                for doc, (s, e) in zip(docs, spans, strict=True)
            ]
            for n, sent in enumerate(out):
                if _verbless(sent):
                    out[n] = self._verb_reading(sent) or sent
                elif candidates := _coordinated_verb_candidates(sent):
                    out[n] = self._verb_reading(sent, candidates) or sent
            return out

    def _verb_reading(self, sent: Sentence, candidates: list[int] | None = None) -> Sentence | None:
        """The parse of `sent` with nouns read as verbs ("The city's police deny accusations
        ...", "The stadium, which cost $1.2 billion, seats 65,000 fans": "deny", "cost" and
        "seats" tagged as nouns leave the sentence with no verb).  Each candidate in turn is
        replaced by an unambiguous verb of the same form ("make", "makes", "made") and the
        sentence parsed again; a replacement the parser reads as a verb is kept.  The
        reading is used when its root is a verb, with the sentence's own words.  Called
        with the lock held.  `candidates`: the nouns to try (default: those of a verbless
        sentence, ``_noun_verb_candidates``)."""
        text, shift, kept, again = sent.text, 0, {}, None
        if candidates is None:
            candidates = _noun_verb_candidates(sent)
        for k in candidates[:3]:
            t = sent.toks[k]
            word, tag = _SURROGATES[_verb_form(t)]
            a, b = t.start - sent.start + shift, t.end - sent.start + shift
            trial = text[:a] + word + text[b:]
            parsed = self._parse_one(trial)
            if len(parsed.toks) != len(sent.toks) or not parsed.toks[k].tag.startswith("VB"):
                continue
            text, shift, again = trial, shift + len(word) - (b - a), parsed
            kept[k] = tag
            if not _verbless(parsed):
                break
        if again is None or _verbless(again):
            return None
        toks = [
            Tok(o.i, o.start, o.end, o.text, kept.get(o.i, r.tag), r.dep, r.head)
            for o, r in zip(sent.toks, again.toks, strict=True)
        ]
        for o in toks:
            if o.head != o.i:
                toks[o.head].children.append(o.i)
        return Sentence(sent.start, sent.end, toks, sent.text)

    def _parse_one(self, text: str) -> Sentence:
        (doc,) = self._run([text])
        return _sentence(doc, text, 0, len(text), self.nlp.vocab.strings)

    def _run(self, texts: list[str]) -> list[Any]:
        """The pipeline's docs of `texts`, each one sentence.  Called with the lock held."""
        docs = [self.nlp.make_doc(t) for t in texts]
        for doc in docs:  # one sentence per doc: the parser must not split it again
            if len(doc) > 1:
                starts = numpy.full((len(doc), 1), -1, dtype="int64")
                starts[0, 0] = 1
                doc.from_array(self._sent_start, starts.view("uint64"))
        # one BLAS thread, as blis had: the products are small, and a worker process should
        # not spread one article over every core
        with self._blas.limit(limits=1, user_api="blas"):
            for _name, component in self.nlp.pipeline:
                docs = list(component.pipe(docs, batch_size=256))
        return docs


def _use_numpy_matmul(nlp: Any) -> None:
    """Let numpy's BLAS do the networks' matrix products instead of thinc's bundled blis.

    The tok2vec, the tagger and the parser's precomputed features are mostly matrix
    products of a few thousand rows by 64 to 1,024 columns; on one core, numpy's OpenBLAS
    does them about 2.5 times faster than blis 1.3 (on this project's AMD EPYC machine; the
    tok2vec went from 17 to 11 ms per 1,000 words of news). Only the product
    changes (``use_blis=False``: thinc's own ``Ops.gemm``, i.e. ``numpy.dot``), so the
    weights, the other kernels and the predictions stay the same up to float rounding.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


_ROOT = "root"


def _sentence(doc: Any, sentence: str, start: int, end: int, strings: Any) -> Sentence:
    """The parsed doc as plain data, read through arrays (no per-token spaCy objects).

    `sentence` is the text the doc was made from (``doc.text`` would rebuild it token by
    token).
    """
    from spacy.attrs import DEP, HEAD, IDX, LENGTH, TAG

    array = doc.to_array([IDX, LENGTH, TAG, DEP, HEAD])
    array[:, 4] = array[:, 4].view("int64") + numpy.arange(len(array))  # heads made absolute
    names: dict[int, str] = {}
    toks = []
    for i, (idx, length, tag_key, dep_key, head) in enumerate(array.tolist()):
        tag = names.get(tag_key)
        if tag is None:
            tag = names[tag_key] = strings[tag_key]
        dep = names.get(dep_key)
        if dep is None:
            label = strings[dep_key]
            dep = names[dep_key] = _ROOT if label == "ROOT" else label
        toks.append(
            Tok(i, start + idx, start + idx + length, sentence[idx : idx + length], tag, dep, head)
        )
    for t in toks:
        if t.head != t.i:
            toks[t.head].children.append(t.i)
    for t in toks[1:]:
        if t.tag == "NNS" and t.lower in _SAYS and toks[t.i - 1].text == ",":
            following = toks[t.i + 1].text if t.i + 1 < len(toks) else "."
            if following in _AFTER_SAYS:
                t.tag = "VBZ"  # '"...," Strauss Zelnick, CEO of Take-Two, adds.': the verb
    return Sentence(start, end, toks, sentence)


_SURROGATES = {"VBZ": ("makes", "VBZ"), "VBD": ("made", "VBD"), "VBP": ("make", "VBP")}
_NOUN_LIKE = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
_OBJECT_OPENERS = frozenset(
    {"DT", "CD", "$", "PRP$", "PRP", "NN", "NNS", "NNP", "NNPS", "JJ", "RB"}
)


def _verbless(sent: Sentence) -> bool:
    """A sentence of five words or more whose root is a noun with no copula or auxiliary:
    no verb was found for it (often a verb the tagger read as a noun)."""
    roots = [t for t in sent.toks if t.head == t.i]
    if len(roots) != 1 or sum(t.text[:1].isalnum() for t in sent.toks) < 5:
        return False
    root = roots[0]
    return root.tag in ("NN", "NNS") and not any(
        sent.toks[c].dep in ("cop", "aux", "aux:pass", "nsubj") for c in root.children
    )


def _noun_verb_candidates(sent: Sentence) -> list[int]:
    """Nouns that could be the verb: after a noun, a pronoun or "which"/"who", before what
    could open an object ("police deny accusations", "which cost $1.2 billion")."""
    toks = sent.toks
    relative = False  # after "which"/"who", a comma may close the clause before the verb
    out = []
    for t in toks[1:-1]:
        before = toks[t.i - 1]
        relative = relative or before.lower in ("which", "who")
        if (
            t.tag in ("NN", "NNS")
            and t.text.isalpha()
            and t.text.islower()
            and (
                before.tag in _NOUN_LIKE
                or before.lower in ("which", "who", "that")
                or (relative and before.text == ",")
            )
            and toks[t.i + 1].tag in _OBJECT_OPENERS
        ):
            out.append(t.i)
    return out


def _coordinated_verb_candidates(sent: Sentence) -> list[int]:
    """A verb in -s after "and", read as a plural noun, in a clause whose verb is in -s
    ("The factory employs 2,000 workers and produces 300,000 cars a year": "produces"
    tagged a noun): a word the treebank knows mostly as a verb, before what could open its
    object."""
    toks = sent.toks
    out = []
    for t in toks[2:-1]:
        if (
            t.tag == "NNS"
            and toks[t.i - 1].lower in ("and", "or")
            and t.text.isalpha()
            and t.text.islower()
            and POS_CLASSES.get(t.lower, "")[:1] == "Z"
            and toks[t.i + 1].tag in _OBJECT_OPENERS
            and any(x.tag == "VBZ" and x.head == x.i for x in toks[: t.i])
        ):
            out.append(t.i)
    return out


# verbs whose past is their base form: in news, mostly the past ("which cost $1.2 billion")
_SAME_PAST = words("cost cut hit put set let hurt shut spread bet quit split burst cast forecast")


def _verb_form(t: Tok) -> str:
    if t.lower.endswith("s") and not t.lower.endswith("ss"):
        return "VBZ"
    if t.lower.endswith("ed") or t.lower in _SAME_PAST or POS_CLASSES.get(t.lower, "")[:1] == "D":
        return "VBD"
    return "VBP"


_SAYS = frozenset(w for w in SPEECH if w.endswith("s"))
_AFTER_SAYS = frozenset({".", "!"})  # the tag closes the sentence


def own_tree(sent: Sentence, a: int, b: int) -> Sentence | None:
    """Tokens [a, b) of `sent` as a sentence of their own when the parse already gives them
    one tree (a single token heads every other, punctuation aside); None otherwise."""
    words_ = [t for t in sent.toks[a:b] if t.text[:1].isalnum()]
    tops = [t for t in words_ if not a <= t.head < b or t.head == t.i]
    if len(tops) != 1:
        return None
    toks = []
    for t in sent.toks[a:b]:
        head = t.head - a if a <= t.head < b and t.head != t.i else t.i - a
        if t.i != tops[0].i and head == t.i - a:  # loose punctuation hangs on the top
            head = tops[0].i - a
        toks.append(Tok(t.i - a, t.start, t.end, t.text, t.tag, t.dep, head))
    toks[tops[0].i - a].dep = _ROOT
    for t in toks:
        if t.head != t.i:
            toks[t.head].children.append(t.i)
    start, end = sent.toks[a].start, sent.toks[b - 1].end
    return Sentence(start, end, toks, sent.text_between(start, end))


_parser: Parser | None = None
_parser_lock = threading.Lock()


def get_parser() -> Parser:
    """The process-wide parser, loaded on first use (about a second)."""
    global _parser
    if _parser is None:
        with _parser_lock:
            if _parser is None:
                model_dir = Path(setting("CLAIMS_PARSER_MODEL_DIR", "") or MODEL_DIR)
                _parser = Parser(model_dir)
    return _parser


def parse_sentences(text: str, spans: Iterable[tuple[int, int]]) -> list[Sentence]:
    """Parse each sentence span of `text` (spans over MAX_TOKENS words are not parsed)."""
    return get_parser().parse(text, list(spans))
