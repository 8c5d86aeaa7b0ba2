"""Tables flattened to one cell per line, as web exports of jaarverslagen print them.

The segmenter marks such a run as one passage of kind ``table``; its text looks like::

    (incl. toevoegingen en onttrekkingen, bedragen x € 1.000)
    Begroting / Rekening 2023 / Resultaat / Activiteiten in 2023 / saldo 2023 / Lasten /
    Baten / Saldo / 2023 / Sociale basis / 59.484 / N / 61.847 / 6.713 / 55.134 / N /
    4.350 / V / ...

(one cell per line). The rows are rebuilt from the cells: a text line starts a row, the
numbers and V/N markers after it are its cells. The cell pattern most rows share
(``number marker number number number marker number marker``) gives the columns, so a
``-`` is read as an empty flag or an empty amount by its place. The header lines
before the first row are split into rows so that a merged header covers the
sub-headers it belongs to: ``Rekening 2023`` over ``Lasten``, ``Baten``, ``Saldo``
(known groups from ``tables_nl.json``).
"""

from __future__ import annotations

from collections import Counter

from policytext.tables.meaning import (
    MERGED,
    RawTable,
    find_unit,
    interpret,
    lexicon,
    normalise_space,
    parse_cell,
)
from policytext.tables.model import Table

MAX_CAPTION_LINES = 3
MAX_HEADER_LINES = 40


def token_type(text: str) -> str:
    """``num`` (an amount), ``mark`` (V/N), ``dash`` (``-``, ``pm``: empty) or ``text``."""
    cell = parse_cell(text)
    if cell.kind in ("number", "percent"):
        return "num"
    if cell.kind == "marker":
        return "mark"
    if cell.kind == "empty":
        return "dash"
    return "text"


def is_caption_line(line: str) -> bool:
    low = line.lower()
    starts = tuple(lexicon()["caption_starts"])
    return (
        find_unit(line) is not None
        or low.startswith(starts)
        or (line.startswith("(") and line.endswith(")"))
    )


def header_units(bottom: list[str]) -> list[tuple[int, int]]:
    """Runs of value headers that a merged header covers: ``Lasten Baten Saldo`` is one."""
    groups = [[w.lower() for w in g] for g in lexicon()["header_groups"]]
    words = [normalise_space(b).lower().split()[0] if b.strip() else "" for b in bottom]
    units: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for g in sorted(groups, key=len, reverse=True):
            if words[i : i + len(g)] == g:
                units.append((i, i + len(g)))
                i += len(g)
                break
        else:
            units.append((i, i + 1))
            i += 1
    return units


def solve_header(
    lines: list[str], n: int
) -> tuple[str | None, list[str], list[tuple[str, int, int]]]:
    """Split header lines into (label header, value headers, merged top headers).

    A top header covers value columns ``[start, end)``. ``Begroting``, ``Rekening 2023``,
    ``Resultaat`` over ``Activiteiten in 2023``, ``saldo 2023``, ``Lasten``, ``Baten``,
    ``Saldo``, ``2023`` → label header ``Activiteiten in 2023``; ``Rekening 2023`` covers
    Lasten, Baten and Saldo.
    """
    for with_label in (True, False):
        size = n + 1 if with_label else n
        if len(lines) < size:
            continue
        bottom_all = lines[len(lines) - size :]
        top = lines[: len(lines) - size]
        label = bottom_all[0] if with_label else None
        bottom = bottom_all[1:] if with_label else bottom_all
        if not top:
            return label, bottom, []
        if len(top) == n:
            return label, bottom, [(t, i, i + 1) for i, t in enumerate(top)]
        if len(top) == 1:
            return label, bottom, [(top[0], 0, n)]
        units = header_units(bottom)
        if len(units) == len(top):
            return label, bottom, [(t, a, b) for t, (a, b) in zip(top, units, strict=True)]
    # Not solvable: the last n lines name the columns, the rest is left out.
    bottom = lines[-n:] if n else []
    bottom = ["" for _ in range(n - len(bottom))] + bottom
    return None, bottom, []


def align(types: list[str], pattern: list[str]) -> list[int]:
    """Slot in ``pattern`` for each token: positional when lengths agree, else greedy
    (an amount skips a flag slot, a marker skips to the next flag slot)."""
    if len(types) == len(pattern):
        return list(range(len(types)))
    slots: list[int] = []
    s = 0
    for t in types:
        while s < len(pattern) and (
            (t == "num" and pattern[s] == "mark") or (t == "mark" and pattern[s] == "num")
        ):
            s += 1
        slots.append(min(s, len(pattern) - 1))
        s += 1
    return slots


def raw_from_text(text: str, *, page: int | None = None) -> RawTable | None:
    """A :class:`RawTable` from a flattened table's text, or None if it holds no amounts."""
    lines = [normalise_space(line) for line in text.splitlines() if line.strip()]
    caption_lines: list[str] = []
    while lines and len(caption_lines) < MAX_CAPTION_LINES and is_caption_line(lines[0]):
        caption_lines.append(lines.pop(0))
    types = [token_type(line) for line in lines]
    # The first amount (a bare year such as "2023" is still a header).
    first = next(
        (i for i, t in enumerate(types) if t == "num" and not parse_cell(lines[i]).is_year), None
    )
    if first is None or first == 0 or types[first - 1] != "text":
        return None
    header_lines = lines[: first - 1][-MAX_HEADER_LINES:]

    # Rows: text lines are labels (earlier ones of a run are rows without amounts).
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    pending: list[str] = []
    for line, t in zip(lines[first - 1 :], types[first - 1 :], strict=True):
        if t == "text":
            pending.append(line)
            continue
        if pending:  # the last pending label is the row these cells belong to
            rows.extend((label, []) for label in pending)
            pending = []
        if not rows:
            rows.append(("", []))
        rows[-1][1].append((line, t))
    rows.extend((label, []) for label in pending)

    sequences = [tuple(t for _, t in tokens) for _, tokens in rows if tokens]
    clean = [s for s in sequences if "dash" not in s]
    if clean:
        pattern = list(Counter(clean).most_common(1)[0][0])
    else:
        longest = max(sequences, key=len)
        pattern = ["num" if t == "dash" else t for t in longest]
    n_values = pattern.count("num")
    width = 1 + len(pattern)
    value_cols = [1 + i for i, t in enumerate(pattern) if t == "num"]

    body: list[list[str]] = []
    for label, tokens in rows:
        cells = [label] + [""] * len(pattern)
        for (tok, _), slot in zip(tokens, align([t for _, t in tokens], pattern), strict=True):
            cells[1 + slot] = f"{cells[1 + slot]} {tok}".strip()
        body.append(cells)

    label_header, bottom, top = solve_header(header_lines, n_values)
    header: list[list[str | None]] = []
    if top:
        row: list[str | None] = [""] * width
        for text_, start, end in top:
            first_col = value_cols[start]
            last_col = value_cols[end] - 1 if end < len(value_cols) else width - 1
            row[first_col] = text_
            for c in range(first_col + 1, last_col + 1):
                row[c] = MERGED
        header.append(row)
    bottom_row: list[str | None] = [""] * width
    bottom_row[0] = label_header or ""
    for col, text_ in zip(value_cols, bottom, strict=False):
        bottom_row[col] = text_
    header.append(bottom_row)
    caption = " ".join(caption_lines) or None
    return RawTable(body=body, header=header, caption=caption, page=page, source="text")


def table_from_text(
    text: str,
    *,
    doc_id: str,
    table_id: str,
    page: int | None = None,
    unit_hint: float | None = None,
) -> Table | None:
    """The table in a flattened table passage (see the module docstring)."""
    raw = raw_from_text(text, page=page)
    if raw is None:
        return None
    return interpret(raw, doc_id=doc_id, table_id=table_id, unit_hint=unit_hint)
