"""spaCy pipeline components that put mentions on the ``Doc``.

Every component runs one finder over ``doc.text`` and merges what it finds into the
span group ``doc.spans["policytext"]`` with the overlap rule of
:func:`policytext.extract.mention.resolve_overlaps`. Each span carries its normalised
value and extra fields as extension attributes (``span._.value``, ``span._.unit``, ...);
everything downstream (datasets, reports, evaluation) reads from that group.

The document year, used to complete dates such as ``begin april``, is ``doc._.ref_year``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from policytext.extract.mention import EXTRA_FIELDS, Mention, resolve_overlaps

SPAN_KEY = "policytext"
Finder = Callable[[str, "int | None"], list[Mention]]


def register_extensions() -> None:
    """Declare the extension attributes (idempotent)."""
    for name in ("value", *EXTRA_FIELDS, "char_offsets"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in ("ref_year", "doc_id"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def mentions_from_doc(doc: Doc, offset: int = 0) -> list[Mention]:
    """The mentions of the span group, with character offsets shifted by ``offset``."""
    out = []
    for span in doc.spans.get(SPAN_KEY, []):
        start, end = span._.char_offsets or (span.start_char, span.end_char)
        out.append(
            Mention(
                start=start + offset,
                end=end + offset,
                label=span.label_,
                value=span._.value,
                **{k: getattr(span._, k) for k in EXTRA_FIELDS},
            )
        )
    return out


def set_mentions(doc: Doc, mentions: Iterable[Mention]) -> None:
    """Write mentions into the span group, aligned to tokens.

    A mention whose boundary falls inside a token (``€1-1,4``) gets the smallest token
    span around it, and its exact character offsets in ``span._.char_offsets``.
    """
    spans = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, label=m.label)
        exact = span is not None
        if span is None:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is None:
                continue
        span._.value = m.value
        for k in EXTRA_FIELDS:
            setattr(span._, k, getattr(m, k))
        span._.char_offsets = None if exact else (m.start, m.end)
        spans.append(span)
    doc.spans[SPAN_KEY] = spans


def add_mentions(doc: Doc, found: Iterable[Mention]) -> None:
    """Merge new mentions with those already on the doc, one mention per stretch of text."""
    merged = resolve_overlaps([*mentions_from_doc(doc), *found])
    set_mentions(doc, merged)


def score_mentions(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """Exact-match P/R/F per label over the ``policytext`` span group."""
    return Scorer.score_spans(
        examples,
        attr=SPAN_KEY,
        getter=lambda doc, attr: list(doc.spans.get(attr, [])),
        has_annotation=lambda doc: SPAN_KEY in doc.spans,
        allow_overlap=True,
    )


@registry.scorers("policytext.mention_scorer.v1")
def make_mention_scorer() -> Callable[..., dict[str, Any]]:
    return score_mentions


class MentionFinder:
    """A component that runs ``finder(doc.text, ref_year)`` and adds its mentions."""

    def __init__(self, name: str, finder: Finder, default_year: int | None = None) -> None:
        self.name = name
        self.finder = finder
        self.default_year = default_year

    def __call__(self, doc: Doc) -> Doc:
        year = doc._.ref_year if doc._.ref_year is not None else self.default_year
        found = self.finder(doc.text, year)
        if found:
            add_mentions(doc, found)
        elif SPAN_KEY not in doc.spans:
            doc.spans[SPAN_KEY] = []
        return doc

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        return score_mentions(examples, **kwargs)


COMPONENT_META = {
    "assigns": ["doc.spans"],
    "default_score_weights": {
        "spans_policytext_f": 1.0,
        "spans_policytext_p": 0.0,
        "spans_policytext_r": 0.0,
    },
}


@Language.factory("policytext_ris", **COMPONENT_META)
def make_ris(nlp: Language, name: str) -> MentionFinder:
    """Council references: ``RIS 316343`` → ``RIS316343``."""
    from policytext.extract.ris import find_ris

    return MentionFinder(name, lambda text, year: find_ris(text))


@Language.factory("policytext_amounts", **COMPONENT_META)
def make_amounts(nlp: Language, name: str) -> MentionFinder:
    """Money: ``€ 6,4 miljoen`` → 6400000.0."""
    from policytext.extract.amounts import find_amounts

    return MentionFinder(name, lambda text, year: find_amounts(text))


@Language.factory("policytext_percents", **COMPONENT_META)
def make_percents(nlp: Language, name: str) -> MentionFinder:
    """Percentages: ``bijna 90%`` → 90.0, approx."""
    from policytext.extract.percents import find_percents

    return MentionFinder(name, lambda text, year: find_percents(text))


@Language.factory("policytext_dates", default_config={"default_year": None}, **COMPONENT_META)
def make_dates(nlp: Language, name: str, default_year: int | None) -> MentionFinder:
    """Dates and periods as TIMEX3 values: ``eind 2023`` → 2023, mod END."""
    from policytext.extract.dates import find_dates

    return MentionFinder(name, find_dates, default_year)


@Language.factory("policytext_counts", default_config={"default_year": None}, **COMPONENT_META)
def make_counts(nlp: Language, name: str, default_year: int | None) -> MentionFinder:
    """Counts of things: ``circa 500 deelnemers`` → 500, unit deelnemers, approx."""
    from policytext.extract.counts import find_counts

    return MentionFinder(name, find_counts, default_year)
