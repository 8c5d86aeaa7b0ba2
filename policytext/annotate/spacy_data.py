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
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

from policytext.evaluate import GoldDocument, load_gold
from policytext.extract.mention import EXTRA_FIELDS

SPANS_KEY = "policytext"


def gold_doc(
    nlp: Language,
    gd: GoldDocument,
    *,
    alignment_mode: str = "expand",
    stats: dict[str, int] | None = None,
) -> Doc:
    """One gold document as a reference ``Doc``: every mention in the span group
    ``policytext``, ORG mentions (without overlaps) as ``doc.ents``, values and passage
    themes in ``user_data``. ``stats`` counts widened, dropped and kept spans."""
    stats = stats if stats is not None else {}
    for key in ("spans", "ents", "widened", "dropped"):
        stats.setdefault(key, 0)
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
    doc.ents = filter_spans([s for s in spans if s.label_ == "ORG"])
    doc.user_data[("policytext", "doc_id")] = gd.doc_id
    doc.user_data[("policytext", "values")] = values
    doc.user_data[("policytext", "passages")] = gd.passages
    stats["spans"] += len(spans)
    stats["ents"] += len(doc.ents)
    return doc


def gold_docbin(
    gold_path: str | Path,
    *,
    texts: str | Path | None = None,
    lang: str = "nl",
    alignment_mode: str = "expand",
) -> tuple[DocBin, dict[str, int]]:
    """The gold documents of ``gold_path`` as a DocBin (:func:`gold_doc`), and counts of
    what was adjusted: mentions whose offsets do not fall on token boundaries are widened
    to them (``alignment_mode="expand"``; ``"strict"`` drops them instead)."""
    nlp = spacy.blank(lang)
    db = DocBin(store_user_data=True)
    stats = {"documents": 0, "spans": 0, "ents": 0, "widened": 0, "dropped": 0}
    for gd in load_gold(gold_path, texts):
        db.add(gold_doc(nlp, gd, alignment_mode=alignment_mode, stats=stats))
        stats["documents"] += 1
    return db, stats


def to_spacy(
    gold_path: str | Path,
    out_path: str | Path,
    *,
    texts: str | Path | None = None,
    lang: str = "nl",
    alignment_mode: str = "expand",
) -> dict[str, Any]:
    """Write the gold documents of ``gold_path`` as a DocBin at ``out_path``
    (:func:`gold_docbin`); returns its counts."""
    db, stats = gold_docbin(gold_path, texts=texts, lang=lang, alignment_mode=alignment_mode)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out_path)
    return stats


def read_docbin(path: str | Path, lang: str = "nl") -> list[Doc]:
    """The documents of a DocBin written by :func:`to_spacy` (or by ``spacy`` tools)."""
    return list(DocBin().from_disk(path).get_docs(spacy.blank(lang).vocab))


def doc_id_of(doc: Doc, default: str = "") -> str:
    """The gold document id :func:`gold_doc` stored on a reference ``Doc``."""
    return doc.user_data.get(("policytext", "doc_id"), default)
