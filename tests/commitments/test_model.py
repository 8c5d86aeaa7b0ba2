"""The shipped commitment classifier (`models/commitments`), its training and the weak past cue."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from policytext.commitments.classify import (
    DEFAULT_MODEL,
    MODEL_FILE,
    CommitmentClassifier,
    _meta,
    default_classifier,
    fit_rows,
    training_sentences,
)
from policytext.commitments.detect import cue_features, weak_past
from policytext.commitments.pdf_gold import resolve_pdf_sentences
from policytext.commitments.train import gold_fingerprint, train_commitments

# Sentences from the sample corpus and the development PDFs' genres (paraphrased).
WEAK_PAST = [
    ("Op 8 juli 2020 bevestigde de AP de ontvangst van het verzoek.", True),
    ("De Minister leverde aanvullende informatie aan.", True),
    ("Dat leidde tot andere inzichten en betere aanknopingspunten.", True),
    ("Gremmen ontwikkelde een algoritme dat de resultaten beter doorgrondt.", True),
    ("De Haagse Preventieaanpak startte in juli 2023.", True),
    ("De gemeente maakte afspraken met Wijk en Welzijn Scheveningen.", True),
    ("We zetten in op de beperkte middelen voor de sociale basis.", False),
    ("De volgende stappen zijn gepland voor 2024.", False),
    ("Het Rijk betaalt de zorg voor verzekerden via de Zvw.", False),
    ("De geplande evaluatie volgt in de vierde week van 2025.", False),
    ("We verstevigen de Haagse preventieaanpak op het gebied van gezondheid.", False),
]


@pytest.mark.parametrize(("text", "expected"), WEAK_PAST)
def test_weak_past(text: str, expected: bool) -> None:
    assert weak_past(text) is expected


def test_weak_past_counts_as_a_result_cue() -> None:
    past = cue_features(
        "Op 16 juli 2020 verzocht de AP de Minister om informatie; de Minister leverde die."
    )
    present = cue_features("De Minister levert de informatie aan.")
    assert past["n_result"] > present["n_result"]


def _rows() -> list[dict]:
    rows = training_sentences()
    if not rows:
        pytest.skip("no commitment gold")
    return rows


def test_save_and_load_give_the_same_probabilities(tmp_path: Path) -> None:
    rows = _rows()
    clf = fit_rows(rows)
    assert clf is not None
    clf.save(tmp_path, {"name": "test"})
    loaded = CommitmentClassifier.load(tmp_path)
    texts = [r["text"] for r in rows[:40]]
    np.testing.assert_allclose(
        clf.proba(texts, _meta(rows[:40])), loaded.proba(texts, _meta(rows[:40]))
    )


def test_saved_model_holds_no_sentence_text(tmp_path: Path) -> None:
    """Hashed features: no vocabulary, so no gold sentence text in the model file."""
    import joblib

    rows = _rows()
    fit_rows(rows).save(tmp_path, {})
    payload = joblib.load(tmp_path / MODEL_FILE)
    assert not hasattr(payload["vectorizer"], "vocabulary_")
    raw = (tmp_path / MODEL_FILE).read_bytes()
    assert b"preventieaanpak" not in raw


def test_train_writes_model_meta_and_card(tmp_path: Path) -> None:
    meta = train_commitments(tmp_path / "m", cross_validate=False)
    assert (tmp_path / "m" / MODEL_FILE).is_file()
    assert (
        json.loads((tmp_path / "m" / "meta.json").read_text())["n_sentences"] == meta["n_sentences"]
    )
    assert "commitment" in (tmp_path / "m" / "README.md").read_text()
    assert default_classifier(tmp_path / "m") is not None


def test_shipped_model_is_trained_on_the_current_gold() -> None:
    """Fails when the gold changed without `policytext train commitments`."""
    meta_path = DEFAULT_MODEL / "meta.json"
    if not meta_path.is_file():
        pytest.skip("no shipped model")
    meta = json.loads(meta_path.read_text())
    assert meta["training_gold"] == gold_fingerprint()
    assert meta["n_sentences"] == len(_rows())


def test_pdf_gold_rows_are_resolved_or_skipped_with_a_reason(tmp_path: Path) -> None:
    row = {
        "kind": "sentence",
        "pdf_file": "absent.pdf",
        "page": 1,
        "start": 0,
        "end": 4,
        "sha1": "x",
        "label": "other",
    }
    resolved, problems = resolve_pdf_sentences([row], tmp_path / "gold.jsonl", [tmp_path])
    assert resolved == [] and "absent.pdf not found" in problems[0]


@pytest.mark.slow
def test_dev_pdf_sentences_resolve_against_their_sha1() -> None:
    from policytext.commitments.classify import PDF_DEV, dev_pdf_sentences, gold_sentences

    rows = dev_pdf_sentences()
    if not rows:
        pytest.skip("corpus PDFs not beside the repository")
    assert len(rows) == len(gold_sentences(PDF_DEV))
    assert all(r["text"] and r["doc_id"].endswith(".pdf") for r in rows)


@pytest.mark.parametrize(
    "text",
    [
        "Uit de DPIA blijkt dat er geen hoge risico's zijn voorafgaand aan de verwerking.",
        "De monitor laat zien dat het aantal meldingen is gedaald.",
        "Uit de beveiligingsonderzoeken komen geen hoge risico's naar voren.",
    ],
)
def test_reported_findings_are_results(text: str) -> None:
    from policytext.commitments.detect import rule_label

    assert rule_label(text, "rapport", 2020)[0] == "result"
