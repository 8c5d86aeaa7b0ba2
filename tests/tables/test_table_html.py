"""HTML tables: caption, merged header (colspan), V/N column, unit line before the table."""

from __future__ import annotations

from lxml import html as lxml_html

from policytext.tables.html import tables_from_html

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Jaarverslag</title></head><body>
<h2>Wat heeft het gekost?</h2>
<p>(incl. toevoegingen en onttrekkingen, bedragen x € 1.000)</p>
<table>
 <thead>
  <tr><th rowspan="2">Activiteiten in 2023</th><th colspan="2">Begroting saldo 2023</th>
      <th colspan="4">Rekening 2023</th><th colspan="2">Resultaat 2023</th></tr>
  <tr><th>Saldo</th><th></th><th>Lasten</th><th>Baten</th><th>Saldo</th><th></th>
      <th>Saldo</th><th></th></tr>
 </thead>
 <tbody>
  <tr><td>Sociale basis</td><td>59.484</td><td>N</td><td>61.847</td><td>6.713</td>
      <td>55.134</td><td>N</td><td>4.350</td><td>V</td></tr>
  <tr><td>Jeugdhulp</td><td>165.045</td><td>N</td><td>180.473</td><td>173</td>
      <td>180.300</td><td>N</td><td>15.255</td><td>N</td></tr>
  <tr><td>Totaal</td><td>224.529</td><td>N</td><td>242.320</td><td>6.886</td>
      <td>235.434</td><td>N</td><td>10.905</td><td>N</td></tr>
 </tbody>
</table>
<table><caption>Tabel 2 Budgettaire gevolgen (Bedragen x 1 miljoen euro)</caption>
 <tr><th>Maatregel</th><th>2022</th><th>2023</th></tr>
 <tr><td>Lagere externe inhuur</td><td>‒ 8</td><td>(15)</td></tr>
 <tr><td>Stopzetten subsidies</td><td>pm</td><td>-13</td></tr>
</table>
</body></html>"""


def test_merged_header_flags_unit_and_checks() -> None:
    first, second = tables_from_html(PAGE.encode("utf-8"), doc_id="jv")
    assert first.caption == "(incl. toevoegingen en onttrekkingen, bedragen x € 1.000)"
    assert first.unit_multiplier == 1000.0
    assert first.label_header == "Activiteiten in 2023"
    assert first.columns == [
        "Begroting saldo 2023 Saldo",
        "Rekening 2023 › Lasten",
        "Rekening 2023 › Baten",
        "Rekening 2023 › Saldo",
        "Resultaat 2023 Saldo",
    ]
    social = first.row("Sociale basis")
    assert social.values["Rekening 2023 › Lasten"] == 61_847_000.0
    assert social.flags == {
        "Begroting saldo 2023 Saldo": "N",
        "Rekening 2023 › Saldo": "N",
        "Resultaat 2023 Saldo": "V",
    }
    assert first.row("Totaal").kind == "total"
    assert first.checks and all(c.passed for c in first.checks)
    assert {c.name for c in first.checks} == {"total", "lasten_baten_saldo", "budget_result"}

    assert second.caption.startswith("Tabel 2") and second.unit_multiplier == 1e6
    assert [r.values for r in second.rows] == [
        {"2022": -8e6, "2023": -15e6},
        {"2022": None, "2023": -13e6},
    ]


def test_lxml_tree_input_and_no_tables() -> None:
    tree = lxml_html.fromstring(PAGE)
    assert len(tables_from_html(tree, doc_id="jv")) == 2
    assert tables_from_html(b"<html><body><p>Geen tabel</p></body></html>", doc_id="x") == []
    assert tables_from_html(b"", doc_id="x") == []
