"""Agreement between two annotators: span scores and Cohen's kappa for themes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policytext.cli import app
from policytext.evaluate import theme_agreement, theme_kappa


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


# --- passage-theme gold (text files and PDF passages alike) --------------------------

REPO = Path(__file__).resolve().parents[1]
COALITIE = REPO / "corpora" / "sample" / "denhaag_coalitieakkoord_2022_preventie.txt"
# Passages of the coalitieakkoord (offsets into the file) with the first pass's themes.
PASSAGES = [
    (84, 491, ["positieve_gezondheid", "sociale_situatie"]),
    (495, 1558, ["positieve_gezondheid"]),
    (1561, 2098, ["sociale_situatie"]),
    (2101, 2474, ["positieve_gezondheid"]),
]


def write_theme_gold(path: Path, passages, doc_id: str = "coalitie") -> Path:
    line = {
        "doc_id": doc_id,
        "text_file": str(COALITIE),
        "passages": [{"start": s, "end": e, "themes": t} for s, e, t in passages],
    }
    path.write_text(json.dumps(line) + "\n", "utf-8")
    return path


def test_theme_agreement_kappa_and_f1(tmp_path: Path) -> None:
    a = write_theme_gold(tmp_path / "a.jsonl", PASSAGES)
    b_passages = [*PASSAGES[:3], (2101, 2474, ["sociale_situatie"])]
    b = write_theme_gold(tmp_path / "b.jsonl", b_passages)
    scores = theme_agreement([a], [b])
    assert scores["passages"] == 4 and scores["documents"] == 1
    assert scores["b_against_a"]["themes"]["positieve_gezondheid"]["r"] == pytest.approx(
        2 / 3, abs=1e-3
    )
    assert scores["b_against_a"]["themes"]["sociale_situatie"]["p"] == pytest.approx(
        2 / 3, abs=1e-3
    )
    assert scores["kappa"]["positieve_gezondheid"] < 1
    assert theme_agreement([a], [a])["b_against_a"]["micro"]["f"] == pytest.approx(1.0)


def test_cli_agreement_takes_several_files_for_annotator_a(tmp_path: Path) -> None:
    a1 = write_theme_gold(tmp_path / "a1.jsonl", PASSAGES[:2])
    a2 = write_theme_gold(tmp_path / "a2.jsonl", PASSAGES[2:], doc_id="coalitie")
    b = write_theme_gold(tmp_path / "b.jsonl", PASSAGES)
    out = tmp_path / "k.json"
    result = CliRunner().invoke(
        app, ["annotate", "agreement", str(a1), str(a2), str(b), "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))["passages"] == 4


def test_cli_evaluate_themes_cross_validates_by_document(tmp_path: Path) -> None:
    """Theme-only gold is scored by document-grouped CV: two documents, two folds."""
    first = write_theme_gold(tmp_path / "a.jsonl", PASSAGES, doc_id="one")
    second = write_theme_gold(tmp_path / "b.jsonl", PASSAGES, doc_id="two")
    out = tmp_path / "cv.json"
    result = CliRunner().invoke(app, ["evaluate", str(first), str(second), "--json", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text("utf-8"))
    assert scores["folds"] == [["one"], ["two"]]
    assert scores["n_passages"] == 8 and "leave one document out" in scores["scheme"]
    assert set(scores["themes"]) >= {"positieve_gezondheid", "sociale_situatie"}


def test_cli_evaluate_themes_with_a_trained_model(tmp_path: Path) -> None:
    gold = write_theme_gold(tmp_path / "a.jsonl", PASSAGES)
    out = tmp_path / "m.json"
    result = CliRunner().invoke(
        app,
        [
            "evaluate",
            str(gold),
            "--themes-model",
            str(REPO / "models" / "themes"),
            "--json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text("utf-8"))
    assert scores["n_passages"] == 4 and scores["scheme"].startswith("trained model")
