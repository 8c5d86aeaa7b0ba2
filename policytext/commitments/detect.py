"""Sentence splitting and commitment / result / other detection."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from policytext.document import Document

AGREEMENT_TYPES = frozenset({"coalitieakkoord", "begroting", "programma", "beleidsplan"})
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
SENT_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'‘“(•]?\s*[A-Z0-9À-Ý€])")


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    start: int
    end: int
    text: str
    passage_id: str
    page: int | None = None


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
    """Sentences of the paragraph and list-item passages, in document offsets."""
    out: list[Sentence] = []
    for p in document.passages:
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
                )
            )
    return out


def cue_features(
    text: str, doc_type: str | None = None, year: int | None = None
) -> dict[str, float]:
    """Counts of commitment and result cues, a future target year, and the document type."""
    n_commit = sum(bool(p.search(text)) for p in compiled("commitment"))
    n_result = sum(bool(p.search(text)) for p in compiled("result"))
    agreement = (doc_type or "") in AGREEMENT_TYPES
    n_present = sum(bool(p.search(text)) for p in compiled("commitment_in_agreement"))
    future = 0
    if year:
        years = [int(y) for y in re.findall(cues()["future_year_pattern"], text)]
        future = int(any(y > int(year) for y in years))
    return {
        "n_commit": float(n_commit),
        "n_result": float(n_result),
        "future_year": float(future),
        "agreement_present": float(n_present if agreement else 0),
        "agreement": float(agreement),
        "report": float((doc_type or "") in {"jaarverslag", "jaarrekening", "rekening"}),
    }


def rule_label(
    text: str, doc_type: str | None = None, year: int | None = None
) -> tuple[str, float]:
    """Label from cues alone, with a rough confidence."""
    f = cue_features(text, doc_type, year)
    commit = f["n_commit"] + f["future_year"] + min(1.0, f["agreement_present"])
    result = f["n_result"]
    if commit == 0 and result == 0:
        return "other", 0.5
    if commit > result:
        return "commitment", min(0.95, 0.5 + 0.15 * (commit - result))
    if result > commit:
        return "result", min(0.95, 0.5 + 0.15 * (result - commit))
    return ("commitment" if f["agreement"] else "result"), 0.5
