"""Cell, unit and header meaning: Dutch signs, empty cells, V/N markers, unit phrases,
merged headers."""

from __future__ import annotations

import time

import pytest

from policytext.tables.meaning import (
    MERGED,
    RawTable,
    column_names,
    find_unit,
    interpret,
    parse_cell,
    row_kind_of,
)

UNITS = [
    ("(incl. toevoegingen en onttrekkingen, bedragen x € 1.000)", 1_000.0),
    ("(Bedragen x 1.000 euro)", 1_000.0),
    ("Tabel: Specificatie kosten onderzoek (x 1000 euro)", 1_000.0),
    ("Tabel 1: Grondslag van het onderzoek (Bedragen x 1 miljoen euro)", 1_000_000.0),
    ("Budgettaire gevolgen in mln. euro’s (+ = saldoverslechterend)", 1_000_000.0),
    ("Minimaal te betrekken regelingen (in mln. euro)", 1_000_000.0),
    ("Tabel 18 Budgettaire gevolgen in miljard euro (+ = saldo verslechterend)", 1_000_000_000.0),
    ("In alle tabellen zijn de bedragen in miljoenen euro's", 1_000_000.0),
    ("Bedragen in miljoen euro (+ = saldo verslechterend)", 1_000_000.0),
    ("bedragen in duizenden euro's", 1_000.0),
    ("Overzicht baten en lasten (€ mln)", 1_000_000.0),
    ("Bedragen in euro's", 1.0),
]


@pytest.mark.parametrize(("caption", "factor"), UNITS, ids=[u[0][:40] for u in UNITS])
def test_unit_phrases(caption: str, factor: float) -> None:
    assert find_unit(caption) == factor


@pytest.mark.parametrize(
    "text",
    [
        "Tabel 4 Ombuigingsmaatregelen: Justitie en Veiligheid",
        "bedragen in 2019 circa 328 miljoen euro",
        "Uitgaven in euro 2023",
        "Totale uitgaven (miljoen euro)",  # a column's unit, not the table's
        "",
        None,
    ],
)
def test_no_unit(text: str | None) -> None:
    assert find_unit(text) is None


CELLS = [
    # (cell, kind, value, flag)
    ("59.484", "number", 59484.0, None),
    ("4.350 V", "number", 4350.0, "V"),
    ("1.007 N", "number", 1007.0, "N"),
    ("12 Voordeel", "number", 12.0, "V"),
    ("12 nadeel", "number", 12.0, "N"),
    ("-12", "number", -12.0, None),
    ("(12)", "number", -12.0, None),
    ("−12", "number", -12.0, None),
    ("‒ 60", "number", -60.0, None),
    ("– 1.115", "number", -1115.0, None),
    ("-/- 12", "number", -12.0, None),
    ("+395", "number", 395.0, None),
    ("-1,5", "number", -1.5, None),
    ("11,75", "number", 11.75, None),
    ("– 2. 277", "number", -2277.0, None),
    ("780+PM", "number", 780.0, "PM"),
    ("38 + PM", "number", 38.0, "PM"),
    ("€ 1.200", "number", 1200.0, None),
    ("pm", "empty", None, "PM"),
    ("p.m.", "empty", None, "PM"),
    ("-", "empty", None, None),
    ("–", "empty", None, None),
    ("n.v.t.", "empty", None, None),
    ("", "blank", None, None),
    ("V", "marker", None, "V"),
    ("N", "marker", None, "N"),
    ("Nadeel", "marker", None, "N"),
    ("37,1%", "percent", 37.1, None),
    ("-470 tot -600", "range", None, None),
    ("Jaarlijks oplopend", "text", None, None),
]


@pytest.mark.parametrize(
    ("text", "kind", "value", "flag"), CELLS, ids=[c[0] or "blank" for c in CELLS]
)
def test_cells(text: str, kind: str, value: float | None, flag: str | None) -> None:
    cell = parse_cell(text)
    assert (cell.kind, cell.value, cell.flag) == (kind, value, flag)


def test_years_are_headers_not_amounts() -> None:
    assert parse_cell("2023").is_year
    assert not parse_cell("2.023").is_year
    assert not parse_cell("-2023").is_year


@pytest.mark.parametrize("text", ["9" * 200_000, "1.2," * 50_000, "- " * 100_000, "€ " * 100_000])
def test_pathological_cells_are_fast(text: str) -> None:
    start = time.perf_counter()
    parse_cell(text)
    find_unit(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Totaal", "total"),
        ("Totaal lasten", "total"),
        ("Subtotaal", "subtotal"),
        ("Totaal 50 Studies per jaar en meer dan vijf woorden", None),
        ("Sociale basis", None),
    ],
)
def test_total_rows(label: str, kind: str | None) -> None:
    assert row_kind_of(label) == kind


def test_merged_header_is_joined_with_arrow_and_wrapped_header_with_space() -> None:
    header = [
        ["", "Begroting", MERGED, "Rekening 2023", MERGED, MERGED, MERGED, "Resultaat", MERGED],
        ["Activiteiten in 2023", "saldo 2023", "", "Lasten", "Baten", "Saldo", "", "2023", ""],
    ]
    names = column_names(header, [1, 3, 4, 5, 7])
    assert names == {
        1: "Begroting saldo 2023",
        3: "Rekening 2023 › Lasten",
        4: "Rekening 2023 › Baten",
        5: "Rekening 2023 › Saldo",
        7: "Resultaat 2023",
    }


def test_interpret_key_column_non_money_column_and_markers() -> None:
    raw = RawTable(
        header=[["Nr.", "Maatregel", "2022", "2023", "Struc.", "Struc. in"]],
        body=[
            ["1", "Lagere externe inhuur", "-8", "-15", "-23", "2024"],
            ["2", "Stopzetten subsidies", "0", "‒ 13", "p.m.", "2025"],
        ],
        caption="Bedragen in miljoen euro (+ = saldo verslechterend)",
    )
    table = interpret(raw, doc_id="d", table_id="d:t1")
    assert table.columns == ["2022", "2023", "Struc."]
    assert table.unit_multiplier == 1_000_000.0
    first, second = table.rows
    assert first.values == {"2022": -8_000_000.0, "2023": -15_000_000.0, "Struc.": -23_000_000.0}
    assert first.texts == {"Nr.": "1", "Struc. in": "2024"}
    assert second.values["Struc."] is None and second.texts["Struc."] == "p.m."
    assert table.label_header == "Maatregel"


def test_unit_inherited_only_when_none_stated() -> None:
    raw = RawTable(header=[["Sector", "2022"]], body=[["Rijk", "-140"], ["Onderwijs", "-410"]])
    table = interpret(raw, doc_id="d", table_id="t", unit_hint=1e6)
    assert (table.unit_multiplier, table.unit_source) == (1e6, "inherited")
    assert table.rows[0].values["2022"] == -140_000_000.0


def test_column_with_its_own_unit_and_count_column() -> None:
    raw = RawTable(
        header=[
            [
                "Geneesmiddel",
                "Totale uitgaven (miljoen euro)",
                "Aantal gebruikers",
                "Per gebruiker (euro’s)",
            ]
        ],
        body=[["Codeïne", "17", "650.000", "26"], ["Kunsttranen", "32", "650.000", "49"]],
        caption="Tabel 20 pakketmaatregel geneesmiddelen",
    )
    table = interpret(raw, doc_id="d", table_id="t", unit_hint=1e6, hint_source="document")
    assert table.columns == ["Totale uitgaven (miljoen euro)", "Per gebruiker (euro’s)"]
    assert table.column_units == {"Per gebruiker (euro’s)": 1.0}
    first = table.rows[0]
    assert first.values == {"Totale uitgaven (miljoen euro)": 17e6, "Per gebruiker (euro’s)": 26.0}
    assert first.texts == {"Aantal gebruikers": "650.000"}
    assert table.unit_source == "document"
