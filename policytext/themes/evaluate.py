"""Scores for theme classification: precision, recall and F1 per theme, micro and macro.

:func:`cross_validate_themes` folds by document (default: leave one document out), so
no passage is scored by a model that saw any passage of its document. The threshold
tuning inside :meth:`ThemeModel.train` is itself grouped by document and runs within
each training fold only.

Macro-F1 averages the themes that have gold positives in the data scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

from policytext.themes.model import ModelConfig, ThemeModel, label_matrix
from policytext.themes.taxonomy import Taxonomy, load_taxonomy


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}


def score_predictions(
    gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]], ids: Sequence[str]
) -> dict[str, Any]:
    """Micro/macro P/R/F1 and per-theme scores of predicted against gold theme sets."""
    y = label_matrix([list(g) for g in gold], ids).astype(bool)
    yhat = label_matrix([list(p) for p in pred], ids).astype(bool)
    themes: dict[str, dict[str, Any]] = {}
    tp_all = fp_all = fn_all = 0
    for j, theme in enumerate(ids):
        tp = int((y[:, j] & yhat[:, j]).sum())
        fp = int((~y[:, j] & yhat[:, j]).sum())
        fn = int((y[:, j] & ~yhat[:, j]).sum())
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        themes[theme] = {**prf(tp, fp, fn), "support": tp + fn, "predicted": tp + fp}
    scored = [s for s in themes.values() if s["support"] > 0]
    macro = {
        k: round(float(np.mean([s[k] for s in scored])), 4) if scored else 0.0
        for k in ("p", "r", "f")
    }
    no_theme = ~y.any(axis=1)
    return {
        "n_passages": len(y),
        "n_without_theme": int(no_theme.sum()),
        "micro": prf(tp_all, fp_all, fn_all),
        "macro": macro,
        "macro_themes": len(scored),
        "exact_match": round(float((y == yhat).all(axis=1).mean()), 4) if len(y) else 0.0,
        "themes": themes,
    }


def cross_validate_themes(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    groups: Sequence[str],
    *,
    taxonomy: Taxonomy | str | Path | None = None,
    seed: int = 0,
    config: ModelConfig | None = None,
    n_splits: int | None = None,
) -> dict[str, Any]:
    """Document-grouped cross-validation; ``n_splits=None`` leaves one document out.

    Returns :func:`score_predictions` over all out-of-fold predictions plus the
    per-fold documents, the out-of-fold probabilities (``oof``) and theme sets
    (``oof_themes``), for analysis.
    """
    tax = load_taxonomy(taxonomy)
    texts, labels, groups = list(texts), [list(x) for x in labels], list(groups)
    n_groups = len(set(groups))
    if n_groups < 2:
        raise ValueError("cross-validation needs passages from at least two documents")
    splitter: Any = (
        LeaveOneGroupOut() if n_splits is None else GroupKFold(n_splits=min(n_splits, n_groups))
    )
    proba = np.zeros((len(texts), len(tax.ids)))
    pred: list[list[str]] = [[] for _ in texts]
    folds = []
    for train_idx, test_idx in splitter.split(texts, groups=groups):
        model = ThemeModel.train(
            [texts[i] for i in train_idx],
            [labels[i] for i in train_idx],
            taxonomy=tax,
            groups=[groups[i] for i in train_idx],
            seed=seed,
            config=config,
        )
        p = model.predict_proba([texts[i] for i in test_idx])
        proba[test_idx] = p
        for i, themes in zip(test_idx, model.decide(p), strict=True):
            pred[i] = themes
        folds.append(sorted({groups[i] for i in test_idx}))
    scores = score_predictions(labels, pred, tax.ids)
    scores["folds"] = folds
    scores["per_document"] = {
        g: score_predictions(
            [labels[i] for i in range(len(texts)) if groups[i] == g],
            [pred[i] for i in range(len(texts)) if groups[i] == g],
            tax.ids,
        )["micro"]
        for g in sorted(set(groups))
    }
    scores["oof"] = proba
    scores["oof_themes"] = pred
    return scores


def evaluate_model(
    model: ThemeModel, texts: Sequence[str], labels: Sequence[Sequence[str]]
) -> dict[str, Any]:
    """Scores of ``model`` on held-out passages (documents it was not trained on)."""
    return score_predictions(labels, model.predict(texts), model.ids)


def evaluate_gold_passages(gold_docs: Iterable[Any], model: ThemeModel) -> dict[str, Any]:
    """Theme scores for :class:`policytext.evaluate.GoldDocument` objects whose
    ``passages`` carry ``themes`` (the gold format's ``passages`` field)."""
    texts: list[str] = []
    labels: list[list[str]] = []
    for doc in gold_docs:
        for p in doc.passages:
            if "themes" in p:
                texts.append(doc.text[p["start"] : p["end"]])
                labels.append(list(p["themes"]))
    return evaluate_model(model, texts, labels)
