"""A saved theme model holds no text of its training passages: no fitted vectorizer keeps a
``vocabulary_`` (or ``stop_words_``), and fitting adds no string at all to the model.

Some training passages come from documents whose text must not enter the repository,
and an n-gram vocabulary is such text; the shipped ``models/themes`` is checked too.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pytest

from policytext.themes.features import KeywordPrior
from policytext.themes.model import MODEL_FILE, ModelConfig, feature_union, make_classifier
from policytext.themes.taxonomy import taxonomy_from_dict

SHIPPED = Path(__file__).resolve().parents[2] / "models" / "themes"
VOCABULARY_ATTRIBUTES = ("vocabulary_", "stop_words_", "fixed_vocabulary_")


def walk(obj: Any, seen: dict[int, Any] | None = None) -> Iterator[Any]:
    """Every object reachable from ``obj`` through containers, arrays and instance state."""
    seen = {} if seen is None else seen  # id -> object, kept alive so ids are not reused
    if id(obj) in seen or isinstance(obj, (type, int, float, bool, complex, bytes, type(None))):
        return
    seen[id(obj)] = obj
    yield obj
    if isinstance(obj, str):
        return
    if isinstance(obj, dict):
        children: list[Any] = [*obj.keys(), *obj.values()]
    elif isinstance(obj, (list, tuple, set, frozenset)):
        children = list(obj)
    elif isinstance(obj, np.ndarray):
        children = obj.ravel().tolist() if obj.dtype.kind in "OUS" else []
    elif isinstance(obj, re.Pattern):
        children = [obj.pattern]
    else:
        state = obj.__getstate__() if hasattr(obj, "__getstate__") else None
        state = state if isinstance(state, dict) else getattr(obj, "__dict__", {})
        children = list(state.values())  # the values only: the keys are attribute names
        children += [
            getattr(obj, s) for s in getattr(type(obj), "__slots__", ()) if hasattr(obj, s)
        ]
    for child in children:
        yield from walk(child, seen)


def strings(obj: Any) -> set[str]:
    return {o for o in walk(obj) if isinstance(o, str)}


def load_payload(model_dir: Path) -> dict[str, Any]:
    return joblib.load(model_dir / MODEL_FILE)


def untrained_strings(payload: dict[str, Any]) -> set[str]:
    """The strings of the same model before fitting: parameters, taxonomy keywords."""
    tax = taxonomy_from_dict(payload["taxonomy"])
    meta = payload["meta"]["config"]
    cfg = ModelConfig.from_dict(meta)
    features = feature_union(tax, cfg)
    prior = KeywordPrior([list(t.keywords) for t in tax.themes]).fit()
    return strings([features, prior, make_classifier(cfg, 10, 0), list(payload["classifiers"])])


def assert_vocabulary_free(payload: dict[str, Any]) -> None:
    learned = [payload["features"], payload["classifiers"]]
    for obj in walk(learned):
        for attr in VOCABULARY_ATTRIBUTES:
            assert not hasattr(obj, attr), f"{type(obj).__name__} stores {attr}"
    added = strings(learned) - untrained_strings(payload)
    assert not added, f"fitting added strings to the model: {sorted(added)[:10]}"


def test_tiny_model_stores_no_training_text(tiny_model_dir: Path, tiny_data: list) -> None:
    payload = load_payload(tiny_model_dir)
    assert_vocabulary_free(payload)
    taxonomy_text = str(payload["taxonomy"]).lower()
    words = {
        w
        for _, text, _ in tiny_data
        for w in re.findall(r"\w{5,}", text.lower())
        if w not in taxonomy_text
    }
    assert {"jeugdhulp", "verpleeghuisplaats", "partners"} <= words
    raw = pickle.dumps([payload["features"], payload["classifiers"]]).decode("latin-1").lower()
    assert not [w for w in words if w in raw]


def test_check_catches_a_vocabulary(tiny_model_dir: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    payload = load_payload(tiny_model_dir)
    payload["features"].transformer_list[0] = (
        "word",
        TfidfVectorizer().fit(["de wachtlijst groeit"]),
    )
    with pytest.raises(AssertionError, match="vocabulary_"):
        assert_vocabulary_free(payload)


@pytest.mark.skipif(not (SHIPPED / MODEL_FILE).exists(), reason="no shipped theme model")
def test_shipped_model_stores_no_vocabulary() -> None:
    assert_vocabulary_free(load_payload(SHIPPED))
