"""Tables: plain pdfplumber ``extract_tables()`` against policytext's table reader, on the
table gold (``annotations/tables.jsonl``): cell accuracy overall, per file, for ruled
and unruled tables, and time per page.

The baseline gets every advantage except finding the table structure itself: merged
cells (``None``) are folded into the columns the body uses, its cell strings go through
the same cell parsing as policytext's (signs, ``pm``, V/N), the first rows without
amounts are its header, and it is handed the gold table's unit, because pdfplumber has
no notion of a caption. ``--whole`` also times both on every
page of the PDFs that hold gold tables (policytext skips pages without numbers first).

    python benchmarks/bench_tables.py [--gold annotations/tables.jsonl] [--whole]
        [--out benchmarks/results/tables.json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from policytext.tables.evaluate import evaluate_tables, load_table_gold, resolve_source
from policytext.tables.meaning import RawTable, interpret
from policytext.tables.model import Table
from policytext.tables.pdf import tables_from_pdf

REPO = Path(__file__).resolve().parents[1]


def regrid(grid: list[list[str | None]]) -> list[list[str]]:
    """pdfplumber's grid with its merged cells (``None``) folded into the columns the body
    rows use, so a header cell over a merged body cell lands on that column."""
    body = grid[1:] or grid
    starts = sorted({j for row in body for j, c in enumerate(row) if c is not None})
    if not starts:
        return []
    bounds = [*starts[1:], max(len(r) for r in grid)]
    out = []
    for row in grid:
        cells = []
        for a, b in zip(starts, bounds, strict=True):
            cells.append(" ".join(c for c in row[a:b] if c))
        out.append(cells)
    return out


def plain_pdfplumber(
    path: Path, pages: list[int] | None, golds: list[dict[str, Any]]
) -> list[Table]:
    """``page.extract_tables()`` on the gold pages, cells read like policytext's."""
    import pdfplumber

    units = {g.get("page"): g.get("unit_multiplier") for g in golds}
    tables: list[Table] = []
    with pdfplumber.open(path) as pdf:
        for number in pages or range(1, len(pdf.pages) + 1):
            page = pdf.pages[number - 1]
            for i, grid in enumerate(page.extract_tables(), 1):
                body = regrid([row for row in grid if row])
                if not body:
                    continue
                raw = RawTable(body=body, page=number, source="pdfplumber")
                tables.append(
                    interpret(
                        raw,
                        doc_id=path.stem,
                        table_id=f"p{number}t{i}",
                        unit_hint=units.get(number),
                    )
                )
            page.flush_cache()
    return tables


def whole_documents(gold: Path) -> dict[str, Any]:
    """Seconds per page on whole PDFs: plain extract_tables() and policytext."""
    files = sorted({g["file"] for g in load_table_gold(gold) if g["file"].endswith(".pdf")})
    out: dict[str, Any] = {}
    for file in files:
        path = resolve_source(file, gold)
        import pdfplumber

        t0 = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            n_pages = len(pdf.pages)
            n_plain = 0
            for page in pdf.pages:
                n_plain += len(page.extract_tables())
                page.flush_cache()
        plain = time.perf_counter() - t0
        t0 = time.perf_counter()
        ours = tables_from_pdf(path)
        mine = time.perf_counter() - t0
        out[path.name] = {
            "pages": n_pages,
            "plain_tables": n_plain,
            "plain_seconds_per_page": round(plain / n_pages, 4),
            "policytext_tables": len(ours),
            "policytext_seconds_per_page": round(mine / n_pages, 4),
        }
    return out


def summary(result: dict[str, Any]) -> dict[str, Any]:
    keep = ("tables", "cells", "correct", "accuracy", "rows_found", "unit_accuracy")
    return {
        "overall": {k: result["overall"][k] for k in keep},
        "per_kind": {k: {x: v[x] for x in keep} for k, v in result["per_kind"].items()},
        "per_file": {Path(k).name: {x: v[x] for x in keep} for k, v in result["per_file"].items()},
        "per_table": [
            {k: t[k] for k in ("file", "page", "caption", "ruled", "cells", "correct", "accuracy")}
            for t in result["per_table"]
        ],
        "time": result["time"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=REPO / "annotations" / "tables.jsonl")
    parser.add_argument("--whole", action="store_true", help="also time whole PDFs")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "tables.json")
    args = parser.parse_args()

    pdf_files = sorted(
        {g["file"] for g in load_table_gold(args.gold) if g["file"].endswith(".pdf")}
    )
    plain = evaluate_tables(args.gold, extract=plain_pdfplumber, files=pdf_files)
    ours_pdf = evaluate_tables(args.gold, files=pdf_files)
    ours_all = evaluate_tables(args.gold)
    report: dict[str, Any] = {
        "gold": str(args.gold),
        "plain_pdfplumber": summary(plain),
        "policytext_pdf": summary(ours_pdf),
        "policytext_all_sources": {
            "overall": ours_all["overall"],
            "per_format": ours_all["per_format"],
            "per_origin": ours_all["per_origin"],
        },
    }
    if args.whole:
        report["whole_documents"] = whole_documents(args.gold)

    print(f"{'':28} {'cells':>6} {'plain':>8} {'policytext':>11}")
    for key in ("overall",):
        p, o = plain[key], ours_pdf[key]
        print(
            f"{'PDF tables, all':28} {o['cells']:>6} {p['accuracy']:>8.3f} {o['accuracy']:>11.3f}"
        )
    for kind in sorted(ours_pdf["per_kind"]):
        p, o = plain["per_kind"].get(kind, {}), ours_pdf["per_kind"][kind]
        print(
            f"{'PDF tables, ' + kind:28} {o['cells']:>6} {p.get('accuracy') or 0:>8.3f} {o['accuracy']:>11.3f}"
        )
    for file, o in ours_pdf["per_file"].items():
        p = plain["per_file"].get(file, {})
        print(
            f"{Path(file).name[:28]:28} {o['cells']:>6} {p.get('accuracy') or 0:>8.3f} {o['accuracy']:>11.3f}"
        )
    print(
        f"{'seconds per page':28} {'':>6} {plain['time']['seconds_per_page']:>8.3f} "
        f"{ours_pdf['time']['seconds_per_page']:>11.3f}"
    )
    o = ours_all["overall"]
    print(f"all sources (text + PDF): {o['correct']}/{o['cells']} cells = {o['accuracy']:.3f}")
    for name, w in report.get("whole_documents", {}).items():
        print(
            f"whole {name[:40]}: {w['pages']} pages, plain {w['plain_seconds_per_page']:.3f} s/page, "
            f"policytext {w['policytext_seconds_per_page']:.3f} s/page"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
