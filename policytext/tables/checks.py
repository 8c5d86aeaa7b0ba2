"""Arithmetic checks on a table; a failed check is information, not an error.

- ``total``: a ``Totaal``/``Subtotaal`` row against the sum of the rows it covers (the
  rows above it back to the previous total, or its subtotals; a total printed *above*
  its rows, as in ``Totaal`` / ``Rijk`` / ``Onderwijs`` ..., against the rows below).
- ``lasten_baten_saldo``: Lasten − Baten = Saldo within one header group
  (``Rekening 2023 › Lasten``, ``› Baten``, ``› Saldo``).
- ``budget_result``: realisation − budget = result (``Rekening 2023 › Saldo`` −
  ``Begroting saldo 2023`` = ``Resultaat 2023``).

V/N flags sign the figures (``N`` = nadelig = negative); a column without flags may
follow either sign convention. The tolerance is ±1 in the table's unit (rounding).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from policytext.tables.model import HEADER_SEPARATOR, Check, Row

if TYPE_CHECKING:
    from policytext.tables.model import Table


def signed(row: Row, column: str) -> float | None:
    """The value with its flag applied: ``55.134 N`` → -55134 (euros)."""
    value = row.values.get(column)
    if value is None:
        return None
    return -value if row.flags.get(column) == "N" else value


def close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol + 1e-6 * max(abs(a), abs(b), 1.0)


def _sum(rows: Iterable[Row], column: str) -> tuple[float, int]:
    total, n = 0.0, 0
    for r in rows:
        v = signed(r, column)
        if v is not None:
            total += v
            n += 1
    return total, n


def total_checks(table: Table, tol: float) -> list[Check]:
    checks: list[Check] = []
    rows = table.rows
    for i, row in enumerate(rows):
        if row.kind not in ("total", "subtotal"):
            continue
        data_before: list[Row] = []
        subs_before: list[Row] = []
        for r in reversed(rows[:i]):
            if r.kind == "total" or (row.kind == "subtotal" and r.kind == "subtotal"):
                break
            if r.kind == "subtotal":
                subs_before.append(r)
            elif r.kind == "data":
                data_before.append(r)
        candidates: list[list[Row]] = []
        if subs_before:
            candidates.append(subs_before)
        if data_before:
            candidates.append(data_before)
        if not data_before and not subs_before:  # a total printed above its rows
            after: list[Row] = []
            for r in rows[i + 1 :]:
                if r.kind in ("total", "subtotal"):
                    break
                if r.kind == "data":
                    after.append(r)
            candidates.append(after)
        for column in table.columns:
            found = signed(row, column)
            if found is None:
                continue
            best: tuple[float, bool] | None = None
            for parts in candidates:
                expected, n = _sum(parts, column)
                if n == 0:
                    continue
                ok = close(expected, found, tol)
                if best is None or (ok and not best[1]):
                    best = (expected, ok)
            if best is not None:
                checks.append(Check("total", row.label, column, best[0], found, best[1]))
    return checks


def role_of(column: str, roles: dict[str, list[str]]) -> set[str]:
    """Roles named by a column's words: ``Rekening 2023 › Saldo`` → realisation, saldo."""
    words = column.lower().replace(HEADER_SEPARATOR.strip(), " ").split()
    found = set()
    for role, names in roles.items():
        for name in names:
            parts = name.split()
            if any(words[i : i + len(parts)] == parts for i in range(len(words))):
                found.add(role)
    return found


def group_of(column: str) -> str:
    return column.rpartition(HEADER_SEPARATOR)[0]


def lasten_baten_checks(table: Table, tol: float) -> list[Check]:
    checks: list[Check] = []
    groups: dict[str, dict[str, str]] = {}
    for column in table.columns:
        leaf = column.rpartition(HEADER_SEPARATOR)[2]
        for role in role_of(leaf, _roles()) & {"lasten", "baten", "saldo"}:
            groups.setdefault(group_of(column), {}).setdefault(role, column)
    for cols in groups.values():
        if not {"lasten", "baten", "saldo"} <= set(cols):
            continue
        lc, bc, sc = cols["lasten"], cols["baten"], cols["saldo"]
        for row in table.rows:
            lv, bv, sv = row.values.get(lc), row.values.get(bc), row.values.get(sc)
            if lv is None or bv is None or sv is None:
                continue
            flag = row.flags.get(sc)
            expected = lv - bv
            if flag == "N":
                ok = close(expected, sv, tol)
                found = sv
            elif flag == "V":
                found = -sv
                ok = close(expected, found, tol)
            else:
                found = sv
                ok = any(close(e, sv, tol) for e in (lv - bv, bv - lv, lv + bv))
            checks.append(Check("lasten_baten_saldo", row.label, sc, expected, found, ok))
    return checks


def budget_result_checks(table: Table, tol: float, roles: dict[str, set[str]]) -> list[Check]:
    budget = [c for c in table.columns if "budget" in roles[c] and "realisation" not in roles[c]]
    real = [c for c in table.columns if "realisation" in roles[c] and "budget" not in roles[c]]
    result = [c for c in table.columns if "result" in roles[c]]
    if not budget or not real or not result:
        return []
    # With Lasten/Baten/Saldo under the realisation header, the Saldo is what is compared.
    real_saldo = [c for c in real if "saldo" in roles[c]]
    bc = next((c for c in budget if "saldo" in roles[c]), budget[0])
    rc = real_saldo[0] if real_saldo else (real[0] if len(real) == 1 else None)
    xc = result[0]
    if rc is None or len({bc, rc, xc}) < 3:
        return []
    checks: list[Check] = []
    for row in table.rows:
        b, r, x = signed(row, bc), signed(row, rc), signed(row, xc)
        if b is None or r is None or x is None:
            continue
        expected = r - b
        if any(row.flags.get(c) in ("V", "N") for c in (bc, rc, xc)):
            ok = close(expected, x, tol)
        else:
            ok = close(expected, x, tol) or close(-expected, x, tol)
        checks.append(Check("budget_result", row.label, xc, expected, x, ok))
    return checks


def _roles() -> dict[str, list[str]]:
    from policytext.tables.meaning import lexicon

    return lexicon()["column_roles"]


def run_checks(table: Table) -> list[Check]:
    """All checks that apply to ``table``; the tolerance is one unit of the table."""
    tol = table.unit_multiplier or 1.0
    roles = {c: role_of(c, _roles()) for c in table.columns}
    return [
        *total_checks(table, tol),
        *lasten_baten_checks(table, tol),
        *budget_result_checks(table, tol, roles),
    ]
