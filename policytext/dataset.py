"""The datasets policytext writes, their one schema, and writers for every format.

Every dataset has one declared column list (:data:`DATASETS`), the same for JSONL, CSV,
Parquet and XLSX; ``docs/schema.md`` is generated from it (``policytext schema``).
Files are written atomically: to a temporary file in the same folder, then renamed, so
an interrupted run never leaves a half-written output. Text cells of CSV and XLSX never
start a formula (OWASP CSV injection advice): ``=``, ``+``, ``-``, ``@``, tab and
carriage return at the start of a string get a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any

from policytext.columns import Column
from policytext.commitments.track import COLUMNS as COMMITMENT_DATASETS
from policytext.organisations import COLUMNS as ORGANISATION_COLUMNS
from policytext.tables import DATASETS as TABLE_DATASETS

SCHEMA_VERSION = "1.1"
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "xlsx")
XLSX_NAME = "policytext.xlsx"
LIST_SEPARATOR = " | "
SECTION_SEPARATOR = " › "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


DATASETS: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        ("doc_id", "string", "Document id (file stem unless the manifest gives one)."),
        ("path", "string", "Input path as given."),
        ("status", "string", "`ok` or `error`."),
        ("error", "string", "One-line reason when status is `error`."),
        ("source_format", "string", "text, markdown, html, docx or pdf."),
        ("doc_type", "string", "jaarverslag, begroting, coalitieakkoord, regiobeeld, ..."),
        ("place", "string", "Municipality or region."),
        ("year", "int", "Year the document is about (report year)."),
        ("title", "string", "Title from the manifest, the file's metadata or its first heading."),
        ("meta_inferred", "list", "Meta keys that were inferred rather than given."),
        ("n_chars", "int", "Characters of document text."),
        ("n_pages", "int", "Pages (PDF)."),
        ("pages_without_text", "list", "1-based pages with no text layer (PDF; OCR needed)."),
        ("n_passages", "int", "Number of passages."),
        ("n_mentions", "int", "Number of mentions."),
        ("encoding", "string", "Text encoding the file was decoded with."),
        ("warnings", "list", "Warnings about the file (guessed encoding, scanned pages, ...)."),
        ("sha256", "string", "SHA-256 of the file's bytes."),
        ("policytext_version", "string", "Version of policytext that produced the row."),
        ("schema_version", "string", "Version of this schema."),
    ),
    "passages": _cols(
        ("doc_id", "string", "Document id."),
        ("passage_id", "string", "`{doc_id}:p{index}`."),
        ("index", "int", "Position of the passage in the document, from 0."),
        ("kind", "string", "heading, paragraph, list_item or table."),
        ("level", "int", "Heading level (1 = top) for headings."),
        ("page", "int", "1-based page (PDF)."),
        ("section", "list", "Headings above the passage, outermost first."),
        ("start", "int", "Start offset in the document text."),
        ("end", "int", "End offset (exclusive)."),
        ("text", "string", "Passage text."),
        (
            "themes",
            "list",
            "Theme ids of the taxonomy the passage is about (see `policytext classify`).",
        ),
        ("scores", "json", "Theme id → probability."),
    ),
    "mentions": _cols(
        ("doc_id", "string", "Document id."),
        ("passage_id", "string", "Passage holding the mention."),
        ("page", "int", "1-based page (PDF)."),
        ("start", "int", "Start offset in the document text."),
        ("end", "int", "End offset (exclusive)."),
        ("label", "string", "AMOUNT, RIS, DATE, COUNT, PERCENT or ORG."),
        ("text", "string", "The mention as written."),
        ("value", "json", "Normalised value (euros, `RIS316587`, `2023-11-25`, 500, 95.0, name)."),
        ("value_num", "float", "The value as a number when it is one (AMOUNT, COUNT, PERCENT)."),
        ("unit", "string", "COUNT: the counted noun, lower-cased."),
        ("approx", "bool", "COUNT/PERCENT: circa, ruim, bijna, meer dan, ..."),
        ("period", "string", "AMOUNT: `jaar` or `structureel`."),
        ("mod", "string", "DATE: START, MID, END or APPROX."),
        ("range_end", "json", "Upper bound of a range; DATE `PRESENT_REF` for heden."),
        ("ref_year", "int", "COUNT: the year an implied-noun figure belongs to."),
    ),
    "organisations": ORGANISATION_COLUMNS,
    **TABLE_DATASETS,
    **COMMITMENT_DATASETS,
}


def schema_markdown() -> str:
    """``docs/schema.md``: the datasets and their columns, generated from :data:`DATASETS`."""
    lines = [
        "# Dataset schema",
        "",
        f"Schema version **{SCHEMA_VERSION}**. Generated by `policytext schema --markdown`; "
        "do not edit by hand (a test checks it matches the code).",
        "",
        "The same columns are written in every format: JSONL (`<dataset>.jsonl`), CSV "
        f"(`<dataset>.csv`), Parquet (`<dataset>.parquet`) and XLSX (`{XLSX_NAME}`, one sheet "
        "per dataset). In CSV and XLSX, `list` columns are joined with "
        f"`{LIST_SEPARATOR.strip()}` (section paths with `{SECTION_SEPARATOR.strip()}`) and "
        "`json` columns hold the value's text; JSONL and Parquet keep lists as lists. "
        "Text cells that would start a spreadsheet formula get a leading apostrophe in CSV "
        "and XLSX.",
        "",
    ]
    for name, cols in DATASETS.items():
        lines += [f"## {name}", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in cols]
        lines.append("")
    return "\n".join(lines)


@cache
def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target`` that replaces it only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, 0o666 & ~current_umask())  # mkstemp makes 0600; outputs are shared
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextmanager
def atomic_open(target: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    with atomic_path(target) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh


def neutralise(value: str) -> str:
    """Keep a text cell from being read as a spreadsheet formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _flat_cell(col: Column, value: Any) -> Any:
    """A cell for CSV/XLSX: lists joined, JSON values as text, strings neutralised."""
    if value is None:
        return None
    if col.type == "list":
        sep = SECTION_SEPARATOR if col.name == "section" else LIST_SEPARATOR
        value = sep.join(str(v) for v in value)
    elif col.type == "json":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            value = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        else:
            return value
    if isinstance(value, str):
        return neutralise(value)
    return value


def flat_rows(name: str, rows: Iterable[Mapping[str, Any]]) -> Iterator[list[Any]]:
    cols = DATASETS[name]
    for row in rows:
        yield [_flat_cell(c, row.get(c.name)) for c in cols]


def write_jsonl(name: str, rows: list[Mapping[str, Any]], path: Path) -> None:
    cols = [c.name for c in DATASETS[name]]
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps({c: row.get(c) for c in cols}, ensure_ascii=False) + "\n")


def write_csv(name: str, rows: list[Mapping[str, Any]], path: Path) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.name for c in DATASETS[name]])
        writer.writerows(flat_rows(name, rows))


def arrow_table(name: str, rows: list[Mapping[str, Any]]) -> Any:
    """A pyarrow table with the declared column types."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }
    arrays = {}
    for col in DATASETS[name]:
        values = [row.get(col.name) for row in rows]
        if col.type == "json":
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
        elif col.type == "list":
            values = [None if v is None else [str(x) for x in v] for v in values]
        arrays[col.name] = pa.array(values, type=types[col.type])
    return pa.table(arrays)


def write_parquet(name: str, rows: list[Mapping[str, Any]], path: Path) -> None:
    import pyarrow.parquet as pq

    table = arrow_table(name, rows)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)


def write_xlsx(datasets: Mapping[str, list[Mapping[str, Any]]], path: Path) -> None:
    """One workbook, one sheet per dataset, header row frozen."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    for name, rows in datasets.items():
        ws = wb.create_sheet(title=name)
        ws.freeze_panes = "A2"
        ws.append([c.name for c in DATASETS[name]])
        for cells in flat_rows(name, rows):
            ws.append(
                [
                    ILLEGAL_CHARACTERS_RE.sub("", c)[:32767] if isinstance(c, str) else c
                    for c in cells
                ]
            )
    with atomic_path(path) as tmp:
        wb.save(tmp)


WRITERS: dict[str, Callable[[str, list[Mapping[str, Any]], Path], None]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}


def write_datasets(
    datasets: Mapping[str, list[Mapping[str, Any]]], outdir: str | Path, formats: Iterable[str]
) -> list[Path]:
    """Write every dataset in every format; returns the paths written."""
    outdir = Path(outdir)
    written: list[Path] = []
    for fmt in formats:
        if fmt == "xlsx":
            path = outdir / XLSX_NAME
            write_xlsx(datasets, path)
            written.append(path)
            continue
        if fmt not in WRITERS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        for name, rows in datasets.items():
            path = outdir / f"{name}.{fmt}"
            WRITERS[fmt](name, rows, path)
            written.append(path)
    return written


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
