"""Counts of things: ``circa 500 deelnemers`` → 500, unit ``deelnemers``, approx.

Span: optional qualifier + number + the counted noun phrase up to its head
(``zeventien Servicepunten XL``, ``10.000 nieuwe woningen``, ``twaalf zogeheten
‘opvoeddebatten’``). ``unit`` is the head lower-cased, without adjectives; coordinated
nouns after one number share it (``5 wijkcentra en buurthuizen``). A range is one count
(``tussen de 500 en 700 mensen`` → 500, ``range_end`` 700), but ``van N tot M`` is a change
(two counts). ``N maal/keer een X`` counts X; otherwise ``keer`` is the unit (``1.200 keer``).
Only a qualifier in the span sets ``approx`` (``circa``, ``meer dan``, ``tot 40``, ``twee of
meer``); ``ref_year`` only comes from a bracketed year (``(2022: 390)``, ``(108 in 2022)``).

A number whose noun is only implied is a count too, with just the number as span, when
the text points at the noun: a bracketed comparison (``902 meldingen (2022: 390)``),
``waarvan 151``, ``6 pilots; 4 daarvan``, ``42 van de 50 doelen``, ``van 415 plaatsingen …
naar 201``, ``van circa 300.000 tot 400.000 uitkeringen`` and ``het aantal meldingen …
1.213``.

Not counts: money, percentages, years, dates, times, durations and ages (``2 jaar``,
``0-18 jaar``, ``50-plussers``), measures, grades, ordinals, list, chapter and footnote
numbers, versions (``1.0``), ratios (``1 op de 5``), multipliers (``drie keer zo groot``),
numbers in names and references (``H-team 070``, ``artikel 3 en 7``), phone numbers,
postcodes, house numbers, cells of ``|`` table rows, ``een`` (always an article) and
``één`` in idioms (``in één keer``).

The counted noun is found with Dutch morphology, no tagger: words ending in ``-e`` before
another word are inflected adjectives (``nieuwe``, ``Haagse``), participles (``opgeleverd``)
and verbs in ``-t`` are not nouns, plural endings decide what coordinates. The word lists
live in ``resources/counts_nl.json``; month names and the words that make a year-like number
a year are shared with the dates extractor (``dates_nl.json``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from policytext.extract.amounts import money_lexicon
from policytext.extract.mention import Mention
from policytext.extract.numbers import (
    DIGITS,
    as_int_if_whole,
    lexicon,
    number_word_pattern,
    parse_number,
    parse_number_word,
)

LABEL = "COUNT"
WS = r"[ \t\u00a0\u202f]"
# Bounded runs of white space: a page of blanks cannot make a pattern backtrack for long.
SP = rf"{WS}{{1,8}}"
SP0 = rf"{WS}{{0,8}}"
LETTER = r"[^\W\d_]"
# A word: letters, inner hyphens and apostrophes ("ggz-wijkteams", "thema’s", "PrEP-cliënten").
WORD = rf"{LETTER}(?:{LETTER}|[-'’](?={LETTER})){{0,60}}"
YEAR = r"(?:1[89]|20)[0-9]{2}"
MIN_YEAR, MAX_YEAR = 1800, 2100
# How far back an implied noun may find the count it refers to (same line only).
ANTECEDENT_WINDOW = 300
# How far back a sentence may start ("het aantal X … N", antecedents of "waarvan N").
SENTENCE_WINDOW = 250
# How far around a number its line is inspected (list numbers, footnotes, "|" table rows).
LINE_WINDOW = 200
# "lokale, regionale en landelijke projecten": how many coordinated adjectives to follow.
MAX_ADJECTIVE_CONJUNCTS = 3
OPEN_QUOTES = "‘'\"“‚„"
CLOSE_QUOTES = "’'\"”"
SENTENCE_START_CHARS = frozenset(".!?:;•\n(")


def _resource(name: str) -> dict[str, Any]:
    return json.loads(resources.files("policytext.resources").joinpath(name).read_text("utf-8"))


@cache
def counts_lexicon() -> dict[str, Any]:
    """The count data file, read once."""
    return _resource("counts_nl.json")


@cache
def month_words() -> frozenset[str]:
    """Month names and abbreviations, shared with the dates extractor (``dates_nl.json``)."""
    dates = _resource("dates_nl.json")
    return frozenset(w.lower() for w in (*dates["months"], *dates["month_abbreviations"]))


@cache
def year_context_words() -> frozenset[str]:
    """Words before a year-like number that make it a year: the dates extractor's time
    prepositions, budget and report words, seasons and quarter words, and months."""
    dates = _resource("dates_nl.json")
    keys = ("time_prepositions", "budget_report_words", "seasons", "quarter_words")
    return frozenset(w.lower().rstrip(".") for k in keys for w in dates[k]) | month_words()


def _alternatives(words: list[str] | set[str]) -> str:
    """Regex alternation, longest first; a space matches any white space, a line break too."""
    alternatives = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s{1,8}") for w in alternatives)


def _words(*keys: str) -> frozenset[str]:
    """Lower-cased words of the data file lists, without an abbreviation's final dot."""
    lex = counts_lexicon()
    return frozenset(w.lower().rstrip(".") or w for k in keys for w in lex[k])


@dataclass(frozen=True, slots=True)
class Rules:
    """The data file compiled into sets and regexes (built once, see :func:`rules`)."""

    stop: frozenset[str]
    verbs: frozenset[str]
    skip: frozenset[str]
    not_unit: frozenset[str]  # durations, ages, months: the number is something else
    blocking_unit: frozenset[str]  # money, percent, measures, fractions
    not_before: frozenset[str]
    temporal_before: frozenset[str]
    street_suffixes: tuple[str, ...]
    times: frozenset[str]
    multiplier_after: frozenset[str]
    multiplicatives: frozenset[str]
    fractions: frozenset[str]
    excluded_words: frozenset[str]
    uninflected_suffixes: tuple[str, ...]
    predicate_suffixes: tuple[str, ...]
    plural_endings: tuple[str, ...]
    grade_words: frozenset[str]
    change_to: frozenset[str]
    change_from: frozenset[str]
    number: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    between_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    change_after: re.Pattern[str]
    all_words: frozenset[str]
    range_after: re.Pattern[str]
    range_after_between: re.Pattern[str]
    scale_after: re.Pattern[str]
    ratio_after: re.Pattern[str]
    label_join: re.Pattern[str]
    idiom: re.Pattern[str]
    antecedent_before: re.Pattern[str]
    antecedent_after: re.Pattern[str]
    partitive_after: re.Pattern[str]
    aantal: re.Pattern[str]
    currency_before: re.Pattern[str]
    not_count_after: re.Pattern[str]
    ratio_before: re.Pattern[str]
    participle: re.Pattern[str]
    particle_participle: re.Pattern[str]


@cache
def rules() -> Rules:
    """Compile the data files into :class:`Rules` (once per process)."""
    lex = counts_lexicon()
    money = money_lexicon()
    num_lex = lexicon()
    quals = {k.lower(): v for k, v in lex["qualifiers"].items()}
    qual = _alternatives(quals)
    articles = _alternatives(lex["article_only"])
    word_num = number_word_pattern()
    parts = [*num_lex["cardinal_parts"], *num_lex["multiplicatives"], *num_lex["fractions"]]
    firsts = "".join(sorted({c for w in parts for c in (w[0].lower(), w[0].upper())}))
    # A number in digits or words, not glued to a word, a decimal, a time, a date or a sign.
    # The leading character class lets the regex engine skip ahead quickly (about 1.6× faster
    # than a leading look-behind); case-insensitivity is scoped to the number words.
    number = (
        rf"(?=[0-9{firsts}])(?<![\w.,:/€$%+\-–'’])"
        rf"(?:(?P<d>{DIGITS})|(?P<w>(?!(?i:{articles})(?!{LETTER}))(?i:{word_num})))"
        rf"(?![^\W_]|[.,:/][0-9])"
    )
    # Scale words; only abbreviations ("mln.") take a dot, as in numbers.scale_pattern.
    scale_words = [w for w in num_lex["scales"] if len(w) > 1]
    scale_alts = "|".join(
        re.escape(w) + (r"\.?" if len(w) <= 3 else "")
        for w in sorted(scale_words, key=len, reverse=True)
    )
    scale = rf"(?:{scale_alts})(?!{LETTER})"
    end_num = rf"(?:{DIGITS}|{word_num})(?:{SP}{scale})?(?![^\W_]|[.,:/][0-9])"

    def range_after(joiners: list[str]) -> re.Pattern[str]:
        return re.compile(
            rf"(?:{WS}?[-–]{WS}?|{SP}(?P<j>{_alternatives(joiners)}){SP}(?:(?:{qual}){SP0})?)"
            rf"(?P<r>{end_num})",
            re.IGNORECASE,
        )

    currency_after = _alternatives([*money["currency_after"], *money["percent_words"]])
    ratio = _alternatives(lex["ratio_joiners"])
    idioms = _alternatives(lex["idioms"])
    return Rules(
        stop=_words("function_words", "verbs", "multiplier_after")
        | {q for q in quals if " " not in q}
        | set(scale_words),
        verbs=_words("verbs"),
        skip=_words("skip_words"),
        not_unit=_words("duration_units") | month_words(),
        blocking_unit=_words("measure_units", "fraction_heads")
        | {w.lower() for w in (*money["currency_after"], *money["percent_words"])},
        not_before=_words("not_count_before"),
        temporal_before=_words("temporal_before") | year_context_words(),
        street_suffixes=tuple(lex["street_suffixes"]),
        times=_words("times_words"),
        multiplier_after=_words("multiplier_after"),
        multiplicatives=frozenset(num_lex["multiplicatives"]),
        fractions=frozenset(num_lex["fractions"]),
        excluded_words=_words("excluded_number_words"),
        uninflected_suffixes=tuple(lex["uninflected_adjective_suffixes"]),
        predicate_suffixes=tuple(lex["predicate_adjective_suffixes"]),
        plural_endings=tuple(lex["plural_endings"]),
        grade_words=_words("grade_words"),
        change_to=_words("change_to"),
        change_from=_words("change_from"),
        number=re.compile(number),
        qualifier_before=re.compile(rf"(?<![^\W_])(?P<q>{qual}){SP0}$", re.IGNORECASE),
        between_before=re.compile(
            rf"(?<![^\W_])(?:{_alternatives(lex['range_between'])}){SP}$", re.IGNORECASE
        ),
        qualifier_after=re.compile(
            rf"{SP}(?:{_alternatives(lex['qualifiers_after'])})(?![^\W_])", re.IGNORECASE
        ),
        # "van circa 300.000 tot 400.000 uitkeringen": the second number of a change.
        change_after=re.compile(
            rf"{SP}(?:{_alternatives(lex['change_to'])}){SP}(?=[0-9{firsts}])", re.IGNORECASE
        ),
        all_words=_words("all_words"),
        range_after=range_after(lex["range_joiners"]),
        range_after_between=range_after([*lex["range_between_joiners"], *lex["range_joiners"]]),
        scale_after=re.compile(rf"{SP}(?P<s>{scale})", re.IGNORECASE),
        ratio_after=re.compile(
            rf"{SP}(?:{ratio}){SP}(?:{DIGITS}|{word_num})(?![^\W_])", re.IGNORECASE
        ),
        label_join=re.compile(
            rf"{SP0}(?:{_alternatives(lex['label_joiners'])}|[-–]){SP0}", re.IGNORECASE
        ),
        idiom=re.compile(rf"(?<![^\W_])(?:{idioms})(?![^\W_])", re.IGNORECASE),
        antecedent_before=re.compile(
            rf"(?<![^\W_])(?:{_alternatives(lex['antecedent_before'])}){SP}$", re.IGNORECASE
        ),
        antecedent_after=re.compile(
            rf"{SP}(?:{_alternatives(lex['antecedent_after'])})(?![^\W_])", re.IGNORECASE
        ),
        partitive_after=re.compile(
            rf"{SP}(?:{_alternatives(lex['partitive_after'])}){SP}(?=[0-9{firsts}])",
            re.IGNORECASE,
        ),
        aantal=re.compile(
            rf"(?<![^\W_])(?:{_alternatives(lex['aantal_words'])})(?={WS})", re.IGNORECASE
        ),
        currency_before=re.compile(
            rf"(?:{_alternatives(money['currency_before'])}){SP0}$", re.IGNORECASE
        ),
        not_count_after=re.compile(
            rf"{WS}?(?:%|‰|°)|-{LETTER}|{SP0}(?:{currency_after})(?![^\W_])", re.IGNORECASE
        ),
        ratio_before=re.compile(
            rf"(?<![^\W_])(?:{DIGITS}|{word_num}|{articles}){SP}(?:{ratio}){SP}$", re.IGNORECASE
        ),
        # Past participles: "opgeleverd", "bereikt", "gewonnen" (a separable particle may lead).
        participle=re.compile(
            rf"(?:[a-z]{{0,8}}?ge|{_alternatives(lex['participle_prefixes'])})[a-zëïéè]{{2,}}(?:[dt]|en)",
            re.IGNORECASE,
        ),
        # "bijgedragen", "opgevangen" (but not nouns such as "afgevaardigden", "ingezetenen").
        particle_participle=re.compile(
            rf"(?:{_alternatives(lex['separable_particles'])})ge[a-zëïéè]{{2,}}[^dt\W]en",
            re.IGNORECASE,
        ),
    )


# The word before a number ("hoofdstuk 3", "nr. 12", "RIS 316343", "Q4 2023").
RE_PREV_WORD = re.compile(rf"(?<![^\W_])(?P<w>[^\W_][\w/.'’]{{0,30}}?)\.?{SP0}$")
# One word after a number: white space (one line break at most), optional quotes.
RE_TOKEN = re.compile(
    rf"(?P<sp>{WS}{{0,20}}(?:\r?\n)?{WS}{{0,20}})(?P<oq>[{OPEN_QUOTES}]?)(?P<w>{WORD})(?![^\W\d_]|/)"
    rf"(?P<cq>[{CLOSE_QUOTES}]?)"
)
RE_ACRONYM = re.compile(rf"{SP}(?P<a>[A-Z]{{2,5}}(?:['’]s)?)(?![^\W_])")
# A truncated compound before a conjunction: "gezondheids- of sociale beperkingen".
RE_TRUNCATED = re.compile(rf"-{SP}(?:en|of)(?={SP}{LETTER})")
# "alle drie de pijlers": the article after the number.
RE_ARTICLE_AFTER = re.compile(rf"{SP}de(?={SP})")
RE_CONJ = re.compile(rf"{SP}(?:en|of)(?={WS})")
RE_COORD = re.compile(rf"(?P<sep>,{SP}|{SP}(?P<conj>en|of){SP})(?P<w>{WORD})(?![^\W_])")
RE_POSTCODE = re.compile(rf"{WS}?[A-Z]{{2}}(?![^\W_])")
RE_BRACKET_YEAR_BEFORE = re.compile(
    rf"\({SP0}(?:in{SP})?(?P<y>{YEAR}){SP0}[:=]{SP0}$", re.IGNORECASE
)
RE_BRACKET_OPEN_BEFORE = re.compile(rf"\({SP0}$")
RE_YEAR_IN_BRACKET_AFTER = re.compile(rf"{SP}(?:in|over){SP}(?P<y>{YEAR}){SP0}\)")
# A bracketed year right after a figure dates it: "30.500 daklozen (2016)".
RE_YEAR_BRACKET_AFTER = re.compile(rf"{SP0}\({SP0}(?P<y>{YEAR}){SP0}\)")
RE_VERSION = re.compile(r"[0-9]+\.[0-9]{1,2}")
# A sentence break: end punctuation before a new sentence, or a line break.
RE_SENTENCE_BREAK = re.compile(rf"[.!?](?={SP}[A-Z•(‘'\"“])|\n")


@dataclass(slots=True)
class _Token:
    start: int  # of the word (after an opening quote)
    end: int  # of the word
    stop: int  # after a closing quote, if any
    word: str
    lower: str
    truncated: bool = False  # "gezondheids- of sociale beperkingen": the first part


@dataclass(slots=True)
class _Head:
    start: int
    end: int  # of the span (closing quote, acronym or last coordinated noun included)
    unit: str


def _inflected(word: str) -> bool:
    """An inflected adjective: ``nieuwe``, ``Haagse``, ``Oekraïense`` (not ``fte``)."""
    return len(word) > 3 and word.endswith(("e", "ë"))


def _is_year(raw: str, value: float) -> bool:
    return raw.isdigit() and len(raw) == 4 and MIN_YEAR <= value <= MAX_YEAR


class _Finder:
    """One pass over a text; keeps what the implied-noun pattern needs to look back at."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.r = rules()
        self.found: list[Mention] = []
        self.from_van: list[bool] = []  # per found count: "van <count>" (for "... naar N")
        self.last_block = -1  # end of the last figure that is not a count (%, €, grade)
        self.label_end = -1  # end of the last number that labels something ("artikel 3")
        self._breaks: list[int] | None = None

    # -- context helpers -----------------------------------------------------------
    def sentence_start(self, pos: int) -> int:
        if self._breaks is None:
            self._breaks = [m.end() for m in RE_SENTENCE_BREAK.finditer(self.text)]
        i = bisect_right(self._breaks, pos)
        # Bounded, so that text without sentence breaks cannot make the look-back quadratic.
        return max(self._breaks[i - 1] if i else 0, pos - SENTENCE_WINDOW)

    def line_start(self, pos: int) -> int:
        """Start of the line around ``pos``, looking back at most LINE_WINDOW characters
        (so that a text without line breaks cannot make the look-back quadratic)."""
        lo = max(0, pos - LINE_WINDOW)
        return max(self.text.rfind("\n", lo, pos) + 1, lo)

    def line_end(self, pos: int) -> int:
        hi = min(len(self.text), pos + LINE_WINDOW)
        end = self.text.find("\n", pos, hi)
        return hi if end < 0 else end

    def prev_word(self, pos: int) -> tuple[str | None, int]:
        """The word right before ``pos`` (lower-cased, final dot dropped) and its start."""
        m = RE_PREV_WORD.search(self.text, max(0, pos - 32), pos)
        if m is None:
            return None, pos
        return m.group("w").lower().rstrip("."), m.start("w")

    def at_sentence_start(self, pos: int) -> bool:
        before = self.text[max(0, pos - 8) : pos].rstrip(" \t\u00a0")
        return not before or before[-1] in SENTENCE_START_CHARS

    # -- the counted noun -----------------------------------------------------------
    def tokens(self, pos: int, limit: int = 6) -> list[_Token]:
        """Words after ``pos`` up to a function word, verb, number or punctuation."""
        out: list[_Token] = []
        text = self.text
        while len(out) < limit:
            m = RE_TOKEN.match(text, pos)
            if m is None or not m.group("sp"):
                break
            if "\n" in m.group("sp") and not m.group("w")[0].islower():
                break  # a new line that starts with a capital is a new heading or item
            if m.group("w").isupper() and text[m.end("w") : m.end("w") + 1].isdigit():
                break  # "NH90", "G4", "H5": a name, not a noun
            lower = m.group("w").lower()
            if lower in self.r.stop:
                break
            closed = bool(m.group("oq") and m.group("cq"))
            tok = _Token(
                m.start("w"), m.end("w"), m.end() if closed else m.end("w"), m.group("w"), lower
            )
            out.append(tok)
            if m.group("cq") or (m.group("oq") and not closed):
                break
            pos = m.end()
            cut = RE_TRUNCATED.match(text, pos)
            if cut:
                tok.truncated = True
                pos = cut.end()
        return out

    def is_adjective(self, tok: _Token, nxt: _Token, singular: bool) -> bool:
        """A modifier before the counted noun ``nxt``: ``nieuwe``, ``Haagse``, ``extra``,
        ``centraal`` (before a singular noun), ``gewonnen`` (a participle before a plural)."""
        w = tok.lower
        if tok.truncated or w in self.r.skip or _inflected(w):
            return True
        if singular and w.endswith(self.r.uninflected_suffixes):
            return True
        return (
            w.endswith("en")
            and self.is_participle(w)
            and nxt.lower not in self.r.skip
            and nxt.lower.endswith(self.r.plural_endings)
            and not self.is_participle(nxt.lower)
        )

    def is_participle(self, word: str) -> bool:
        return self.r.participle.fullmatch(word) is not None

    def head(self, pos: int, value: float, after_een: bool = False, depth: int = 0) -> _Head | None:
        """The counted noun after ``pos``, adjectives skipped; None if no noun follows."""
        toks = self.tokens(pos)
        singular = value == 1 or after_een
        if after_een:
            value = 1  # "tweemaal een netwerkbijeenkomst": the noun is singular
        for i, tok in enumerate(toks):
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if tok.lower in self.r.not_unit or tok.lower in self.r.blocking_unit:
                return _Head(tok.start, tok.stop, tok.lower)  # "twee derde", "vijf jarige …"
            if nxt is not None and self.is_adjective(tok, nxt, singular):
                continue
            if tok.lower in self.r.skip or self.is_not_noun(tok, value):
                # "één locatie beschikbaar", "2,5 fte extra": the "adjective" was the noun
                earlier = [t for t in toks[:i] if t.lower not in self.r.skip]
                return self.extend(earlier[-1]) if earlier else None
            if nxt is None and not singular and _inflected(tok.lower) and tok.word[0].islower():
                conj = RE_CONJ.match(self.text, tok.stop)
                if conj and depth < MAX_ADJECTIVE_CONJUNCTS:
                    # "40 lokale en regionale projecten"
                    return self.head(conj.end(), value, depth=depth + 1)
                return None  # "twee centrale te beschermen belangen": no noun in reach
            return self.extend(tok)
        return None

    def is_not_noun(self, tok: _Token, value: float) -> bool:
        """Not the counted noun: an uninflected adjective (``beschikbaar``), a past
        participle (``opgeleverd``), a verb in ``-t`` after a plural number (``2017 blijkt``)."""
        w = tok.lower
        if len(w) < 2:
            return True
        lower_case = tok.word[0].islower()
        if lower_case and w.endswith(self.r.predicate_suffixes):
            return True
        if self.is_participle(w) and not w.endswith("en"):
            return True
        if self.r.particle_participle.fullmatch(w):
            return True
        return value != 1 and lower_case and w.endswith("t")

    def extend(self, tok: _Token) -> _Head:
        """Add an acronym after a capitalised head and coordinated nouns to the head."""
        text = self.text
        end = tok.stop
        unit_end = tok.end
        if tok.word[0].isupper() and tok.stop == tok.end:
            m = RE_ACRONYM.match(text, end)
            if m:
                end = unit_end = m.end()
        elif tok.stop == tok.end:
            end = unit_end = self.coordinated(end)
        return _Head(tok.start, end, text[tok.start : unit_end].lower())

    def coordinated(self, pos: int) -> int:
        """End of ``… , X en Y`` after a head, or ``pos`` when no such list follows."""
        last_end = pos
        for _ in range(6):
            m = RE_COORD.match(self.text, pos)
            if m is None or not self.is_conjunct(m.group("w")):
                return last_end
            if self.text[m.end() : m.end() + 1] == " " and self.r.number.match(
                self.text, m.end() + 1
            ):
                return last_end  # "10 aanbieders en hoogstens 20": not a noun
            pos = m.end()
            if m.group("conj"):
                return pos
        return last_end

    def is_conjunct(self, word: str) -> bool:
        w = word.lower()
        return (
            word[0].islower()
            and w not in self.r.stop
            and w not in self.r.not_unit
            and w not in self.r.blocking_unit
            and w not in self.r.skip
            and not _inflected(w)
            and w.endswith(self.r.plural_endings)
        )

    # -- the implied noun -----------------------------------------------------------
    def antecedent(self, pos: int, same_sentence: bool = False) -> Mention | None:
        """The count an implied noun refers to: the last one, on the same line (or in the
        same sentence), with no other kind of figure (%, €, grade) in between."""
        if not self.found:
            return None
        prev = self.found[-1]
        if prev.unit is None or pos - prev.end > ANTECEDENT_WINDOW:
            return None
        if prev.end <= self.last_block < pos:
            return None
        if same_sentence:
            return prev if prev.end >= self.sentence_start(pos) else None
        if self.text.find("\n", prev.end, pos) >= 0:
            return None  # another line
        if self.text.find(",", prev.end, pos) >= 0:
            return None  # "… migranten, mensen in armoede (circa 600.000)": another noun
        return prev

    def aantal_unit(self, pos: int) -> str | None:
        """``het aantal meldingen … 1.213`` → ``meldingen`` (same sentence, no count between)."""
        start = self.sentence_start(pos)
        if self.found and self.found[-1].end > start:
            start = self.found[-1].end
        last = None
        for m in self.r.aantal.finditer(self.text, start, pos):
            last = m
        if last is None:
            return None
        head = self.head(last.end(), 2)
        if head is None or head.end > pos:
            return None
        return head.unit

    # -- main ------------------------------------------------------------------------
    def run(self) -> list[Mention]:
        text, r = self.text, self.r
        pos = 0
        while True:
            m = r.number.search(text, pos)
            if m is None:
                return self.found
            pos = self.candidate(m)

    def candidate(self, m: re.Match[str]) -> int:
        """Look at one number; add a count if it is one. Returns where to search on."""
        text, r = self.text, self.r
        s, e = m.span()
        raw = m.group()
        digits = m.group("d") is not None
        value = self.number_value(m)
        if value is None:
            return e
        if self.label_end >= 0 and r.label_join.fullmatch(text, self.label_end, s):
            self.label_end = e
            return e  # "artikel 3 en 7", "varianten 2 en 3": still labels
        if digits and self.is_reference(s, e, raw):
            return e

        # What follows: percent, currency, "-plussers", a list-number dot, a postcode.
        after = r.not_count_after.match(text, e)
        if after:
            self.last_block = e
            return after.end()
        if digits and self.is_list_number(s, e):
            return e
        if digits and RE_POSTCODE.match(text, e) and len(raw) == 4 and not _is_year(raw, value):
            return e
        scaled = False
        scale = r.scale_after.match(text, e)
        if scale:
            value *= lexicon()["scales"][scale.group("s").lower().rstrip(".")]
            e, scaled = scale.end(), True
            if r.not_count_after.match(text, e):
                self.last_block = e
                return e  # "3 miljoen euro"
        ratio = r.ratio_after.match(text, e)
        if ratio:
            return ratio.end()  # "1 op de 5 jongeren"

        # What precedes: currency, "hoofdstuk", "nr.", "RIS", "per", a street, a grade.
        if r.currency_before.search(text, max(0, s - 6), s):
            self.last_block = e
            return e
        prev, prev_start = self.prev_word(s)
        if prev in r.not_before:
            if prev in r.grade_words or prev == "per":
                self.last_block = e  # a grade or a rate: not a count, and no antecedent either
            else:
                self.label_end = e
            return e
        if r.ratio_before.search(text, max(0, s - 24), s):
            return e  # "een op de drie Nederlanders"
        if prev is not None and prev.endswith(r.street_suffixes) and text[prev_start].isupper():
            return e  # "Beresteinlaan 12"
        if prev == "van" and self.after_grade(s):
            self.last_block = e
            return e  # "een gemiddeld cijfer van 7,4"

        is_times_word = not digits and raw.lower() in r.multiplicatives
        year_like = digits and _is_year(raw, value)
        qual = r.qualifier_before.search(text, max(0, s - 24), s)
        if qual and not self.is_bound(qual, value, year_like):
            qual = None
        lead_word = prev if qual is None else self.prev_word(qual.start())[0]
        in_change = lead_word in r.change_from  # "van (circa) 300.000 tot 400.000 …"
        bound_after = r.qualifier_after.match(text, e)  # "twee of meer"
        if bound_after:
            e = bound_after.end()

        # A range: "tussen de 500 en 700", "500-700", "drie tot zes", "12 tot ca. 36".
        between = r.between_before.search(text, max(0, s - 14), s)
        range_end: float | None = None
        end_num = e
        head: _Head | None = None
        if not is_times_word:
            rm = (
                None
                if bound_after
                else (r.range_after_between if between else r.range_after).match(text, e)
            )
            if rm and in_change and (rm.group("j") or "").lower() in r.change_to:
                rm = None  # "van 300.000 tot 400.000 uitkeringen": a change, not a range
            if rm:
                upper, factor = _number_value(rm.group("r"))
                if upper is not None and factor != 1 and not scaled:
                    value, scaled = value * factor, True  # "1-2 miljoen inwoners"
                if upper is not None and upper > value:
                    range_end, end_num = upper, rm.end()
                    if r.not_count_after.match(text, end_num):
                        self.last_block = end_num
                        return end_num  # "tussen de 5 en 15 procent", "10-20%"
            article = RE_ARTICLE_AFTER.match(text, end_num) if prev in r.all_words else None
            head = self.head(article.end() if article else end_num, value)  # "alle drie de …"
            if range_end is not None and head is None:
                range_end, end_num = None, e  # "2022 – 2023": two numbers, not a range
                head = self.head(e, value)
            if head is not None and text[e - 1] == "." and text[head.start].isupper():
                head = None  # "408 mln. Bekeken …": the abbreviation ended the sentence
        if year_like and range_end is not None and MIN_YEAR <= range_end <= MAX_YEAR:
            return end_num  # "2018-2022"

        # Units that make the number something other than a count.
        if head is not None and head.unit in r.not_unit:
            return head.end  # "2 jaar", "0-18 jaar", "25 november"
        if head is not None and head.unit in r.blocking_unit:
            self.last_block = head.end
            return head.end  # "7 procentpunt", "twee derde", "5 km"

        # "tweemaal een netwerkbijeenkomst", "12 maal een … onderzoek", "157 keer".
        if is_times_word or (head is not None and head.unit in r.times):
            times_end = e if head is None else head.end
            nxt = RE_TOKEN.match(text, times_end)
            nxt_word = nxt.group("w").lower() if nxt and nxt.group("sp") else None
            if nxt_word in r.multiplier_after:
                return nxt.end()  # "drie keer zo groot"
            counted = self.head(nxt.end(), value, after_een=True) if nxt_word == "een" else None
            if counted is not None:
                head = counted
            elif head is None:
                head = _Head(s, e, "maal")

        if year_like and (
            head is None
            or text[head.start].isupper()
            or (not qual and (prev not in r.stop or prev in r.temporal_before))
        ):
            # A year: "In 2023 hebben", "Zoetermeer 2025 heeft", "2025\nContinuering"; a count
            # only after a qualifier or a function word ("ruim 2000 deelnemers", "er zijn 2030 …").
            return end_num
        if (
            head is not None
            and prev is not None
            and prev not in r.stop
            and text[prev_start].isupper()
            and text[head.start].isupper()
        ):
            return head.end  # "Spui 70 Den Haag", "Lasten 12.345 Baten": a name or a table row

        # Qualifier: "circa 500", "zo'n 375", "meer dan 30", "(onder de 1.000)".
        start = between.start() if between and range_end is not None else s
        approx = None
        if start == s and qual and (not self.found or qual.start() >= self.found[-1].end):
            start, approx = qual.start(), True
        if bound_after:
            approx = True

        ref_year = None
        yb = RE_BRACKET_YEAR_BEFORE.search(text, max(0, start - 16), start)
        if yb:
            ref_year = int(yb.group("y"))
        count_value = _count_value(raw, value, digits and not scaled)

        if head is None:
            return self.implied(
                m, start, end_num, count_value, range_end, approx, ref_year, prev, in_change
            )

        if ref_year is None and RE_BRACKET_OPEN_BEFORE.search(text, max(0, start - 4), start):
            ya = RE_YEAR_IN_BRACKET_AFTER.match(text, head.end)
            if ya:
                ref_year = int(ya.group("y"))  # "(108 situaties in 2022)"
        if ref_year is None:
            yb = RE_YEAR_BRACKET_AFTER.match(text, head.end)
            if yb:
                ref_year = int(yb.group("y"))  # "30.500 daklozen (2016)"
        self.add(
            Mention(
                start,
                head.end,
                LABEL,
                count_value,
                unit=head.unit,
                approx=approx,
                range_end=_as_count(range_end),
                ref_year=ref_year,
            ),
            from_van=in_change,
        )
        return head.end

    def number_value(self, m: re.Match[str]) -> float | None:
        """Value of a candidate number, or None when it is not a numeral at all."""
        text, r = self.text, self.r
        s, e = m.span()
        raw = m.group()
        if m.group("d") is not None:
            if raw[0] == "0" and len(raw) > 1 and raw[1] != ",":
                return None  # "070", "06": phone and area codes
            if RE_VERSION.fullmatch(raw) and not r.scale_after.match(text, e):
                self.last_block = e
                return None  # "1.0", "2.0", "92.6": versions and English decimals
            return parse_number(raw)
        if raw.lower() in r.excluded_words or self.in_idiom(s, e):
            return None  # "half", "in één keer"
        if raw.lower() in r.fractions and not r.scale_after.match(text, e):
            return None  # "anderhalve lijn": only "anderhalf miljoen" is a number of things
        if raw[0].isupper() and not self.at_sentence_start(s):
            nxt = RE_TOKEN.match(text, e)
            if nxt and nxt.group("sp") and nxt.group("w")[0].isupper():
                return None  # "het ‘Tien Punten Plan’": a number word inside a name
        return parse_number_word(raw)

    def is_reference(self, s: int, e: int, raw: str) -> bool:
        """Digits that identify rather than count: a footnote or list number at the start of
        a line before a capital (``1 OESO (2019)``), a cell of a ``|`` table row, a long
        run of digits (``202017``), the second group of a reference (``35 538``)."""
        text = self.text
        ls = self.line_start(s)
        if text.find("|", ls, self.line_end(e)) >= 0:
            return True
        if len(raw) >= 6 and raw.isdigit():
            return True
        if raw.isdigit() and s >= 2 and text[s - 1] == " " and text[s - 2].isdigit():
            return True
        if not text[ls:s].strip(" \t\u00a0"):
            nxt = RE_TOKEN.match(text, e)
            return nxt is not None and nxt.group("sp") != "" and nxt.group("w")[0].isupper()
        return False

    def is_list_number(self, s: int, e: int) -> bool:
        """``1. Sociale basis``, ``5.Volksgezondheid``, ``2) …`` at the start of a line."""
        text = self.text
        if e >= len(text) or text[e] not in ".)" or text[s - 1 : s] == "(":
            return False
        return not text[self.line_start(s) : s].strip(" \t\u00a0•·-–*")

    def implied(
        self,
        m: re.Match[str],
        start: int,
        end: int,
        value: int | float,
        range_end: float | None,
        approx: bool | None,
        ref_year: int | None,
        prev: str | None,
        in_change: bool,
    ) -> int:
        """A number without a noun: a count only when the text points at its noun."""
        text, r = self.text, self.r
        raw = m.group()
        if m.group("d") is not None and ("," in raw or _is_year(raw, value)):
            return end  # decimals are grades, rates or measures; years are dates
        in_bracket = RE_BRACKET_OPEN_BEFORE.search(text, max(0, start - 4), start) is not None
        year_after = RE_YEAR_IN_BRACKET_AFTER.match(text, end) if in_bracket else None
        ante: Mention | None = None
        if ref_year is not None:
            ante = self.antecedent(start)  # "902 meldingen (2022: 390)"
        elif in_bracket and (approx or year_after):
            ante = self.antecedent(start)  # "(108 in 2022)", "(onder de 1.000)"
            if year_after:
                ref_year = int(year_after.group("y"))
        elif r.antecedent_before.search(text, max(0, start - 12), start):
            ante = self.antecedent(start, same_sentence=True)  # "waarvan 151 hebben"
        elif prev in r.change_to and self.from_van and self.from_van[-1]:
            ante = self.antecedent(start, same_sentence=True)  # "van 415 plaatsingen … naar 201"
        elif r.antecedent_after.match(text, end):
            ante = self.antecedent(start, same_sentence=True)  # "6 pilots; 4 daarvan"
        unit = ante.unit if ante is not None else None
        if unit is None and not in_bracket:
            unit = self.unit_ahead(end, r.partitive_after)  # "42 van de 50 doelen"
        if unit is None and in_change:
            unit = self.unit_ahead(end, r.change_after)  # "van circa 300.000 tot 400.000 …"
        if unit is None and not in_bracket:
            unit = self.aantal_unit(start)  # "het aantal meldingen … 1.213"
        if unit is None:
            return end
        self.add(
            Mention(
                start,
                end,
                LABEL,
                value,
                unit=unit,
                approx=approx,
                range_end=_as_count(range_end),
                ref_year=ref_year,
            ),
            from_van=in_change,
        )
        return end

    def unit_ahead(self, pos: int, link: re.Pattern[str]) -> str | None:
        """The noun of the count that ``link`` leads to: ``42 van de 50 doelen`` → ``doelen``
        for the 42, ``van 300.000 tot 400.000 uitkeringen`` → ``uitkeringen`` for 300.000."""
        p = link.match(self.text, pos)
        if p is None:
            return None
        whole = self.r.number.match(self.text, p.end())
        if whole is None:
            return None
        value = self.number_value(whole)
        scale = self.r.scale_after.match(self.text, whole.end())
        head = self.head(scale.end() if scale else whole.end(), 2) if value is not None else None
        if head is None or head.unit in self.r.not_unit or head.unit in self.r.blocking_unit:
            return None
        return head.unit

    def is_bound(self, qual: re.Match[str], value: float, year_like: bool) -> bool:
        """False for a ``tot`` that ends a change (``gedaald tot 200``, ``van 100 tot 200``):
        after a verb or a participle, or after a count that started with ``van``."""
        if not qual.group("q").lower().startswith("tot"):
            return True
        if year_like or value <= 1:
            return False  # "tot 2025": until; "samenvoegen tot één partij": into one
        before, _ = self.prev_word(qual.start())
        if before is not None and (before in self.r.verbs or self.is_participle(before)):
            return False
        return not (
            self.from_van
            and self.from_van[-1]
            and self.found[-1].end >= self.sentence_start(qual.start())
        )

    def add(self, mention: Mention, from_van: bool) -> None:
        self.found.append(mention)
        self.from_van.append(from_van)

    def in_idiom(self, s: int, e: int) -> bool:
        for im in self.r.idiom.finditer(self.text, max(0, s - 12), min(len(self.text), e + 24)):
            if im.start() <= s and e <= im.end():
                return True
        return False

    def after_grade(self, s: int) -> bool:
        window = self.text[max(0, s - 40) : s].lower().split()
        return any(w.rstrip(".,") in self.r.grade_words for w in window[-4:])


def _number_value(raw: str) -> tuple[float | None, float]:
    """Value and scale factor of a range's upper bound: ``"2 miljoen"`` → (2e6, 1e6)."""
    parts = raw.split()
    value = parse_number(parts[0])
    if value is None:
        value = parse_number_word(parts[0])
    factor = 1.0
    if len(parts) > 1:
        factor = lexicon()["scales"].get(parts[-1].lower().rstrip("."), 1.0)
    return (None if value is None else value * factor), factor


def _as_count(value: float | None) -> int | float | None:
    return None if value is None else as_int_if_whole(value)


def _count_value(raw: str, value: float, written_decimal: bool) -> int | float:
    """An int, unless the number was written with a decimal comma (``2,5 fte`` → 2.5)."""
    return float(value) if written_decimal and "," in raw else as_int_if_whole(value)


def find_counts(text: str, ref_year: int | None = None) -> list[Mention]:
    """All counts in ``text``: ``"circa 500 deelnemers"`` → 500, unit ``deelnemers``, approx.

    ``ref_year`` (the document year) is accepted for the component interface; a count's
    own ``ref_year`` only comes from the text (``(2022: 390)``).

    >>> [(m.value, m.unit) for m in find_counts("Er zijn 902 meldingen binnengekomen (2022: 390).")]
    [(902, 'meldingen'), (390, 'meldingen')]
    """
    return _Finder(text).run()
