"""Metadata: manifest rows, flags and inference from titles and file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext.meta import infer_meta, load_manifest, resolve_meta
from tests.conftest import SAMPLE


@pytest.mark.parametrize(
    ("title", "file_name", "expected"),
    [
        ("Jaarverslag 2023", "x.pdf", {"doc_type": "jaarverslag", "year": 2023}),
        (
            "Rekening 2023 gemeente Utrecht",
            "x.pdf",
            {"doc_type": "jaarverslag", "year": 2023, "place": "Utrecht"},
        ),
        ("Programmabegroting 2024-2027", "x.pdf", {"doc_type": "begroting", "year": 2024}),
        (
            "Coalitieakkoord 2022-2026 Samen verder",
            "x.pdf",
            {"doc_type": "coalitieakkoord", "year": 2022},
        ),
        (None, "regiobeeld_haaglanden_2023.pdf", {"doc_type": "regiobeeld", "year": 2023}),
        (
            "Besluitenlijst raadsvergadering 29 juni 2015",
            "x.pdf",
            {"doc_type": "besluitenlijst", "year": 2015},
        ),
    ],
    ids=[
        "jaarverslag",
        "rekening",
        "begroting",
        "coalitieakkoord",
        "from-file-name",
        "besluitenlijst",
    ],
)
def test_infer_meta(title: str | None, file_name: str, expected: dict) -> None:
    found = infer_meta(title, file_name, "")
    for key, value in expected.items():
        assert found[key] == value


def test_precedence_manifest_over_flags_over_inferred() -> None:
    meta, inferred = resolve_meta(
        manifest_row={"year": 2023},
        flags={"year": 2020, "place": "Delft", "doc_type": None},
        inferred={"year": 2019, "place": "Leiden", "doc_type": "begroting"},
    )
    assert meta == {"year": 2023, "place": "Delft", "doc_type": "begroting"}
    assert inferred == ["doc_type"]


def test_sample_manifest() -> None:
    rows = load_manifest(SAMPLE / "manifest.csv")
    assert len(rows) == 5
    for path, row in rows.items():
        assert path.is_file()
        assert isinstance(row["year"], int)
        assert row["doc_id"] == Path(path).stem


def test_manifest_without_path_column(tmp_path: Path) -> None:
    from policytext.document import IngestError

    f = tmp_path / "manifest.csv"
    f.write_text("file,year\na.txt,2023\n")
    with pytest.raises(IngestError, match="no 'path' column"):
        load_manifest(f)
