"""classify_jsonl: adds themes and scores, passes every other key through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policytext.themes.classify import ClassifyError, classify_jsonl


def test_classify_jsonl_pass_through(tiny_model_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": 1, "text": "De wachtlijst voor beschermd wonen groeit.", "meta": {"page": 3}},
        {"id": 2, "text": "Home", "themes": "will be replaced"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out" / "classified.jsonl"
    assert classify_jsonl(src, out, tiny_model_dir) == 2
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == [1, 2]
    assert got[0]["meta"] == {"page": 3} and got[0]["text"] == rows[0]["text"]
    assert "wachten" in got[0]["themes"]
    assert got[1]["themes"] == []
    assert set(got[0]["scores"]) == {"wachten", "geld", "gezond"}
    assert not list(out.parent.glob(".*.tmp"))


def test_classify_jsonl_refuses_lines_without_text(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(ClassifyError, match=r"in\.jsonl:1"):
        classify_jsonl(src, out)
    assert not out.exists()
