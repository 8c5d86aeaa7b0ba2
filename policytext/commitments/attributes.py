"""Attributes of a commitment sentence: actor, object phrase and action, and the anchors.

Amounts, target dates, counts, RIS numbers and organisations are the pipeline's
mentions inside the sentence (:func:`policytext.process.find_mentions`), with their
normalised values: amount parsing lives in one place, ``policytext/extract``. The
object phrase and action come from :mod:`policytext.commitments.what`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from policytext.commitments.detect import cues
from policytext.commitments.what import what as object_and_action
from policytext.extract.mention import Mention

ACTOR = re.compile(
    r"\b(we|wij|de gemeente|het college|de raad|(?:gemeente|college)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\b",
    re.IGNORECASE,
)
CAPITALISED = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|[a-z][\w-]{6,}))*)"
)


def _actor(text: str) -> str:
    m = ACTOR.search(text)
    if not m:
        return ""
    word = m.group(1).lower()
    return "gemeente (wij)" if word in {"we", "wij"} else m.group(1)


def programmes(text: str) -> list[str]:
    """Capitalised phrases not at the start of the sentence: named programmes and bodies."""
    out = []
    for m in CAPITALISED.finditer(text):
        if m.start() == 0:
            continue
        phrase = m.group(1).strip()
        if (
            phrase.lower() in {"we", "wij", "de", "het", "een", "en", "zo", "ook"}
            or len(phrase) < 4
        ):
            continue
        out.append(phrase)
    return out


def keywords(text: str) -> list[str]:
    """Content words: no stopwords, at least four letters, lowercased."""
    stop = set(cues()["stopwords"])
    return [w for w in re.findall(r"[a-zà-ÿ][\w-]+", text.lower()) if len(w) >= 4 and w not in stop]


def date_year(value: Any) -> int | None:
    """The year of a normalised DATE value: ``2024``, ``"2024-Q1"``, ``"2024-05-01"``."""
    m = re.match(r"\d{4}", str(value)) if value is not None else None
    return int(m.group(0)) if m else None


def _unique(values: Sequence[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def count_text(m: Mention) -> str:
    """A COUNT as value and noun: ``ruim 1.250 ontheemden`` → ``1250 ontheemden``."""
    value = m.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value} {m.unit}" if m.unit else str(value)


def attributes(
    text: str,
    *,
    start: int = 0,
    year: int | None = None,
    mentions: Sequence[Mention] = (),
    parsed: Any = None,
    themes: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Actor, object, action and the mentions of the sentence ``text`` (at document
    offset ``start``) with their normalised values.

    ``mentions`` are the document's mentions (those inside the sentence are used);
    ``parsed`` a dependency-parsed ``Doc`` of the sentence, when the pipeline has a
    parser; ``themes`` the theme ids of the sentence's passage. Target dates are the
    dates whose year is after the document's ``year`` (all dates when it is unknown).
    """
    end = start + len(text)
    inside = [m for m in mentions if start <= m.start and m.end <= end]

    def of(label: str) -> list[Mention]:
        return [m for m in inside if m.label == label]

    def surface(m: Mention) -> str:
        return text[m.start - start : m.end - start]

    dates = [
        m
        for m in of("DATE")
        if year is None or (date_year(m.value) or 0) > year or (date_year(m.range_end) or 0) > year
    ]
    phrase, action = object_and_action(text, parsed)
    return {
        "actor": _actor(text),
        "what": phrase,
        "action": action,
        "amounts": [surface(m) for m in of("AMOUNT")],
        "amount_values": [m.value for m in of("AMOUNT")],
        "target_dates": _unique([str(m.value) for m in dates]),
        "counts": _unique([count_text(m) for m in of("COUNT")]),
        "organisations": _unique([str(m.value) for m in of("ORG")]),
        "ris": _unique([str(m.value) for m in of("RIS")]),
        "programmes": programmes(text),
        "themes": list(themes or []),
    }
