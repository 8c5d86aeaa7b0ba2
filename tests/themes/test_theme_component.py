"""The ``policytext_themes`` spaCy component sets scores and themes on passage Docs."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.training import Example

import policytext.themes.component  # noqa: F401  (registers the factory)


def test_component_sets_scores_and_themes(tiny_model_dir: Path) -> None:
    nlp = spacy.blank("nl")
    nlp.add_pipe("policytext_themes", config={"model": str(tiny_model_dir)})
    doc = nlp("De wachtlijsten voor de ggz worden langer.")
    assert set(doc._.theme_scores) == {"wachten", "geld", "gezond"}
    assert all(0.0 <= v <= 1.0 for v in doc._.theme_scores.values())
    assert "wachten" in doc._.themes
    docs = list(nlp.pipe(["Hoge zorgkosten.", "Home"], batch_size=1))
    assert "geld" in docs[0]._.themes
    assert docs[1]._.themes == []


def test_component_cold_start_with_swapped_taxonomy() -> None:
    nlp = spacy.blank("nl")
    nlp.add_pipe("policytext_themes", config={"taxonomy": "rivm_regiobeeld"})
    doc = nlp(
        "Door de vergrijzing en de krimp groeit het aantal 80-plussers; de prognose is dat ouderen langer thuis wonen."
    )
    assert list(doc._.theme_scores) == [
        "zorgvraag",
        "zorgaanbod",
        "gezondheid_en_leefstijl",
        "bevolkingsontwikkeling",
        "sociale_en_fysieke_omgeving",
    ]
    assert "bevolkingsontwikkeling" in doc._.themes


def test_component_scorer_and_disk_round_trip(tiny_model_dir: Path, tmp_path: Path) -> None:
    nlp = spacy.blank("nl")
    nlp.add_pipe("policytext_themes", config={"model": str(tiny_model_dir)})
    ref = nlp.make_doc("Lange wachttijden in de jeugdhulp.")
    ref._.themes = ["wachten"]
    scores = nlp.evaluate([Example(nlp.make_doc(ref.text), ref)])
    assert scores["themes_micro_f"] == 1.0
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again("Lange wachttijden.")._.themes == nlp("Lange wachttijden.")._.themes
