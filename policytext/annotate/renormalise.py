"""Normalised values for spans an annotator added or re-drew (imported with ``value: null``).

Annotation tools store the span, not what it means; the value of a new span comes from
the same extractors that pre-annotated the task, so gold and pipeline normalise alike:

1. the record's text is segmented and run through the pipeline once, exactly as
   ``policytext extract`` runs a document (the record's year as reference year); a
   mention with the same offsets and label gives its value and extra fields;
2. else the span text alone is run; a single mention of the label covering all of it
   gives the value (``24 november`` drawn wider or narrower than the rules would);
3. else an ORG keeps its text as value (the guidelines' value for a name not in the
   gazetteer); other labels stay ``null`` and are counted as unresolved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language

from policytext.document import RawDocument
from policytext.extract.components import mentions_from_doc
from policytext.extract.mention import EXTRA_FIELDS, Mention
from policytext.process import find_mentions
from policytext.segment import segment


def _fields(m: Mention) -> dict[str, Any]:
    return {"value": m.value, **{k: getattr(m, k) for k in EXTRA_FIELDS}}


def document_mentions(
    nlp: Language, text: str, *, doc_id: str = "", meta: dict[str, Any] | None = None
) -> dict[tuple[int, int, str], Mention]:
    """The pipeline's mentions of ``text`` as ``extract`` finds them, by (start, end, label)."""
    document = segment(RawDocument(text=text, source_format="text"), doc_id or "doc")
    document.meta.update(meta or {})
    return {(m.start, m.end, m.label): m for m in find_mentions(nlp, document)}


def span_value(
    nlp: Language, span_text: str, label: str, *, year: Any = None
) -> dict[str, Any] | None:
    """Value and extra fields of ``span_text`` read on its own as ``label``, or None."""
    doc = nlp.make_doc(span_text)
    doc._.ref_year = year
    whole = [
        m
        for m in mentions_from_doc(nlp(doc))
        if m.label == label and m.start == 0 and m.end == len(span_text)
    ]
    if len(whole) == 1:
        return _fields(whole[0])
    return {"value": span_text} if label == "ORG" else None


def fill_values(records: Iterable[dict[str, Any]], nlp: Language) -> dict[str, int]:
    """Give every mention with ``value: null`` in imported ``records`` a value where the
    pipeline can; records carry their text under ``_text``. Returns counts."""
    filled = unresolved = 0
    for r in records:
        missing = [m for m in r["mentions"] if m.get("value") is None]
        if not missing:
            continue
        meta = r.get("meta") or {}
        found = document_mentions(nlp, r["_text"], doc_id=r.get("doc_id", ""), meta=meta)
        for m in missing:
            hit = found.get((m["start"], m["end"], m["label"]))
            fields = (
                _fields(hit)
                if hit is not None
                else span_value(
                    nlp, r["_text"][m["start"] : m["end"]], m["label"], year=meta.get("year")
                )
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
