"""Normalised values for spans an annotator added or re-drew (imported with ``value: null``).

Annotation tools store the span, not what it means; the value of a new span comes from
the same extractors that pre-annotated the task, so gold and pipeline normalise alike:

1. the paragraph around the span is run through the pipeline (the document's year as
   reference year, as in ``policytext extract``); a mention with the same offsets and
   label gives its value and extra fields;
2. else the span text alone is run; a single mention of the label covering all of it
   gives the value (``24 november`` drawn wider or narrower than the rules would);
3. else an ORG keeps its text as value (the guidelines' value for a name not in the
   gazetteer); other labels stay ``null`` and are counted as unresolved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language

from policytext.extract.components import mentions_from_doc
from policytext.extract.mention import EXTRA_FIELDS, Mention


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", end)
    return (0 if lo < 0 else lo + 2), (len(text) if hi < 0 else hi)


def _run(nlp: Language, text: str, year: Any, doc_id: str, place: Any) -> list[Mention]:
    doc = nlp.make_doc(text)
    doc._.ref_year = year
    doc._.doc_id = doc_id
    doc._.place = place
    return mentions_from_doc(nlp(doc))


def _as_fields(m: Mention) -> dict[str, Any]:
    return {"value": m.value, **{k: getattr(m, k) for k in EXTRA_FIELDS}}


def value_for(
    nlp: Language,
    text: str,
    start: int,
    end: int,
    label: str,
    *,
    year: Any = None,
    doc_id: str = "",
    place: Any = None,
) -> dict[str, Any] | None:
    """Value and extra fields the pipeline gives ``text[start:end]`` as ``label``, or None."""
    lo, hi = _paragraph(text, start, end)
    for m in _run(nlp, text[lo:hi], year, doc_id, place):
        if (m.start + lo, m.end + lo, m.label) == (start, end, label):
            return _as_fields(m)
    span_text = text[start:end]
    whole = [
        m
        for m in _run(nlp, span_text, year, doc_id, place)
        if m.label == label and m.start == 0 and m.end == len(span_text)
    ]
    if len(whole) == 1:
        return _as_fields(whole[0])
    if label == "ORG":
        return {"value": span_text}
    return None


def fill_values(records: Iterable[dict[str, Any]], nlp: Language) -> dict[str, int]:
    """Give every mention with ``value: null`` in imported ``records`` a value where the
    pipeline can; records carry their text under ``_text``. Returns counts."""
    filled = unresolved = 0
    for r in records:
        text, meta = r["_text"], r.get("meta") or {}
        for m in r["mentions"]:
            if m.get("value") is not None:
                continue
            fields = value_for(
                nlp,
                text,
                m["start"],
                m["end"],
                m["label"],
                year=meta.get("year"),
                doc_id=r.get("doc_id", ""),
                place=meta.get("place"),
            )
            if fields is None:
                unresolved += 1
                continue
            m["value"] = fields["value"]
            for k in EXTRA_FIELDS:
                if fields.get(k) not in (None, False):
                    m[k] = fields[k]
            filled += 1
    return {"filled": filled, "unresolved": unresolved}
