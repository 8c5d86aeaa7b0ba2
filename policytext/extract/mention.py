"""The mention record every extractor produces, and the overlap rule between them.

Extractors are plain functions ``find_x(text, ...) -> list[Mention]`` so they can be
tested and benchmarked without spaCy; :mod:`policytext.extract.components` wraps them
as pipeline components that put the mentions on the ``Doc``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

LABELS: tuple[str, ...] = ("AMOUNT", "RIS", "DATE", "COUNT", "PERCENT", "ORG")
# One colour per label, shared by the HTML report and the annotation tools' configs.
LABEL_COLOURS: dict[str, str] = {
    "AMOUNT": "#f4a261",
    "RIS": "#9b5de5",
    "DATE": "#2a9d8f",
    "COUNT": "#e9c46a",
    "PERCENT": "#f15bb5",
    "ORG": "#00bbf9",
}
# Extra fields a mention may carry besides its value (see the annotation guidelines).
EXTRA_FIELDS: tuple[str, ...] = ("unit", "approx", "period", "mod", "range_end", "ref_year")
# Tie-break between overlapping mentions of equal length: earlier in this tuple wins.
LABEL_PRIORITY: tuple[str, ...] = ("AMOUNT", "PERCENT", "RIS", "DATE", "COUNT", "ORG")


@dataclass(slots=True)
class Mention:
    """One extracted mention: ``text[start:end]`` with its normalised value."""

    start: int
    end: int
    label: str
    value: Any
    unit: str | None = None
    approx: bool | None = None
    period: str | None = None
    mod: str | None = None
    range_end: Any = None
    ref_year: int | None = None

    def extras(self) -> dict[str, Any]:
        """The extra fields that are set, as the gold format writes them."""
        return {k: getattr(self, k) for k in EXTRA_FIELDS if getattr(self, k) not in (None, False)}

    def to_gold(self, text: str) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": text[self.start : self.end],
            "value": self.value,
            **self.extras(),
        }

    def shifted(self, offset: int) -> Mention:
        data = asdict(self)
        data["start"] += offset
        data["end"] += offset
        return Mention(**data)


def overlap_key(m: Mention) -> tuple[int, int, int]:
    """Sort key of the overlap rule: longer first, then label priority, then leftmost."""
    return (-(m.end - m.start), LABEL_PRIORITY.index(m.label), m.start)


def resolve_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """One stretch of text carries one mention.

    The rule: among overlapping mentions the longest wins; at equal length the label
    earlier in :data:`LABEL_PRIORITY` wins (AMOUNT > PERCENT > RIS > DATE > COUNT > ORG);
    then the leftmost. Returns the kept mentions sorted by position.
    """
    kept: list[Mention] = []
    starts: list[int] = []  # kept spans never overlap, so starts and ends sort alike
    ends: list[int] = []
    for m in sorted(mentions, key=overlap_key):
        i = bisect_left(starts, m.start)
        if i > 0 and ends[i - 1] > m.start:
            continue
        if i < len(starts) and starts[i] < m.end:
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept
