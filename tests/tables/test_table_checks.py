"""Arithmetic checks: totals, Lasten − Baten = Saldo, realisation − budget = result."""

from __future__ import annotations

import pytest

from policytext.tables.checks import run_checks
from policytext.tables.model import Row, Table

K = 1000.0


def table(columns: list[str], rows: list[Row], unit: float | None = K) -> Table:
    t = Table("d", "d:t1", None, None, unit, columns, rows)
    t.checks = run_checks(t)
    return t


def row(
    label: str, kind: str = "data", flags: dict[str, str] | None = None, **values: float | None
) -> Row:
    return Row(label, {k.replace("_", " "): v for k, v in values.items()}, flags or {}, {}, kind)


@pytest.mark.parametrize(
    ("total", "passed"),
    [(300 * K, True), (301 * K, True), (302 * K, False)],
    ids=["exact", "rounding-within-one-unit", "off-by-two-units"],
)
def test_total_against_rows(total: float, passed: bool) -> None:
    t = table(
        ["Saldo"],
        [row("A", Saldo=100 * K), row("B", Saldo=200 * K), row("Totaal", "total", Saldo=total)],
    )
    [check] = t.checks
    assert (check.name, check.row, check.passed) == ("total", "Totaal", passed)
    assert check.expected == 300 * K


def test_total_printed_above_its_rows() -> None:
    t = table(
        ["2022"],
        [
            row("Totaal", "total", **{"2022": -794.0}),
            row("Rijk", **{"2022": -140.0}),
            row("Onderwijs", **{"2022": -654.0}),
        ],
        unit=1.0,
    )
    assert [c.passed for c in t.checks] == [True]


def test_total_with_subtotals() -> None:
    rows = [
        row("a", x=1.0), row("b", x=2.0), row("Subtotaal", "subtotal", x=3.0),
        row("c", x=4.0), row("Subtotaal", "subtotal", x=4.0),
        row("Totaal", "total", x=7.0),
    ]  # fmt: skip
    t = table(["x"], rows, unit=1.0)
    assert [(c.row, c.passed) for c in t.checks] == [
        ("Subtotaal", True),
        ("Subtotaal", True),
        ("Totaal", True),
    ]


def test_vn_flags_sign_the_sum() -> None:
    rows = [
        row("A", flags={"R": "V"}, R=10.0),
        row("B", flags={"R": "N"}, R=4.0),
        row("Totaal", "total", flags={"R": "V"}, R=6.0),
    ]
    assert [c.passed for c in table(["R"], rows, unit=1.0).checks] == [True]


COLS = [
    "Begroting saldo 2023",
    "Rekening 2023 › Lasten",
    "Rekening 2023 › Baten",
    "Rekening 2023 › Saldo",
    "Resultaat 2023",
]


def jaarverslag_row(
    label: str,
    b: float,
    lasten: float,
    baten: float,
    s: float,
    r: float,
    flags: tuple[str, str, str],
) -> Row:
    values = dict(zip(COLS, (b * K, lasten * K, baten * K, s * K, r * K), strict=True))
    return Row(label, values, dict(zip((COLS[0], COLS[3], COLS[4]), flags, strict=True)))


def test_lasten_baten_saldo_and_budget_result_pass() -> None:
    t = table(
        COLS, [jaarverslag_row("Sociale basis", 59484, 61847, 6713, 55134, 4350, ("N", "N", "V"))]
    )
    names = {c.name: c.passed for c in t.checks}
    assert names == {"lasten_baten_saldo": True, "budget_result": True}


def test_checks_fail_as_information() -> None:
    # Saldo and result both printed wrong by 10 (× 1.000): the checks say so, nothing raises.
    t = table(
        COLS, [jaarverslag_row("Sociale basis", 59484, 61847, 6713, 55144, 4350, ("N", "N", "V"))]
    )
    failed = {c.name for c in t.checks if not c.passed}
    assert failed == {"lasten_baten_saldo", "budget_result"}
    assert t.checks_failed == 2


def test_budget_result_without_flags_accepts_either_sign() -> None:
    cols = ["Begroting", "Realisatie", "Verschil"]
    t = table(
        cols, [Row("Jeugd", {"Begroting": 100.0, "Realisatie": 90.0, "Verschil": 10.0})], unit=1.0
    )
    assert [(c.name, c.passed) for c in t.checks] == [("budget_result", True)]


def test_no_checks_without_totals_or_roles() -> None:
    assert (
        table(["2021", "2022"], [row("Variant I", **{"2021": 150.0, "2022": 150.0})]).checks == []
    )
