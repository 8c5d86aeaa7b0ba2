"""Dataset writers: one schema in every format, atomic files, no spreadsheet formulas."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from policytext.dataset import DATASETS, neutralise, schema_markdown, write_datasets
from tests.conftest import REPO

ROWS = {
    "documents": [
        {
            "doc_id": "d1",
            "status": "ok",
            "year": 2023,
            "warnings": ["w1", "w2"],
            "meta_inferred": [],
        }
    ],
    "passages": [
        {
            "doc_id": "d1",
            "passage_id": "d1:p0",
            "index": 0,
            "kind": "paragraph",
            "section": ["1. Sociale basis", "Jeugd"],
            "start": 0,
            "end": 5,
            "text": "=SUM(A1)",
        }
    ],
    "mentions": [
        {
            "doc_id": "d1",
            "label": "AMOUNT",
            "text": "€ 6,4 miljoen",
            "value": 6400000.0,
            "value_num": 6400000.0,
            "period": "jaar",
            "start": 0,
            "end": 13,
        },
        {
            "doc_id": "d1",
            "label": "DATE",
            "text": "2021 - heden",
            "value": "2021",
            "range_end": "PRESENT_REF",
            "start": 20,
            "end": 32,
        },
        {
            "doc_id": "d1",
            "label": "COUNT",
            "text": "-5 mensen",
            "value": -5,
            "value_num": -5.0,
            "start": 40,
            "end": 49,
        },
    ],
}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 70", "'+31 70"),
        ("-", "'-"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("RIS316587", "RIS316587"),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_all_formats_have_the_declared_columns(tmp_path: Path) -> None:
    written = write_datasets(ROWS, tmp_path, ["jsonl", "csv", "parquet", "xlsx"])
    assert len(written) == 10
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "policytext.xlsx")
    for name in ROWS:
        names = [c.name for c in DATASETS[name]]
        first = json.loads((tmp_path / f"{name}.jsonl").read_text().splitlines()[0])
        assert list(first) == names
        with open(tmp_path / f"{name}.csv", newline="") as fh:
            assert next(csv.reader(fh)) == names
        assert pq.read_table(tmp_path / f"{name}.parquet").column_names == names
        assert [c.value for c in wb[name][1]] == names
    assert not list(tmp_path.glob(".*.tmp"))


def test_csv_and_xlsx_cells_are_safe_and_numbers_stay_numbers(tmp_path: Path) -> None:
    write_datasets(ROWS, tmp_path, ["csv", "xlsx"])
    with open(tmp_path / "passages.csv", newline="") as fh:
        row = next(iter(csv.DictReader(fh)))
    assert row["text"] == "'=SUM(A1)"
    assert row["section"] == "1. Sociale basis › Jeugd"
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "policytext.xlsx")["mentions"]
    header = [c.value for c in ws[1]]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    col = header.index("value_num")
    assert values[0][col] == 6400000.0 and values[2][col] == -5.0
    assert values[2][header.index("text")] == "'-5 mensen"


def test_parquet_keeps_lists_and_json(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    write_datasets(ROWS, tmp_path, ["parquet"])
    table = pq.read_table(tmp_path / "passages.parquet").to_pylist()
    assert table[0]["section"] == ["1. Sociale basis", "Jeugd"]
    mentions = pq.read_table(tmp_path / "mentions.parquet").to_pylist()
    assert json.loads(mentions[0]["value"]) == 6400000.0
    assert json.loads(mentions[1]["range_end"]) == "PRESENT_REF"


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    bad = {"mentions": [{"doc_id": "d", "value": object()}]}
    with pytest.raises(TypeError):
        write_datasets(bad, tmp_path, ["jsonl"])
    assert list(tmp_path.iterdir()) == []


def test_docs_schema_is_generated_from_code() -> None:
    assert (REPO / "docs" / "schema.md").read_text(encoding="utf-8") == schema_markdown()
