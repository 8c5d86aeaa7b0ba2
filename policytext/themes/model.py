"""The multi-label theme classifier: one linear model per theme on shared features.

Training (:meth:`ThemeModel.train`):

1. The taxonomy itself becomes one pseudo-passage per theme (label, description and
   keywords), so every theme has at least one positive — the cold-start prior.
2. Features (:mod:`policytext.themes.features`) are fitted on all passages: hashed
   word and character n-grams with learned IDF weights, so the fitted model stores no
   vocabulary (no string of a training passage), plus the taxonomy's keyword counts.
3. Per theme with at least ``min_positives`` labelled passages: a logistic regression
   with balanced class weights (``classifier`` picks another learner), its probability
   blended with the keyword prior (``prior_blend``). A theme with fewer positives is
   scored by the keyword prior alone.
4. Themes labelled ``"Parent: Child"`` (the three Toegankelijkheid themes) are scored
   as P(parent) × P(child | parent) (``hierarchy``): the parent has the positives of all
   its children, which the rare children (bereikbaarheid, tijdigheid) lack on their own.
5. Per-theme thresholds from out-of-fold probabilities of cross-validation grouped by
   document (the model never scores a document it saw): by default the score that
   predicts as many passages as are gold (``threshold="rank"``), or the F1-optimal one.
6. A passage of fewer than ``min_words`` words (a heading, caption, page number) gets
   no theme, as the annotation guidelines say.

The defaults were chosen with ``benchmarks/themes_experiments.py``.

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
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from policytext import __version__
from policytext.themes.features import (
    KeywordPrior,
    build_features,
    count_words,
    transform_with_hits,
)
from policytext.themes.taxonomy import Taxonomy, load_taxonomy, taxonomy_from_dict

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
TAXONOMY_FILE = "taxonomy.json"
FORMAT_VERSION = 1
TAXONOMY_GROUP = "__taxonomy__"
THRESHOLD_GRID = np.round(np.arange(0.05, 0.96, 0.025), 3)


CLASSIFIERS = ("logreg", "svm", "cnb", "sgd")
THRESHOLD_STRATEGIES = ("oof", "fixed", "rank")
PSEUDO_PASSAGES = ("none", "theme", "keywords")


@dataclass(slots=True)
class ModelConfig:
    """Hyper-parameters; the defaults are the ones chosen by grouped cross-validation
    (``benchmarks/themes_experiments.py``)."""

    C: float = 4.0
    calibrate: bool = False
    min_positives: int = 4
    threshold_folds: int = 4
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (4, 4)
    prior_weight: float = 2.0  # weight of the keyword-count block among the features
    lemmas: bool | None = False  # lemma lookups did not help (themes_experiments.py)
    taxonomy_examples: bool = True
    prior_blend: float = 0.5  # weight of the keyword prior in a learned theme's probability
    # "logreg" (logistic regression), "svm" (LinearSVC, sigmoid-calibrated),
    # "cnb" (ComplementNB), "sgd" (SGDClassifier with log loss)
    classifier: str = "logreg"
    class_weight: str | None = "balanced"
    sublinear_tf: bool = True
    # Per-theme cut-offs: "oof" (F1-optimal on grouped out-of-fold scores), "fixed"
    # (0.5), "rank" (the out-of-fold score that predicts as many passages as are gold).
    threshold: str = "rank"
    # Pseudo-passages from the taxonomy: "theme" (one per theme: label, description,
    # keywords), "keywords" (also one per keyword), "none". Used when taxonomy_examples.
    pseudo: str = "theme"
    # Passages with fewer words get no theme (headings, captions, page furniture).
    min_words: int = 5
    # Themes labelled "Parent: Child" (Toegankelijkheid: ...) are scored as
    # P(parent) × P(child | parent), the parent learned on the union of its children.
    hierarchy: bool = False

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
            "classifier": self.classifier,
            "class_weight": self.class_weight,
            "sublinear_tf": self.sublinear_tf,
            "threshold": self.threshold,
            "pseudo": self.pseudo,
            "min_words": self.min_words,
            "hierarchy": self.hierarchy,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelConfig:
        """The config of a saved model's ``meta["config"]`` (unknown keys are ignored,
        missing ones take the field defaults of the model's version 1 format)."""
        # Keys a model saved before they existed lacks: the values that reproduce it.
        legacy = {
            "lemmas": None,
            "classifier": "logreg",
            "class_weight": "balanced",
            "sublinear_tf": True,
            "threshold": "oof",
            "pseudo": "theme",
            "min_words": 0,
            "hierarchy": False,
        }
        names = {f for f in cls.__dataclass_fields__}
        kw = {
            k: tuple(v) if isinstance(v, list) else v
            for k, v in {**legacy, **data}.items()
            if k in names
        }
        return cls(**kw)


def feature_union(taxonomy: Taxonomy, cfg: ModelConfig) -> FeatureUnion:
    """The (unfitted) feature extractor of ``cfg``."""
    return build_features(
        taxonomy,
        lemmas=cfg.lemmas,
        word_ngrams=tuple(cfg.word_ngrams),
        char_ngrams=tuple(cfg.char_ngrams),
        prior_weight=cfg.prior_weight,
        sublinear_tf=cfg.sublinear_tf,
    )


def pseudo_passages(taxonomy: Taxonomy, mode: str) -> tuple[list[str], np.ndarray]:
    """The taxonomy as training passages: per theme its label, description and keywords
    (``"theme"``), plus each keyword alone (``"keywords"``); with their 0/1 labels."""
    texts: list[str] = []
    rows: list[int] = []
    if mode == "none":
        return texts, np.zeros((0, len(taxonomy.themes)), dtype=np.int8)
    for j, t in enumerate(taxonomy.themes):
        texts.append(" ".join([t.label, t.description, *t.keywords]))
        rows.append(j)
        if mode == "keywords":
            texts += list(t.keywords)
            rows += [j] * len(t.keywords)
    y = np.zeros((len(texts), len(taxonomy.themes)), dtype=np.int8)
    y[np.arange(len(texts)), rows] = 1
    return texts, y


def theme_parents(taxonomy: Taxonomy) -> dict[str, list[str]]:
    """Parent label → child theme ids, for labels of the form ``"Parent: Child"``
    (``"Toegankelijkheid: Tijdigheid"``); parents with one child are left out."""
    parents: dict[str, list[str]] = {}
    for t in taxonomy.themes:
        head, sep, _ = t.label.partition(":")
        if sep and head.strip():
            parents.setdefault(head.strip().lower(), []).append(t.id)
    return {k: v for k, v in parents.items() if len(v) > 1}


class HierarchicalScorer:
    """P(parent) × P(child | parent): ``parent`` is learned on the union of the children,
    ``child`` on the parent's positives only (None: the child is every parent positive)."""

    def __init__(self, parent: Any, child: Any | None) -> None:
        self.parent = parent
        self.child = child

    def predict_proba(self, x: Any) -> np.ndarray:
        p = self.parent.predict_proba(x)[:, 1]
        if self.child is not None:
            p = p * self.child.predict_proba(x)[:, 1]
        return np.column_stack([1 - p, p])


def label_matrix(labels: Sequence[Sequence[str]], ids: Sequence[str]) -> np.ndarray:
    """``(n, k)`` 0/1 matrix of ``labels`` over theme ``ids`` (unknown ids are ignored)."""
    index = {t: j for j, t in enumerate(ids)}
    y = np.zeros((len(labels), len(ids)), dtype=np.int8)
    for i, themes in enumerate(labels):
        for t in themes:
            if t in index:
                y[i, index[t]] = 1
    return y


def rank_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The cut-off that predicts as many passages as ``y`` has positives: the score of
    the ``y.sum()``-th highest ``p`` (rank-based; no F1 optimisation)."""
    n = int(y.sum())
    if n == 0:
        return 0.5
    top = float(np.sort(p)[::-1][n - 1])
    return float(np.clip(top, 1e-6, 1.0))


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
        for value, allowed in (
            (cfg.classifier, CLASSIFIERS),
            (cfg.threshold, THRESHOLD_STRATEGIES),
            (cfg.pseudo, PSEUDO_PASSAGES),
        ):
            if value not in allowed:
                raise ValueError(f"unknown model option {value!r} (one of {allowed})")
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
        n_labelled = len(texts)
        labelled_pos = y.sum(0)
        if cfg.taxonomy_examples:
            p_texts, p_y = pseudo_passages(self.taxonomy, cfg.pseudo)
            texts = texts + p_texts
            y = np.vstack([y, p_y])
        self.features = feature_union(self.taxonomy, cfg)
        x = self.features.fit_transform(texts)
        self.classifiers = {}
        for j, theme in enumerate(self.ids):
            yj = y[:, j]
            if labelled_pos[j] < cfg.min_positives or yj.sum() == len(yj):
                self.classifiers[theme] = None
                continue
            self.classifiers[theme] = make_classifier(cfg, int(yj.sum()), seed).fit(x, yj)
        if cfg.hierarchy:
            self._fit_hierarchy(x, y, n_labelled, seed, cfg)

    def _fit_hierarchy(
        self, x: Any, y: np.ndarray, n_labelled: int, seed: int, cfg: ModelConfig
    ) -> None:
        index = {t: j for j, t in enumerate(self.ids)}
        for children in theme_parents(self.taxonomy).values():
            cols = [index[c] for c in children]
            y_parent = y[:, cols].max(axis=1)
            if y_parent[:n_labelled].sum() < cfg.min_positives or y_parent.all():
                continue
            parent = make_classifier(cfg, int(y_parent.sum()), seed).fit(x, y_parent)
            inside = np.flatnonzero(y_parent)
            for c, j in zip(children, cols, strict=True):
                if self.classifiers.get(c) is None:
                    continue  # too few labelled passages: the keyword prior scores it
                yc = y[inside, j]
                child = (
                    None
                    if yc.all()
                    else make_classifier(cfg, int(yc.sum()), seed).fit(x[inside], yc)
                )
                self.classifiers[c] = HierarchicalScorer(parent, child)

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
        if cfg.threshold == "fixed":
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
        choose = rank_threshold if cfg.threshold == "rank" else best_threshold
        for j, theme in enumerate(self.ids):
            if self.classifiers.get(theme) is not None:
                thresholds[theme] = choose(y[:, j], oof[:, j])
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
        config = self.meta.get("config", {})
        blend = float(config.get("prior_blend", 0.0))
        x = None
        for j, theme in enumerate(self.ids):
            clf = self.classifiers.get(theme)
            if clf is None or self.features is None:
                out[:, j] = prior[:, j]
                continue
            if x is None:
                x = transform_with_hits(self.features, texts, hits)
            out[:, j] = (1 - blend) * clf.predict_proba(x)[:, 1] + blend * prior[:, j]
        min_words = int(config.get("min_words", 0))
        if min_words:
            short = [i for i, t in enumerate(texts) if count_words(t) < min_words]
            out[short] = 0.0
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
    """The per-theme binary classifier of ``cfg.classifier``, with ``predict_proba``.

    Logistic regression is sigmoid-calibrated when ``cfg.calibrate`` and the theme has
    enough positives for 3 calibration folds; LinearSVC is always calibrated (it has
    no probabilities of its own), with as many folds as the positives allow.
    """
    if cfg.classifier not in CLASSIFIERS:
        raise ValueError(f"unknown classifier {cfg.classifier!r} (one of {CLASSIFIERS})")
    folds = min(3, n_positive)
    if cfg.classifier == "cnb":
        return ComplementNB(alpha=1.0 / cfg.C)
    if cfg.classifier == "sgd":
        base: Any = SGDClassifier(
            loss="log_loss",
            alpha=1e-4 / cfg.C,
            class_weight=cfg.class_weight,
            max_iter=50,
            tol=None,
            random_state=seed,
        )
    elif cfg.classifier == "svm":
        svm = LinearSVC(C=cfg.C / 4, class_weight=cfg.class_weight, random_state=seed)
        if folds < 2:
            return LogisticRegression(
                C=cfg.C, class_weight=cfg.class_weight, solver="liblinear", random_state=seed
            )
        return CalibratedClassifierCV(
            svm,
            method="sigmoid",
            cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed),
        )
    else:
        base = LogisticRegression(
            C=cfg.C,
            class_weight=cfg.class_weight,
            solver="liblinear",
            max_iter=2000,
            random_state=seed,
        )
    if not cfg.calibrate or n_positive < 6:
        return base
    return CalibratedClassifierCV(
        base, method="sigmoid", cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=seed)
    )
