"""The classifier: training on a tiny set, thresholds, cold start, saving and loading."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from policytext.themes.evaluate import cross_validate_themes, score_predictions
from policytext.themes.model import ThemeModel, best_threshold, label_matrix


def test_tiny_model_learns_the_themes(tiny_model: ThemeModel) -> None:
    assert tiny_model.ids == ("wachten", "geld", "gezond")
    assert set(tiny_model.meta["scored_by"].values()) == {"classifier"}
    pred = tiny_model.predict(
        [
            "Wachtlijsten voor de jeugdhulp blijven lang.",
            "De zorgkosten en uitgaven stijgen.",
            "Deze pagina is gebouwd op 09/02/2024.",
        ]
    )
    assert "wachten" in pred[0]
    assert "geld" in pred[1]
    assert pred[2] == []


def test_probabilities_and_thresholds(tiny_model: ThemeModel) -> None:
    p = tiny_model.predict_proba(["Lange wachttijden.", "Roken en overgewicht."])
    assert p.shape == (2, 3)
    assert ((p >= 0) & (p <= 1)).all()
    assert set(tiny_model.thresholds) == set(tiny_model.ids)
    assert all(0.0 < t < 1.0 for t in tiny_model.thresholds.values())
    # decide() applies each theme's own threshold
    tiny_model.thresholds, saved = (
        {"wachten": 0.99, "geld": 0.01, "gezond": 0.5},
        tiny_model.thresholds,
    )
    try:
        assert tiny_model.decide(np.array([[0.98, 0.02, 0.5]])) == [["geld", "gezond"]]
    finally:
        tiny_model.thresholds = saved


@pytest.mark.parametrize(
    ("y", "p", "expected"),
    [
        pytest.param([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1], 0.5, id="separable-nearest-half"),
        pytest.param([1, 0, 0, 0], [0.3, 0.1, 0.1, 0.1], 0.3, id="low-scores"),
        pytest.param([0, 0, 0], [0.9, 0.8, 0.2], 0.5, id="no-positives"),
    ],
)
def test_best_threshold(y: list[int], p: list[float], expected: float) -> None:
    assert best_threshold(np.array(y), np.array(p)) == pytest.approx(expected)


def test_cold_start_uses_keywords() -> None:
    model = ThemeModel.cold_start()
    themes = model.predict(
        [
            "De wachttijden en wachtlijsten in de ggz lopen op; de Treeknorm wordt niet gehaald.",
            "Deze pagina is gebouwd op 10/11/2022 13:56:57.",
        ]
    )
    assert themes[0] == ["toegankelijkheid_tijdigheid"]
    assert themes[1] == []


def test_save_and_load_round_trip(tiny_model: ThemeModel, tiny_model_dir: Path) -> None:
    assert {p.name for p in tiny_model_dir.iterdir()} >= {
        "model.joblib",
        "meta.json",
        "taxonomy.json",
    }
    loaded = ThemeModel.load(tiny_model_dir)
    texts = ["Lange wachtlijsten en hoge zorgkosten."]
    assert loaded.ids == tiny_model.ids
    assert loaded.thresholds == tiny_model.thresholds
    np.testing.assert_allclose(loaded.predict_proba(texts), tiny_model.predict_proba(texts))


def test_same_seed_same_model(tiny_taxonomy_file: Path, tiny_data: list) -> None:
    docs, texts, labels = zip(*tiny_data, strict=True)
    a, b = (
        ThemeModel.train(
            list(texts),
            list(labels),
            taxonomy=tiny_taxonomy_file,
            groups=list(docs),
            seed=3,
            tune_thresholds=False,
        )
        for _ in range(2)
    )
    np.testing.assert_array_equal(a.predict_proba(texts), b.predict_proba(texts))


def test_scores_micro_macro() -> None:
    ids = ("a", "b", "c")
    s = score_predictions([["a"], ["a", "b"], []], [["a"], ["b", "c"], []], ids)
    assert s["themes"]["a"] == {"p": 1.0, "r": 0.5, "f": 0.6667, "support": 2, "predicted": 1}
    assert s["micro"] == {"p": 0.6667, "r": 0.6667, "f": 0.6667}
    assert s["macro_themes"] == 2  # c has no gold positives
    assert label_matrix([["a", "x"]], ids).tolist() == [[1, 0, 0]]


def test_cross_validation_is_grouped_by_document(tiny_taxonomy_file: Path, tiny_data: list) -> None:
    from policytext.themes.model import ModelConfig

    docs, texts, labels = zip(*tiny_data, strict=True)
    s = cross_validate_themes(
        texts,
        labels,
        docs,
        taxonomy=tiny_taxonomy_file,
        config=ModelConfig(min_positives=2, threshold_folds=2),
    )
    assert sorted(g for fold in s["folds"] for g in fold) == ["d1", "d2", "d3", "d4"]
    assert all(len(fold) == 1 for fold in s["folds"])
    assert s["micro"]["f"] > 0.5
