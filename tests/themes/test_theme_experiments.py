"""``benchmarks/themes_experiments.py``: its configurations are valid and its bootstrap
scores agree with :func:`policytext.themes.evaluate.score_predictions`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from policytext.themes.evaluate import score_predictions
from policytext.themes.model import (
    CLASSIFIERS,
    PSEUDO_PASSAGES,
    THRESHOLD_STRATEGIES,
    ModelConfig,
    label_matrix,
)

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "themes_experiments.py"


@pytest.fixture(scope="module")
def experiments():
    spec = importlib.util.spec_from_file_location("themes_experiments", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["themes_experiments"] = module
    spec.loader.exec_module(module)
    return module


def test_configs_are_valid(experiments) -> None:
    assert "baseline" in experiments.CONFIGS and "default" in experiments.CONFIGS
    for name in experiments.CONFIGS:
        cfg = experiments.make_config(name)
        assert cfg.classifier in CLASSIFIERS
        assert cfg.threshold in THRESHOLD_STRATEGIES
        assert cfg.pseudo in PSEUDO_PASSAGES
    assert experiments.make_config("rank+mw5") == ModelConfig()  # the chosen one


# Gold and predicted themes of sample-corpus passages (themes_sample.jsonl ids).
GOLD = [["positieve_gezondheid"], [], ["sociale_situatie"], ["toegankelijkheid_vraag_aanbod"]]
PRED = [["positieve_gezondheid"], ["kosten"], [], ["toegankelijkheid_vraag_aanbod"]]
DOCS = ["coalitieakkoord", "jaarverslag", "jaarverslag", "regiobeeld"]


def test_micro_macro_matches_score_predictions(experiments) -> None:
    ids = experiments.load_taxonomy().ids
    y = label_matrix(GOLD, ids).astype(bool)
    yhat = label_matrix(PRED, ids).astype(bool)
    docs = sorted(set(DOCS))
    c = experiments.counts(y, yhat, np.asarray(DOCS), docs)
    micro, macro = experiments.micro_macro(c.sum(0))
    s = score_predictions(GOLD, PRED, ids)
    assert micro == pytest.approx(s["micro"]["f"], abs=1e-4)
    assert macro == pytest.approx(s["macro"]["f"], abs=1e-4)
    same = experiments.bootstrap(c, c)
    assert same["d_micro_p05"] == same["d_micro_p95"] == 0.0
    assert same["p_micro_better"] == 0.0
