"""Evaluate mention extraction against gold files in the annotation-guidelines format.

Per label: gold and predicted counts; precision, recall and F1 under exact span match
and under overlap match (one-to-one pairs of the same label whose spans overlap); and,
among overlap-matched pairs, value accuracy (the normalised ``value`` is right) and
field accuracy (``value`` and every extra field such as ``unit``, ``approx``, ``mod``,
``range_end`` are right). Predictions come from :func:`policytext.process.find_mentions`,
the same function the datasets are written from.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policytext.extract.mention import EXTRA_FIELDS, LABELS, Mention


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    text_path: Path
    meta: dict[str, Any]
    mentions: list[Mention]
    passages: list[dict[str, Any]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


def mention_from_gold(obj: dict[str, Any]) -> Mention:
    return Mention(
        start=obj["start"],
        end=obj["end"],
        label=obj["label"],
        value=obj.get("value"),
        **{k: obj.get(k) for k in EXTRA_FIELDS},
    )


PDF_TEXT_SOURCE = "pypdfium2.get_text_range"
PAGE_JOIN = "\n\n"  # pypdfium2 ends lines with "\r\n", so this only stands between pages


def pdf_gold_text(path: str | Path, pages: Sequence[int]) -> str:
    """The text that gold on a PDF indexes: pypdfium2's text of the given 1-based pages,
    joined by a blank line. It is independent of policytext's own PDF reader, so the
    gold stays valid when the reader changes; gold files store only offsets into it
    (and a SHA-1 to detect drift), never the text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return PAGE_JOIN.join(pdf[n - 1].get_textpage().get_text_range() for n in pages)
    finally:
        pdf.close()


def align_offsets(source: str, target: str) -> list[int | None]:
    """For each character of ``source``, its position in ``target`` when the two texts
    agree there (difflib matching blocks), else None."""
    import difflib

    mapping: list[int | None] = [None] * (len(source) + 1)
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            mapping[a + k] = b + k
    return mapping


def align_pdf_gold(
    gd: GoldDocument, document: Any, gold: list[Mention], pred: list[Mention]
) -> tuple[list[Mention], list[Mention], int]:
    """Gold and predictions of the annotated pages, both in the reader's offsets."""
    mapping: list[int | None] = [None] * (len(gd.text) + 1)
    offset = 0
    keep_pred: list[Mention] = []
    for n, page_text in zip(gd.pages, gd.text.split(PAGE_JOIN), strict=True):
        passages = [p for p in document.passages if p.page == n]
        if passages:
            lo, hi = passages[0].start, passages[-1].end
            for i, x in enumerate(align_offsets(page_text, document.text[lo:hi])):
                if x is not None:
                    mapping[offset + i] = lo + x
            keep_pred += [m for m in pred if lo <= m.start < hi]
        offset += len(page_text) + len(PAGE_JOIN)
    moved, dropped = map_mentions(gold, mapping)
    return moved, keep_pred, dropped


def map_mentions(
    mentions: Sequence[Mention], mapping: list[int | None]
) -> tuple[list[Mention], int]:
    """Gold mentions moved to the target text; returns ``(moved, number dropped)``: a
    mention is dropped when its first or last character is not in the target text."""
    moved: list[Mention] = []
    for m in mentions:
        s, e = mapping[m.start], mapping[m.end - 1]
        if s is None or e is None or e < s:
            continue
        data = {k: getattr(m, k) for k in ("label", "value", *EXTRA_FIELDS)}
        moved.append(Mention(start=s, end=e + 1, **data))
    return moved, len(mentions) - len(moved)


def load_gold(path: str | Path, texts: str | Path | None = None) -> list[GoldDocument]:
    """Read a gold JSONL file; each ``text_file`` is looked up relative to the gold file,
    then in ``texts`` (a folder) when given. Lines with ``pdf_file`` and ``pages`` index
    :func:`pdf_gold_text` instead. Checks that every span's text matches."""
    path = Path(path)
    docs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if "pdf_file" in obj:
                text_path = resolve_text_path(obj["pdf_file"], path.parent, texts)
                text = pdf_gold_text(text_path, obj["pages"])
                digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
                if obj.get("text_sha1") not in (None, digest):
                    raise ValueError(
                        f"{path}:{n}: the text of {text_path} differs from the annotated one"
                    )
            else:
                text_path = resolve_text_path(obj["text_file"], path.parent, texts)
                with open(text_path, encoding="utf-8", newline="") as tf:
                    text = tf.read()
            mentions = [mention_from_gold(m) for m in obj.get("mentions", [])]
            for m, raw in zip(mentions, obj.get("mentions", []), strict=True):
                if "text" in raw and text[m.start : m.end] != raw["text"]:
                    raise ValueError(
                        f"{path}:{n}: mention {raw['text']!r} does not match the text at "
                        f"[{m.start}, {m.end}) ({text[m.start : m.end]!r})"
                    )
            docs.append(
                GoldDocument(
                    doc_id=obj["doc_id"],
                    text=text,
                    text_path=text_path,
                    meta=obj.get("meta", {}),
                    mentions=mentions,
                    passages=obj.get("passages", []),
                    pages=obj.get("pages", []),
                )
            )
    return docs


def resolve_text_path(text_file: str, base: Path, texts: str | Path | None) -> Path:
    candidates = [base / text_file]
    if texts is not None:
        candidates += [Path(texts) / text_file, Path(texts) / Path(text_file).name]
    for c in candidates:
        if c.is_file():
            return c
    raise FileNotFoundError(
        f"text file {text_file!r} not found (looked in {', '.join(map(str, candidates))})"
    )


def values_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def fields_equal(gold: Mention, pred: Mention) -> bool:
    if not values_equal(gold.value, pred.value):
        return False
    return all(
        values_equal(getattr(gold, k) or None, getattr(pred, k) or None) for k in EXTRA_FIELDS
    )


def match_overlap(
    gold: Sequence[Mention], pred: Sequence[Mention]
) -> list[tuple[Mention, Mention]]:
    """One-to-one pairs of the same label whose spans overlap, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g.label == p.label and g.start < p.end and p.start < g.end:
                overlap = min(g.end, p.end) - max(g.start, p.start)
                candidates.append((-overlap, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], pred[pi]))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f}


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    overlap: int = 0
    value_ok: int = 0
    fields_ok: int = 0

    def add(self, gold: list[Mention], pred: list[Mention]) -> None:
        self.gold += len(gold)
        self.pred += len(pred)
        gold_spans = {(m.start, m.end) for m in gold}
        self.exact += sum((m.start, m.end) in gold_spans for m in pred)
        pairs = match_overlap(gold, pred)
        self.overlap += len(pairs)
        self.value_ok += sum(values_equal(g.value, p.value) for g, p in pairs)
        self.fields_ok += sum(fields_equal(g, p) for g, p in pairs)

    def scores(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "exact": prf(self.exact, self.pred, self.gold),
            "overlap": prf(self.overlap, self.pred, self.gold),
            "value_accuracy": self.value_ok / self.overlap if self.overlap else None,
            "fields_accuracy": self.fields_ok / self.overlap if self.overlap else None,
        }


def score_mentions(
    pairs: Iterable[tuple[list[Mention], list[Mention]]], labels: Sequence[str] = LABELS
) -> dict[str, Any]:
    """Scores per label and over all labels for ``(gold, predicted)`` mention lists."""
    per_label = {label: Counts() for label in labels}
    total = Counts()
    for gold, pred in pairs:
        for label in labels:
            g = [m for m in gold if m.label == label]
            p = [m for m in pred if m.label == label]
            per_label[label].add(g, p)
        total.add([m for m in gold if m.label in labels], [m for m in pred if m.label in labels])
    return {"labels": {k: v.scores() for k, v in per_label.items()}, "all": total.scores()}


def errors(gold: list[Mention], pred: list[Mention], text: str) -> list[dict[str, Any]]:
    """Missed, spurious and wrong-value mentions, for error analysis."""
    pairs = match_overlap(gold, pred)
    matched_g = {id(g) for g, _ in pairs}
    matched_p = {id(p) for _, p in pairs}
    out: list[dict[str, Any]] = []
    for g in gold:
        if id(g) not in matched_g:
            out.append({"type": "missed", **g.to_gold(text)})
    for p in pred:
        if id(p) not in matched_p:
            out.append({"type": "spurious", **p.to_gold(text)})
    for g, p in pairs:
        if (g.start, g.end) != (p.start, p.end) or not fields_equal(g, p):
            out.append({"type": "mismatch", "gold": g.to_gold(text), "pred": p.to_gold(text)})
    return out


def evaluate_gold(
    gold_docs: Sequence[GoldDocument], nlp: Any, labels: Sequence[str] = LABELS
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Run the pipeline over the gold documents; returns ``(scores, errors)``."""
    from policytext.process import find_mentions, load_document

    pairs = []
    all_errors = []
    dropped_total: dict[str, int] = {}
    for gd in gold_docs:
        document = load_document(gd.text_path, manifest_row={"doc_id": gd.doc_id, **gd.meta})
        if gd.pages:
            # The annotator saw only these pages; the pipeline reads only them too.
            document.passages = [p for p in document.passages if p.page in gd.pages]
        gold = [m for m in gd.mentions if m.label in labels]
        pred = [m for m in find_mentions(nlp, document) if m.label in labels]
        if gd.pages:
            # Gold on a PDF indexes pdf_gold_text of some pages: score the PDF reader's
            # text of those pages, with the gold moved onto it page by page.
            gold, pred, dropped = align_pdf_gold(gd, document, gold, pred)
            if dropped:
                dropped_total[gd.doc_id] = dropped
        elif document.text != gd.text:
            raise ValueError(f"{gd.text_path}: document text differs from the gold text")
        pairs.append((gold, pred))
        all_errors += [{"doc_id": gd.doc_id, **e} for e in errors(gold, pred, document.text)]
    scores = score_mentions(pairs, labels)
    scores["gold_not_in_reader_text"] = dropped_total
    return scores, all_errors


def agreement(a: Sequence[GoldDocument], b: Sequence[GoldDocument]) -> dict[str, Any]:
    """Span agreement between two annotations of the same documents (``a`` as reference).

    Only documents present in both are compared; precision/recall are symmetric under
    swapping ``a`` and ``b`` (they trade places), F1 is the same either way.
    """
    by_id = {d.doc_id: d for d in b}
    pairs = [(d.mentions, by_id[d.doc_id].mentions) for d in a if d.doc_id in by_id]
    scores = score_mentions(pairs)
    scores["documents"] = len(pairs)
    scores["themes_kappa"] = theme_kappa(
        [(d.passages, by_id[d.doc_id].passages) for d in a if d.doc_id in by_id]
    )
    return scores


def theme_kappa(
    pairs: Sequence[tuple[list[dict[str, Any]], list[dict[str, Any]]]],
) -> dict[str, Any]:
    """Cohen's kappa per theme over the passages both annotators labelled (same span).

    A theme that neither annotator used on any shared passage has no kappa (None)."""
    shared: list[tuple[set[str], set[str]]] = []
    for pa, pb in pairs:
        themes_b = {(p["start"], p["end"]): set(p.get("themes", [])) for p in pb}
        shared += [
            (set(p.get("themes", [])), themes_b[(p["start"], p["end"])])
            for p in pa
            if (p["start"], p["end"]) in themes_b
        ]
    return {"passages": len(shared), "per_theme": kappa_per_theme(shared)}


def kappa_per_theme(
    shared: Sequence[tuple[Iterable[str], Iterable[str]]],
) -> dict[str, float | None]:
    """Cohen's kappa per theme over passages labelled by both annotators, given as
    ``(themes of A, themes of B)``; None for a theme only one value was seen of."""
    from sklearn.metrics import cohen_kappa_score

    sets = [(set(x), set(y)) for x, y in shared]
    out: dict[str, float | None] = {}
    for t in sorted({t for x, y in sets for t in x | y}):
        ya = [t in x for x, _ in sets]
        yb = [t in y for _, y in sets]
        out[t] = None if ya == yb and len(set(ya)) < 2 else float(cohen_kappa_score(ya, yb))
    return out


def theme_agreement(a_paths: Sequence[str | Path], b_paths: Sequence[str | Path]) -> dict[str, Any]:
    """Agreement on passage themes between annotator A (``a_paths``) and B (``b_paths``),
    over the passages both labelled (same document, page and offsets; text files and PDF
    passage gold alike): Cohen's kappa and B's P/R/F1 against A per theme, micro/macro."""
    from policytext.themes.evaluate import score_predictions
    from policytext.themes.train import load_theme_gold

    def keyed(paths: Sequence[str | Path]) -> dict[tuple, tuple[str, ...]]:
        examples, _ = load_theme_gold(paths)
        return {(e.doc_id, e.page, e.start, e.end): tuple(e.themes) for e in examples}

    a, b = keyed(a_paths), keyed(b_paths)
    shared = sorted(set(a) & set(b), key=lambda k: (k[0], k[1] or 0, k[2]))
    kappa = kappa_per_theme([(a[k], b[k]) for k in shared])
    themes = sorted(kappa)
    scores = score_predictions([a[k] for k in shared], [b[k] for k in shared], themes)
    return {
        "passages": len(shared),
        "only_a": len(set(a) - set(b)),
        "only_b": len(set(b) - set(a)),
        "documents": len({k[0] for k in shared}),
        "kappa": kappa,
        "b_against_a": scores,
    }
