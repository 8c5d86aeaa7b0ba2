"""The configuration options of the theme classifier, on real passages of the sample corpus.

Short-passage rule, word counts, rank thresholds, taxonomy pseudo-passages, the
"Parent: Child" hierarchy, every classifier choice, and a config round trip through
``meta.json``. The model trained here uses the sample corpus gold
(``annotations/themes_sample.jsonl``, whose text files are in the repository).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from policytext.themes.features import build_features, count_words
from policytext.themes.model import (
    CLASSIFIERS,
    HierarchicalScorer,
    ModelConfig,
    ThemeModel,
    make_classifier,
    pseudo_passages,
    rank_threshold,
    theme_parents,
)
from policytext.themes.taxonomy import load_taxonomy
from policytext.themes.train import load_theme_gold

REPO = Path(__file__).resolve().parents[2]
SAMPLE_GOLD = REPO / "annotations" / "themes_sample.jsonl"
ACCESS = (
    "toegankelijkheid_vraag_aanbod",
    "toegankelijkheid_bereikbaarheid",
    "toegankelijkheid_tijdigheid",
)

# Headings and page furniture of the sample corpus: all labelled without a theme.
SHORT_PASSAGES = [
    pytest.param("Jaarverslag", 1, id="jaarverslag"),
    pytest.param("Seniorvriendelijk Den Haag", 3, id="section-heading"),
    pytest.param("Jeugdbescherming en jeugdreclassering", 3, id="heading-compound"),
    pytest.param("5.Volksgezondheid", 1, id="numbered-heading"),
    pytest.param("Samenwerkingspartner:", 1, id="label"),
    pytest.param("Q4 2023", 1, id="quarter"),
    pytest.param("2025", 0, id="year"),
]

# Sample-corpus passages with their gold themes (themes_sample.jsonl).
LONG_PASSAGES = [
    pytest.param(
        "• We verstevigen de Haagse preventieaanpak op het gebied van gezondheid en stellen "
        "hiervoor per jaar € 6,4 miljoen beschikbaar.",
        "positieve_gezondheid",
        id="preventieaanpak",
    ),
    pytest.param(
        "• Afgelopen jaar zijn de meldingen en plaatsingen van het aantal dakloze gezinnen "
        "wederom toegenomen.",
        "sociale_situatie",
        id="dakloze-gezinnen",
    ),
]


@pytest.fixture(scope="module")
def sample_gold() -> tuple[list[str], list[list[str]], list[str]]:
    examples, warnings = load_theme_gold([SAMPLE_GOLD])
    assert not warnings
    return (
        [ex.text for ex in examples],
        [list(ex.themes) for ex in examples],
        [ex.doc_id for ex in examples],
    )


@pytest.fixture(scope="module")
def sample_model(sample_gold) -> ThemeModel:
    texts, labels, groups = sample_gold
    return ThemeModel.train(texts, labels, groups=groups, seed=0, config=ModelConfig())


@pytest.mark.parametrize(("text", "n"), SHORT_PASSAGES)
def test_count_words(text: str, n: int) -> None:
    assert count_words(text) == n


@pytest.mark.parametrize(("text", "n"), SHORT_PASSAGES)
def test_short_passages_get_no_theme(sample_model: ThemeModel, text: str, n: int) -> None:
    assert sample_model.meta["config"]["min_words"] > n
    assert sample_model.predict([text]) == [[]]
    assert not sample_model.predict_proba([text]).any()


@pytest.mark.parametrize(("text", "theme"), LONG_PASSAGES)
def test_long_passages_are_scored(sample_model: ThemeModel, text: str, theme: str) -> None:
    p = sample_model.predict_proba([text])[0]
    assert count_words(text) >= sample_model.meta["config"]["min_words"]
    assert p[sample_model.ids.index(theme)] == p.max() > 0


def test_min_words_zero_keeps_scores(sample_gold) -> None:
    texts, labels, groups = sample_gold
    cfg = ModelConfig(min_words=0, threshold="fixed")
    model = ThemeModel.train(texts, labels, groups=groups, config=cfg)
    assert model.predict_proba(["Seniorvriendelijk Den Haag"]).any()


@pytest.mark.parametrize(
    ("y", "p", "expected"),
    [
        pytest.param([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1], 0.8, id="two-positives"),
        pytest.param([1, 0, 0, 0], [0.3, 0.1, 0.6, 0.2], 0.6, id="as-many-as-gold"),
        pytest.param([0, 0, 0], [0.9, 0.8, 0.2], 0.5, id="no-positives"),
    ],
)
def test_rank_threshold(y: list[int], p: list[float], expected: float) -> None:
    t = rank_threshold(np.array(y), np.array(p))
    assert t == pytest.approx(expected)
    assert int((np.array(p) >= t).sum()) >= sum(y)


def test_theme_parents_from_labels() -> None:
    assert theme_parents(load_taxonomy()) == {"toegankelijkheid": list(ACCESS)}
    assert theme_parents(load_taxonomy("rivm_regiobeeld")) == {}


@pytest.mark.parametrize(
    ("mode", "per_theme_min"),
    [
        pytest.param("none", 0, id="none"),
        pytest.param("theme", 1, id="theme"),
        pytest.param("keywords", 2, id="keywords"),
    ],
)
def test_pseudo_passages(mode: str, per_theme_min: int) -> None:
    tax = load_taxonomy()
    texts, y = pseudo_passages(tax, mode)
    assert len(texts) == len(y)
    assert (y.sum(1) == 1).all()
    assert (y.sum(0) >= per_theme_min).all()
    if mode == "keywords":
        assert "wachtlijst" in {t.lower() for t in texts}


def test_hierarchy_scores_children_under_their_parent(sample_gold) -> None:
    texts, labels, groups = sample_gold
    cfg = ModelConfig(hierarchy=True, threshold="fixed", prior_blend=0.0)
    model = ThemeModel.train(texts, labels, groups=groups, config=cfg)
    scorer = model.classifiers["toegankelijkheid_vraag_aanbod"]
    assert isinstance(scorer, HierarchicalScorer)
    x = model.features.transform(texts[:50])
    parent = scorer.parent.predict_proba(x)[:, 1]
    for theme in ACCESS:
        clf = model.classifiers[theme]
        assert isinstance(clf, HierarchicalScorer), theme
        assert (clf.predict_proba(x)[:, 1] <= parent + 1e-12).all()
    assert not isinstance(model.classifiers["kosten"], HierarchicalScorer)


@pytest.mark.parametrize("classifier", CLASSIFIERS)
def test_every_classifier_gives_probabilities(classifier: str, sample_gold) -> None:
    texts, labels, _ = sample_gold
    tax = load_taxonomy()
    x = build_features(tax, lemmas=False).fit_transform(texts)
    y = np.array(["positieve_gezondheid" in t for t in labels], dtype=int)
    clf = make_classifier(ModelConfig(classifier=classifier), int(y.sum()), 0).fit(x, y)
    p = clf.predict_proba(x)[:, 1]
    assert ((p >= 0) & (p <= 1)).all()
    assert p[y == 1].mean() > p[y == 0].mean()


def test_unknown_classifier_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown classifier"):
        make_classifier(ModelConfig(classifier="forest"), 10, 0)


def test_config_round_trip(sample_model: ThemeModel, tmp_path: Path) -> None:
    cfg = ModelConfig.from_dict(sample_model.meta["config"])
    assert cfg == ModelConfig()
    sample_model.save(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert ModelConfig.from_dict(meta["config"]) == ModelConfig()


def test_config_of_an_older_model_keeps_its_behaviour() -> None:
    old = {"C": 4.0, "char_ngrams": [4, 4], "prior_blend": 0.5, "unknown_key": 1}
    cfg = ModelConfig.from_dict(old)
    assert (cfg.min_words, cfg.hierarchy, cfg.threshold) == (0, False, "oof")
    assert cfg.char_ngrams == (4, 4)


@pytest.mark.parametrize(
    "option",
    [{"threshold": "median"}, {"pseudo": "all"}, {"classifier": "tree"}],
    ids=["threshold", "pseudo", "classifier"],
)
def test_unknown_options_are_refused(option: dict, sample_gold) -> None:
    texts, labels, groups = sample_gold
    with pytest.raises(ValueError, match="unknown model option"):
        ThemeModel.train(texts, labels, groups=groups, config=ModelConfig(**option))
