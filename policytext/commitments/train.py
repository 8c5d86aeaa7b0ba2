"""Train the commitment / result / other classifier and write it with a model card.

``policytext train commitments`` fits :class:`~policytext.commitments.classify.CommitmentClassifier`
on the development gold (see :func:`~policytext.commitments.classify.training_sentences`),
scores the combined labeller (cue rules + classifier) leaving one document out, and writes
``model.joblib`` (hashed features: no sentence text), ``meta.json`` (the SHA-1 of every
gold file it was trained on, so a stale model is noticed) and ``README.md``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from policytext import __version__
from policytext.commitments.classify import (
    DEFAULT_MODEL,
    TRAINING_GOLD,
    _cross_validate,
    fit_rows,
    score_dev_pdf,
    training_sentences,
)


def file_sha1(path: str | Path) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


CUES = Path(__file__).resolve().parents[1] / "resources" / "commitments_nl.json"


def gold_fingerprint(
    gold: Sequence[str | Path] = TRAINING_GOLD, pdf_gold: Sequence[str | Path] = ()
) -> dict[str, str]:
    """File name → SHA-1 of each training gold file that exists, and of the cue rules
    (the classifier's cue features come from them)."""
    files = (*gold, *pdf_gold, CUES)
    return {Path(p).name: file_sha1(p) for p in files if Path(p).is_file()}


def cross_validate_rows(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Leave-one-document-out macro-F1 (commitment, result) of rules + classifier."""
    return _cross_validate(
        rows,
        sorted({r["doc_id"] for r in rows}),
        lambda held: fit_rows([r for r in rows if r["doc_id"] != held]),
    )


def train_commitments(
    out_dir: str | Path = DEFAULT_MODEL,
    *,
    gold: Sequence[str | Path] = TRAINING_GOLD,
    pdf_gold: Sequence[str | Path] = (),
    cross_validate: bool = True,
) -> dict[str, Any]:
    """Fit on all development gold, write the model and its card; return ``meta``."""
    rows = training_sentences(gold, pdf_gold)
    clf = fit_rows(rows)
    if clf is None:
        raise ValueError("no commitment gold with at least two labels to train on")
    counts = {
        doc: dict(Counter(r["label"] for r in rows if r["doc_id"] == doc))
        for doc in sorted({r["doc_id"] for r in rows})
    }
    meta: dict[str, Any] = {
        "name": "policytext commitments",
        "policytext_version": __version__,
        "trained": date.today().isoformat(),
        "labels": sorted({r["label"] for r in rows}),
        "features": "hashed TF-IDF word 1-2-grams (2^18, no vocabulary) + Dutch cue features",
        "model": "LogisticRegression(C=4, class_weight=balanced)",
        "training_gold": gold_fingerprint(gold, pdf_gold),
        "n_sentences": len(rows),
        "sentences_per_document": counts,
    }
    if cross_validate:
        meta["leave_one_document_out"] = cross_validate_rows(rows)
        if dev := score_dev_pdf(clf):
            meta["dev_pdf"] = {k: v for k, v in dev.items() if k != "per_document"}
    out = clf.save(out_dir, meta)
    (out / "README.md").write_text(model_card(meta), encoding="utf-8")
    return meta


def model_card(meta: dict[str, Any]) -> str:
    """``README.md`` for the model: data, leave-one-document-out scores, how to retrain."""
    lines = [
        "# policytext commitments model",
        "",
        "Labels each sentence commitment / result / other, together with the Dutch cue rules",
        "of `policytext/resources/commitments_nl.json` (`policytext.commitments.classify.combine`).",
        f"Features: {meta['features']}; {meta['model']}. No sentence text is stored.",
        "",
        f"Trained {meta['trained']} with policytext {meta['policytext_version']} on "
        f"{meta['n_sentences']} sentences:",
        "",
        "| document | commitment | result | other |",
        "|---|---:|---:|---:|",
    ]
    for doc, c in meta["sentences_per_document"].items():
        lines.append(
            f"| {doc} | {c.get('commitment', 0)} | {c.get('result', 0)} | {c.get('other', 0)} |"
        )
    lines += [
        "",
        "Trained on (SHA-1 in `meta.json`): " + ", ".join(f"`{k}`" for k in meta["training_gold"]),
    ]
    cv = meta.get("leave_one_document_out")
    if cv:
        lines += [
            "",
            "Leave one document out (rules + classifier, the held-out document unseen): "
            f"macro-F1 of commitment and result **{cv['f1_macro']:.3f}** "
            f"(commitment {cv['f1_commitment']:.3f}, result {cv['f1_result']:.3f}, "
            f"{cv['n']} sentences).",
            "",
            "| held-out document | n | macro-F1 | commitment F1 | result F1 |",
            "|---|---:|---:|---:|---:|",
        ]
        for doc, s in cv["per_document"].items():
            lines.append(
                f"| {doc} | {s['n']} | {s['f1_macro']:.3f} | {s['f1_commitment']:.3f} | "
                f"{s['f1_result']:.3f} |"
            )
    if dev := meta.get("dev_pdf"):
        lines += [
            "",
            f"Development PDFs of other genres (`commitments_pdf_dev.jsonl`, {dev['n']} "
            "sentences, scored, not trained on: training on them lowered the sample "
            f"documents' figure): macro-F1 **{dev['f1_macro']:.3f}**.",
        ]
    lines += [
        "",
        "The PDF sentences of `annotations/commitments_blind.jsonl` are the test set: never",
        "trained on. Retrain after changing the gold: `policytext train commitments`.",
        "",
    ]
    return "\n".join(lines)
