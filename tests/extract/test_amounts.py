"""AMOUNT: money in euros with scale words, periods and ranges."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.extract.amounts import find_amounts

CASES = [
    # (sentence, surface, value, period, range_end)
    (
        "We verstevigen de Haagse preventieaanpak en stellen hiervoor per jaar € 6,4 miljoen beschikbaar.",
        "€ 6,4 miljoen",
        6_400_000.0,
        "jaar",
        None,
    ),
    (
        "waarin we in 2023 € 2,6 miljoen en de jaren erna € 4 miljoen per jaar investeren",
        "€ 2,6 miljoen",
        2_600_000.0,
        None,
        None,
    ),
    (
        "waarin we in 2023 € 2,6 miljoen en de jaren erna € 4 miljoen per jaar investeren",
        "€ 4 miljoen",
        4_000_000.0,
        "jaar",
        None,
    ),
    ("Het budget bedraagt EUR 250.000 voor de pilot.", "EUR 250.000", 250_000.0, None, None),
    (
        "De investering van 1,2 miljard euro in de jeugdzorg.",
        "1,2 miljard euro",
        1_200_000_000.0,
        None,
        None,
    ),
    ("De vergoeding bedraagt € 3.625,– per deelnemer.", "€ 3.625,–", 3625.0, None, None),
    ("een tegemoetkoming van € 1.700,-", "€ 1.700,-", 1700.0, None, None),
    (
        "De kosten worden geraamd op €1-1,4 miljoen.",
        "€1-1,4 miljoen",
        1_000_000.0,
        None,
        1_400_000.0,
    ),
    ("Het gaat om > 500 duizend euro per gemeente.", "500 duizend euro", 500_000.0, None, None),
    ("vanaf 2023 €23 miljoen structureel", "€23 miljoen", 23_000_000.0, "structureel", None),
    ("Er is jaarlijks € 750.000 beschikbaar.", "€ 750.000", 750_000.0, "jaar", None),
    ("een bedrag van zes miljoen euro", "zes miljoen euro", 6_000_000.0, None, None),
    ("ruim anderhalf miljoen euro extra", "anderhalf miljoen euro", 1_500_000.0, None, None),
    ("€ 300 miljoen, oplopend naar 400 miljoen in 2030", "400 miljoen", 400_000_000.0, None, None),
]


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "period", "range_end"), CASES, ids=[c[1] for c in CASES]
)
def test_amounts(
    sentence: str, surface: str, value: float, period: str | None, range_end: float | None
) -> None:
    found = {sentence[m.start : m.end]: m for m in find_amounts(sentence)}
    assert surface in found
    m = found[surface]
    assert m.value == pytest.approx(value)
    assert m.period == period
    assert m.range_end == (pytest.approx(range_end) if range_end else None)


@pytest.mark.parametrize(
    "sentence",
    [
        "(incl. toevoegingen en onttrekkingen, bedragen x € 1.000)",
        "Er namen 500 mensen deel aan de 34 cursussen.",
        "Naar schatting 92.6% van de inwoners.",
        "In 2023 hebben we 3 miljoen bezoekers ontvangen.",
    ],
    ids=["table-unit", "counts", "percent", "no-money-word"],
)
def test_not_amounts(sentence: str) -> None:
    assert find_amounts(sentence) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="€0123456789.,- miljoeneurEUR", max_size=200))
def test_any_text_gives_valid_spans(text: str) -> None:
    found = find_amounts(text)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == text[m.start : m.end].strip()
    spans = sorted((m.start, m.end) for m in found)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
