"""Abbreviations whose full stop does not end a sentence, per language (written for the workbench).

Two kinds per language, lower-cased, without the final full stop:

- ``NEVER_FINAL``: titles and words that always stand before something ("Dr.", "Sr.", "ул.",
  "z.", "S."): a full stop after them never ends a sentence.
- ``MAYBE_FINAL``: words that end sentences often enough ("etc.", "т. д.", "usw.", "dll."):
  the full stop ends the sentence only when the next word starts with a capital.

Multi-part abbreviations are keyed by their last part as written before the full stop
("т.д." -> "т.д", "т. д." -> "д" with ``prev`` "т"): see ``is_abbreviation``.
"""

# ruff: noqa: RUF001 -- letters and punctuation of many scripts, on purpose

from __future__ import annotations

_SHARED_NEVER = "dr prof mr mrs ms st nr vs approx fig e.g i.e cf"
_SHARED_MAYBE = "etc al"

NEVER_FINAL: dict[str, frozenset[str]] = {}
MAYBE_FINAL: dict[str, frozenset[str]] = {}


def _add(lang: str, never: str, maybe: str = "") -> None:
    NEVER_FINAL[lang] = frozenset((_SHARED_NEVER + " " + never).split())
    MAYBE_FINAL[lang] = frozenset((_SHARED_MAYBE + " " + maybe).split())


_add(
    "en",
    "no mt jr sr gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt det insp messrs "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun "
    "inc corp ltd co dept univ est vol pp p ch sec art para no. u.s u.k u.n",
    "a.m p.m jr sr inc ltd co corp",
)
_add(
    "ru",
    # Titles, addresses, references and units that come before a name or a number.
    "г-н г-жа акад проф доц им ул пр просп пер пл д кв стр корп обл р-н рис табл гл ст "
    "п пп ч см ср напр т.е т.к т.н т.ч т.о н.э тыс млн млрд руб коп долл "
    "ген полк подп лейт кап св о оз р пос дер с род",
    "г гг в вв др пр т.д т.п т.е н.э",
)
_add(
    "uk",
    "акад проф доц ім вул пр просп пров пл буд кв обл р-н рис табл гл ст п пп ч див "
    "напр т.зв т.ч тис млн млрд грн коп ген полк св о оз р смт с м",
    "р рр ст ін т.д т.п т.ін н.е",
)
_add(
    "be",
    "акад праф вул пр пл буд кв вобл р-н рыс табл гл арт п ч гл тыс млн млрд руб",
    "г гг ст і інш т.д",
)
_add(
    "es",
    "sr sra srta sres dña dn d lic ing arq gral cnel tte sto sta pág págs núm nº art "
    "cap vol tel av avda c pza prov dpto hab aprox ej p.ej ud uds vd vds ee.uu s.a "
    "ss mm cm km kg",
    "etc s a.c d.c a.m p.m",
)
_add(
    "fr",
    "m mm mme mmes mlle mlles dr pr me mgr st ste av bd fg pl art chap vol p éd env "
    "n° tél cf c.-à-d ex sq",
    "etc av j.-c apr",
)
_add(
    "de",
    "hr hrn fr frl dr prof dipl ing st bzw ca evtl ggf inkl usw vgl z.b u.a d.h s.o "
    "s.u z.t bspw gebr nr str abs art bd jh mio mrd tsd",
    "usw etc u.a bzw",
)
_add(
    "id",
    "dr drs ir prof h hj kh st jl jln no tel pt tbk co ltd pte bpk ibu sdr dkk "
    "s.h s.e s.t s.kom m.si m.sc m.a ph.d",
    "dll dsb dst tbk ltd",
)
_add("vi", "tp ts ths gs pgs bs", "")
_add("it", "sig sigg dott dott.ssa prof avv ing arch on sen pag art", "ecc")
_add("pt", "sr sra srta dr dra prof eng av art pág nº", "etc")
_add("pl", "np tzw dr prof ul al pl ok godz tys mln mld zł", "itd itp")


def is_abbreviation(token: str, lang: str, *, next_is_capital: bool) -> bool:
    """Whether the full stop after ``token`` (the word before it, no final stop) is not final.

    ``token`` is taken as written ("т.д", "Dr", "EE.UU"); it is matched lower-cased.
    """
    word = token.lower()
    never = NEVER_FINAL.get(lang) or NEVER_FINAL["en"]
    if word in never:
        return True
    maybe = MAYBE_FINAL.get(lang) or MAYBE_FINAL["en"]
    return word in maybe and not next_is_capital


def is_known(token: str, lang: str) -> bool:
    """Whether ``token`` is on either list of ``lang``."""
    word = token.lower()
    never = NEVER_FINAL.get(lang) or NEVER_FINAL["en"]
    maybe = MAYBE_FINAL.get(lang) or MAYBE_FINAL["en"]
    return word in never or word in maybe
