"""Fixtures for the theme tests: a tiny taxonomy and a tiny labelled set, trained once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TINY_TAXONOMY = {
    "_about": "Three test themes.",
    "_version": "0.1",
    "_source": "tests/themes/conftest.py",
    "id": "tiny",
    "label": "Tiny",
    "themes": [
        {
            "id": "wachten",
            "label": "Wachttijden",
            "description": "Wachten op zorg.",
            "keywords": ["wachtlijst", "wachttijd"],
        },
        {
            "id": "geld",
            "label": "Kosten",
            "description": "Wat zorg kost.",
            "keywords": ["zorgkosten", "uitgaven"],
        },
        {
            "id": "gezond",
            "label": "Gezondheid",
            "description": "Gezondheid en leefstijl.",
            "keywords": ["overgewicht", "roken"],
        },
    ],
}

# (document, text, themes): four documents, so document-grouped folds are possible.
TINY_DATA = [
    ("d1", "De wachtlijsten in de ggz zijn opnieuw gegroeid.", ["wachten"]),
    ("d1", "Cliënten wachten maanden op een intake bij de jeugdhulp.", ["wachten"]),
    ("d1", "De zorgkosten per inwoner stijgen harder dan landelijk.", ["geld"]),
    ("d1", "Meer kinderen hebben overgewicht en bewegen te weinig.", ["gezond"]),
    ("d1", "Bekijk alle partners", []),
    ("d2", "De wachttijd voor een verpleeghuisplaats loopt op.", ["wachten"]),
    ("d2", "De uitgaven aan de Wmo vallen hoger uit dan begroot.", ["geld"]),
    ("d2", "Het aandeel rokers daalt, maar niet in alle wijken.", ["gezond"]),
    ("d2", "Deze pagina is gebouwd op 10/11/2022.", []),
    ("d3", "Door lange wachtlijsten krijgen jongeren te laat hulp.", ["wachten"]),
    ("d3", "De stijgende zorgkosten drukken op de begroting.", ["geld"]),
    ("d3", "Leefstijl, roken en overgewicht bepalen de gezondheid.", ["gezond"]),
    ("d3", "Lange wachttijden en hoge zorgkosten in de ggz.", ["wachten", "geld"]),
    ("d4", "De wachtlijst voor beschermd wonen is lang.", ["wachten"]),
    ("d4", "De uitgaven aan jeugdzorg en de zorgkosten nemen toe.", ["geld"]),
    ("d4", "Minder overgewicht door meer bewegen op school.", ["gezond"]),
    ("d4", "Home", []),
]


@pytest.fixture(scope="session")
def tiny_data() -> list[tuple[str, str, list[str]]]:
    return list(TINY_DATA)


@pytest.fixture(scope="session")
def tiny_taxonomy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("taxonomy") / "tiny.json"
    path.write_text(json.dumps(TINY_TAXONOMY), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_model(tiny_taxonomy_file: Path):
    from policytext.themes.model import ModelConfig, ThemeModel

    docs, texts, labels = zip(*TINY_DATA, strict=True)
    # The tiny sentences are short by construction: no short-passage rule here (it has
    # its own tests on sample-corpus headings in test_theme_config.py).
    cfg = ModelConfig(min_positives=2, threshold_folds=2, min_words=0)
    return ThemeModel.train(
        list(texts),
        list(labels),
        taxonomy=tiny_taxonomy_file,
        groups=list(docs),
        seed=0,
        config=cfg,
    )


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_model.save(tmp_path_factory.mktemp("model"))
