"""Taxonomy files: the built-in ones load and validate; another file swaps in without code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policytext.themes.taxonomy import (
    TaxonomyError,
    builtin_taxonomies,
    load_taxonomy,
    taxonomy_from_dict,
    validate_taxonomy,
)

REGIOBEELD = (
    "kwaliteit_van_zorg",
    "positieve_gezondheid",
    "sociale_situatie",
    "kosten",
    "toegankelijkheid_vraag_aanbod",
    "toegankelijkheid_bereikbaarheid",
    "toegankelijkheid_tijdigheid",
)


def test_default_is_the_seven_regiobeeld_themes() -> None:
    tax = load_taxonomy()
    assert tax.ids == REGIOBEELD
    assert tax.version and tax.source and tax.about
    assert all(t.label and t.description and t.keywords for t in tax.themes)
    assert tax.theme("kosten").label == "Kosten (zorgkosten)"


def test_builtin_rivm_taxonomy_swaps_in_by_name() -> None:
    assert {"regiobeeld", "rivm_regiobeeld"} <= set(builtin_taxonomies())
    tax = load_taxonomy("rivm_regiobeeld")
    assert tax.ids == (
        "zorgvraag",
        "zorgaanbod",
        "gezondheid_en_leefstijl",
        "bevolkingsontwikkeling",
        "sociale_en_fysieke_omgeving",
    )


def test_taxonomy_file_by_path(tiny_taxonomy_file: Path) -> None:
    tax = load_taxonomy(tiny_taxonomy_file)
    assert tax.ids == ("wachten", "geld", "gezond")
    assert load_taxonomy(tax) is tax
    assert taxonomy_from_dict(tax.to_dict()) == tax


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda d: d.pop("_version"), "_version", id="no-version"),
        pytest.param(lambda d: d["themes"][0].update(id="Wachten!"), "must match", id="bad-id"),
        pytest.param(lambda d: d["themes"][1].update(id="wachten"), "duplicate", id="dup-id"),
        pytest.param(lambda d: d["themes"][0].update(label=""), "label", id="no-label"),
        pytest.param(lambda d: d["themes"][0].update(keywords="wacht"), "keywords", id="kw-str"),
        pytest.param(lambda d: d.update(themes=[]), "non-empty", id="no-themes"),
    ],
)
def test_invalid_taxonomies_are_refused(change, message: str, tiny_taxonomy_file: Path) -> None:
    data = json.loads(tiny_taxonomy_file.read_text(encoding="utf-8"))
    change(data)
    assert any(message in p for p in validate_taxonomy(data))
    with pytest.raises(TaxonomyError, match=message):
        taxonomy_from_dict(data)


def test_unknown_name_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="no such taxonomy"):
        load_taxonomy("no_such_framework")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="not valid JSON"):
        load_taxonomy(bad)
