"""Scores on commitments gold: commitment-vs-result F1, link P/R, status.

The classifier is trained on the development gold: the sample-corpus sentences of
``annotations/commitments.jsonl`` and ``annotations/commitments_blind.jsonl``. So every
sample-corpus sentence of any gold file is labelled with a classifier trained without
its document (leave one document out; the cue rules were still written looking at these
documents). The blind file's PDF sentences are the test set: never trained on, labelled
by the shipped classifier. They are given by page offsets and SHA-1 into pypdfium2's page
text (no PDF text in the repository), with the PDF's inferred type and year.
``sentences_cv_by_document`` (training gold only, by default) scores the gold texts
themselves rather than the detected sentences; ``test_pdf`` sums the PDF sentences.

Run ``policytext evaluate GOLD`` or ``python -m policytext.commitments.evaluate [GOLD]
[--errors]``: the scores as JSON; ``--errors`` adds the links whose status is wrong.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from policytext.commitments.classify import (
    GOLD,
    classifier_without,
    combine,
    cross_validate,
    default_classifier,
    f1_scores,
    training_sentences,
)
from policytext.commitments.track import analyse, default_pipeline, detect, link
from policytext.dataset import read_jsonl
from policytext.document import Document

SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load_sample(doc_ids: list[str], folder: Path = SAMPLE) -> dict[str, Document]:
    from policytext.meta import load_manifest
    from policytext.process import load_document

    manifest = folder / "manifest.csv"
    by_id: dict[str, tuple[Path, dict[str, Any]]] = {}
    if manifest.is_file():
        for path, row in load_manifest(manifest).items():
            if "doc_id" in row:
                by_id[row["doc_id"]] = (path, row)
    out = {}
    for doc_id in doc_ids:
        path, row = by_id.get(doc_id, (folder / f"{doc_id}.txt", {}))
        keep = {
            k: v for k, v in row.items() if k in {"doc_id", "doc_type", "place", "year", "title"}
        }
        out[doc_id] = load_document(path, manifest_row=keep)
    return out


def is_commitment_gold(path: str | Path) -> bool:
    """True for a gold file of commitment rows (``kind`` sentence/link/status)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                return json.loads(line).get("kind") in {"sentence", "link", "status"}
    return False


def pdf_sentence_labels(
    rows: list[dict[str, Any]], gold_path: Path, *, use_classifier: bool = True
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """``(pdf_file, gold, predicted)`` per PDF sentence, and warnings for sentences
    skipped because the PDF is missing or its page text changed (SHA-1)."""
    from policytext.commitments.pdf_gold import resolve_pdf_sentences

    resolved, warnings = resolve_pdf_sentences(rows, gold_path)
    clf = default_classifier() if use_classifier else None
    pred = combine([r["text"] for r in resolved], [r["meta"] for r in resolved], clf)
    return [
        (r["pdf_file"], r["label"], p) for r, (p, _) in zip(resolved, pred, strict=True)
    ], warnings


def evaluate(
    gold_path: str | Path = GOLD,
    *,
    use_classifier: bool = True,
    nlp: Any = None,
    errors: list[dict[str, Any]] | None = None,
    cross_validated: bool | None = None,
) -> dict[str, Any]:
    """Sentence-type F1, link precision/recall and status accuracy, with the pipeline
    ``nlp`` (default: as ``track`` loads it).

    ``cross_validated``: add leave-one-document-out sentence scores (default: only for
    the training gold, ``annotations/commitments.jsonl``). ``errors``: a list that
    receives the found links whose status is wrong."""
    gold_path = Path(gold_path)
    if cross_validated is None:
        cross_validated = gold_path.resolve() == Path(GOLD).resolve()
    nlp = nlp if nlp is not None else default_pipeline()
    gold = read_jsonl(gold_path)
    pdf_sents = [r for r in gold if r["kind"] == "sentence" and "pdf_file" in r]
    sents = [r for r in gold if r["kind"] == "sentence" and "pdf_file" not in r]
    links = [r for r in gold if r["kind"] == "link"]
    statuses = [r for r in gold if r["kind"] == "status"]
    docs = load_sample(
        sorted(
            {r["doc_id"] for r in sents}
            | {r["target_doc"] for r in links}
            | {r["commitment_doc"] for r in statuses}
        )
    )
    analyses = {d: analyse(doc, nlp) for d, doc in docs.items()}
    mentions = {d: a.mentions for d, a in analyses.items()}
    trained_on = {r["doc_id"] for r in training_sentences()}
    # A document the classifier was trained on is labelled by a model that did not see it.
    detected = {
        d: detect(
            doc,
            nlp=nlp,
            analysis=analyses[d],
            use_classifier=use_classifier,
            classifier=classifier_without(d) if use_classifier and d in trained_on else None,
        )
        for d, doc in docs.items()
    }
    g_lab, p_lab, by_doc = [], [], {}
    for r in sents:
        span = (r["start"], r["end"])
        hit = [
            c for c in detected[r["doc_id"]] if _overlap(span, (c.sentence.start, c.sentence.end))
        ]
        g_lab.append(r["label"])
        p_lab.append(hit[0].label if hit else "other")
        by_doc.setdefault(r["doc_id"], []).append((g_lab[-1], p_lab[-1]))
    pdf_labels, warnings = pdf_sentence_labels(pdf_sents, gold_path, use_classifier=use_classifier)
    for name, g, p in pdf_labels:
        by_doc.setdefault(name, []).append((g, p))
    # Links: from the gold commitments of the earlier document, so detection errors do not count twice.
    src_docs = sorted({r["commitment_doc"] for r in statuses})
    pred_links: list[tuple[tuple[int, int], str, tuple[int, int], str, str]] = []
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
        for row in link(cs, targets, mentions=mentions):
            c = next(c for c in cs if c.commitment_id == row["commitment_id"])
            pred_links.append(
                (
                    (c.sentence.start, c.sentence.end),
                    row["doc_id"],
                    (row["passage_start"], row["passage_end"]),
                    row["status"],
                    row["evidence"],
                )
            )
    link_scores = _link_scores(pred_links, links, statuses, errors)
    if any("level" in r for r in links):
        link_scores = {"level": "all"} | link_scores
        direct = [r for r in links if r.get("level") == "direct"]
        link_scores_direct = _link_scores(pred_links, direct, statuses, None)
    all_gold = g_lab + [g for _, g, _ in pdf_labels]
    all_pred = p_lab + [p for _, _, p in pdf_labels]
    scores: dict[str, Any] = {
        "gold": str(gold_path),
        "sentences": {"n": len(all_gold), **f1_scores(all_gold, all_pred)},
        "sentences_dev_leave_one_document_out": {"n": len(g_lab), **f1_scores(g_lab, p_lab)},
        "sentences_per_document": {
            d: {
                "n": len(pairs),
                "gold": dict(Counter(g for g, _ in pairs)),
                **f1_scores([g for g, _ in pairs], [p for _, p in pairs]),
            }
            for d, pairs in by_doc.items()
        },
    }
    if pdf_labels:
        scores["sentences_test_pdf"] = {
            "n": len(pdf_labels),
            **f1_scores([g for _, g, _ in pdf_labels], [p for _, _, p in pdf_labels]),
        }
    if cross_validated:
        scores["sentences_cv_by_document"] = cross_validate(
            gold_path, use_classifier=use_classifier
        )
    if warnings:
        scores["warnings"] = warnings
    if not all_gold:
        scores = {"gold": str(gold_path)}
    scores["links"] = link_scores
    if any("level" in r for r in links):
        scores["links_direct"] = {"level": "direct"} | link_scores_direct
    return scores


def _link_scores(
    pred_links: list[tuple[tuple[int, int], str, tuple[int, int], str, str]],
    links: list[dict[str, Any]],
    statuses: list[dict[str, Any]],
    errors: list[dict[str, Any]] | None,
) -> dict[str, Any]:
    """Precision, recall and status accuracy of the found links against ``links``, and
    how many commitments without a later report got none."""
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
    if errors is not None:
        errors += [
            {
                "commitment": g[0],
                "passage": g[2],
                "gold": g[3],
                "predicted": p[3],
                "evidence": p[4],
            }
            for g in gold_links
            for p in pred_links
            if same(p, g) and p[3] != g[3]
        ]
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
        "n_gold": len(gold_links),
        "n_pred": len(pred_links),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "status_accuracy_on_found": status_ok / tp_g if tp_g else 0.0,
        "no_report_correct": f"{no_report_ok}/{len(no_report_gold)}",
    }


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("--")]
    errors: list[dict[str, Any]] | None = [] if "--errors" in args else None
    scores = evaluate(paths[0] if paths else GOLD, errors=errors)
    if errors is not None:
        scores["status_errors"] = errors
    print(json.dumps(scores, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
