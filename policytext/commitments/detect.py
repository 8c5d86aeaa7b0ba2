"""Sentence splitting and commitment / result / other detection."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from policytext.document import Document

LABELS = ("commitment", "result", "other")
KINDS = frozenset({"paragraph", "list_item"})
ABBREVIATIONS = (
    "ca",
    "o.a",
    "bijv",
    "bv",
    "nr",
    "mr",
    "dr",
    "incl",
    "excl",
    "m.b.t",
    "t.b.v",
    "e.d",
)
# A heading that only dates what follows ("Q2 2024", "2021 - heden") keeps the heading above it.
DATED_HEADING = re.compile(
    r"^\W*(?:(?:q[1-4]|[0-9]{4}|heden|nu|januari|februari|maart|april|mei|juni"
    r"|juli|augustus|september|oktober|november|december)\W*){1,4}$",
    re.IGNORECASE,
)
SENT_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'‘“(•]?\s*[A-Z0-9À-Ý€])")


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    start: int
    end: int
    text: str
    passage_id: str
    page: int | None = None
    heading: str | None = None


@cache
def cues() -> dict[str, Any]:
    text = (
        resources.files("policytext.resources")
        .joinpath("commitments_nl.json")
        .read_text(encoding="utf-8")
    )
    return json.loads(text)


@cache
def compiled(group: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in cues()[group])


def _split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENT_END.finditer(text):
        before = text[start : m.start()].rstrip()
        last = before.rsplit(" ", 1)[-1].rstrip(".").lower()
        if before.endswith(".") and last in ABBREVIATIONS:
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip(" \t\n•-–"))
        trail = len(chunk) - len(chunk.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


def split_sentences(document: Document) -> list[Sentence]:
    """Sentences of the paragraph and list-item passages, in document offsets, each with
    the last heading above it that is more than a date (``Sentence.heading``)."""
    out: list[Sentence] = []
    heading: str | None = None
    for p in document.passages:
        if p.kind == "heading":
            text = " ".join(document.text[p.start : p.end].split())
            if not DATED_HEADING.match(text):
                heading = text
            continue
        if p.kind not in KINDS:
            continue
        for s, e in _split(document.text[p.start : p.end]):
            out.append(
                Sentence(
                    document.doc_id,
                    p.start + s,
                    p.start + e,
                    document.text[p.start + s : p.start + e],
                    p.passage_id,
                    p.page,
                    heading,
                )
            )
    return out


COMMITMENT_GROUPS = ("commitment", "commitment_goal", "commitment_decision", "commitment_planning")
STRONG_CONFIDENCE = 0.8


def _count(group: str, text: str) -> int:
    return sum(bool(p.search(text)) for p in compiled(group))


WEAK_PAST = re.compile(r"(?:(\b[a-zà-ÿ]+)\s+)?\b([a-zà-ÿ]{3,}(?:de|te)n?)\b", re.IGNORECASE)
VOWELS = "aeiou"


def _stems(lemma: str) -> set[str]:
    """Spellings of a verb's stem from its infinitive: zetten → zet, maken → maak,
    leven → leef, reizen → reis."""
    stem = lemma[:-2]
    out = {stem}
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        out.add(stem[:-1])
    if len(stem) > 2 and stem[-2] in VOWELS and stem[-3] not in VOWELS and stem[-1] not in VOWELS:
        out.add(stem[:-1] + stem[-2] + stem[-1])
    out |= {s[:-1] + {"v": "f", "z": "s"}[s[-1]] for s in list(out) if s[-1] in "vz"}
    return out


@cache
def _is_weak_past(word: str) -> bool:
    """``bevestigde``, ``leverden``, ``zette``, ``maakte``: a verb's stem (from its
    simplemma lemma) + -de(n)/-te(n); not a listed exception (``verzekerden``, ``vierde``)."""
    import simplemma

    w = word.lower()
    if w in cues()["weak_past_exclude"]:
        return False
    lemma = simplemma.lemmatize(w, lang="nl")
    if lemma == w or not lemma.endswith("en") or len(lemma) < 5:
        return False
    return any(w in {s + "de", s + "te", s + "den", s + "ten"} for s in _stems(lemma))


def weak_past(text: str) -> bool:
    """Whether the sentence has a weak simple past verb (``Op 8 juli bevestigde de AP …``);
    after an article or determiner the form is an adjective (``de beperkte middelen``)."""
    determiners = set(cues()["weak_past_determiners"])
    return any(
        _is_weak_past(m.group(2)) and (m.group(1) or "").lower() not in determiners
        for m in WEAK_PAST.finditer(text)
    )


def doc_group(doc_type: str | None) -> str | None:
    """The group of ``doc_type`` in ``doc_type_groups``: agreement, report, decision, project."""
    for group, types in cues()["doc_type_groups"].items():
        if not group.startswith("_") and (doc_type or "") in types:
            return group
    return None


def heading_direction(heading: str | None) -> int:
    """+1 when a heading's cues say commitment ("Wat zijn de vervolgstappen?"), -1 when
    they say result ("Welke stappen zijn er gezet?"), else 0."""
    if not heading:
        return 0
    d = sum(_count(g, heading) for g in COMMITMENT_GROUPS) - _count("result", heading)
    return (d > 0) - (d < 0)


def cue_features(
    text: str, doc_type: str | None = None, year: int | None = None, heading: str | None = None
) -> dict[str, float]:
    """Cue counts and flags of one sentence, read with its document's type and year.

    ``"We gaan in 2025 … starten."`` in a 2022 coalitieakkoord → ``n_commit`` 1,
    ``future_year`` 1, ``actor`` 1, ``modal`` 1, ``agreement`` 1."""
    n_commit = sum(_count(g, text) for g in COMMITMENT_GROUPS)
    group = doc_group(doc_type)
    agreement = group == "agreement"
    n_present = _count("commitment_in_agreement", text)
    future = past = 0
    if year:
        years = [int(y) for y in re.findall(cues()["future_year_pattern"], text, re.IGNORECASE)]
        future = int(any(y > int(year) for y in years))
        past = int(any(y <= int(year) for y in years))
    stripped = text.rstrip()
    head = heading_direction(heading)
    return {
        "n_commit": float(n_commit),
        "n_result": float(
            max(0, _count("result", text) + weak_past(text) - _count("present_passive", text))
        ),
        "n_other": float(_count("other", text)),
        "future_year": float(future),
        "past_year": float(past),
        "actor": float(_count("actor", text) > 0),
        "modal": float(_count("modal", text) > 0),
        "list_intro": float(stripped.endswith(":")),
        "heading_commit": float(head > 0),
        "heading_result": float(head < 0),
        "agreement_present": float(n_present if agreement else 0),
        "agreement": float(agreement),
        "report": float(group == "report"),
        "decision": float(group == "decision"),
        "project": float(group == "project"),
    }


def rule_label(
    text: str, doc_type: str | None = None, year: int | None = None, heading: str | None = None
) -> tuple[str, float]:
    """Label from cues alone, with a rough confidence (0.5: no cue or a tie; 0.65: one
    cue more for one side; 0.8 and up: two or more). The heading's direction counts as
    one cue: list items under "Welke stappen zijn er gezet?" report results."""
    f = cue_features(text, doc_type, year, heading)
    if f["n_other"]:
        return "other", 0.7
    commit = (
        f["n_commit"] + f["future_year"] + min(1.0, f["agreement_present"]) + f["heading_commit"]
    )
    result = f["n_result"] + f["heading_result"]
    if commit == 0 and result == 0:
        return "other", 0.5
    if commit > result:
        return "commitment", min(0.95, 0.5 + 0.15 * (commit - result))
    if result > commit:
        return "result", min(0.95, 0.5 + 0.15 * (result - commit))
    return ("commitment" if f["agreement"] else "result"), 0.5
