"""The command line: extract on the sample corpus, formats, metadata flags, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policytext.cli import app
from policytext.dataset import read_jsonl
from tests.conftest import JAARVERSLAG, SAMPLE

runner = CliRunner()


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(
        app, ["extract", str(SAMPLE), "-o", str(out), "--format", "jsonl,csv,xlsx", "-q"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_extract_sample_corpus(sample_run: Path) -> None:
    docs = read_jsonl(sample_run / "documents.jsonl")
    assert sorted(d["doc_id"] for d in docs) == sorted(p.stem for p in SAMPLE.glob("*.txt"))
    assert all(d["status"] == "ok" for d in docs)
    jv = next(d for d in docs if d["doc_id"] == JAARVERSLAG.stem)
    assert (jv["doc_type"], jv["place"], jv["year"]) == ("jaarverslag", "Den Haag", 2023)
    assert jv["meta_inferred"] == []
    passages = read_jsonl(sample_run / "passages.jsonl")
    assert {p["doc_id"] for p in passages} == {d["doc_id"] for d in docs}
    mentions = read_jsonl(sample_run / "mentions.jsonl")
    amount = next(m for m in mentions if m["text"] == "€ 6,4 miljoen")
    assert amount["value"] == 6_400_000.0 and amount["period"] == "jaar"
    for name in ("documents", "passages", "mentions"):
        assert (sample_run / f"{name}.csv").stat().st_size > 0
    assert (sample_run / "policytext.xlsx").is_file()


def test_passage_offsets_index_the_file(sample_run: Path) -> None:
    text = JAARVERSLAG.read_text(encoding="utf-8")
    for p in read_jsonl(sample_run / "passages.jsonl"):
        if p["doc_id"] == JAARVERSLAG.stem:
            assert text[p["start"] : p["end"]] == p["text"]


def test_flags_and_inference_without_manifest(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(JAARVERSLAG, src / "Jaarverslag 2023 Den Haag.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "--place", "Den Haag", "-q"])
    assert result.exit_code == 0, result.output
    (doc,) = read_jsonl(out / "documents.jsonl")
    assert doc["doc_id"] == "Jaarverslag 2023 Den Haag"
    assert doc["place"] == "Den Haag"
    assert doc["year"] == 2023 and doc["doc_type"] == "jaarverslag"
    assert set(doc["meta_inferred"]) >= {"year", "doc_type"}


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(JAARVERSLAG, src / "goed.txt")
    (src / "leeg.txt").write_bytes(b"")
    (src / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (src / "ruis.pdf").write_bytes(bytes(range(256)) * 40)
    (src / "binair.txt").write_bytes(bytes(range(256)) * 40)
    (src / "onbekend.xyz").write_text("tekst")
    out = tmp_path / "out"
    args = [
        "extract",
        str(src),
        str(src / "onbekend.xyz"),
        str(tmp_path / "bestaat-niet.txt"),
        "-o",
        str(out),
        "-q",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert docs["goed"]["status"] == "ok"
    for name in ("leeg", "kapot", "ruis", "binair", "onbekend", "bestaat-niet"):
        assert docs[name]["status"] == "error", name
        assert docs[name]["error"]
    stderr_lines = [
        ln for ln in result.stderr.splitlines() if ": " in ln and "documents processed" not in ln
    ]
    assert len(stderr_lines) == 6
    assert "Traceback" not in result.output
    assert any(ln.startswith(str(src / "leeg.txt")) and "empty" in ln for ln in stderr_lines)


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(JAARVERSLAG, src / "sub" / "jv.txt")
    (src / "sub" / "lus").symlink_to(src, target_is_directory=True)
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert [d["doc_id"] for d in read_jsonl(out / "documents.jsonl")] == ["jv"]


def test_no_inputs_is_a_usage_error(tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = runner.invoke(app, ["extract", str(empty), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE), "-o", str(tmp_path), "--format", "docx"])
    assert result.exit_code == 2


def test_info_names_the_blank_pipeline() -> None:
    result = runner.invoke(app, ["info", "--model", "blank"])
    assert result.exit_code == 0
    assert "blank" in result.stdout
    assert "policytext_dates" in result.stdout


def test_schema_json() -> None:
    result = runner.invoke(app, ["schema"])
    data = json.loads(result.stdout)
    assert set(data["datasets"]) >= {"documents", "passages", "mentions"}
