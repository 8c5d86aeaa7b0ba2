"""Dutch numbers, written in digits or in words; one module that every extractor uses.

Digits follow the Dutch convention: ``.`` groups thousands and ``,`` is the decimal
mark (``1.213`` → 1213, ``7,4`` → 7.4, ``€ 3.625,–`` → 3625). A dot followed by one or
two digits is a decimal point (``92.6%`` → 92.6). Number words are composed from the
parts in ``resources/numbers_nl.json`` and valued by text2num (``tweeënvijftig`` → 52);
multiplicatives and fractions it does not know (``tweemaal``, ``anderhalf``) come from
the same data file.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from text_to_num import text2num


@cache
def lexicon() -> dict[str, Any]:
    """The Dutch number data file, read once."""
    return json.loads(
        resources.files("policytext.resources").joinpath("numbers_nl.json").read_text("utf-8")
    )


# A number in digits: groups of three after dots (or thin/no-break spaces), an optional
# decimal part after a comma, or a plain run of digits with an optional decimal part.
# Quantifiers are bounded so a run of megabytes of digits cannot cause backtracking.
DIGITS = (
    r"(?:[0-9]{1,3}(?:[.\u202f\u00a0][0-9]{3}){1,5}(?:,[0-9]{1,4})?"  # 1.213 / 3.625,50
    r"|[0-9]{1,12}(?:[,.][0-9]{1,4})?)"  # 300 / 7,4 / 92.6
    r"(?![0-9])"
)
# Trailing Dutch money notation for whole euros: ",–", ",-", ",—".
RE_WHOLE_EUROS = re.compile(r",[-–—]")
RE_DIGITS = re.compile(DIGITS)


def parse_number(text: str) -> float | None:
    """Value of a number written in digits, Dutch style; None if it is not one.

    >>> parse_number("1.213"), parse_number("7,4"), parse_number("92.6"), parse_number("3.625,–")
    (1213.0, 7.4, 92.6, 3625.0)
    """
    s = RE_WHOLE_EUROS.sub("", text.strip()).replace("\u202f", ".").replace("\u00a0", ".")
    if not s or len(s) > 40:
        return None
    if "," in s:
        whole, _, frac = s.rpartition(",")
        whole = whole.replace(".", "")
        s = f"{whole}.{frac}"
    elif s.count(".") == 1 and len(s.rpartition(".")[2]) != 3:
        pass  # "92.6": a single dot not followed by three digits is a decimal point
    else:
        s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def as_int_if_whole(value: float) -> int | float:
    """``500.0`` → 500 (counts are ints unless written with decimals)."""
    return int(value) if float(value).is_integer() else value


@cache
def number_word_pattern() -> str:
    """Regex for a Dutch cardinal number word, compound ones included (``tweeënvijftig``)."""
    lex = lexicon()
    parts = sorted(lex["cardinal_parts"], key=len, reverse=True)
    part = "(?:" + "|".join(parts) + ")"
    words = sorted([*lex["multiplicatives"], *lex["fractions"]], key=len, reverse=True)
    # A compound: parts glued together, with "en"/"ën" between units and tens.
    compound = rf"{part}(?:(?:ën|en)?{part}){{0,6}}"
    return r"(?:" + "|".join(words) + "|" + compound + r")"


@cache
def number_word_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{number_word_pattern()})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def parse_number_word(word: str) -> float | None:
    """Value of a Dutch number word: ``zeventien`` → 17, ``tweemaal`` → 2, ``anderhalf`` → 1.5."""
    w = word.lower().strip()
    lex = lexicon()
    if w in lex["multiplicatives"]:
        return float(lex["multiplicatives"][w])
    if w in lex["fractions"]:
        return float(lex["fractions"][w])
    try:
        return float(text2num(w.replace("eén", "één"), "nl"))
    except ValueError:
        return None


def scale_factor(word: str) -> float | None:
    """Factor of a scale word: ``miljoen`` → 1e6, ``mld.`` → 1e9."""
    return lexicon()["scales"].get(word.lower().rstrip("."))


@cache
def scale_pattern() -> str:
    words = sorted(lexicon()["scales"], key=len, reverse=True)
    # Abbreviations ("mln.", "mld.") may carry a dot; full words never take the full stop.
    alts = [re.escape(w) + (r"\.?" if len(w) <= 3 else "") for w in words]
    return r"(?:" + "|".join(alts) + r")"


def is_article(word: str) -> bool:
    return word.lower() in lexicon()["articles"]
