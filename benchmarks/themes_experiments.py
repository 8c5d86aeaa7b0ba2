"""Theme classifier configurations compared by document-grouped cross-validation.

Every configuration is a set of :class:`~policytext.themes.model.ModelConfig` overrides
of ``BASELINE`` (the model as first shipped). Each runs through the same grouped CV as
:func:`policytext.themes.evaluate.cross_validate_themes` — every passage scored by a
model (thresholds tuned inside the training folds) that never saw its document — under
two schemes: leave one document out (``logo``) and ``GroupKFold(5)`` (``gkf5``), so a
choice that only suits one scheme shows up.

Many configurations scored on the same folds overfit the selection, so besides micro
and macro F1 each row carries the spread over documents: a document bootstrap (1,000
resamples of the documents) of the micro-F1 difference with the baseline, its 5-95 %
interval and how often the configuration wins. Prediction speed (passages/s, one
process) is measured on a model trained on everything.

    python benchmarks/themes_experiments.py [GOLD ...] [--only NAME ...] [--jobs 2]
        [--schemes logo gkf5] [--out benchmarks/results/themes_experiments.json]

The ``lemmas`` configuration needs ``spacy-lookups-data`` (``pip install
spacy-lookups-data``; not a dependency of policytext, since it did not help).

Without GOLD it reads annotations/themes_sample.jsonl, annotations/themes_pdfs.jsonl
and, when present, annotations/themes_pdfs_more.jsonl (never themes_pass2.jsonl, the
second annotator's file, which is for agreement only).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

from policytext import __version__  # noqa: E402
from policytext.dataset import atomic_open  # noqa: E402
from policytext.themes.evaluate import cross_validate_themes, score_predictions  # noqa: E402
from policytext.themes.features import lemmas_available  # noqa: E402
from policytext.themes.model import ModelConfig, ThemeModel, label_matrix  # noqa: E402
from policytext.themes.taxonomy import load_taxonomy  # noqa: E402
from policytext.themes.train import load_theme_gold  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ("themes_sample.jsonl", "themes_pdfs.jsonl", "themes_pdfs_more.jsonl")
SCHEMES = {"logo": None, "gkf5": 5}
BOOTSTRAP = 1000

# The model as first shipped (micro .551 / macro .469 leave-one-document-out).
BASELINE: dict[str, Any] = {
    "C": 4.0,
    "calibrate": False,
    "word_ngrams": (1, 2),
    "char_ngrams": (4, 4),
    "prior_weight": 2.0,
    "prior_blend": 0.5,
    "lemmas": False,
    "taxonomy_examples": True,
    "pseudo": "theme",
    "classifier": "logreg",
    "class_weight": "balanced",
    "sublinear_tf": True,
    "threshold": "oof",
    "min_words": 0,
    "hierarchy": False,
}

# name -> overrides of BASELINE. Stage 1 changes one thing at a time; stage 2 combines.
CONFIGS: dict[str, dict[str, Any]] = {
    "baseline": {},
    # features
    "lemmas": {"lemmas": True},
    "char3-5": {"char_ngrams": (3, 5)},
    "char2-4": {"char_ngrams": (2, 4)},
    "word1-1": {"word_ngrams": (1, 1)},
    "word1-3": {"word_ngrams": (1, 3)},
    "no-sublinear": {"sublinear_tf": False},
    # regularisation and class weights
    "C1": {"C": 1.0},
    "C16": {"C": 16.0},
    "unweighted": {"class_weight": None},
    # keyword prior: as a feature (weight) and as a blend
    "prior-feat0": {"prior_weight": 0.0},
    "prior-feat1": {"prior_weight": 1.0},
    "blend0": {"prior_blend": 0.0},
    "blend0.25": {"prior_blend": 0.25},
    "blend0.75": {"prior_blend": 0.75},
    "blend1": {"prior_blend": 1.0},
    "no-prior": {"prior_weight": 0.0, "prior_blend": 0.0},
    # thresholds and probabilities
    "thr-fixed": {"threshold": "fixed"},
    "thr-rank": {"threshold": "rank"},
    "calibrated": {"calibrate": True},
    # classifiers
    "svm": {"classifier": "svm"},
    "cnb": {"classifier": "cnb"},
    "sgd": {"classifier": "sgd"},
    # taxonomy as data
    "pseudo-none": {"taxonomy_examples": False},
    "pseudo-keywords": {"pseudo": "keywords"},
    # structure and rules
    "hierarchy": {"hierarchy": True},
    "minwords3": {"min_words": 3},
    "minwords5": {"min_words": 5},
    "minwords8": {"min_words": 8},
    # stage 2: the stage-1 changes that won on both schemes, combined
    "rank+hier": {"threshold": "rank", "hierarchy": True},
    "rank+hier+mw5": {"threshold": "rank", "hierarchy": True, "min_words": 5},
    "rank+hier+mw8": {"threshold": "rank", "hierarchy": True, "min_words": 8},
    "rank+mw8": {"threshold": "rank", "min_words": 8},
    # stage 3, after the taxonomy 1.1 keywords: the hierarchy no longer wins alone
    "rank+mw5": {"threshold": "rank", "min_words": 5},
    "fixed+hier+mw8": {"threshold": "fixed", "hierarchy": True, "min_words": 8},
    "rank+hier+mw8+kw": {
        "threshold": "rank",
        "hierarchy": True,
        "min_words": 8,
        "pseudo": "keywords",
    },
    "rank+hier+mw8+b.25": {
        "threshold": "rank",
        "hierarchy": True,
        "min_words": 8,
        "prior_blend": 0.25,
    },
    "oof+hier+mw8": {"hierarchy": True, "min_words": 8},
    # the package default (ModelConfig()), whatever it is now: chosen = rank+hier+mw5
    "default": {},
}


def make_config(name: str) -> ModelConfig:
    """``ModelConfig()`` for ``"default"``, else ``BASELINE`` with the name's overrides."""
    return ModelConfig() if name == "default" else ModelConfig(**{**BASELINE, **CONFIGS[name]})


def grouped_cv(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    groups: Sequence[str],
    cfg: ModelConfig,
    n_splits: int | None,
    seed: int = 0,
) -> list[list[str]]:
    """Out-of-fold theme predictions of ``cross_validate_themes``, kept per passage so
    the document bootstrap can resample them."""
    return cross_validate_themes(texts, labels, groups, seed=seed, config=cfg, n_splits=n_splits)[
        "oof_themes"
    ]


def prediction_speed(
    texts: Sequence[str], labels: Sequence[Sequence[str]], cfg: ModelConfig
) -> int:
    """Passages per second of ``predict`` (batches of 1024) for a model trained on all."""
    model = ThemeModel.train(texts, labels, config=cfg, tune_thresholds=False)
    batch = list(texts) * 4
    model.predict(batch[:256])
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        for i in range(0, len(batch), 1024):
            model.predict(batch[i : i + 1024])
        best = min(best, time.perf_counter() - t0)
    return round(len(batch) / best)


DATA: dict[str, Any] = {}


def _init(texts: list[str], labels: list[list[str]], groups: list[str]) -> None:
    DATA.update(texts=texts, labels=labels, groups=groups)


def _run(task: tuple[str, str]) -> tuple[str, str, list[list[str]] | int, float]:
    name, scheme = task
    cfg = make_config(name)
    t0 = time.perf_counter()
    if scheme == "speed":
        out: Any = prediction_speed(DATA["texts"], DATA["labels"], cfg)
    else:
        out = grouped_cv(DATA["texts"], DATA["labels"], DATA["groups"], cfg, SCHEMES[scheme])
    return name, scheme, out, time.perf_counter() - t0


def counts(y: np.ndarray, yhat: np.ndarray, groups: np.ndarray, docs: list[str]) -> np.ndarray:
    """Per document and theme: (tp, fp, fn), shape ``(docs, themes, 3)``."""
    out = np.zeros((len(docs), y.shape[1], 3), dtype=np.int64)
    for d, doc in enumerate(docs):
        m = groups == doc
        out[d, :, 0] = (y[m] & yhat[m]).sum(0)
        out[d, :, 1] = (~y[m] & yhat[m]).sum(0)
        out[d, :, 2] = (y[m] & ~yhat[m]).sum(0)
    return out


def micro_macro(c: np.ndarray) -> tuple[float, float]:
    """Micro and macro F1 from ``(themes, 3)`` counts (macro over themes with gold)."""
    tp, fp, fn = c[:, 0], c[:, 1], c[:, 2]
    micro = 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1)
    has = (tp + fn) > 0
    f = np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
    return float(micro), float(f[has].mean()) if has.any() else 0.0


def bootstrap(cfg_counts: np.ndarray, base_counts: np.ndarray, seed: int = 0) -> dict[str, float]:
    """Document bootstrap of the micro- and macro-F1 difference with the baseline."""
    rng = np.random.default_rng(seed)
    n = cfg_counts.shape[0]
    d_micro, d_macro = [], []
    for _ in range(BOOTSTRAP):
        idx = rng.integers(0, n, n)
        a, b = micro_macro(cfg_counts[idx].sum(0)), micro_macro(base_counts[idx].sum(0))
        d_micro.append(a[0] - b[0])
        d_macro.append(a[1] - b[1])
    dm, dM = np.asarray(d_micro), np.asarray(d_macro)
    return {
        "d_micro_p05": round(float(np.quantile(dm, 0.05)), 4),
        "d_micro_p95": round(float(np.quantile(dm, 0.95)), 4),
        "p_micro_better": round(float((dm > 0).mean()), 3),
        "d_macro_p05": round(float(np.quantile(dM, 0.05)), 4),
        "d_macro_p95": round(float(np.quantile(dM, 0.95)), 4),
        "p_macro_better": round(float((dM > 0).mean()), 3),
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--only", nargs="*", help="configuration names (default: all)")
    ap.add_argument("--schemes", nargs="*", default=list(SCHEMES), choices=list(SCHEMES))
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks/results/themes_experiments.json")
    args = ap.parse_args(argv)
    gold = args.gold or [
        REPO / "annotations" / f for f in DEFAULT_GOLD if (REPO / "annotations" / f).exists()
    ]
    examples, warnings = load_theme_gold(gold)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    texts = [ex.text for ex in examples]
    labels = [list(ex.themes) for ex in examples]
    groups = [ex.doc_id for ex in examples]
    names = args.only or list(CONFIGS)
    if "baseline" not in names:
        names = ["baseline", *names]
    if not lemmas_available() and any(make_config(n).lemmas for n in names):
        # build_features falls back to words: say so rather than report a lemma score
        print(
            "warning: spacy-lookups-data is not installed; the lemma configurations run "
            "on words (pip install spacy-lookups-data)",
            file=sys.stderr,
        )
    tasks = [(n, s) for n in names for s in args.schemes]
    if not args.no_speed:
        tasks += [(n, "speed") for n in names]
    results: dict[str, dict[str, Any]] = {
        n: {"overrides": CONFIGS[n], "config": make_config(n).to_dict()} for n in names
    }
    preds: dict[tuple[str, str], list[list[str]]] = {}
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(texts, labels, groups)) as ex:
        for name, scheme, out, secs in ex.map(_run, tasks):
            if scheme == "speed":
                results[name]["passages_per_s"] = out
            else:
                preds[name, scheme] = out
                results[name][f"{scheme}_seconds"] = round(secs, 1)
            print(f"{name:>18} {scheme:>5} {secs:6.1f}s", file=sys.stderr)
    ids = load_taxonomy().ids
    y = label_matrix(labels, ids).astype(bool)
    g = np.asarray(groups)
    docs = sorted(set(groups))
    for scheme in args.schemes:
        base_counts = counts(y, label_matrix(preds["baseline", scheme], ids).astype(bool), g, docs)
        for name in names:
            pred = preds[name, scheme]
            s = score_predictions(labels, pred, ids)
            c = counts(y, label_matrix(pred, ids).astype(bool), g, docs)
            results[name][scheme] = {
                "micro": s["micro"],
                "macro": s["macro"],
                "exact_match": s["exact_match"],
                "themes": {t: v["f"] for t, v in s["themes"].items()},
                "vs_baseline": bootstrap(c, base_counts) if name != "baseline" else None,
            }
    report = {
        "policytext_version": __version__,
        "python": platform.python_version(),
        "gold": [str(p.relative_to(REPO)) if p.is_relative_to(REPO) else str(p) for p in gold],
        "n_passages": len(texts),
        "n_documents": len(docs),
        "baseline": {k: list(v) if isinstance(v, tuple) else v for k, v in BASELINE.items()},
        "schemes": {"logo": "leave one document out", "gkf5": "GroupKFold(5)"},
        "bootstrap": f"{BOOTSTRAP} document resamples; difference with the baseline",
        "seconds": round(time.perf_counter() - t0, 1),
        "configs": results,
    }
    print(table(report, ids))
    if args.out:
        old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
        if args.only and old.get("gold") == report["gold"]:
            report["configs"] = {**old.get("configs", {}), **results}  # a partial rerun
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(args.out, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(report, indent=2, ensure_ascii=False, default=list) + "\n")
    return report


def table(report: dict[str, Any], ids: Sequence[str]) -> str:
    short = [t.replace("toegankelijkheid_", "t_")[:10] for t in ids]
    head = (
        f"{'config':>18} | {'LOGO mi':>7} {'ma':>5} | {'GKF5 mi':>7} {'ma':>5} | "
        f"{'Δmi 5-95%':>13} {'P>':>4} | " + " ".join(f"{s:>10}" for s in short) + " | pass/s"
    )
    lines = [head, "-" * len(head)]
    for name, r in report["configs"].items():
        lo, gk = r.get("logo"), r.get("gkf5")
        vs = (lo or {}).get("vs_baseline") or {}
        themes = (lo or gk or {}).get("themes", {})
        lines.append(
            f"{name:>18} | "
            + (f"{lo['micro']['f']:7.3f} {lo['macro']['f']:5.3f}" if lo else f"{'-':>7} {'-':>5}")
            + " | "
            + (f"{gk['micro']['f']:7.3f} {gk['macro']['f']:5.3f}" if gk else f"{'-':>7} {'-':>5}")
            + " | "
            + (
                f"{vs['d_micro_p05']:+.3f}..{vs['d_micro_p95']:+.3f} {vs['p_micro_better']:4.2f}"
                if vs
                else f"{'':>13} {'':>4}"
            )
            + " | "
            + " ".join(f"{themes.get(t, 0):10.3f}" for t in ids)
            + f" | {r.get('passages_per_s', '-')}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
