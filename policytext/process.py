"""One document through the pipeline: file → Document → mentions → dataset rows.

:func:`load_document` does ingest and segmentation; :func:`find_mentions` runs the spaCy
pipeline over the passages and reads the mentions back from each ``Doc``'s span group,
shifted to document offsets. Datasets and evaluation both call :func:`find_mentions`,
so what is written and what is scored cannot disagree.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from spacy.language import Language

from policytext import __version__
from policytext.dataset import SCHEMA_VERSION
from policytext.document import Document
from policytext.extract.components import mentions_from_doc
from policytext.extract.mention import Mention
from policytext.extract.orgs import resolve_with_pipeline
from policytext.ingest import read_file
from policytext.ingest.limits import DEFAULT_LIMITS, Limits
from policytext.meta import infer_meta, resolve_meta
from policytext.segment import segment

# Passage kinds the mention extractors read; table cells are judged as tables.
EXTRACT_KINDS = frozenset({"heading", "paragraph", "list_item"})


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_document(
    path: str | Path,
    *,
    doc_id: str | None = None,
    manifest_row: dict[str, Any] | None = None,
    flags: dict[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read and segment one file; metadata from manifest row, flags and inference."""
    path = Path(path)
    raw = read_file(path, limits)
    manifest_row = dict(manifest_row or {})
    doc_id = manifest_row.pop("doc_id", None) or doc_id or path.stem
    document = segment(raw, doc_id)
    first_heading = next(
        (document.passage_text(p) for p in document.passages if p.kind == "heading"), None
    )
    title = raw.title or first_heading
    inferred = infer_meta(title, path.name, raw.text[:2000])
    if title:
        inferred.setdefault("title", title)
    meta, inferred_keys = resolve_meta(
        manifest_row=manifest_row, flags=flags or {}, inferred=inferred
    )
    meta["path"] = str(path)
    document.meta = meta
    document.meta_inferred = inferred_keys
    return document


def find_mentions(nlp: Language, document: Document, *, batch_size: int = 64) -> list[Mention]:
    """Mentions of the whole document, in document offsets, sorted by position."""
    year = document.meta.get("year")
    passages = [p for p in document.passages if p.kind in EXTRACT_KINDS]
    docs = []
    for p in passages:
        doc = nlp.make_doc(document.text[p.start : p.end])
        doc._.ref_year = year
        doc._.doc_id = document.doc_id
        doc._.place = document.meta.get("place")
        docs.append(doc)
    mentions: list[Mention] = []
    for p, doc in zip(passages, nlp.pipe(docs, batch_size=batch_size), strict=True):
        mentions.extend(mentions_from_doc(doc, p.start))
    if "policytext_orgs" in nlp.pipe_names:
        # Acronyms, bare "GGD" and names bound across the whole document, not one passage.
        mentions = resolve_with_pipeline(
            nlp,
            document.text,
            mentions,
            place=document.meta.get("place"),
            within=[(p.start, p.end) for p in passages],
        )
    return mentions


def document_row(
    document: Document | None,
    *,
    path: Path,
    doc_id: str,
    error: str | None = None,
    n_mentions: int = 0,
    sha256: str | None = None,
) -> dict[str, Any]:
    meta = document.meta if document else {}
    return {
        "doc_id": doc_id,
        "path": str(path),
        "status": "error" if error else "ok",
        "error": error,
        "source_format": document.source_format if document else None,
        "doc_type": meta.get("doc_type"),
        "place": meta.get("place"),
        "year": meta.get("year"),
        "title": meta.get("title"),
        "meta_inferred": document.meta_inferred if document else [],
        "n_chars": len(document.text) if document else None,
        "n_pages": document.n_pages if document else None,
        "pages_without_text": [str(p) for p in document.pages_without_text] if document else [],
        "n_passages": len(document.passages) if document else 0,
        "n_mentions": n_mentions,
        "encoding": document.encoding if document else None,
        "warnings": document.warnings if document else [],
        "sha256": sha256,
        "policytext_version": __version__,
        "schema_version": SCHEMA_VERSION,
    }


def theme_predictions(
    model: Any, document: Document
) -> tuple[list[list[str]], list[dict[str, float]]]:
    """Themes and theme scores for every passage, from a ``ThemeModel``."""
    texts = [document.passage_text(p) for p in document.passages]
    proba = model.predict_proba(texts)
    scores = [{t: round(float(x), 4) for t, x in zip(model.ids, row, strict=True)} for row in proba]
    return model.decide(proba), scores


def passage_rows(document: Document, theme_model: Any = None) -> list[dict[str, Any]]:
    themes, scores = theme_predictions(theme_model, document) if theme_model else ([], [])
    return [
        {
            "doc_id": document.doc_id,
            "passage_id": p.passage_id,
            "index": p.index,
            "kind": p.kind,
            "level": p.level,
            "page": p.page,
            "section": list(p.section),
            "start": p.start,
            "end": p.end,
            "text": document.passage_text(p),
            "themes": themes[p.index] if themes else None,
            "scores": scores[p.index] if scores else None,
        }
        for p in document.passages
    ]


def mention_rows(document: Document, mentions: list[Mention]) -> list[dict[str, Any]]:
    rows = []
    for m in mentions:
        passage = document.passage_at(m.start)
        value_num = (
            float(m.value)
            if isinstance(m.value, (int, float)) and not isinstance(m.value, bool)
            else None
        )
        rows.append(
            {
                "doc_id": document.doc_id,
                "passage_id": passage.passage_id if passage else None,
                "page": passage.page if passage else None,
                "start": m.start,
                "end": m.end,
                "label": m.label,
                "text": document.text[m.start : m.end],
                "value": m.value,
                "value_num": value_num,
                "unit": m.unit,
                "approx": m.approx,
                "period": m.period,
                "mod": m.mod,
                "range_end": m.range_end,
                "ref_year": m.ref_year,
            }
        )
    return rows
