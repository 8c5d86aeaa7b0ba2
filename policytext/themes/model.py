"""The multi-label theme classifier: one linear model per theme on shared features.

Training (:meth:`ThemeModel.train`):

1. The taxonomy itself becomes one pseudo-passage per theme (label, description and
   keywords), so every theme has at least one positive — the cold-start prior.
2. Features (:mod:`policytext.themes.features`) are fitted on all passages: hashed
   word and character n-grams with learned IDF weights, so the fitted model stores no
   vocabulary (no string of a training passage), plus the taxonomy's keyword counts.
3. Per theme with at least ``min_positives`` labelled passages: a logistic regression
   with balanced class weights (optionally sigmoid-calibrated, ``calibrate=True``),
   its probability blended with the keyword prior (``prior_blend``). A theme with
   fewer positives is scored by the keyword prior alone.
4. Per-theme thresholds: the F1-optimal cut-off on out-of-fold probabilities from
   cross-validation grouped by document (the model never scores a document it saw).

Saved with :mod:`joblib` (``model.joblib``) plus a readable ``meta.json`` and the
``taxonomy.json`` it was trained with.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion

from policytext import __version__
from policytext.themes.features import KeywordPrior, build_features, transform_with_hits
from policytext.themes.taxonomy import Taxonomy, load_taxonomy, taxonomy_from_dict

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
TAXONOMY_FILE = "taxonomy.json"
FORMAT_VERSION = 1
TAXONOMY_GROUP = "__taxonomy__"
THRESHOLD_GRID = np.round(np.arange(0.05, 0.96, 0.025), 3)


@dataclass(slots=True)
class ModelConfig:
    """Hyper-parameters; the defaults are the ones chosen by grouped cross-validation."""

    C: float = 4.0
    calibrate: bool = False
    min_positives: int = 4
    threshold_folds: int = 4
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (4, 4)
    prior_weight: float = 2.0
    lemmas: bool | None = None
    taxonomy_examples: bool = True
    prior_blend: float = 0.5  # weight of the keyword prior in a learned theme's probability

    def to_dict(self) -> dict[str, Any]:
        return {
            "C": self.C,
            "calibrate": self.calibrate,
            "min_positives": self.min_positives,
            "threshold_folds": self.threshold_folds,
            "word_ngrams": list(self.word_ngrams),
            "char_ngrams": list(self.char_ngrams),
            "prior_weight": self.prior_weight,
            "lemmas": self.lemmas,
            "taxonomy_examples": self.taxonomy_examples,
            "prior_blend": self.prior_blend,
        }


def label_matrix(labels: Sequence[Sequence[str]], ids: Sequence[str]) -> np.ndarray:
    """``(n, k)`` 0/1 matrix of ``labels`` over theme ``ids`` (unknown ids are ignored)."""
    index = {t: j for j, t in enumerate(ids)}
    y = np.zeros((len(labels), len(ids)), dtype=np.int8)
    for i, themes in enumerate(labels):
        for t in themes:
            if t in index:
                y[i, index[t]] = 1
    return y


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The cut-off on ``p`` with the best F1 for ``y``; ties go to the one nearest 0.5."""
    if y.sum() == 0:
        return 0.5
    best, best_f = 0.5, -1.0
    for t in sorted(THRESHOLD_GRID, key=lambda x: abs(x - 0.5)):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        denom = int(pred.sum()) + int(y.sum())
        f = 2 * tp / denom if denom else 0.0
        if f > best_f + 1e-9:
            best, best_f = float(t), f
    return best


@dataclass
class ThemeModel:
    """A trained (or cold-start) theme classifier for one taxonomy."""

    taxonomy: Taxonomy
    prior: KeywordPrior
    features: FeatureUnion | None = None
    classifiers: dict[str, Any] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        return self.taxonomy.ids

    # -- construction ---------------------------------------------------------------

    @classmethod
    def cold_start(cls, taxonomy: Taxonomy | str | Path | None = None) -> ThemeModel:
        """A model without training data: every theme is scored by its keywords."""
        tax = load_taxonomy(taxonomy)
        prior = KeywordPrior([list(t.keywords) for t in tax.themes]).fit()
        return cls(
            taxonomy=tax,
            prior=prior,
            thresholds=dict.fromkeys(tax.ids, 0.5),
            meta={"policytext_version": __version__, "trained": False, "n_passages": 0},
        )

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[Sequence[str]],
        *,
        taxonomy: Taxonomy | str | Path | None = None,
        groups: Sequence[str] | None = None,
        seed: int = 0,
        config: ModelConfig | None = None,
        tune_thresholds: bool = True,
    ) -> ThemeModel:
        """Fit on passages ``texts`` with theme ``labels``; ``groups`` are document ids."""
        cfg = config or ModelConfig()
        model = cls.cold_start(taxonomy)
        model.meta["config"] = cfg.to_dict()
        groups = list(groups) if groups is not None else [f"doc{i}" for i in range(len(texts))]
        model._fit(list(texts), label_matrix(labels, model.ids), groups, seed, cfg)
        if tune_thresholds:
            model.thresholds = model._tune_thresholds(list(texts), labels, groups, seed, cfg)
        model.meta.update(
            {
                "trained": True,
                "seed": seed,
                "config": cfg.to_dict(),
                "n_passages": len(texts),
                "n_documents": len(set(groups)),
                "positives": {
                    t: int(n)
                    for t, n in zip(model.ids, label_matrix(labels, model.ids).sum(0), strict=True)
                },
                "scored_by": {
                    t: ("classifier" if model.classifiers.get(t) is not None else "keyword prior")
                    for t in model.ids
                },
                "sklearn_version": sklearn.__version__,
            }
        )
        return model

    def _fit(
        self, texts: list[str], y: np.ndarray, groups: list[str], seed: int, cfg: ModelConfig
    ) -> None:
        if cfg.taxonomy_examples:
            pseudo = [" ".join([t.label, t.description, *t.keywords]) for t in self.taxonomy.themes]
            texts = texts + pseudo
            y = np.vstack([y, np.eye(len(self.ids), dtype=np.int8)])
        self.features = build_features(
            self.taxonomy,
            lemmas=cfg.lemmas,
            word_ngrams=tuple(cfg.word_ngrams),
            char_ngrams=tuple(cfg.char_ngrams),
            prior_weight=cfg.prior_weight,
        )
        x = self.features.fit_transform(texts)
        self.classifiers = {}
        for j, theme in enumerate(self.ids):
            yj = y[:, j]
            labelled = int(yj[: len(yj) - (len(self.ids) if cfg.taxonomy_examples else 0)].sum())
            if labelled < cfg.min_positives or yj.sum() == len(yj):
                self.classifiers[theme] = None
                continue
            self.classifiers[theme] = make_classifier(cfg, int(yj.sum()), seed).fit(x, yj)

    def _tune_thresholds(
        self,
        texts: list[str],
        labels: Sequence[Sequence[str]],
        groups: list[str],
        seed: int,
        cfg: ModelConfig,
    ) -> dict[str, float]:
        """F1-optimal cut-offs on out-of-fold probabilities, folds grouped by document."""
        n_groups = len(set(groups))
        thresholds = dict.fromkeys(self.ids, 0.5)
        if n_groups < 2 or all(c is None for c in self.classifiers.values()):
            return thresholds
        y = label_matrix(labels, self.ids)
        oof = np.zeros(y.shape, dtype=np.float64)
        splitter = GroupKFold(n_splits=min(cfg.threshold_folds, n_groups))
        for train_idx, test_idx in splitter.split(texts, groups=groups):
            inner = ThemeModel.cold_start(self.taxonomy)
            inner.meta["config"] = cfg.to_dict()
            inner._fit(
                [texts[i] for i in train_idx],
                y[train_idx],
                [groups[i] for i in train_idx],
                seed,
                cfg,
            )
            oof[test_idx] = inner.predict_proba([texts[i] for i in test_idx])
        for j, theme in enumerate(self.ids):
            if self.classifiers.get(theme) is not None:
                thresholds[theme] = best_threshold(y[:, j], oof[:, j])
        return thresholds

    # -- prediction -----------------------------------------------------------------

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """``(n, k)`` probabilities, columns in taxonomy order."""
        texts = list(texts)
        out = np.zeros((len(texts), len(self.ids)), dtype=np.float64)
        if not texts:
            return out
        hits = self.prior.hits(texts)
        prior = self.prior.prior_proba(texts, hits)
        blend = float(self.meta.get("config", {}).get("prior_blend", 0.0))
        x = None
        for j, theme in enumerate(self.ids):
            clf = self.classifiers.get(theme)
            if clf is None or self.features is None:
                out[:, j] = prior[:, j]
                continue
            if x is None:
                x = transform_with_hits(self.features, texts, hits)
            out[:, j] = (1 - blend) * clf.predict_proba(x)[:, 1] + blend * prior[:, j]
        return out

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text a dict theme id → probability (rounded to 4 decimals)."""
        p = self.predict_proba(texts)
        return [{t: round(float(v), 4) for t, v in zip(self.ids, row, strict=True)} for row in p]

    def decide(self, proba: np.ndarray) -> list[list[str]]:
        """Theme ids whose probability reaches the theme's threshold, per row."""
        cut = np.asarray([self.thresholds.get(t, 0.5) for t in self.ids])
        hits = proba >= cut
        return [[t for t, h in zip(self.ids, row, strict=True) if h] for row in hits]

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """The themes of each text."""
        return self.decide(self.predict_proba(texts))

    # -- persistence ----------------------------------------------------------------

    def save(self, out_dir: str | Path) -> Path:
        """Write ``model.joblib``, ``meta.json`` and ``taxonomy.json`` into ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        payload = {
            "format_version": FORMAT_VERSION,
            "taxonomy": self.taxonomy.to_dict(),
            "features": self.features,
            "classifiers": self.classifiers,
            "thresholds": self.thresholds,
            "meta": self.meta,
        }
        tmp = out / (MODEL_FILE + ".tmp")
        joblib.dump(payload, tmp, compress=3)
        tmp.replace(out / MODEL_FILE)
        meta = {**self.meta, "thresholds": self.thresholds, "themes": list(self.ids)}
        (out / META_FILE).write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (out / TAXONOMY_FILE).write_text(
            json.dumps(self.taxonomy.to_dict(), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        return out

    @classmethod
    def load(cls, model_dir: str | Path) -> ThemeModel:
        """Read a model written by :meth:`save`; warns when versions differ.

        Only load model files you trust: joblib files are pickles.
        """
        path = Path(model_dir)
        payload = joblib.load(path / MODEL_FILE if path.is_dir() else path)
        if payload.get("format_version") != FORMAT_VERSION:
            raise ValueError(
                f"{path}: unsupported theme model format {payload.get('format_version')}"
            )
        taxonomy = taxonomy_from_dict(payload["taxonomy"], name=str(path))
        meta = payload.get("meta", {})
        for key, current in (
            ("policytext_version", __version__),
            ("sklearn_version", sklearn.__version__),
        ):
            saved = meta.get(key)
            if saved and saved != current:
                warnings.warn(
                    f"{path}: theme model was saved with {key.split('_')[0]} {saved}, "
                    f"running {current}; retrain with `policytext train themes` if scores look off",
                    stacklevel=2,
                )
        prior = KeywordPrior([list(t.keywords) for t in taxonomy.themes]).fit()
        return cls(
            taxonomy=taxonomy,
            prior=prior,
            features=payload["features"],
            classifiers=payload["classifiers"],
            thresholds=payload["thresholds"],
            meta=meta,
        )


def make_classifier(cfg: ModelConfig, n_positive: int, seed: int) -> Any:
    """Logistic regression with balanced class weights, sigmoid-calibrated when the theme
    has enough positives for 3 calibration folds."""
    base = LogisticRegression(
        C=cfg.C, class_weight="balanced", solver="liblinear", max_iter=2000, random_state=seed
    )
    if not cfg.calibrate or n_positive < 6:
        return base
    return CalibratedClassifierCV(
        base, method="sigmoid", cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=seed)
    )
