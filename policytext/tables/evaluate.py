"""Score table extraction against ``annotations/tables.jsonl`` (see README-tables.md).

A gold cell is right when the extractor has a row with the same label (letters
compared, so ``UPZ29`` = ``UPZ``; a gold label ending in ``…`` is a prefix), a column
with the same name (case and spacing aside) and the same value in euros. Only cells
with an amount count; empty gold cells and V/N flags are scored apart. Each gold table
is paired with the extracted table on the same page that gets most of its cells right.

Time is measured per source file: PDFs per page read (only the gold pages), text
documents per document (reading and segmenting included).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from policytext.tables.meaning import letters, normalise_space
from policytext.tables.model import HEADER_SEPARATOR, Table

Extractor = Callable[[Path, list[int] | None, list[dict[str, Any]]], list[Table]]
ELLIPSIS = "…"


def load_table_gold(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def resolve_source(file: str, gold_path: Path) -> Path:
    """``file`` relative to the gold file's folder, else to the folder above it (the
    repository root: ``../shared/corpus-pdfs/...``)."""
    base = gold_path.resolve().parent
    for root in (base, base.parent):
        candidate = (root / file).resolve()
        if candidate.exists():
            return candidate
    return (base / file).resolve()


def column_key(name: str) -> str:
    """``"Rekening 2023 ›  Lasten"`` → ``"rekening 2023 › lasten"``."""
    parts = [normalise_space(p).lower() for p in name.split(HEADER_SEPARATOR.strip())]
    return HEADER_SEPARATOR.join(parts)


HASH_PREFIX = "sha1:"


def sha1_text(text: str) -> str:
    return HASH_PREFIX + hashlib.sha1(text.encode("utf-8")).hexdigest()


def hash_label(label: str) -> str:
    """Gold for PDFs stores no text taken from them: a row label becomes the SHA-1 of its
    letters, with ``:n`` when only its first ``n`` letters must match (``…`` labels)."""
    prefix = label.rstrip().endswith(ELLIPSIS)
    g = letters(label.replace(ELLIPSIS, ""))
    return sha1_text(g) + (f":{len(g)}" if prefix else "")


def hash_column(name: str) -> str:
    return sha1_text(column_key(name))


def labels_match(gold: str, pred: str) -> bool:
    """Letters compared; a gold label ending in ``…`` only needs to start the predicted one."""
    if gold.startswith(HASH_PREFIX):
        digest, _, n = gold.partition(":")[2].partition(":")
        p = letters(pred)
        if n:
            return len(p) >= int(n) and sha1_text(p[: int(n)]) == HASH_PREFIX + digest
        return sha1_text(p) == HASH_PREFIX + digest
    prefix = gold.rstrip().endswith(ELLIPSIS)
    g = letters(gold.replace(ELLIPSIS, ""))
    p = letters(pred)
    if not g:
        return not p
    return p.startswith(g) if prefix else p == g


def same_value(gold: float, pred: float | None) -> bool:
    return pred is not None and abs(gold - pred) <= 0.005 + 1e-9 * abs(gold)


def match_rows(gold_rows: list[dict[str, Any]], table: Table) -> list[int | None]:
    """For each gold row, the index of its row in ``table`` (in order, by label)."""
    taken: set[int] = set()
    out: list[int | None] = []
    pos = 0
    for g in gold_rows:
        hit = next(
            (
                i
                for i in range(pos, len(table.rows))
                if i not in taken and labels_match(g["label"], table.rows[i].label)
            ),
            None,
        )
        if hit is None:
            hit = next(
                (
                    i
                    for i in range(len(table.rows))
                    if i not in taken and labels_match(g["label"], table.rows[i].label)
                ),
                None,
            )
        if hit is not None:
            taken.add(hit)
            pos = hit + 1
        out.append(hit)
    return out


def score_table(gold: dict[str, Any], table: Table | None) -> dict[str, Any]:
    """Cells, flags and empty cells right for one gold table against one extracted table."""
    cells = correct = flags = flags_ok = empties = empties_ok = 0
    errors: list[dict[str, Any]] = []
    hashed = bool(gold.get("hashed"))
    columns = {
        (hash_column(c) if hashed else column_key(c)): c for c in (table.columns if table else [])
    }
    rows = match_rows(gold["rows"], table) if table else [None] * len(gold["rows"])
    for g, idx in zip(gold["rows"], rows, strict=True):
        pred = table.rows[idx] if table is not None and idx is not None else None
        for col, value in g["values"].items():
            pcol = columns.get(col if hashed else column_key(col))
            got = pred.values.get(pcol) if pred is not None and pcol is not None else None
            if value is None:
                empties += 1
                empties_ok += got is None
                continue
            cells += 1
            if same_value(value, got):
                correct += 1
            else:
                errors.append({"row": g["label"], "column": col, "gold": value, "found": got})
        for col, flag in g.get("flags", {}).items():
            pcol = columns.get(col if hashed else column_key(col))
            flags += 1
            flags_ok += pred is not None and pcol is not None and pred.flags.get(pcol) == flag
    unit_ok = table is not None and table.unit_multiplier == gold.get("unit_multiplier")
    return {
        "cells": cells,
        "correct": correct,
        "flags": flags,
        "flags_correct": flags_ok,
        "empty_cells": empties,
        "empty_correct": empties_ok,
        "rows": len(gold["rows"]),
        "rows_found": sum(i is not None for i in rows),
        "unit_ok": unit_ok,
        "errors": errors,
    }


def pair_tables(
    golds: list[dict[str, Any]], found: list[Table]
) -> list[tuple[dict[str, Any], Table | None]]:
    """Each gold table with the extracted table of its page that scores best (one-to-one)."""
    options = []
    for gi, g in enumerate(golds):
        for ti, t in enumerate(found):
            if g.get("page") is not None and t.page != g["page"]:
                continue
            s = score_table(g, t)
            options.append((s["correct"] + s["flags_correct"], s["rows_found"], gi, ti))
    options.sort(reverse=True)
    used_g: set[int] = set()
    used_t: set[int] = set()
    pairs: dict[int, Table] = {}
    for score, _, gi, ti in options:
        if gi in used_g or ti in used_t or score == 0:
            continue
        used_g.add(gi)
        used_t.add(ti)
        pairs[gi] = found[ti]
    return [(g, pairs.get(i)) for i, g in enumerate(golds)]


def default_extract(
    path: Path, pages: list[int] | None, golds: list[dict[str, Any]]
) -> list[Table]:
    """policytext's own extraction: the gold pages of a PDF, or the whole text document."""
    if path.suffix.lower() == ".pdf":
        from policytext.tables.pdf import tables_from_pdf

        return tables_from_pdf(path, pages)
    from policytext.process import load_document
    from policytext.tables import extract_tables

    document = load_document(path)
    return extract_tables(document, path)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


class Tally:
    def __init__(self) -> None:
        self.n: dict[str, int] = defaultdict(int)

    def add(self, s: dict[str, Any]) -> None:
        for k in (
            "cells",
            "correct",
            "flags",
            "flags_correct",
            "empty_cells",
            "empty_correct",
            "rows",
            "rows_found",
        ):
            self.n[k] += s[k]
        self.n["tables"] += 1
        self.n["tables_exact"] += s["correct"] == s["cells"] and s["flags_correct"] == s["flags"]
        self.n["units_ok"] += bool(s["unit_ok"])

    def result(self) -> dict[str, Any]:
        n = self.n
        return {
            "tables": n["tables"],
            "tables_exact": n["tables_exact"],
            "cells": n["cells"],
            "correct": n["correct"],
            "accuracy": _ratio(n["correct"], n["cells"]),
            "flags": n["flags"],
            "flag_accuracy": _ratio(n["flags_correct"], n["flags"]),
            "empty_cells": n["empty_cells"],
            "empty_accuracy": _ratio(n["empty_correct"], n["empty_cells"]),
            "rows_found": _ratio(n["rows_found"], n["rows"]),
            "unit_accuracy": _ratio(n["units_ok"], n["tables"]),
        }


def evaluate_tables(
    gold_path: str | Path, *, extract: Extractor | None = None, files: Iterable[str] | None = None
) -> dict[str, Any]:
    """Cell accuracy overall, per source format, per file, ruled/unruled and per table,
    plus time per PDF page and per text document. ``extract`` swaps the extractor
    (the benchmark passes plain pdfplumber); ``files`` limits the gold files scored."""
    gold_path = Path(gold_path)
    extract = extract or default_extract
    golds = load_table_gold(gold_path)
    wanted = set(files) if files is not None else None
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in golds:
        if wanted is None or g["file"] in wanted:
            by_file[g["file"]].append(g)

    overall, per_format, per_file = Tally(), defaultdict(Tally), defaultdict(Tally)
    per_kind, per_origin = defaultdict(Tally), defaultdict(Tally)
    per_table: list[dict[str, Any]] = []
    if extract is default_extract and any(not f.endswith(".pdf") for f in by_file):
        import policytext.process  # noqa: F401  (imported before the clock starts)
    pdf_pages = 0
    pdf_seconds = 0.0
    text_docs = 0
    text_seconds = 0.0
    missing: list[str] = []
    for file, items in by_file.items():
        path = resolve_source(file, gold_path)
        if not path.exists():
            missing.append(file)
            continue
        is_pdf = path.suffix.lower() == ".pdf"
        pages = sorted({g["page"] for g in items if g.get("page")}) if is_pdf else None
        t0 = time.perf_counter()
        found = extract(path, pages, items)
        elapsed = time.perf_counter() - t0
        if is_pdf:
            pdf_pages += len(pages or [])
            pdf_seconds += elapsed
        else:
            text_docs += 1
            text_seconds += elapsed
        fmt = "pdf" if is_pdf else path.suffix.lower().lstrip(".") or "text"
        for g, t in pair_tables(items, found):
            s = score_table(g, t)
            kind = "ruled" if g.get("ruled") else "unruled"
            origin = g.get("gold_origin", "checked")
            for tally in (
                overall,
                per_format[fmt],
                per_file[file],
                per_kind[kind],
                per_origin[origin],
            ):
                tally.add(s)
            per_table.append(
                {
                    "file": file,
                    "page": g.get("page"),
                    "caption": g.get("caption"),
                    "ruled": bool(g.get("ruled")),
                    "table_id": t.table_id if t else None,
                    "cells": s["cells"],
                    "correct": s["correct"],
                    "accuracy": _ratio(s["correct"], s["cells"]),
                    "flag_accuracy": _ratio(s["flags_correct"], s["flags"]),
                    "rows_found": f"{s['rows_found']}/{s['rows']}",
                    "unit_ok": s["unit_ok"],
                    "errors": s["errors"][:20],
                }
            )
    return {
        "gold": str(gold_path),
        "overall": overall.result(),
        "per_format": {k: v.result() for k, v in per_format.items()},
        "per_kind": {k: v.result() for k, v in sorted(per_kind.items())},
        "per_file": {k: v.result() for k, v in per_file.items()},
        "per_origin": {k: v.result() for k, v in sorted(per_origin.items())},
        "per_table": per_table,
        "time": {
            "pdf_pages": pdf_pages,
            "pdf_seconds": round(pdf_seconds, 3),
            "seconds_per_page": round(pdf_seconds / pdf_pages, 4) if pdf_pages else None,
            "text_documents": text_docs,
            "seconds_per_text_document": round(text_seconds / text_docs, 4) if text_docs else None,
        },
        "missing_files": missing,
    }


def is_table_gold(path: str | Path) -> bool:
    """Whether ``path`` is table gold (lines with ``columns`` and ``rows``), not mention gold."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                first = json.loads(line)
                return isinstance(first, dict) and "columns" in first and "rows" in first
    return False


def score_lines(result: dict[str, Any]) -> list[str]:
    """A short text report of :func:`evaluate_tables`' result, for the CLI."""

    def line(name: str, s: dict[str, Any]) -> str:
        acc = "-" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
        return f"{name:<68} {s['tables']:>6} {s['cells']:>6} {s['correct']:>7} {acc:>8}"

    out = [f"{'':<68} {'tables':>6} {'cells':>6} {'correct':>7} {'accuracy':>8}"]
    out.append(line("overall", result["overall"]))
    for group in ("per_format", "per_kind", "per_origin", "per_file"):
        for name, s in result[group].items():
            out.append(line(f"{group[4:]}: {Path(name).name}", s))
    flags = result["overall"]["flag_accuracy"]
    out.append(f"V/N flag accuracy: {'-' if flags is None else f'{flags:.3f}'}")
    t = result["time"]
    if t["seconds_per_page"] is not None:
        out.append(f"time: {t['seconds_per_page']:.3f} s per PDF page ({t['pdf_pages']} pages)")
    if t["seconds_per_text_document"] is not None:
        out.append(f"time: {t['seconds_per_text_document']:.3f} s per text document")
    return out
