"""Attributes of a commitment sentence: actor, object phrase, amounts, dates, counts, anchors."""

from __future__ import annotations

import re
from typing import Any

from policytext.commitments.detect import cues

ACTOR = re.compile(
    r"\b(we|wij|de gemeente|het college|de raad|(?:gemeente|college)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\b",
    re.IGNORECASE,
)
AMOUNT = re.compile(
    r"€\s?[0-9][0-9.]*(?:,[0-9]+)?(?:\s?(?:miljoen|mln\.?|miljard|mld\.?|duizend))?",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
COUNT = re.compile(r"\b([0-9][0-9.]*)\s+(?!euro|miljoen|procent|%)([a-zà-ÿ][\w-]+)", re.IGNORECASE)
RIS = re.compile(r"\bRIS\s?([0-9]{5,7})\b")
CAPITALISED = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|[a-z][\w-]{6,}))*)"
)
# A cue word opening the object phrase (after the actor and the verb).
OBJECT_STOP = re.compile(
    r"\s(?:en stellen|en investeren|,|;|waarin|waarbij|om te)\s", re.IGNORECASE
)


def _actor(text: str) -> str:
    m = ACTOR.search(text)
    if not m:
        return ""
    word = m.group(1).lower()
    return "gemeente (wij)" if word in {"we", "wij"} else m.group(1)


def _object(text: str) -> str:
    """The phrase after 'we <verb>' (or the first clause), cut at the next clause."""
    t = re.sub(r"^\W+", "", text)
    m = re.search(r"\b(?:we|wij)\s+(?:gaan\s+|zullen\s+|willen\s+)?\w+\s+(.*)", t, re.IGNORECASE)
    phrase = m.group(1) if m else t
    phrase = OBJECT_STOP.split(" " + phrase + " ", maxsplit=1)[0].strip()
    return phrase.rstrip(".;: ")[:160]


def amount_value(text: str) -> float | None:
    """Euros of an amount string such as '€ 6,4 miljoen'."""
    m = re.search(r"([0-9][0-9.]*(?:,[0-9]+)?)", text)
    if not m:
        return None
    num = float(m.group(1).replace(".", "").replace(",", "."))
    low = text.lower()
    if "miljard" in low or "mld" in low:
        num *= 1e9
    elif "miljoen" in low or "mln" in low:
        num *= 1e6
    elif "duizend" in low:
        num *= 1e3
    return num


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


def attributes(
    text: str,
    *,
    year: int | None = None,
    mentions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Actor, object, amounts, target dates, counts, organisations, RIS numbers, programmes."""
    mentions = mentions or []
    years = sorted({int(y) for y in YEAR.findall(text)})
    amounts = [a.strip() for a in AMOUNT.findall(text)]
    amounts += [m["text"] for m in mentions if m["label"] == "AMOUNT" and m["text"] not in amounts]
    counts = [f"{n} {w}" for n, w in COUNT.findall(text) if not YEAR.fullmatch(n)]
    counts += [m["text"] for m in mentions if m["label"] == "COUNT" and m["text"] not in counts]
    target_dates = [str(y) for y in years if year is None or y > int(year)]
    target_dates += [
        m["text"] for m in mentions if m["label"] == "DATE" and m["text"] not in target_dates
    ]
    return {
        "actor": _actor(text),
        "what": _object(text),
        "amounts": amounts,
        "target_dates": target_dates,
        "counts": counts,
        "organisations": [m["text"] for m in mentions if m["label"] == "ORG"],
        "ris": sorted(
            set(RIS.findall(text)) | {m["text"] for m in mentions if m["label"] == "RIS"}
        ),
        "programmes": programmes(text),
    }
