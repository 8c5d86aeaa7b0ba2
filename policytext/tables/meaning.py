"""Meaning of a table's cells: units, headers, V/N markers, signs, empty cells.

Every reader (text, PDF, HTML, DOCX) turns its source into a :class:`RawTable`: header
rows and body rows of cell strings, plus the caption. :func:`interpret` does the rest
the same way for all of them:

- the unit multiplier from the caption or a header (``bedragen x € 1.000`` → 1000,
  ``(Bedragen x 1.000 euro)`` → 1000, ``x 1 miljoen euro`` → 1e6, ``in mln. euro`` →
  1e6, ``in miljard euro`` → 1e9, ``bedragen in miljoenen euro's`` → 1e6);
- column names from one or more header rows, a merged header joined to the headers
  below it (``Rekening 2023`` over ``Lasten | Baten | Saldo`` →
  ``Rekening 2023 › Lasten``), a wrapped header cell joined with a space (``Begroting``
  over ``saldo 2023`` → ``Begroting saldo 2023``);
- label columns, a ``Nr.`` key column, amount columns, columns that are not amounts
  (``Struc. in``: the year a measure is structural) and V/N marker columns;
- cells: ``-12``, ``(12)``, ``−12``, ``‒ 60``, ``-/- 12`` are negative; ``pm``, ``p.m.``,
  ``-`` are empty; ``V``/``N``/``Voordeel``/``Nadeel`` become flags (``4.350 V`` → 4350
  with flag ``V``).

The Dutch words come from ``resources/tables_nl.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from policytext.extract.numbers import parse_number
from policytext.tables.checks import run_checks
from policytext.tables.model import HEADER_SEPARATOR, Row, Table

MERGED: None = None  # a header cell that continues the cell to its left (colspan)


@cache
def lexicon() -> dict[str, Any]:
    """The table data file, read once."""
    text = resources.files("policytext.resources").joinpath("tables_nl.json").read_text("utf-8")
    return json.loads(text)


# --- units -------------------------------------------------------------------------


@cache
def unit_regex() -> re.Pattern[str]:
    """``(?:bedragen) x|in (€) SCALE (euro)`` with the scale words of the data file."""
    lex = lexicon()
    scales = sorted(lex["unit_scales"], key=len, reverse=True)
    # "1.000" also written "1,000"/"1000"; "mln"/"mld" may carry a dot; whole words only.
    alts = [re.escape(s).replace(r"\.", "[.,]?").replace(r"\ ", r"\s?") for s in scales]
    scale = "(?:" + "|".join(alts) + r")\.?(?![\w])"
    currency = "(?:" + "|".join(re.escape(c) for c in lex["unit_currency"]) + ")"
    leads = sorted(lex["unit_lead"], key=len, reverse=True)
    lead = r"(?<![\w])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}") for w in leads) + ")"
    return re.compile(
        rf"{lead}\s{{0,3}}(?:{currency}\s{{0,3}})?(?P<scale>{scale})"  # x € 1.000 / in mln. euro
        rf"|(?<![\w])€\s{{0,3}}(?P<scale2>{scale})"  # (€ mln)
        rf"|{lead}\s{{0,3}}(?P<euro>{currency})(?![\w'’])(?!\s{{0,3}}[0-9])"  # bedragen in euro's
        rf"|\((?P<scale3>{scale})\s{{0,3}}{currency}\)"  # (miljoen euro), in a column header
        rf"|\((?P<euro2>{currency})\)",  # (euro's)
        re.IGNORECASE,
    )


def scale_value(scale: str) -> float | None:
    """``"1.000"`` → 1000, ``"mln."`` → 1e6, ``"1 miljoen"`` → 1e6."""
    key = re.sub(r"\s+", " ", scale.lower().rstrip(".")).replace(",", ".")
    scales = lexicon()["unit_scales"]
    if key in scales:
        return float(scales[key])
    compact = key.replace(" ", "").replace(".", "")
    for word, factor in scales.items():
        if word.replace(" ", "").replace(".", "") == compact:
            return float(factor)
    return None


def find_unit(text: str | None, *, column: bool = False) -> float | None:
    """The unit multiplier a caption or header states.

    >>> find_unit("(incl. toevoegingen en onttrekkingen, bedragen x € 1.000)")
    1000.0
    >>> find_unit("Budgettaire gevolgen in mln. euro’s (+ = saldoverslechterend)")
    1000000.0
    """
    if not text:
        return None
    for m in unit_regex().finditer(text[:2000]):
        if not column and (m.group("scale3") or m.group("euro2")):
            continue  # "(miljoen euro)" names the unit of one column, not of a table
        if m.group("euro") or m.group("euro2"):
            return 1.0
        value = scale_value(m.group("scale") or m.group("scale2") or m.group("scale3"))
        if value is not None:
            return value
    return None


# --- cells -------------------------------------------------------------------------

SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")


@cache
def cell_regex() -> re.Pattern[str]:
    """A number cell: sign or brackets, digits, optional %, ``+PM`` and V/N marker."""
    lex = lexicon()
    minus = "".join(re.escape(s) for s in lex["minus_signs"])
    markers = "|".join(sorted((re.escape(m) for m in lex["markers"]), key=len, reverse=True))
    return re.compile(
        rf"(?P<sign>-/-|[{minus}+])?\s?(?P<open>\()?\s?(?:€\s?)?"
        r"(?P<num>[0-9][0-9.,]{0,24})\s?(?P<close>\))?\s?(?P<pct>%)?"
        r"(?:\s?(?P<pm>\+\s?p\.?m\.?))?"
        rf"(?:\s?(?P<marker>{markers}))?",
        re.IGNORECASE,
    )


RE_RANGE = re.compile(
    r"[-−–‒+]?\s?[0-9][0-9.,]{0,20}\s?(?:tot|à|-|–)\s?[-−–‒+]?\s?[0-9][0-9.,]{0,20}"
)
RE_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Cell:
    """A parsed cell. ``kind``: number, percent, empty, marker, range, text or blank.

    ``value`` is the number as printed (unit not applied); ``flag`` is V, N or PM.
    """

    text: str
    kind: str
    value: float | None = None
    flag: str | None = None

    @property
    def is_year(self) -> bool:
        """``2023`` printed bare (no sign, no dot): a header, not an amount."""
        return self.kind == "number" and RE_YEAR.fullmatch(self.text) is not None

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "percent")


def normalise_space(text: str) -> str:
    return SPACES.sub(" ", text).strip()


@cache
def _marker_map() -> dict[str, str]:
    return {k.lower(): v for k, v in lexicon()["markers"].items()}


@cache
def _empty_cells() -> frozenset[str]:
    return frozenset(c.lower() for c in lexicon()["empty_cells"])


def parse_cell(text: str | None) -> Cell:
    """Parse one cell.

    >>> parse_cell("4.350 V")
    Cell(text='4.350 V', kind='number', value=4350.0, flag='V')
    >>> parse_cell("(12)").value, parse_cell("‒ 60").value, parse_cell("p.m.").kind
    (-12.0, -60.0, 'empty')
    """
    raw = normalise_space(text or "")
    if not raw:
        return Cell("", "blank")
    low = raw.lower()
    if low in _marker_map():
        return Cell(raw, "marker", flag=_marker_map()[low])
    if low in _empty_cells():
        return Cell(raw, "empty", flag="PM" if low in lexicon()["pm_cells"] else None)
    if len(raw) <= 48:
        m = cell_regex().fullmatch(raw)
        if m and (bool(m.group("open")) == bool(m.group("close"))):
            num = m.group("num")
            value = parse_number(num) if re.search(r"[.,]$", num) is None else None
            if value is not None:
                sign = m.group("sign") or ""
                if (sign and sign != "+") or m.group("open"):
                    value = -value
                flag = None
                if m.group("marker"):
                    flag = _marker_map()[m.group("marker").lower()]
                elif m.group("pm"):
                    flag = "PM"
                kind = "percent" if m.group("pct") else "number"
                return Cell(raw, kind, value, flag)
        if RE_RANGE.fullmatch(raw):
            return Cell(raw, "range")
        # A number broken by a space inside its digit groups: "2. 277", "1 200".
        squeezed = re.sub(r"(?<=[0-9.,]) (?=[0-9])", "", raw)
        if squeezed != raw:
            cell = parse_cell(squeezed)
            if cell.kind == "number":
                return Cell(raw, cell.kind, cell.value, cell.flag)
    return Cell(raw, "text")


# --- header words ------------------------------------------------------------------


def norm_key(text: str) -> str:
    """Lower case, single spaces, no trailing colon: ``"Struc.  in"`` → ``"struc. in"``."""
    return normalise_space(text).lower().rstrip(":")


def letters(text: str) -> str:
    """Only the letters, lower-cased: how labels are compared (``"UPZ29 tot"`` → ``"upztot"``)."""
    return "".join(ch for ch in text.lower() if ch.isalpha())


def is_key_header(text: str) -> bool:
    return norm_key(text) in lexicon()["key_headers"]


def is_label_header(text: str) -> bool:
    return norm_key(text) in lexicon()["label_headers"]


def is_non_money_header(text: str) -> bool:
    """``Struc. in`` (a year), ``Aantal gebruikers``, ``fte``: not amounts."""
    key = norm_key(text)
    first = key.split()[0] if key else ""
    return key in lexicon()["non_money_headers"] or first in lexicon()["non_money_first_words"]


@cache
def _total_words() -> tuple[frozenset[str], frozenset[str]]:
    lex = lexicon()
    totals = frozenset(letters(w.split()[0]) for w in lex["total_labels"])
    subs = frozenset(letters(w) for w in lex["subtotal_labels"])
    return totals, subs


def row_kind_of(label: str) -> str | None:
    """``total`` for ``Totaal``/``Totaal lasten``, ``subtotal`` for ``Subtotaal``, else None."""
    words = normalise_space(label).split()
    if not words:
        return None
    totals, subs = _total_words()
    first = letters(words[0])
    if first in subs or letters(" ".join(words[:2])) in subs:
        return "subtotal"
    if first in totals and len(words) <= 5:
        return "total"
    return None


# --- tables ------------------------------------------------------------------------


@dataclass(slots=True)
class RawTable:
    """A table as a reader found it: rows of cell strings, spans expanded.

    ``header`` rows use ``None`` for a cell that continues the cell to its left (a
    merged header); ``body`` rows are plain strings, all rows ``width`` long. When
    ``header`` is None, leading rows without amounts are taken as the header.
    """

    body: list[list[str]]
    header: list[list[str | None]] | None = None
    caption: str | None = None
    page: int | None = None
    source: str = ""
    bbox: tuple[float, float, float, float] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        rows = [*(self.header or []), *self.body]
        return max((len(r) for r in rows), default=0)


def lift_caption_row(
    rows: list[list[str | None]], caption: str | None
) -> tuple[list[list[str | None]], str | None, bool]:
    """A first row that is one cell over the whole width (``bedragen x € 1.000``) is a
    caption; returns the rows without it, the caption and whether a row was lifted."""
    if rows and len(rows[0]) > 1 and rows[0][0] and all(c is MERGED for c in rows[0][1:]):
        first = normalise_space(rows[0][0] or "")
        return rows[1:], f"{caption} {first}".strip() if caption else first, True
    return rows, caption, False


def header_and_body(
    rows: list[list[str | None]], caption: str | None, n_head: int
) -> tuple[list[list[str | None]], list[list[str]], str | None]:
    """``(header, body, caption)`` of a table whose source marks ``n_head`` header rows
    (HTML ``<thead>``/``<th>``, DOCX repeated header rows); without marks the header is
    found by :func:`split_header`. A caption row spanning the table is lifted first."""
    rows, caption, lifted = lift_caption_row(rows, caption)
    n_head = max(0, n_head - lifted)
    if not n_head:
        header, body = split_header(rows)
        return header, body, caption
    return [list(r) for r in rows[:n_head]], [[c or "" for c in r] for r in rows[n_head:]], caption


def split_header(rows: list[list[str | None]]) -> tuple[list[list[str | None]], list[list[str]]]:
    """Leading rows without an amount (years like ``2023`` are headers) are the header.

    A row with text only in its first cell ends the header: that is a section row
    (``Overkoepelend``) unless nothing follows it. Header rows keep their merged cells
    (``None``); in body rows they become empty cells.
    """
    n = 0
    for row in rows:
        cells = [parse_cell(c) for c in row]
        if any(c.numeric and not c.is_year for c in cells):
            break
        if any(c.kind == "marker" for c in cells):
            break
        if n > 0 and not any(c.kind != "blank" for c in cells[1:]):
            break
        n += 1
        if n >= 4:
            break
    if n == len(rows):  # no amounts at all: one header row at most
        n = min(n, 1)
    header: list[list[str | None]] = [list(r) for r in rows[:n]]
    return header, [[c or "" for c in r] for r in rows[n:]]


@dataclass(slots=True)
class ColumnPlan:
    labels: list[int]
    key: int | None
    money: list[int]
    other: list[int]
    markers: dict[int, int]  # marker column → the amount column it flags
    names: dict[int, str]
    label_header: str | None


def _pad(row: list[Any], width: int, fill: Any = "") -> list[Any]:
    return [*row, *([fill] * (width - len(row)))]


def header_text(header: list[list[str | None]], row: int, col: int) -> tuple[str, int, int]:
    """The text of the header cell covering ``col`` in ``row``, with its span."""
    cells = header[row]
    start = col
    while start > 0 and cells[start] is MERGED:
        start -= 1
    end = col + 1
    while end < len(cells) and cells[end] is MERGED:
        end += 1
    return normalise_space(cells[start] or ""), start, end


def column_names(header: list[list[str | None]], named: list[int]) -> dict[int, str]:
    """Names for the ``named`` columns: merged headers joined with `` › ``, a wrapped
    cell (one header over one) with a space."""
    names: dict[int, str] = {}
    for col in named:
        parts: list[tuple[int, str, int, int]] = []  # header row, text, span start, end
        for r in range(len(header)):
            text, start, end = header_text(header, r, col)
            if text and (not parts or parts[-1][1] != text):
                parts.append((r, text, start, end))
        if not parts:
            continue
        name = parts[0][1]
        for (_, _, start, end), (r_next, text, _, _) in pairwise(parts):
            below = {header_text(header, r_next, c)[0] for c in named if start <= c < end} - {""}
            name += (HEADER_SEPARATOR if len(below) >= 2 else " ") + text
        names[col] = name
    return names


def plan_columns(header: list[list[str | None]], body: list[list[str]], width: int) -> ColumnPlan:
    """Which columns are labels, the key, amounts, other values and V/N markers."""
    parsed = [[parse_cell(c) for c in row] for row in body]
    head_of = {
        c: " ".join(header_text(header, r, c)[0] for r in range(len(header))).strip()
        for c in range(width)
    }

    def count(col: int, *kinds: str) -> int:
        return sum(1 for row in parsed if col < len(row) and row[col].kind in kinds)

    def years_only(col: int) -> bool:
        nums = [row[col] for row in parsed if col < len(row) and row[col].kind == "number"]
        return len(nums) >= 1 and all(c.is_year for c in nums)

    labels: list[int] = []
    key: int | None = None
    col = 0
    while col < width:
        h = head_of[col]
        n_num = count(col, "number", "percent", "empty", "marker", "range")
        n_text = count(col, "text")
        if is_key_header(h) or (h and is_key_header(h.split()[0]) and n_text == 0):
            key = col
        elif (
            is_label_header(h)
            or n_text > n_num
            or (col == 0 and n_num == 0)
            or (col == 0 and not h and n_text >= n_num - count(col, "empty"))
        ):
            labels.append(col)
        else:
            break
        col += 1
    money: list[int] = []
    other: list[int] = []
    markers: dict[int, int] = {}
    for c in range(col, width):
        h = head_of[c]
        n_marker = count(c, "marker")
        n_number = count(c, "number")
        n_filled = sum(1 for row in parsed if c < len(row) and row[c].kind != "blank")
        if n_marker and not n_number and not count(c, "text", "percent", "range"):
            # A V/N column flags the amount column to its left; under a merged header
            # it has no header of its own.
            target = max((m for m in money if m < c), default=None)
            own = header[-1][c] if header else ""
            if target is not None and not own:
                markers[c] = target
                continue
        if not n_filled and not h:
            continue
        if (
            is_non_money_header(h)
            or (years_only(c) and RE_YEAR.fullmatch(h) is None)
            or count(c, "percent") > n_number
            or count(c, "text") > n_number + n_marker
        ):
            other.append(c)
        else:
            money.append(c)
    names = column_names(header, money + other) if header else {}
    seen: dict[str, int] = {}
    for i, c in enumerate(money + other):
        name = names.get(c) or f"kolom {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names[c] = name
    label_header = " ".join(head_of[c] for c in labels if head_of[c]).strip() or None
    if key is not None:
        names[key] = head_of[key].split()[0] if head_of[key] else "Nr."
    return ColumnPlan(labels, key, money, other, markers, names, label_header)


def scaled(value: float, multiplier: float | None) -> float:
    """``59.484`` × 1000 → 59484000.0, rounded to cents so ``10,1`` × 1e6 stays exact."""
    return round(value * (multiplier or 1.0), 2) + 0.0


def interpret_in_order(numbered: Iterable[tuple[int, RawTable]], *, doc_id: str) -> list[Table]:
    """The tables of one document, in order (``(number, raw table)`` pairs): a table
    that names its own unit passes it on to the following tables that name none. Tables
    without columns are left out."""
    tables: list[Table] = []
    unit: float | None = None
    for i, raw in numbered:
        table = interpret(raw, doc_id=doc_id, table_id=f"{doc_id}:t{i}", unit_hint=unit)
        if table.unit_multiplier is not None and table.unit_source != "inherited":
            unit = table.unit_multiplier
        if table.columns:
            tables.append(table)
    return tables


def interpret(
    raw: RawTable,
    *,
    doc_id: str,
    table_id: str,
    unit_hint: float | None = None,
    hint_source: str = "inherited",
) -> Table:
    """Give a raw table meaning: unit, column names, rows with euros and flags, checks.

    ``unit_hint`` is used when the table names no unit (``hint_source`` says where it
    came from: an earlier table, or the document). A column whose header names its own
    unit (``Totale uitgaven (miljoen euro)``) keeps it."""
    width = raw.width
    body = [_pad(r, width) for r in raw.body]
    if raw.header is None:
        header, body = split_header(body)
    else:
        header = [_pad(r, width) for r in raw.header]
    plan = plan_columns(header, body, width)

    unit_source: str | None = None
    unit = find_unit(raw.caption)
    if unit is not None:
        unit_source = "caption"
    else:
        head_texts = " ".join(c for row in header for c in row if c)
        unit = find_unit(head_texts)
        if unit is not None:
            unit_source = "header"
        elif unit_hint is not None:
            unit, unit_source = unit_hint, hint_source
    column_units = {
        c: u
        for c in plan.money
        if (u := find_unit(plan.names[c], column=True)) is not None and u != unit
    }

    rows: list[Row] = []
    for cells in body:
        label = normalise_space(" ".join(cells[c] for c in plan.labels if cells[c]))
        row = Row(label=label)
        if plan.key is not None and normalise_space(cells[plan.key]):
            row.texts[plan.names[plan.key]] = normalise_space(cells[plan.key])
        for c in plan.money:
            name = plan.names[c]
            cell = parse_cell(cells[c])
            row.values[name] = None
            if cell.kind == "number":
                row.values[name] = scaled(cell.value or 0.0, column_units.get(c, unit))
            elif cell.kind in ("text", "range", "percent"):
                row.texts[name] = cell.text
            if cell.flag:
                row.flags[name] = cell.flag
            if cell.kind == "empty" and cell.flag == "PM":
                row.texts[name] = cell.text
        for c in plan.other:
            text = normalise_space(cells[c])
            if text:
                row.texts[plan.names[c]] = text
        for c, target in plan.markers.items():
            cell = parse_cell(cells[c])
            if cell.kind == "marker" and cell.flag:
                row.flags[plan.names[target]] = cell.flag
        has_amount = any(v is not None for v in row.values.values())
        filled = any(cells[c].strip() for c in plan.money)
        kind = row_kind_of(label)
        if kind:
            row.kind = kind
        elif not filled and not row.flags and not (set(row.texts) - {plan.names.get(plan.key)}):
            row.kind = "section"
        if not label and not has_amount and not row.texts and not row.flags:
            continue
        rows.append(row)

    table = Table(
        doc_id=doc_id,
        table_id=table_id,
        page=raw.page,
        caption=normalise_space(raw.caption) if raw.caption else None,
        unit_multiplier=unit,
        columns=[plan.names[c] for c in plan.money],
        rows=rows,
        label_header=plan.label_header,
        unit_source=unit_source,
        source=raw.source,
        bbox=raw.bbox,
        column_units={plan.names[c]: u for c, u in column_units.items()},
    )
    table.checks = run_checks(table)
    return table
