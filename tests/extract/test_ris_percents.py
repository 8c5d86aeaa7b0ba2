"""RIS references and percentages."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.extract.percents import find_percents
from policytext.extract.ris import find_ris


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Ook is er een integrale valpreventie-aanpak gerealiseerd (RIS316587 ).", ["RIS316587"]),
        ("Het onderzoeksrapport en de handreiking (RIS 316343) zijn gedeeld.", ["RIS316343"]),
        ("zie de raadsmededelingen (RIS314485, RIS316086)", ["RIS314485", "RIS316086"]),
        ("Het RIS-systeem en de RISICO's", []),
        ("VRIS316587 en RIS316587X", []),
    ],
    ids=["glued", "space", "list", "not-a-number", "glued-letters"],
)
def test_ris(text: str, values: list[str]) -> None:
    assert [m.value for m in find_ris(text)] == values
    for m in find_ris(text):
        assert text[m.start : m.end].replace(" ", "") == m.value


@pytest.mark.parametrize(
    ("text", "surface", "value", "approx"),
    [
        ("Van de ouders was 95% tevreden.", "95%", 95.0, None),
        ("een bereik van 92.6% onder jongeren", "92.6%", 92.6, None),
        ("een bereik van 92,6% onder jongeren", "92,6%", 92.6, None),
        ("de vaccinatiegraad is bijna 90% in deze wijk", "bijna 90%", 90.0, True),
        ("65 procent van de inwoners", "65 procent", 65.0, None),
        ("de norm van >88% is gehaald", ">88%", 88.0, True),
        ("ruim vijftig procent", "ruim vijftig procent", 50.0, True),
    ],
    ids=["plain", "dot-decimal", "comma-decimal", "bijna", "procent", "threshold", "words"],
)
def test_percents(text: str, surface: str, value: float, approx: bool | None) -> None:
    found = {text[m.start : m.end]: m for m in find_percents(text)}
    assert surface in found
    assert found[surface].value == pytest.approx(value)
    assert found[surface].approx is approx


@pytest.mark.parametrize(
    "text", ["een derde van de inwoners", "8,2 per 1000 inwoners", "7 procentpunt hoger"]
)
def test_not_percents(text: str) -> None:
    assert find_percents(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="RIS0123456789 %,.procentbijna>", max_size=200))
def test_any_text_gives_valid_spans(text: str) -> None:
    for finder in (find_ris, find_percents):
        spans = sorted((m.start, m.end) for m in finder(text))
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
