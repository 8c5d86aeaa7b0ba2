"""Percentages: ``95%``, ``92.6%`` → 92.6, ``bijna 90%`` (approx), ``65 procent``, ``>88%``.

The qualifier is part of the span. A fraction in words (``een derde``) and a rate
(``8,2 per 1000``) are not percentages.
"""

from __future__ import annotations

import re
from functools import cache

from policytext.extract.amounts import RANGE_SEP, _alternatives, money_lexicon
from policytext.extract.mention import Mention
from policytext.extract.numbers import DIGITS, number_word_pattern, parse_number, parse_number_word


@cache
def percent_regex() -> re.Pattern[str]:
    lex = money_lexicon()
    qual = _alternatives(lex["approx_qualifiers"])
    words = _alternatives(lex["percent_words"])
    num = rf"(?:{DIGITS}|{number_word_pattern()})"
    return re.compile(
        rf"(?:(?P<q>{qual})[ \u00a0]?)?(?<![\w.,])(?P<n>{num})"
        rf"(?:{RANGE_SEP}(?P<r>{num}))?[ \u00a0]?(?P<w>{words})(?![\w])",
        re.IGNORECASE,
    )


def _value(text: str | None) -> float | None:
    if text is None:
        return None
    value = parse_number(text)
    return value if value is not None else parse_number_word(text)


def find_percents(text: str) -> list[Mention]:
    """All percentages in ``text``; ``value`` is a float, ``approx`` marks qualifiers."""
    out = []
    for m in percent_regex().finditer(text):
        value = _value(m.group("n"))
        if value is None:
            continue
        start = m.start() if m.group("q") else m.start("n")
        out.append(
            Mention(
                start,
                m.end(),
                "PERCENT",
                float(value),
                approx=True if m.group("q") else None,
                range_end=_value(m.group("r")),
            )
        )
    return out
