"""Dataset rows for tables and cells, the gold file's shape, and the evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policytext.dataset import Column, write_datasets
from policytext.process import load_document
from policytext.tables import DATASETS, cell_rows, extract_tables, table_rows
from policytext.tables.evaluate import (
    evaluate_tables,
    is_table_gold,
    labels_match,
    load_table_gold,
    score_lines,
)
from tests.conftest import CORPUS_PDFS, JAARVERSLAG, REPO

GOLD = REPO / "annotations" / "tables.jsonl"
SAMPLE_FILE = "../corpora/sample/denhaag_jaarverslag_2023_zorg_welzijn.txt"


@pytest.fixture(scope="module")
def tables():
    return extract_tables(load_document(JAARVERSLAG), JAARVERSLAG)


def test_rows_have_the_declared_columns(tables) -> None:
    for name, rows in (("tables", table_rows(tables)), ("table_cells", cell_rows(tables))):
        cols = DATASETS[name]
        assert all(isinstance(c, Column) for c in cols)
        assert all(set(row) == {c.name for c in cols} for row in rows)
    [row] = table_rows(tables)
    json.dumps(row)  # rows and checks are JSON-able
    assert row["columns"][0] == "Begroting saldo 2023" and row["checks_failed"] == 0
    cells = cell_rows(tables)
    assert len(cells) == 7 * 5
    first = cells[0]
    assert (first["row_label"], first["column"], first["value_eur"], first["flag"]) == (
        "Sociale basis",
        "Begroting saldo 2023",
        59_484_000.0,
        "N",
    )


def test_datasets_write_in_every_format(tables, tmp_path: Path, monkeypatch) -> None:
    from policytext import dataset

    monkeypatch.setattr(dataset, "DATASETS", {**dataset.DATASETS, **DATASETS})
    written = write_datasets(
        {"tables": table_rows(tables), "table_cells": cell_rows(tables)},
        tmp_path,
        ["jsonl", "csv", "parquet", "xlsx"],
    )
    assert len(written) == 7


def test_gold_file_shape() -> None:
    gold = load_table_gold(GOLD)
    assert len(gold) >= 11
    assert sum(g["file"].endswith(".pdf") for g in gold) >= 10
    files = {Path(g["file"]).name for g in gold}
    assert {
        "minfin_bmh-2-naar-een-toekomstbestendig-zorgstelsel_2020.pdf",
        "minfin_bmh-6-naar-een-inclusieve-samenleving_2020.pdf",
        "minfin_ombuigings-en-intensiveringslijst_2021-03.pdf",
        "denhaag_jaarverslag_2023_zorg_welzijn.txt",
    } <= files
    for g in gold:
        assert {"file", "page", "caption", "unit_multiplier", "columns", "rows"} <= set(g)
        for row in g["rows"]:
            assert set(row["values"]) <= set(g["columns"])
            assert all(v is None or isinstance(v, float) for v in row["values"].values())
            assert all(f in ("V", "N") for f in row.get("flags", {}).values())
            # Labels are short identifiers, never running text from the PDFs.
            assert len(row["label"].split()) <= 8
        assert g["caption"] is None or len(g["caption"]) <= 80


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [
        (
            "Variant 1: verlagen UPZ tot het …",
            "Variant 1: verlagen UPZ29 tot het niveau van demografie",
            True,
        ),
        ("Zorgverzekeringswet", "Zorgverzekeringsw et", True),
        ("Totaal", "Totaal lasten", False),
    ],
)
def test_label_matching(gold: str, pred: str, same: bool) -> None:
    assert labels_match(gold, pred) is same


def test_evaluate_sample_table() -> None:
    result = evaluate_tables(GOLD, files=[SAMPLE_FILE])
    assert result["overall"]["cells"] == 35
    assert result["overall"]["accuracy"] == 1.0
    assert result["overall"]["flag_accuracy"] == 1.0
    assert is_table_gold(GOLD) and not is_table_gold(REPO / "annotations" / "sample.jsonl")
    assert score_lines(result)[1].split()[-1] == "1.000"


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_PDFS.exists(), reason="../shared/corpus-pdfs not present")
def test_evaluate_all_gold() -> None:
    result = evaluate_tables(GOLD)
    assert result["overall"]["accuracy"] >= 0.9
    assert result["per_kind"]["unruled"]["accuracy"] >= 0.9
    assert result["time"]["seconds_per_page"] is not None
