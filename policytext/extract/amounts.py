"""Money amounts in euros: ``€ 6,4 miljoen`` → 6400000.0, ``1,2 miljard euro`` → 1.2e9.

Span: currency sign or word, number and scale word as written; threshold words stay
outside (``> 500 duizend euro`` → ``500 duizend euro``). ``per jaar``/``jaarlijks``
next to the amount sets ``period="jaar"``; ``structureel`` after it sets
``period="structureel"``. A range ``€1-1,4 miljoen`` is one mention with ``range_end``.
A number with a scale word in the same clause as an amount carries the money word over
(``€ 300 miljoen, oplopend naar 400 miljoen`` → two amounts).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from policytext.extract.mention import Mention
from policytext.extract.numbers import (
    DIGITS,
    number_word_pattern,
    parse_number,
    parse_number_word,
    scale_factor,
    scale_pattern,
)


@cache
def money_lexicon() -> dict[str, Any]:
    return json.loads(
        resources.files("policytext.resources").joinpath("money_nl.json").read_text("utf-8")
    )


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def amount_regex() -> re.Pattern[str]:
    lex = money_lexicon()
    num = rf"(?:{DIGITS}(?:,[-–—])?|{number_word_pattern()})"

    def rng(group: str) -> str:
        # "€1-1,4 miljoen", "3 tot 10 miljard euro", "€ 5 à € 7 miljoen"
        return rf"(?:{RANGE_SEP}(?:€[ \u00a0]?)?(?P<{group}>{num}))?"

    def scale(group: str) -> str:
        return rf"(?:[ \u00a0]+(?P<{group}>{scale_pattern()}))?"

    before = _alternatives(lex["currency_before"])
    after = _alternatives(lex["currency_after"])
    # "€ 6,4 miljoen", "EUR 250.000", "€1-1,4 miljoen"
    prefixed = rf"(?P<cur1>{before})[ \u00a0]?(?P<n1>{num})" + rng("r1") + scale("s1")
    # "1,2 miljard euro", "500 duizend euro", "2-3 miljoen euro"
    suffixed = rf"(?P<n2>{num})" + rng("r2") + scale("s2") + rf"[ \u00a0]+(?P<cur2>{after})"
    return re.compile(rf"(?<![\w€])(?:{prefixed}|{suffixed})(?![\w])", re.IGNORECASE)


# A carried-over amount: number + scale word with no money word ("oplopend naar 400 miljoen").
@cache
def carry_regex() -> re.Pattern[str]:
    num = rf"(?:{DIGITS}|{number_word_pattern()})"
    return re.compile(
        rf"(?<![\w€.,])(?P<n>{num})[ \u00a0]+(?P<s>(?:miljoen|miljard|mln|mld|mrd)\.?)(?![\w])",
        re.IGNORECASE,
    )


# Between the two numbers of a range: a dash, or "tot", "à", "a" (white space may be a
# line break in text from PDFs).
RANGE_SEP = r"(?:[ \u00a0]?[-–][ \u00a0]?|\s{1,3}(?:tot|à|a)\s{1,3})"
RE_CAPTION_BEFORE = re.compile(r"(?:\bx|\bin|\bbedragen)\s*$", re.IGNORECASE)
RE_PERIOD_BEFORE = re.compile(
    r"\b(?:per\s+jaar|jaarlijks(?:e)?|structureel\s+per\s+jaar)\s+$", re.IGNORECASE
)
RE_PERIOD_AFTER = re.compile(r"\s*,?\s*(?:per\s+jaar|jaarlijks|op\s+jaarbasis)\b", re.IGNORECASE)
RE_STRUCTUREEL_AFTER = re.compile(r"\s+structureel\b", re.IGNORECASE)
RE_CLAUSE_BREAK = re.compile(r"[.;:!?\n]")
CARRY_WINDOW = 80


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    value = parse_number(text)
    return value if value is not None else parse_number_word(text)


def _period(text: str, start: int, end: int) -> str | None:
    if RE_PERIOD_BEFORE.search(text, max(0, start - 30), start) or RE_PERIOD_AFTER.match(text, end):
        return "jaar"
    if RE_STRUCTUREEL_AFTER.match(text, end):
        return "structureel"
    return None


def find_amounts(text: str) -> list[Mention]:
    """All money amounts in ``text`` with their value in euros."""
    found: list[Mention] = []
    for m in amount_regex().finditer(text):
        g = m.groupdict()
        idx = "1" if g["n1"] is not None else "2"
        if idx == "1" and RE_CAPTION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "bedragen x € 1.000" is a table unit, not an amount
        value = _number(g[f"n{idx}"])
        if value is None:
            continue
        factor = scale_factor(g[f"s{idx}"]) if g[f"s{idx}"] else 1.0
        upper = _number(g[f"r{idx}"])
        found.append(
            Mention(
                m.start(),
                m.end(),
                "AMOUNT",
                value * factor,
                range_end=upper * factor if upper is not None else None,
                period=_period(text, m.start(), m.end()),
            )
        )
    found.extend(_carried_over(text, found))
    found.sort(key=lambda x: x.start)
    return found


def _carried_over(text: str, amounts: list[Mention]) -> list[Mention]:
    """Amounts whose money word stands with an earlier amount in the same clause."""
    out: list[Mention] = []
    for prev in amounts:
        window_end = min(len(text), prev.end + CARRY_WINDOW)
        brk = RE_CLAUSE_BREAK.search(text, prev.end, window_end)
        stop = brk.start() if brk else window_end
        for m in carry_regex().finditer(text, prev.end, stop):
            if any(a.start <= m.start() < a.end for a in amounts):
                continue
            value = _number(m.group("n"))
            factor = scale_factor(m.group("s"))
            if value is None or factor is None:
                continue
            out.append(
                Mention(
                    m.start(),
                    m.end(),
                    "AMOUNT",
                    value * factor,
                    period=_period(text, m.start(), m.end()),
                )
            )
    return out
