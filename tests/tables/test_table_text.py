"""Tables flattened to one cell per line: the sample jaarverslag's financial table."""

from __future__ import annotations

import pytest

from policytext.process import load_document
from policytext.tables import extract_tables
from policytext.tables.text import table_from_text
from tests.conftest import JAARVERSLAG

COLUMNS = [
    "Begroting saldo 2023",
    "Rekening 2023 › Lasten",
    "Rekening 2023 › Baten",
    "Rekening 2023 › Saldo",
    "Resultaat 2023",
]
# label: (values × 1.000 as printed, flags of Begroting saldo, Rekening saldo, Resultaat)
EXPECTED = {
    "Sociale basis": ((59484, 61847, 6713, 55134, 4350), "NNV"),
    "Bescherming jeugd en gezin en Maatschappelijke opvang": (
        (164264, 195392, 30120, 165271, 1007),
        "NNN",
    ),
    "Gespecialiseerde zorg en ondersteuning": ((178281, 163031, 1878, 161153, 17129), "NNV"),
    "Jeugdhulp": ((165045, 180473, 173, 180300, 15255), "NNN"),
    "Volksgezondheid": ((39374, 92509, 55256, 37253, 2121), "NNV"),
    "Opgave Nieuwkomers": ((0, 45146, 45146, 0, 0), ""),
    "Totaal": ((606448, 738397, 139287, 599111, 7337), "NNV"),
}


@pytest.fixture(scope="module")
def jaarverslag_table():
    document = load_document(JAARVERSLAG)
    tables = extract_tables(document, JAARVERSLAG)
    assert len(tables) == 1
    return tables[0]


def test_structure(jaarverslag_table) -> None:
    t = jaarverslag_table
    assert t.columns == COLUMNS
    assert t.label_header == "Activiteiten in 2023"
    assert t.unit_multiplier == 1000.0 and t.unit_source == "caption"
    assert [r.label for r in t.rows] == list(EXPECTED)
    assert t.rows[-1].kind == "total"


@pytest.mark.parametrize("label", list(EXPECTED))
def test_values_and_flags(jaarverslag_table, label: str) -> None:
    row = jaarverslag_table.row(label)
    values, flags = EXPECTED[label]
    assert [row.values[c] for c in COLUMNS] == [v * 1000.0 for v in values]
    flagged = (COLUMNS[0], COLUMNS[3], COLUMNS[4])
    assert row.flags == dict(zip(flagged, flags, strict=False))


def test_all_checks_pass(jaarverslag_table) -> None:
    names = {c.name for c in jaarverslag_table.checks}
    assert names == {"total", "lasten_baten_saldo", "budget_result"}
    assert jaarverslag_table.checks_failed == 0
    assert jaarverslag_table.checks_passed == 5 + 7 + 7


def test_other_units_and_negative_cells() -> None:
    text = "\n".join(
        [
            "(Bedragen x 1 miljoen euro)",
            "Programma",
            "2022",
            "2023",
            "Jeugd",
            "(12)",
            "-3",
            "Wmo",
            "p.m.",
            "−4",
            "Totaal",
            "-12",
            "-7",
        ]
    )
    t = table_from_text(text, doc_id="d", table_id="d:t1")
    assert t is not None
    assert t.columns == ["2022", "2023"] and t.label_header == "Programma"
    assert [r.values for r in t.rows] == [
        {"2022": -12e6, "2023": -3e6},
        {"2022": None, "2023": -4e6},
        {"2022": -12e6, "2023": -7e6},
    ]
    assert all(c.passed for c in t.checks) and len(t.checks) == 2


def test_text_without_amounts_is_no_table() -> None:
    assert table_from_text("Begroting\nRekening\nToelichting", doc_id="d", table_id="t") is None
