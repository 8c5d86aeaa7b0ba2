"""Commitment detection, attributes, tracking, the track command and the gold scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from policytext.commitments.attributes import amount_value, attributes
from policytext.commitments.cli import track_command
from policytext.commitments.detect import _split, rule_label
from policytext.commitments.evaluate import SAMPLE, evaluate, load_sample
from policytext.commitments.track import COLUMNS, NO_REPORT, status_of, track
from policytext.dataset import read_jsonl

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "annotations" / "commitments.jsonl"

COALITIE = (
    "Preventie\n\n"
    "We verstevigen de Haagse preventieaanpak op het gebied van gezondheid en stellen hiervoor "
    "per jaar € 6,4 miljoen beschikbaar. We starten een pilot met de Wijkbus Noord in 2024.\n"
)
VERSLAG = (
    "Preventie\n\n"
    "De Haagse Preventieaanpak (RIS315963) startte in juli 2023. Er zijn 34 cursussen gegeven.\n\n"
    "Sport\n\nHet aantal sportverenigingen is gestegen.\n"
)


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    (tmp_path / "akkoord.txt").write_text(COALITIE, encoding="utf-8")
    (tmp_path / "verslag.txt").write_text(VERSLAG, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,doc_id,doc_type,place,year\n"
        "akkoord.txt,akkoord,coalitieakkoord,Den Haag,2022\n"
        "verslag.txt,verslag,jaarverslag,Den Haag,2023\n",
        encoding="utf-8",
    )
    return tmp_path


def test_split_keeps_abbreviations() -> None:
    text = "Kinderen van ca. 36 maanden doen mee. Er is een Tweede zin; en nog een."
    parts = [text[s:e] for s, e in _split(text)]
    assert parts[0] == "Kinderen van ca. 36 maanden doen mee."
    assert len(parts) == 2


@pytest.mark.parametrize(
    ("text", "doc_type", "year", "label"),
    [
        (
            "We willen samen met de stad deze verschillen verkleinen.",
            "coalitieakkoord",
            2022,
            "commitment",
        ),
        ("Ons doel is om 1.250 ontheemden op te vangen.", "jaarverslag", 2023, "commitment"),
        (
            "We starten een pilot om spreekuren beter te benutten.",
            "coalitieakkoord",
            2022,
            "commitment",
        ),
        ("Er zijn meer trainingen gegeven dan vorig jaar.", "jaarverslag", 2023, "result"),
        (
            "Ook is er een integrale valpreventie-aanpak gerealiseerd.",
            "jaarverslag",
            2023,
            "result",
        ),
        ("In 2023 hebben we een symposium georganiseerd.", "jaarverslag", 2023, "result"),
        ("De gezondheidsverschillen in onze stad zijn groot.", "coalitieakkoord", 2022, "other"),
    ],
)
def test_rule_label(text: str, doc_type: str, year: int, label: str) -> None:
    assert rule_label(text, doc_type, year)[0] == label


def test_attributes() -> None:
    a = attributes(
        "We verstevigen de Haagse preventieaanpak en stellen hiervoor per jaar "
        "€ 6,4 miljoen beschikbaar tot 2026 (RIS315963).",
        year=2022,
    )
    assert a["actor"] == "gemeente (wij)"
    assert a["what"].startswith("de Haagse preventieaanpak")
    assert a["amounts"] == ["€ 6,4 miljoen"]
    assert a["target_dates"] == ["2026"]
    assert a["ris"] == ["315963"]
    assert "Haagse preventieaanpak" in a["programmes"]
    assert amount_value("€ 6,4 miljoen") == pytest.approx(6.4e6)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("De Haagse Preventieaanpak startte in juli 2023.", "started"),
        ("Het project is van start gegaan.", "started"),
        ("De bouw is afgerond.", "achieved"),
        ("De opening is uitgesteld tot 2025.", "delayed"),
        ("De vaccinatiegraad is wederom gedaald.", "not_achieved"),
        ("De inzet is gecontinueerd.", "ongoing"),
        ("De preventieaanpak richt zich op jonge kinderen.", "mentioned"),
    ],
)
def test_status_of(text: str, status: str) -> None:
    assert status_of(text) == status


def test_track_pair(pair: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = track([pair], out, ["jsonl", "csv"])
    assert summary["documents"] == 2
    rows = {r["text"][:14]: r for r in read_jsonl(out / "commitments.jsonl")}
    prev = rows["We verstevigen"]
    assert prev["status"] == "started"
    assert prev["amounts_not_found"] == ["€ 6,4 miljoen"]
    assert rows["We starten een"]["status"] == NO_REPORT
    links = read_jsonl(out / "links.jsonl")
    assert [link["status"] for link in links] == ["started"]
    assert "haagse preventieaanpak" in links[0]["shared_anchors"]
    table = read_jsonl(out / "commitment_status.jsonl")
    assert {(r["year"], r["status"]) for r in table} == {(2023, "started"), (2023, NO_REPORT)}
    for name, cols in COLUMNS.items():
        header = (out / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(c.name for c in cols)


def test_track_command(pair: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("track")(track_command)
    app.command("noop")(lambda: None)
    out = tmp_path / "cli"
    result = CliRunner().invoke(app, ["track", str(pair), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 links" in result.output
    assert (out / "links.jsonl").is_file()
    missing = CliRunner().invoke(app, ["track", str(tmp_path / "nope"), "-o", str(out)])
    assert missing.exit_code == 2


def test_gold_offsets_match_text() -> None:
    gold = read_jsonl(GOLD)
    docs = load_sample(sorted({r["doc_id"] for r in gold if r["kind"] == "sentence"}))
    for r in gold:
        if r["kind"] == "sentence":
            assert docs[r["doc_id"]].text[r["start"] : r["end"]] == r["text"]
        if r["kind"] == "link":
            text = docs[r["target_doc"]].text[r["passage_start"] : r["passage_end"]]
            assert text.startswith(r["passage_text"])


def test_gold_scores_meet_targets() -> None:
    scores = evaluate(GOLD)
    assert scores["sentences_cv_by_document"]["f1_macro"] >= 0.85
    assert scores["links"]["precision"] >= 0.80
    assert scores["links"]["recall"] >= 0.80
    json.dumps(scores)


def test_sample_folder_exists() -> None:
    assert (SAMPLE / "manifest.csv").is_file()
