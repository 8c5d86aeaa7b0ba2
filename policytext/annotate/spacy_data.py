"""Gold JSONL → spaCy ``DocBin`` for ``spacy train``.

Every mention becomes a span in ``doc.spans["policytext"]`` (label = the guidelines'
label); ORG mentions are also ``doc.ents``, so the same file trains a ``ner`` component
(``spacy train`` with ``--paths.train``) or a ``spancat`` with
``spans_key = "policytext"``. Normalised values are kept in ``doc.user_data`` under
``("policytext", "values")`` as ``{(start, end, label): {value, ...extras}}``, and
passage themes under ``("policytext", "passages")``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans

from policytext.evaluate import load_gold
from policytext.extract.mention import EXTRA_FIELDS

SPANS_KEY = "policytext"


def to_spacy(
    gold_path: str | Path,
    out_path: str | Path,
    *,
    texts: str | Path | None = None,
    lang: str = "nl",
    alignment_mode: str = "expand",
) -> dict[str, Any]:
    """Write the gold documents of ``gold_path`` as a DocBin at ``out_path``.

    Mentions whose offsets do not fall on token boundaries are widened to them
    (``alignment_mode="expand"``; ``"strict"`` drops them instead) and counted in the
    returned summary, as are ORG mentions left out of ``doc.ents`` because they overlap.
    """
    nlp = spacy.blank(lang)
    docs = load_gold(gold_path, texts)
    db = DocBin(store_user_data=True)
    stats = {"documents": 0, "spans": 0, "ents": 0, "widened": 0, "dropped": 0}
    for gd in docs:
        doc = nlp.make_doc(gd.text)
        spans = []
        values: dict[str, Any] = {}
        for m in gd.mentions:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode=alignment_mode)
            if span is None:
                stats["dropped"] += 1
                continue
            if (span.start_char, span.end_char) != (m.start, m.end):
                stats["widened"] += 1
            spans.append(span)
            values[f"{m.start}:{m.end}:{m.label}"] = {
                "value": m.value,
                **{k: getattr(m, k) for k in EXTRA_FIELDS if getattr(m, k) not in (None, False)},
            }
        doc.spans[SPANS_KEY] = spans
        orgs = [s for s in spans if s.label_ == "ORG"]
        doc.ents = filter_spans(orgs)
        doc.user_data[("policytext", "doc_id")] = gd.doc_id
        doc.user_data[("policytext", "values")] = values
        doc.user_data[("policytext", "passages")] = gd.passages
        db.add(doc)
        stats["documents"] += 1
        stats["spans"] += len(spans)
        stats["ents"] += len(doc.ents)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out_path)
    return stats
