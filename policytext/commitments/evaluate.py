"""Scores on ``annotations/commitments.jsonl``: commitment-vs-result F1 and link P/R."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from policytext.commitments.classify import GOLD, cross_validate, f1_scores
from policytext.commitments.track import detect, link
from policytext.dataset import read_jsonl
from policytext.document import Document

SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load_sample(doc_ids: list[str], folder: Path = SAMPLE) -> dict[str, Document]:
    from policytext.process import load_document

    rows = {}
    manifest = folder / "manifest.csv"
    if manifest.is_file():
        with manifest.open(encoding="utf-8") as fh:
            rows = {r["doc_id"]: r for r in csv.DictReader(fh)}
    out = {}
    for doc_id in doc_ids:
        row = dict(rows.get(doc_id, {}))
        path = folder / (row.pop("path", None) or f"{doc_id}.txt")
        keep = {
            k: v for k, v in row.items() if k in {"doc_id", "doc_type", "place", "year", "title"}
        }
        out[doc_id] = load_document(path, manifest_row=keep)
    return out


def evaluate(gold_path: str | Path = GOLD, *, use_classifier: bool = True) -> dict[str, Any]:
    """Sentence-type F1 (in-sample and leave-one-document-out) and link precision/recall."""
    gold = read_jsonl(gold_path)
    sents = [r for r in gold if r["kind"] == "sentence"]
    links = [r for r in gold if r["kind"] == "link"]
    statuses = [r for r in gold if r["kind"] == "status"]
    docs = load_sample(sorted({r["doc_id"] for r in sents} | {r["target_doc"] for r in links}))
    detected = {d: detect(doc, use_classifier=use_classifier) for d, doc in docs.items()}
    g_lab, p_lab = [], []
    for r in sents:
        span = (r["start"], r["end"])
        hit = [
            c for c in detected[r["doc_id"]] if _overlap(span, (c.sentence.start, c.sentence.end))
        ]
        g_lab.append(r["label"])
        p_lab.append(hit[0].label if hit else "other")
    # Links: from the gold commitments of the earlier document, so detection errors do not count twice.
    src_docs = sorted({r["commitment_doc"] for r in statuses})
    pred_links: list[tuple[tuple[int, int], str, tuple[int, int], str]] = []
    for src in src_docs:
        spans = [
            (r["commitment_start"], r["commitment_end"])
            for r in statuses
            if r["commitment_doc"] == src
        ]
        cs = [
            c
            for c in detected[src]
            if any(_overlap(s, (c.sentence.start, c.sentence.end)) for s in spans)
        ]
        targets = [
            docs[t]
            for t in sorted({r["target_doc"] for r in statuses if r["commitment_doc"] == src})
        ]
        for row in link(cs, targets):
            c = next(c for c in cs if c.commitment_id == row["commitment_id"])
            pred_links.append(
                (
                    (c.sentence.start, c.sentence.end),
                    row["doc_id"],
                    (row["passage_start"], row["passage_end"]),
                    row["status"],
                )
            )
    gold_links = [
        (
            (r["commitment_start"], r["commitment_end"]),
            r["target_doc"],
            (r["passage_start"], r["passage_end"]),
            r["status"],
        )
        for r in links
    ]

    def same(p: Any, g: Any) -> bool:
        return _overlap(p[0], g[0]) and p[1] == g[1] and _overlap(p[2], g[2])

    tp_p = sum(any(same(p, g) for g in gold_links) for p in pred_links)
    tp_g = sum(any(same(p, g) for p in pred_links) for g in gold_links)
    status_ok = sum(any(same(p, g) and p[3] == g[3] for p in pred_links) for g in gold_links)
    no_report_gold = {
        (r["commitment_start"], r["commitment_end"])
        for r in statuses
        if r["status"] == "geen verantwoording gevonden"
    }
    linked = {p[0] for p in pred_links}
    no_report_ok = sum(not any(_overlap(s, x) for x in linked) for s in no_report_gold)
    precision = tp_p / len(pred_links) if pred_links else 0.0
    recall = tp_g / len(gold_links) if gold_links else 0.0
    return {
        "sentences": {"n": len(g_lab), **f1_scores(g_lab, p_lab)},
        "sentences_cv_by_document": cross_validate(gold_path, use_classifier=use_classifier),
        "links": {
            "n_gold": len(gold_links),
            "n_pred": len(pred_links),
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "status_accuracy_on_found": status_ok / tp_g if tp_g else 0.0,
            "no_report_correct": f"{no_report_ok}/{len(no_report_gold)}",
        },
    }
