"""What a table is once it has meaning: caption, unit, named columns, labelled rows, checks.

Values are euros with the unit applied (``59.484`` under ``bedragen x € 1.000`` →
59484000.0) and keep the sign as printed (``-1,5`` → -1500000.0); ``V``/``N`` markers
stay apart as flags, so a reader can sign them either way. A merged header is joined
to the header below it with ``" › "`` (``Rekening 2023 › Lasten``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HEADER_SEPARATOR = " › "
RowKind = str  # "data", "total", "subtotal" or "section" (a row without amounts)


@dataclass(slots=True)
class Row:
    """One table row.

    ``values`` maps each column to euros (None for an empty cell: ``-``, ``pm``, blank);
    ``flags`` maps columns to ``"V"``/``"N"`` (or ``"PM"`` for ``780+PM``); ``texts``
    keeps cells that are not amounts as printed (``Nr.`` → ``"7"``, ``Struc. in`` →
    ``"2025"``, ranges, percentages).
    """

    label: str
    values: dict[str, float | None] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    kind: RowKind = "data"

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "kind": self.kind,
            "values": dict(self.values),
            "flags": dict(self.flags),
            "texts": dict(self.texts),
        }


@dataclass(slots=True)
class Check:
    """One arithmetic check: ``found`` (the printed figure) against ``expected``.

    ``name`` is ``total`` (a Totaal row against the sum of its rows),
    ``lasten_baten_saldo`` or ``budget_result`` (realisation − budget = result).
    """

    name: str
    row: str
    column: str
    expected: float
    found: float
    passed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "row": self.row,
            "column": self.column,
            "expected": self.expected,
            "found": self.found,
            "passed": self.passed,
        }


@dataclass(slots=True)
class Table:
    """A table of a document.

    ``columns`` are the amount columns in order; ``unit_multiplier`` is the factor the
    printed numbers were multiplied by (None when the table names no unit and none
    could be inherited: values are then as printed). ``unit_source`` says where the
    unit came from: ``caption``, ``header`` or ``inherited`` (an earlier table of the
    same document). ``source`` is how the table was found: ``text``, ``html``,
    ``docx``, ``pdf-ruled`` or ``pdf-aligned``.
    """

    doc_id: str
    table_id: str
    page: int | None
    caption: str | None
    unit_multiplier: float | None
    columns: list[str]
    rows: list[Row]
    checks: list[Check] = field(default_factory=list)
    label_header: str | None = None
    unit_source: str | None = None
    source: str = ""
    bbox: tuple[float, float, float, float] | None = None
    column_units: dict[str, float] = field(default_factory=dict)

    @property
    def checks_passed(self) -> int:
        return sum(c.passed for c in self.checks)

    @property
    def checks_failed(self) -> int:
        return sum(not c.passed for c in self.checks)

    def row(self, label: str) -> Row | None:
        """The first row whose label is ``label`` (``table.row("Totaal")``)."""
        return next((r for r in self.rows if r.label == label), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "table_id": self.table_id,
            "page": self.page,
            "caption": self.caption,
            "unit_multiplier": self.unit_multiplier,
            "unit_source": self.unit_source,
            "column_units": dict(self.column_units),
            "source": self.source,
            "label_header": self.label_header,
            "columns": list(self.columns),
            "rows": [r.to_dict() for r in self.rows],
            "checks": [c.to_dict() for c in self.checks],
        }
