"""PDF tables: synthetic ruled and unruled tables made with fpdf2, and pages of the real
Rijksfinanciën PDFs in ../shared/corpus-pdfs (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from policytext.tables.pdf import candidate_pages, tables_from_pdf
from tests.conftest import CORPUS_PDFS

COLS = ["2022", "2023", "Struc."]
ROWS = [
    # (nr, label lines, cells)
    ("1", ["Lagere externe inhuur"], ["– 8", "– 15", "– 23"]),
    ("2", ["Stopzetten subsidies"], ["0", "(13)", "-26"]),
    (
        "3",
        ["Besparing op kosten van meldkamers en", "de regionale centrales"],
        ["– 10,1", "p.m.", "– 22,6"],
    ),
    ("", ["Totaal"], ["– 18,1", "– 28", "– 71,6"]),
]
EXPECTED = {
    "Lagere externe inhuur": [-8e6, -15e6, -23e6],
    "Stopzetten subsidies": [0.0, -13e6, -26e6],
    "Besparing op kosten van meldkamers en de regionale centrales": [-10.1e6, None, -22.6e6],
    "Totaal": [-18.1e6, -28e6, -71.6e6],
}


def make_pdf(path: Path, *, ruled: bool) -> Path:
    pdf = FPDF(unit="pt", format="A4")
    pdf.core_fonts_encoding = "cp1252"  # WinAnsi: en dash "–" and "€" as in real documents
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(60, 60)
    pdf.multi_cell(
        470,
        14,
        "De maatregelen hieronder zijn doorgerekend door het CPB. Dit is een gewone alinea die over de hele breedte van de pagina loopt.",
    )
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(60, 120)
    pdf.cell(300, 12, "Tabel 1 Ombuigingen (bedragen in miljoenen euro's)")
    border = 1 if ruled else 0
    widths = [30, 240, 60, 60, 60]
    y = 140
    x = 60
    for w, text in zip(widths, ["Nr.", "Maatregel", *COLS], strict=True):
        pdf.set_xy(x, y)
        pdf.cell(w, 12, text, border=border, align="L" if w > 60 or text == "Nr." else "R")
        x += w
    y += 14
    for nr, labels, cells in ROWS:
        height = 12 * len(labels)
        x = 60
        pdf.set_xy(x, y)
        pdf.cell(widths[0], height, nr, border=border)
        x += widths[0]
        for i, label in enumerate(labels):
            pdf.set_xy(x, y + 12 * i)
            pdf.cell(widths[1], 12, label, border=0)
        if ruled:
            pdf.rect(x, y, widths[1], height)
        x += widths[1]
        for w, cell in zip(widths[2:], cells, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(w, 12, cell, border=0, align="R")
            if ruled:
                pdf.rect(x, y, w, height)
            x += w
        y += height + 2
    pdf.set_xy(60, y + 20)
    pdf.multi_cell(
        470, 14, "Na de tabel volgt weer gewone tekst met een getal, zoals 2023, in een zin."
    )
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
def test_synthetic_table(tmp_path: Path, ruled: bool) -> None:
    path = make_pdf(tmp_path / "tabel.pdf", ruled=ruled)
    [table] = tables_from_pdf(path, doc_id="synth")
    assert table.page == 1
    assert table.source == ("pdf-ruled" if ruled else "pdf-aligned")
    assert table.unit_multiplier == 1e6 and table.caption.startswith("Tabel 1")
    assert table.columns == COLS
    assert table.label_header == "Maatregel"
    assert {r.label: [r.values[c] for c in COLS] for r in table.rows} == EXPECTED
    assert [r.texts.get("Nr.") for r in table.rows] == ["1", "2", "3", None]
    assert table.rows[-1].kind == "total"
    assert len(table.checks) == 3 and all(c.passed for c in table.checks)


def test_candidate_pages_skip_prose(tmp_path: Path) -> None:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(470, 14, "Alleen tekst, met 1 getal.")
    pdf.add_page()
    pdf.multi_cell(470, 14, "Maatregel   2022   2023   2024\nInhuur   -8   -15   -23")
    path = tmp_path / "twee.pdf"
    pdf.output(str(path))
    assert candidate_pages(path) == [2]


def test_document_wide_unit_statement(tmp_path: Path) -> None:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(470, 14, "Leeswijzer. In alle tabellen zijn de bedragen in miljoenen euro's.")
    pdf.add_page()
    rows = (["Sector", "2022", "2023"], ["Rijk", "-140", "-332"], ["Politie", "-74", "-177"])
    for y, cells in zip((80, 95, 110), rows, strict=True):
        for x, w, text in zip((60, 300, 360), (240, 60, 60), cells, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(w, 12, text, align="L" if x == 60 else "R")
    path = tmp_path / "leeswijzer.pdf"
    pdf.output(str(path))
    [table] = tables_from_pdf(path)
    assert (table.unit_multiplier, table.unit_source) == (1e6, "document")
    assert table.row("Rijk").values == {"2022": -140e6, "2023": -332e6}


OMBUIGINGEN = CORPUS_PDFS / "minfin_ombuigings-en-intensiveringslijst_2021-03.pdf"
BMH6 = CORPUS_PDFS / "minfin_bmh-6-naar-een-inclusieve-samenleving_2020.pdf"
BMH2 = CORPUS_PDFS / "minfin_bmh-2-naar-een-toekomstbestendig-zorgstelsel_2020.pdf"
needs_corpus = pytest.mark.skipif(
    not OMBUIGINGEN.exists(), reason="../shared/corpus-pdfs not present"
)


@pytest.mark.corpus
@needs_corpus
def test_unruled_table_with_signs_apart_and_struc_in() -> None:
    # Tabel 2: no ruling lines between columns, minus signs printed apart ("– 2").
    [table] = tables_from_pdf(OMBUIGINGEN, [7])
    assert table.columns == ["2021", "2022", "2023", "2024", "2025", "2026", "Struc."]
    assert table.unit_multiplier == 1e6
    assert [r.values["2022"] for r in table.rows] == [-2e6, -5e6, -1e6]
    assert all(r.values["2021"] is None for r in table.rows)
    assert [r.texts["Struc. in"] for r in table.rows] == ["2022"] * 3


@pytest.mark.corpus
@needs_corpus
def test_two_tables_on_a_page_total_above_rows_and_inherited_unit() -> None:
    tables = tables_from_pdf(OMBUIGINGEN, [96])
    assert [t.caption.split()[1] for t in tables] == ["22", "23", "24"]
    nullijn = tables[1]
    assert (nullijn.unit_multiplier, nullijn.unit_source) == (1e6, "inherited")
    assert nullijn.rows[0].label == "Totaal" and nullijn.rows[0].values["2025"] == -4324e6
    assert nullijn.checks and all(c.passed for c in nullijn.checks)


@pytest.mark.corpus
@needs_corpus
def test_ruled_table_and_wrapped_numbers() -> None:
    [grondslag] = tables_from_pdf(BMH6, [54])
    assert grondslag.source == "pdf-ruled"
    assert grondslag.row("Totaal").values["2024"] == 16798e6
    assert len(grondslag.checks) == 6 and all(c.passed for c in grondslag.checks)
    [regelingen] = tables_from_pdf(BMH2, [61])
    # "45.54" over "0" inside one ruled cell is 45.540.
    assert regelingen.rows[0].values["2019"] == 45540e6


@pytest.mark.slow
@pytest.mark.corpus
@needs_corpus
def test_whole_pdf() -> None:
    tables = tables_from_pdf(OMBUIGINGEN)
    captions = {t.caption.split()[1] for t in tables if t.caption and t.caption.startswith("Tabel")}
    assert {"1", "4", "11", "19", "22", "23", "24"} <= captions
    assert all(
        t.unit_multiplier in (1e6, 1e9) for t in tables if t.caption and "Tabel" in t.caption
    )
