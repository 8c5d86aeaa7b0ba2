"""Agreement between two annotators: span scores and Cohen's kappa for themes."""

from __future__ import annotations

import pytest

from policytext.evaluate import theme_kappa


def test_theme_kappa_perfect_and_chance() -> None:
    a = [{"start": 0, "end": 5, "themes": ["kosten"]}, {"start": 6, "end": 9, "themes": []}]
    same = theme_kappa([(a, a)])
    assert same["passages"] == 2
    assert same["per_theme"]["kosten"] == pytest.approx(1.0)
    flipped = [{"start": 0, "end": 5, "themes": []}, {"start": 6, "end": 9, "themes": ["kosten"]}]
    assert theme_kappa([(a, flipped)])["per_theme"]["kosten"] == pytest.approx(-1.0)


def test_theme_kappa_only_shared_passages() -> None:
    a = [{"start": 0, "end": 5, "themes": ["kosten"]}]
    b = [{"start": 1, "end": 5, "themes": ["kosten"]}]
    assert theme_kappa([(a, b)]) == {"passages": 0, "per_theme": {}}
