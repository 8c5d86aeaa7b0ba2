"""Dates and periods as TIMEX3 values: ``25 november 2023`` → ``2023-11-25``.

Span: the whole temporal expression with its article and modifier words, without a
preposition or weekday (``op zaterdag 25 november 2023`` → ``25 november 2023``,
``in het najaar van 2022`` → ``het najaar van 2022``). Values:

- day ``2023-11-25``, month ``2023-05``, quarter ``2024-Q2``, half year ``2023-H2``,
  season ``2023-SU``, year ``2023``, date-time ``2022-11-10T13:56:57`` (day first);
- ``mod`` START/MID/END/APPROX from ``begin``/``medio``/``eind``/``rond``;
- ranges carry ``range_end`` (``2024-2032``), ``heden``/``nu`` give ``PRESENT_REF``;
- a missing year comes from a coordinated date (``14 maart en 12 oktober 2023``), an
  explicit year earlier in the sentence, a weekday (``dinsdag 12 december`` is in the
  year around ``ref_year`` where 12 December is a Tuesday) or the document year
  ``ref_year``; a sentence about plans keeps the partial form ``X``×4 + ``-04`` (TIMEX3 for an unknown year).

A four-digit year on its own is a DATE when it is used as a time (``In 2023 hebben we``,
``88% (2023)``), not when it names a budget or report (``begroting 2024``), belongs to a
name or title (``Zoetermeer 2025``, ``‘Emancipatie Den Haag 2021’``), is a reference or
an amount. The Dutch words come from ``resources/dates_nl.json``.
"""

from __future__ import annotations

import calendar
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from policytext.extract.mention import Mention

# TIMEX3 writes a year that cannot be inferred as four X characters.
UNKNOWN_YEAR = "X" * 4


def _read_resource(name: str) -> dict[str, Any]:
    return json.loads(resources.files("policytext.resources").joinpath(name).read_text("utf-8"))


LEXICON: dict[str, Any] = _read_resource("dates_nl.json")
# Count qualifiers ("circa 2000 deelnemers") are kept once, with the money words.
COUNT_QUALIFIERS: frozenset[str] = frozenset(
    q.lower() for q in _read_resource("money_nl.json")["approx_qualifiers"]
)

MONTHS: dict[str, int] = {**LEXICON["months"], **LEXICON["month_abbreviations"]}
SEASONS: dict[str, str] = LEXICON["seasons"]
QUARTER_ORDINALS: dict[str, int] = LEXICON["quarter_ordinals"]
HALF_ORDINALS: dict[str, int] = LEXICON["half_year_ordinals"]
MODIFIERS: dict[str, str] = LEXICON["modifiers"]
WEEKDAYS: dict[str, int] = LEXICON["weekdays"]
PRESENT_REF = "PRESENT_REF"

_ARTICLES = frozenset(LEXICON["articles"])
_PREPOSITIONS = frozenset(LEXICON["time_prepositions"])
_BUDGET_WORDS = frozenset(LEXICON["budget_report_words"])
_BUDGET_SUFFIXES = tuple(LEXICON["budget_report_suffixes"])
_REFERENCE_WORDS = frozenset(LEXICON["reference_words"]) | frozenset(LEXICON["decade_words"])
_NOT_YEAR_AFTER = frozenset(LEXICON["not_year_after"])
_FUTURE_WORDS = frozenset(LEXICON["future_words"])
_COUNT_DETERMINERS = frozenset(LEXICON["count_determiners"])
_VERBS_AFTER_YEAR = frozenset(LEXICON["verbs_after_year"])
_THIS_PERIOD = frozenset(LEXICON["this_period_words"])
# Words that may stand right before a year without making it part of a name.
_NOT_A_NAME = _PREPOSITIONS | _ARTICLES | _THIS_PERIOD | set(MODIFIERS) | set(MONTHS) | set(SEASONS)


def _alt(words: Any) -> str:
    """Regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --- building blocks (all quantifiers bounded) -------------------------------------
_SP = r"[ \t\u00a0\u202f]{1,3}"  # space inside a date; no line break
_SP0 = r"[ \t\u00a0\u202f]{0,3}"
# Between day, month and year a PDF line may wrap once.
_SPN = r"(?:[ \t\u00a0\u202f]{1,3}|[ \t\u00a0\u202f]{0,2}\r?\n[ \t\u00a0\u202f]{0,2})"
_NOLETTER = r"(?![^\W\d_])"
_YEAR = r"(?:19|20)[0-9]{2}(?![0-9])"
_SHORT_YEAR = r"['’‘][0-9]{2}(?![0-9])"  # zomer '23
_DASH = r"[-–—]"
_ART = rf"(?:{_alt(LEXICON['articles'])})"
_MONTH_FULL = rf"(?:{_alt(LEXICON['months'])}){_NOLETTER}"
_MONTH_ABBR = rf"(?:{_alt(LEXICON['month_abbreviations'])}){_NOLETTER}\.?"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
# A month or season word is not the first part of a compound ("zomer- en herfstvakantie",
# "januari-editie"), but may open a range ("januari-maart").
_NO_COMPOUND = rf"(?![-‐](?:[ \t]|(?!{_MONTH_ANY}|(?:{_alt(SEASONS)}){_NOLETTER})[^\W\d_]))"

# 10/11/2022 13:56:57, 25-11-2023, 1.4.2024 (day first)
_NUMERIC = (
    rf"(?P<nd>[0-9]{{1,2}})(?P<nsep>[/.-])(?P<nm>[0-9]{{1,2}})(?P=nsep)(?P<ny>{_YEAR})"
    rf"(?:(?:{_SP}|T)(?P<hh>[0-9]{{1,2}}):(?P<mi>[0-9]{{2}})(?::(?P<ss>[0-9]{{2}}))?(?![0-9]))?"
)
# 2023-11-25, 2023-11-25T10:00
_ISO = (
    rf"(?P<iy>{_YEAR})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}})(?![0-9])"
    rf"(?:T(?P<ih>[0-9]{{2}}):(?P<imi>[0-9]{{2}})(?::(?P<is>[0-9]{{2}}))?(?![0-9]))?"
)
# 25 november 2023, 7 december, 31 dec. 2023, 12-14 april 2023
_DAY_MONTH = (
    rf"(?P<d>[0-9]{{1,2}})(?:e|ste|de)?(?:{_SP0}(?:{_DASH}|t/m){_SP0}(?P<d2>[0-9]{{1,2}}))?"
    rf"{_SPN}(?P<dm>{_MONTH_ANY})(?:{_SPN}(?P<dy>{_YEAR}|{_SHORT_YEAR})"
    # a clock time after a full date: "27 maart 2019 11:53", "1 mei 2024, 14.30 uur"
    rf"(?:,?{_SP}(?P<dh>[0-9]{{1,2}})[:.](?P<dmi>[0-5][0-9])(?:{_SP}uur)?(?![0-9]))?)?"
)
# januari 2025, mei-juni 2023, september, jan. 2024 (an abbreviation only with a year)
_MONTH = (
    rf"(?P<m>{_MONTH_FULL}|{_MONTH_ABBR}(?={_SPN}(?:{_YEAR}|{_SHORT_YEAR})))"
    rf"(?:{_SP0}(?:{_DASH}|/|t/m){_SP0}(?P<m2>{_MONTH_ANY}))?{_NO_COMPOUND}"
    rf"(?:{_SPN}(?P<my>{_YEAR}|{_SHORT_YEAR}))?"
)
# Q2 2024, Q4-2023, 2024-Q2, het eerste kwartaal (van 2024), kwartaal 3 2023
_QUARTER = (
    rf"Q(?P<q>[1-4])(?![0-9]){_NOLETTER}(?:{_SP0}[-/]?{_SP0}(?P<qy>{_YEAR}|{_SHORT_YEAR}))?"
    rf"|(?P<qy0>{_YEAR})[-_ ]?Q(?P<q0>[1-4])(?![0-9]){_NOLETTER}"
    rf"|(?:{_ART}{_SP})?(?P<qo>{_alt(QUARTER_ORDINALS)}){_SP}(?:{_alt(LEXICON['quarter_words'])})"
    rf"{_NOLETTER}(?:{_SP}(?:van{_SP})?(?P<qy2>{_YEAR}))?"
    rf"|kwartaal{_SP}(?P<qn>[1-4])(?![0-9])(?:{_SP}(?P<qy3>{_YEAR}))?"
)
# H2 2023, tweede helft van 2023, het eerste halfjaar van 2022; without a year not
# followed by "van" ("de tweede helft van de deelnemers" is no date)
_HALF = (
    rf"H(?P<h>[12])(?![0-9]){_SP0}[-/]?{_SP0}(?P<hy>{_YEAR})"
    rf"|(?:{_ART}{_SP})?(?P<ho>{_alt(HALF_ORDINALS)}){_SP}(?:{_alt(LEXICON['half_year_words'])})"
    rf"{_NOLETTER}(?:{_SP}(?:van{_SP})?(?P<hy2>{_YEAR})|(?!{_SP}(?:van|der){_NOLETTER}))"
)
# de zomer van 2023, najaar 2022, winter 2023/2024, zomer '23, de zomer
_SEASON = (
    rf"(?:{_ART}{_SP})?(?P<s>{_alt(SEASONS)}){_NOLETTER}{_NO_COMPOUND}"
    rf"(?:{_SP}(?:van{_SP})?(?P<sy>{_YEAR}|{_SHORT_YEAR})(?:/(?:{_YEAR}|[0-9]{{2}}(?![0-9])))?)?"
)
# 2023, 2024-2032, 2021 – 2024, 2023/24, 2020 t/m 2023
_YEARS = (
    rf"(?P<y>{_YEAR})(?:{_SP0}(?:{_DASH}|/|t/m|tot{_SP}en{_SP}met){_SP0}"
    rf"(?P<y2>{_YEAR}|[0-9]{{2}}(?![0-9])))?"
)
# eind 2023, het begin van 2024, medio mei 2023, eind-december  |  afgelopen zomer, deze winter
_PREFIX = (
    rf"(?:(?:(?P<pa>{_ART}){_SP})?(?P<mod>{_alt(MODIFIERS)}){_NOLETTER}(?:{_SP}van{_SP}|{_SP}|-)"
    rf"|(?P<rel>{_alt(_THIS_PERIOD)}){_SP}(?=(?:{_alt(SEASONS)}|{_MONTH_FULL})))"
)
# ... - heden, ... tot op heden, ... t/m nu
_PRESENT = (
    rf"(?:{_SP0}(?:{_DASH}|t/m|tot(?:{_SP}op)?){_SP0}(?P<present>{_alt(LEXICON['present_words'])})"
    rf"{_NOLETTER})"
)

RE_DATE = re.compile(
    rf"(?<![\w/.,€@#&+])(?:{_PREFIX})?"
    rf"(?:(?P<numeric>{_NUMERIC})|(?P<iso>{_ISO})|(?P<daymonth>{_DAY_MONTH})|(?P<month>{_MONTH})"
    rf"|(?P<quarter>{_QUARTER})|(?P<half>{_HALF})|(?P<season>{_SEASON})|(?P<years>{_YEARS}))"
    rf"{_PRESENT}?",
    re.IGNORECASE,
)

# --- context checks for a bare year ------------------------------------------------
RE_NEXT_TOKEN = re.compile(r"[ \t\u00a0\u202f]{0,3}([^\s,;:()]{1,20})")
# Part of a longer number, a reference "2023-123", a time "20:30" or a file path.
RE_NUMBER_GLUE = re.compile(r"[.,:/-][0-9]")
RE_POSTCODE = re.compile(r"[ \u00a0]?[A-Z]{2}(?![\w])")  # 2511 AB Den Haag
RE_COORDINATION = re.compile(
    rf"{_SP0}(?:,|en|of|&|t/m|tot{_SP}en{_SP}met|tot|{_DASH}){_SP0}", re.IGNORECASE
)
RE_RANGE_GAP = re.compile(rf"{_SP0}(?:{_DASH}|t/m|tot{_SP}en{_SP}met){_SP0}", re.IGNORECASE)
# Quote marks: an opening one before a word, a closing one after (not an apostrophe
# inside a word such as "zo'n" or "thema’s").
RE_QUOTE = re.compile(
    r"(?P<open>(?:(?<=[\s(\[])|^)[‘“„‚«'\"](?=\S))|(?P<close>(?<=\S)[’”»'\"](?![^\W\d_]))"
)
RE_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
RE_WORD = re.compile(r"[^\W\d_]{2,20}")
QUOTE_WINDOW = 150
LINE_WINDOW = 200
MAX_RANGE = 50  # years in a period "2024-2032"
MAX_SHORT_RANGE = 10  # years in a period "2023/24"
SENTENCE_WINDOW = 300


@dataclass(slots=True)
class _Candidate:
    """A matched date before year inference and range merging."""

    start: int
    end: int
    kind: str  # numeric | iso | day | month | quarter | half | season | year
    year: int | None
    fmt: str  # value with "{y}" for the year: "{y}-04", "{y}-Q1"
    mod: str | None = None
    range_end: str | None = None
    end_fmt: str | None = None  # range end with "{y}" when it shares the start's year
    end_year_shift: int = 0  # "november-februari 2024": the start is a year earlier
    this_period: bool = False  # "afgelopen zomer": the document year
    weekday: int | None = None  # "dinsdag 12 december": ISO weekday named before the date
    excluded: bool = False

    def value(self, year: int | None) -> str:
        y = year if year is not None else self.year
        start_year = y - self.end_year_shift if y is not None else None
        return self.fmt.format(y=UNKNOWN_YEAR if start_year is None else f"{start_year:04d}")

    def end_value(self, year: int | None) -> str | None:
        if self.end_fmt is None:
            return self.range_end
        y = year if year is not None else self.year
        return self.end_fmt.format(y=UNKNOWN_YEAR if y is None else f"{y:04d}")


def find_dates(text: str, ref_year: int | None) -> list[Mention]:
    """All dates and periods in ``text``; ``ref_year`` is the document year.

    >>> [(m.value, m.mod) for m in find_dates("Eind 2023 is de aanpak verzonden.", 2023)]
    [('2023', 'END')]
    >>> [m.value for m in find_dates("Begin april is een maatregel ingegaan.", 2023)]
    ['2023-04']
    """
    candidates: list[_Candidate] = []
    for m in _date_matches(text):
        cand = _candidate(m)
        if cand is None:
            continue
        prev = candidates[-1] if candidates else None
        if _glued_by_hyphen(text, cand.start, prev):
            continue  # "Z-2023-001", "COVID-2019": part of a word or code
        if cand.kind == "year":
            cand.excluded = not _year_is_time(text, m, cand, prev)
        candidates.append(cand)
    kept = [c for c in candidates if not c.excluded]
    coordinated = _coordinated_years(text, kept)
    sentences = _Sentences(text)
    mentions = [
        _to_mention(c, _resolve_year(i, kept, coordinated[i], sentences, ref_year))
        for i, c in enumerate(kept)
    ]
    return _merge_ranges(text, mentions)


# --- where to look ------------------------------------------------------------------
# Every date holds a digit or one of these words; the full pattern only runs in windows
# around them, which makes the finder several times faster on ordinary prose.
TRIGGER_WORDS: tuple[str, ...] = tuple(
    sorted(
        {
            *LEXICON["months"],
            *SEASONS,
            *LEXICON["quarter_words"],
            *LEXICON["half_year_words"],
        }
    )
)
RE_DIGITS = re.compile(r"[0-9]{1,20}")
# Longest reach of a date before its first and after its last trigger ("het einde van het
# laatste ", " tot op heden"), with room for the bounded spaces.
WINDOW_BEFORE = 45
WINDOW_AFTER = 25


def _windows(text: str) -> list[tuple[int, int]]:
    """Disjoint, sorted stretches of ``text`` that may hold a date."""
    low = text.lower()
    triggers = [m.span() for m in RE_DIGITS.finditer(text)]
    for word in TRIGGER_WORDS:
        i = low.find(word)
        while i >= 0:
            triggers.append((i, i + len(word)))
            i = low.find(word, i + 1)
    triggers.sort()
    out: list[tuple[int, int]] = []
    lo = hi = -1
    for a, b in triggers:
        a, b = max(0, a - WINDOW_BEFORE), min(len(text), b + WINDOW_AFTER)
        if a <= hi:
            hi = max(hi, b)
            continue
        if hi >= 0:
            out.append((lo, hi))
        lo, hi = a, b
    if hi >= 0:
        out.append((lo, hi))
    return out


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    for lo, hi in _windows(text):
        yield from RE_DATE.finditer(text, lo, hi)


# --- from match to candidate --------------------------------------------------------
def _short_year(s: str) -> int:
    n = int(s[-2:])
    return 2000 + n if n < 70 else 1900 + n


def _year_of(s: str | None) -> int | None:
    if not s:
        return None
    return _short_year(s) if not s[0].isdigit() else int(s)


def _day_ok(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def _candidate(m: re.Match[str]) -> _Candidate | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    mod = MODIFIERS[g["mod"].lower()] if g["mod"] else None
    cand: _Candidate | None
    if g["numeric"]:
        cand = _numeric(g, m)
    elif g["iso"]:
        cand = _iso(g)
    elif g["daymonth"]:
        cand = _day_month(g)
        if cand is not None and cand.year is None:
            tok = _prev_token(m.string, start)
            cand.weekday = WEEKDAYS.get(_clean(tok[0]).lower()) if tok else None
    elif g["month"]:
        cand = _month(g)
    elif g["quarter"]:
        q = g["q"] or g["q0"] or g["qn"] or QUARTER_ORDINALS.get((g["qo"] or "").lower())
        y = _year_of(g["qy"] or g["qy0"] or g["qy2"] or g["qy3"])
        cand = _Candidate(0, 0, "quarter", y, f"{{y}}-Q{q}")
    elif g["half"]:
        h = g["h"] or HALF_ORDINALS.get((g["ho"] or "").lower())
        cand = _Candidate(0, 0, "half", _year_of(g["hy"] or g["hy2"]), f"{{y}}-H{h}")
    elif g["season"]:
        code = SEASONS[g["s"].lower()]
        cand = _Candidate(0, 0, "season", _year_of(g["sy"]), f"{{y}}-{code}")
    else:
        cand = _years(g, m)
    if cand is None:
        return None
    shortened = cand.end > 0
    cand.start, cand.end = start, cand.end or end
    if g["rel"]:
        cand.this_period = True
    elif mod is not None:
        if g["mod"].lower() == "start" and not _start_is_modifier(m):
            cand.start = _core_start(m)  # "De pilot start januari 2024": a verb
        else:
            cand.mod = mod
    if g["present"] and not shortened:
        if cand.range_end is not None or cand.end_fmt is not None:
            return None  # "2021-2024 - heden" is no well-formed range
        cand.range_end = PRESENT_REF
        cand.end_fmt = None
    return cand


def _core_start(m: re.Match[str]) -> int:
    for name in ("numeric", "iso", "daymonth", "month", "quarter", "half", "season", "years"):
        if m.group(name) is not None:
            return m.start(name)
    return m.start()


def _start_is_modifier(m: re.Match[str]) -> bool:
    """``start`` is a modifier after a preposition or at the start of a sentence."""
    if "van" in m.string[m.end("mod") : _core_start(m)].lower():
        return True  # "de start van 2024"
    tok = _prev_token(m.string, m.start())
    if tok is None:
        return True
    word = tok[0]
    return word.lower() in _PREPOSITIONS or word[-1] in ".!?:;•"


def _numeric(g: dict[str, str | None], m: re.Match[str]) -> _Candidate | None:
    day, month, year = int(g["nd"]), int(g["nm"]), int(g["ny"])
    if not _day_ok(day, month, year):
        return None
    fmt = f"{{y}}-{month:02d}-{day:02d}"
    end = 0
    if g["hh"] is not None:
        hh, mi = int(g["hh"]), int(g["mi"])
        if hh > 23 or mi > 59 or (g["ss"] is not None and int(g["ss"]) > 59):
            end = m.end("ny")  # not a time: keep the date
        else:
            fmt += f"T{hh:02d}:{mi:02d}" + (f":{int(g['ss']):02d}" if g["ss"] else "")
    return _Candidate(0, end, "numeric", year, fmt)


def _iso(g: dict[str, str | None]) -> _Candidate | None:
    year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
    if not _day_ok(day, month, year):
        return None
    value = f"{{y}}-{month:02d}-{day:02d}"
    if g["ih"] is not None:
        value += f"T{g['ih']}:{g['imi']}" + (f":{g['is']}" if g["is"] else "")
    return _Candidate(0, 0, "iso", year, value)


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day_month(g: dict[str, str | None]) -> _Candidate | None:
    month = _month_number(g["dm"])
    year = _year_of(g["dy"])
    day = int(g["d"])
    if not _day_ok(day, month, year):
        return None
    fmt = f"{{y}}-{month:02d}-{day:02d}"
    if g["dh"] is not None and int(g["dh"]) < 24 and g["d2"] is None:
        fmt += f"T{int(g['dh']):02d}:{g['dmi']}"
    cand = _Candidate(0, 0, "day", year, fmt)
    if g["d2"] is not None:
        day2 = int(g["d2"])
        if not _day_ok(day2, month, year) or day2 <= day:
            return None
        cand.end_fmt = f"{{y}}-{month:02d}-{day2:02d}"
    return cand


def _month(g: dict[str, str | None]) -> _Candidate:
    month = _month_number(g["m"])
    cand = _Candidate(0, 0, "month", _year_of(g["my"]), f"{{y}}-{month:02d}")
    if g["m2"] is not None:
        month2 = _month_number(g["m2"])
        cand.end_fmt = f"{{y}}-{month2:02d}"
        cand.end_year_shift = 1 if month2 < month else 0  # november-februari 2024
    return cand


def _years(g: dict[str, str | None], m: re.Match[str]) -> _Candidate:
    year = int(g["y"])
    cand = _Candidate(0, 0, "year", year, "{y}")
    if g["y2"] is not None:
        short = len(g["y2"]) == 2
        y2 = year // 100 * 100 + int(g["y2"]) if short else int(g["y2"])
        # "2023/24", "2024-2032"; "zaak 2023-45" or "2023-2019" is no period
        if year < y2 <= year + (MAX_SHORT_RANGE if short else MAX_RANGE):
            cand.range_end = str(y2)
        else:  # "2023-12": not a range; the year alone, judged by its context
            cand.end = m.end("y")
    return cand


def _glued_by_hyphen(text: str, start: int, prev: _Candidate | None) -> bool:
    """A hyphen joins the date to a word, unless to the date before it (``Q1-Q3 2024``)."""
    if start < 2 or text[start - 1] not in "-‐" or not text[start - 2].isalnum():
        return False
    return prev is None or prev.end != start - 1


# --- is a bare year a time? ---------------------------------------------------------
def _clean(token: str) -> str:
    return token.strip("([{‘’'\"“”«»,;:")


def _year_is_time(text: str, m: re.Match[str], cand: _Candidate, prev: _Candidate | None) -> bool:
    """False when the year names a budget, report, title or reference, or is a number."""
    start, end = cand.start, cand.end
    if RE_NUMBER_GLUE.match(text, end):
        return False
    if RE_POSTCODE.match(text, end) and cand.range_end is None:
        return False
    after = RE_NEXT_TOKEN.match(text, end)
    if after and after.group(1).lower().rstrip(".") in _NOT_YEAR_AFTER:
        return False
    if (
        prev is not None
        and prev.excluded
        and prev.kind == "year"
        and RE_COORDINATION.fullmatch(text, prev.end, start)
    ):
        return False  # "Follow Your Dreams 2022 en 2023": shares the title
    tok = _prev_token(text, start)
    if tok is None:
        # A year alone on its line (a table header or timeline): the last word of the
        # previous line may make it a budget column ("Saldo / 2023").
        line_end = text.find("\n", end, end + LINE_WINDOW)
        if _line_is_blank(text[end : end + LINE_WINDOW if line_end < 0 else line_end]):
            last = _last_token_of_previous_line(text, start)
            if last and _is_budget_word(_clean(last).lower()):
                return False
        return not _inside_quotes(text, start, end)
    raw, raw_start = tok
    word = _clean(raw)
    low = word.lower()
    if _is_budget_word(low) or low in _REFERENCE_WORDS or raw.lower() in _REFERENCE_WORDS:
        return False
    if low in _COUNT_DETERMINERS or low in COUNT_QUALIFIERS:
        return False
    if (
        m.group("mod") is None
        and cand.range_end is None
        and low not in _PREPOSITIONS
        and raw[-1] not in ".!?:;•"
        and after is not None
        and _looks_plural_noun(after.group(1).rstrip(".!?"))
    ):
        return False  # "er zijn 1998 aanvragen gedaan": a count
    two = _prev_token(text, raw_start)
    if two and f"{two[0]} {raw}".lower() in COUNT_QUALIFIERS:
        return False
    if word.isdigit() and not (len(word) == 4 and word[:2] in ("19", "20") and raw[-1] != ":"):
        return False  # "070 353 2020", "(2022: 1950)"
    if _is_name_word(raw, word):
        return False
    if word[:1].isupper() and two and _is_name_word(two[0], _clean(two[0])):
        return False  # "Kansrijke Start 2023": a capitalised small word inside a name
    return not _inside_quotes(text, start, end)


_HSPACE = " \t\u00a0\u202f"
_TOKEN_MAX = 40


def _prev_token(text: str, pos: int) -> tuple[str, int] | None:
    """The token (with its punctuation) before ``pos`` on the same line, and its start;
    None at the start of a line or when ``pos`` is glued to the previous character."""
    i = pos
    while i > 0 and pos - i < 3 and text[i - 1] in _HSPACE:
        i -= 1
    if i == pos or i == 0 or text[i - 1].isspace():
        return None
    lo = max(0, i - _TOKEN_MAX)
    j = max(text.rfind(c, lo, i) for c in (" ", "\n", "\t", "\u00a0", "\u202f")) + 1
    return text[max(j, lo) : i], max(j, lo)


def _last_token_of_previous_line(text: str, pos: int) -> str | None:
    """``pos`` starts a line: the last token of the nearest non-blank line above."""
    i = pos
    lo = max(0, pos - 20)
    while i > lo and text[i - 1].isspace():
        i -= 1
    if i == pos or i == 0 or "\n" not in text[i:pos]:
        return None
    lo = max(0, i - _TOKEN_MAX)
    j = max(text.rfind(c, lo, i) for c in (" ", "\n", "\t", "\u00a0", "\u202f")) + 1
    return text[max(j, lo) : i]


def _line_is_blank(s: str) -> bool:
    return not s.strip()


def _is_budget_word(low: str) -> bool:
    """``begroting``, ``Act.``, ``publieksjaarverslag``, ``jaarverslagen`` (plural too)."""
    for w in (low, low[:-2] if low.endswith("en") else low, low.rstrip("s")):
        if w in _BUDGET_WORDS or (len(w) > 4 and w.endswith(_BUDGET_SUFFIXES)):
            return True
    return False


def _looks_plural_noun(word: str) -> bool:
    """``aanvragen``, ``woningen``, ``thema’s``: lower case, plural ending, not a verb."""
    return (
        len(word) > 3
        and word.replace("’", "").replace("'", "").isalpha()
        and word[:1].islower()
        and word.endswith(("en", "s"))
        and word not in _PREPOSITIONS
        and word not in _VERBS_AFTER_YEAR
    )


def _is_name_word(raw: str, word: str) -> bool:
    """A capitalised word (not a preposition) or a bracketed acronym glued to the year:
    ``Zoetermeer 2025``, ``Follow Your Dreams 2022``, ``Winterkouderegeling (WKR) 2023/2024``."""
    if not word or (raw[-1] in ".!?:;,•" and not raw.endswith(")")):
        return False  # a sentence or clause ends before the year
    if raw.startswith("(") and raw.endswith(")"):
        return word[:1].isupper()
    return word[:1].isupper() and word.lower() not in _NOT_A_NAME


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """True inside a quoted title on one line: ``‘Versterken & Verbinden 2021–2024’``."""
    line_start = text.rfind("\n", max(0, start - QUOTE_WINDOW), start) + 1
    left = max(line_start, start - QUOTE_WINDOW)
    depth = 0
    for q in RE_QUOTE.finditer(text, left, start):
        if q.group("open"):
            depth += 1
        elif depth:
            depth -= 1
    if not depth:
        return False
    line_end = text.find("\n", end, end + QUOTE_WINDOW)
    right = line_end if line_end >= 0 else min(len(text), end + QUOTE_WINDOW)
    for q in RE_QUOTE.finditer(text, end, right):
        if q.group("close"):
            return True
        if q.group("open"):
            return False
    return False


# --- the year of a date written without one ----------------------------------------
def _coordinated_years(text: str, kept: list[_Candidate]) -> list[int | None]:
    """For each date, the year of a later date in the same list or range:
    ``14 maart en 12 oktober 2023``, ``30 maart, 15 juni en 15 november 2023``, ``Q1-Q3 2024``."""
    out: list[int | None] = [None] * len(kept)
    for i in range(len(kept) - 2, -1, -1):
        nxt = kept[i + 1]
        if RE_COORDINATION.fullmatch(text, kept[i].end, nxt.start):
            if nxt.year is not None and nxt.kind != "year":
                out[i] = nxt.year
            else:
                out[i] = out[i + 1]
    return out


class _Sentences:
    """Sentence bounds around a position, found once per text and only when needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[int] | None = None  # where a boundary starts
        self._starts: list[int] = []  # where the next sentence starts

    def around(self, start: int, end: int) -> tuple[int, int]:
        if self._ends is None:
            found = list(RE_SENTENCE_END.finditer(self.text))
            self._ends = [b.start() for b in found]
            self._starts = [b.end() for b in found]
        i = bisect_right(self._starts, start) - 1
        lo = max(self._starts[i] if i >= 0 else 0, start - SENTENCE_WINDOW)
        j = bisect_left(self._ends, end)
        hi = self._ends[j] if j < len(self._ends) else len(self.text)
        return lo, min(hi, end + SENTENCE_WINDOW)

    def is_about_plans(self, start: int, end: int) -> bool:
        """A word of plans or expectations (``zal``, ``doel``, ``verwacht``) in the span."""
        words = RE_WORD.findall(self.text, start, end)
        return not _FUTURE_WORDS.isdisjoint(w.lower() for w in words)


def _resolve_year(
    i: int,
    kept: list[_Candidate],
    coordinated: int | None,
    sentences: _Sentences,
    ref_year: int | None,
) -> int | None:
    """The year for ``kept[i]`` when it has none: a coordinated date's, an explicit one
    earlier in the sentence, or the document year unless the sentence is about plans."""
    cand = kept[i]
    if cand.year is not None:
        return cand.year
    if cand.this_period:
        return ref_year
    if coordinated is not None:
        return coordinated
    sent_start, sent_end = sentences.around(cand.start, cand.end)
    for k in range(i - 1, -1, -1):
        other = kept[k]
        if other.end <= sent_start:
            break
        if other.year is not None and other.range_end is None:
            return other.year  # "In 2019 is in september ..." → 2019-09
    if ref_year is None:
        return None
    if cand.weekday is not None:
        for year in (ref_year, ref_year - 1, ref_year + 1):
            if _weekday_of(cand.fmt, year) == cand.weekday:
                return year
    if sentences.is_about_plans(sent_start, sent_end):
        return None  # "Het doel is om in het eerste kwartaal ...": not obviously this year
    return ref_year


def _weekday_of(fmt: str, year: int) -> int | None:
    """ISO weekday of a day value ``{y}-12-12`` in ``year``; None if there is no such day."""
    _, month_s, day_s = fmt.split("-")
    month, day = int(month_s), int(day_s)
    if not _day_ok(day, month, year):
        return None
    return date(year, month, day).isoweekday()


def _to_mention(cand: _Candidate, year: int | None) -> Mention:
    return Mention(
        cand.start,
        cand.end,
        "DATE",
        cand.value(year),
        mod=cand.mod,
        range_end=cand.end_value(year),
    )


def _merge_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """``januari 2023 - maart 2024``, ``1 januari t/m 31 maart 2024`` → one range."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.range_end is None
            and m.range_end is None
            and RE_RANGE_GAP.fullmatch(text, prev.end, m.start)
        ):
            value = prev.value
            if value.startswith(UNKNOWN_YEAR) and not m.value.startswith(UNKNOWN_YEAR):
                value = m.value[:4] + value[4:]
            out[-1] = Mention(prev.start, m.end, "DATE", value, mod=prev.mod, range_end=m.value)
            continue
        out.append(m)
    return out
