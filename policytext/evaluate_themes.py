"""``policytext evaluate --themes``: theme scores for gold passages.

Without a model the passages are cross-validated grouped by document (leave one
document out, or ``folds`` groups): no passage is scored by a model that saw its
document. With a model directory, that trained model scores the passages as they are,
which is the figure for documents it was not trained on (held-out gold).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table

from policytext.themes.evaluate import cross_validate_themes, evaluate_model
from policytext.themes.model import ThemeModel
from policytext.themes.train import load_theme_gold


def has_theme_gold_only(paths: Sequence[Path]) -> bool:
    """True when the gold files label passages with themes but hold no mentions."""
    themes = mentions = False
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                obj = json.loads(line)
                mentions |= bool(obj.get("mentions"))
                themes |= any("themes" in p for p in obj.get("passages", []))
    return themes and not mentions


def evaluate_theme_gold(
    paths: Sequence[Path],
    *,
    model_dir: Path | None = None,
    taxonomy: str | Path | None = None,
    folds: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Scores (micro, macro, per theme, per document) of the passages in ``paths``."""
    examples, warnings = load_theme_gold(paths)
    if not examples:
        raise ValueError("no passages with themes in " + ", ".join(map(str, paths)))
    texts = [e.text for e in examples]
    labels = [list(e.themes) for e in examples]
    groups = [e.doc_id for e in examples]
    if model_dir is not None:
        model = ThemeModel.load(model_dir)
        scores = evaluate_model(model, texts, labels)
        scores["scheme"] = f"trained model {model_dir}"
    else:
        scores = cross_validate_themes(
            texts, labels, groups, taxonomy=taxonomy, seed=seed, n_splits=folds
        )
        scores.pop("oof", None)
        scheme = "leave one document out" if folds is None else f"GroupKFold({folds})"
        scores["scheme"] = f"cross-validation grouped by document, {scheme}"
    scores["documents"] = len(set(groups))
    scores["warnings"] = warnings
    return scores


def theme_table(
    scores: dict[str, Any],
    title: str,
    *,
    kappa: dict[str, float | None] | None = None,
    counts: tuple[str, str] = ("gold", "pred"),
) -> Table:
    """Per-theme P/R/F1 with micro and macro rows; with ``kappa``, a kappa column (for two
    annotators, ``counts`` names their columns)."""
    table = Table(title=title)
    cols = ["theme", *counts, *(["kappa"] if kappa is not None else []), "P", "R", "F1"]
    for col in cols:
        table.add_column(col, justify="left" if col == "theme" else "right")
    for theme, s in scores["themes"].items():
        k = [] if kappa is None else ["-" if kappa.get(theme) is None else f"{kappa[theme]:.3f}"]
        table.add_row(
            theme, str(s["support"]), str(s["predicted"]), *k, *(f"{s[x]:.3f}" for x in "prf")
        )
    blank = ["", ""] + ([""] if kappa is not None else [])
    for name in ("micro", "macro"):
        s = scores[name]
        table.add_row(name.upper(), *blank, *(f"{s[x]:.3f}" for x in "prf"))
    return table
