"""Pipeline loading: blank Dutch plus components, the model path, serialisation."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import spacy

from policytext.pipeline import (
    EXTRACTORS,
    PREFERRED_MODEL,
    load_pipeline,
    model_available,
    pipeline_info,
)


def test_blank_pipeline_has_sentences_and_components(nlp) -> None:
    assert nlp.lang == "nl"
    assert nlp.pipe_names == ["sentencizer", *EXTRACTORS]
    doc = nlp("We investeren in het jonge kind. In 2023 € 2,6 miljoen.")
    assert len(list(doc.sents)) == 2
    assert {s.label_ for s in doc.spans["policytext"]} >= {"AMOUNT"}
    assert "blank" in pipeline_info(nlp)["base"]


@pytest.mark.skipif(not model_available(), reason=f"{PREFERRED_MODEL} is not installed")
def test_model_pipeline_when_installed() -> None:
    nlp = load_pipeline()
    assert pipeline_info(nlp)["base"].endswith("core_news_md")
    assert nlp("We stellen per jaar € 6,4 miljoen beschikbaar.").spans["policytext"]


def test_ref_year_completes_dates(nlp) -> None:
    doc = nlp.make_doc("Begin april is de campagne gestart.")
    doc._.ref_year = 2023
    doc = nlp(doc)
    (span,) = [s for s in doc.spans["policytext"] if s.label_ == "DATE"]
    assert span._.value == "2023-04"
    assert span._.mod == "START"


def test_to_disk_and_spacy_load_round_trip(nlp, tmp_path: Path) -> None:
    path = tmp_path / "pipeline"
    nlp.to_disk(path)
    loaded = spacy.load(path)
    assert loaded.pipe_names == nlp.pipe_names
    doc = loaded("Zie RIS 316343 en € 4 miljoen per jaar.")
    assert [(s.label_, s._.value) for s in doc.spans["policytext"]] == [
        ("RIS", "RIS316343"),
        ("AMOUNT", 4_000_000.0),
    ]


def test_overlap_rule_one_mention_per_stretch(nlp) -> None:
    doc = nlp("Het gaat om € 6,4 miljoen voor 500 deelnemers.")
    spans = sorted((s.start_char, s.end_char) for s in doc.spans["policytext"])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
