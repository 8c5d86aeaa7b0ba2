"""A small classifier for commitment / result / other, combined with the Dutch cue rules.

Trained on the ``sentence`` rows of ``annotations/commitments.jsonl``: TF-IDF word n-grams
plus the cue counts of :func:`policytext.commitments.detect.cue_features`, logistic
regression. :func:`cross_validate` holds out one document at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from policytext.commitments.detect import LABELS, cue_features, rule_label

GOLD = Path(__file__).resolve().parents[2] / "annotations" / "commitments.jsonl"
RULE_WEIGHT = 0.4
TIE_CONFIDENCE = 0.5


def _cue_matrix(texts: Sequence[str], meta: Sequence[tuple[str | None, int | None]]) -> Any:
    from scipy.sparse import csr_matrix

    rows = [list(cue_features(t, dt, y).values()) for t, (dt, y) in zip(texts, meta, strict=True)]
    return csr_matrix(np.asarray(rows, dtype=float))


@dataclass
class CommitmentClassifier:
    vectorizer: Any
    model: Any

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        meta: Sequence[tuple[str | None, int | None]],
    ) -> CommitmentClassifier:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True)
        X = hstack([vec.fit_transform(texts), _cue_matrix(texts, meta)]).tocsr()
        model = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced")
        model.fit(X, list(labels))
        return cls(vec, model)

    def proba(
        self, texts: Sequence[str], meta: Sequence[tuple[str | None, int | None]]
    ) -> np.ndarray:
        from scipy.sparse import hstack

        X = hstack([self.vectorizer.transform(texts), _cue_matrix(texts, meta)]).tocsr()
        p = self.model.predict_proba(X)
        out = np.zeros((len(texts), len(LABELS)))
        for j, lab in enumerate(self.model.classes_):
            out[:, LABELS.index(lab)] = p[:, j]
        return out


def combine(
    texts: Sequence[str],
    meta: Sequence[tuple[str | None, int | None]],
    clf: CommitmentClassifier | None,
) -> list[tuple[str, float]]:
    """Label and confidence per sentence: rules, blended with the classifier when given."""
    out = []
    probs = clf.proba(texts, meta) if clf is not None and texts else None
    for i, (t, (dt, y)) in enumerate(zip(texts, meta, strict=True)):
        lab, conf = rule_label(t, dt, y)
        dist = np.full(len(LABELS), (1 - conf) / (len(LABELS) - 1))
        dist[LABELS.index(lab)] = conf
        if probs is not None and conf <= TIE_CONFIDENCE:
            # The classifier decides only where the cues do not (none found, or a tie).
            dist = RULE_WEIGHT * dist + (1 - RULE_WEIGHT) * probs[i]
        k = int(np.argmax(dist))
        out.append((LABELS[k], float(dist[k])))
    return out


def gold_sentences(path: str | Path = GOLD) -> list[dict[str, Any]]:
    from policytext.dataset import read_jsonl

    return [r for r in read_jsonl(path) if r.get("kind") == "sentence"]


DOC_META = {
    "denhaag_coalitieakkoord_2022_preventie": ("coalitieakkoord", 2022),
    "denhaag_jaarverslag_2023_zorg_welzijn": ("jaarverslag", 2023),
}


def _meta(rows: Sequence[dict[str, Any]]) -> list[tuple[str | None, int | None]]:
    return [r.get("meta") or DOC_META.get(r["doc_id"], (None, None)) for r in rows]


@cache
def default_classifier() -> CommitmentClassifier | None:
    """The classifier trained on all gold sentences, or None when there is no gold file."""
    if not GOLD.is_file():
        return None
    rows = gold_sentences()
    return CommitmentClassifier.fit(
        [r["text"] for r in rows], [r["label"] for r in rows], _meta(rows)
    )


def f1_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """F1 of commitment and of result, their macro mean, and accuracy."""
    out: dict[str, float] = {}
    for lab in ("commitment", "result"):
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[f"f1_{lab}"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["f1_macro"] = (out["f1_commitment"] + out["f1_result"]) / 2
    out["accuracy"] = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))
    return out


def cross_validate(path: str | Path = GOLD, *, use_classifier: bool = True) -> dict[str, Any]:
    """Leave-one-document-out scores of the combined labeller on the gold sentences."""
    rows = gold_sentences(path)
    docs = sorted({r["doc_id"] for r in rows})
    gold: list[str] = []
    pred: list[str] = []
    for held in docs:
        train = [r for r in rows if r["doc_id"] != held]
        test = [r for r in rows if r["doc_id"] == held]
        clf = None
        if use_classifier and len({r["label"] for r in train}) > 1:
            clf = CommitmentClassifier.fit(
                [r["text"] for r in train], [r["label"] for r in train], _meta(train)
            )
        labs = combine([r["text"] for r in test], _meta(test), clf)
        gold += [r["label"] for r in test]
        pred += [lab for lab, _ in labs]
    return {"n": len(gold), "folds": docs, **f1_scores(gold, pred)}
