"""Speed and fidelity of PDF ingest: ``read_pdf`` against plain pdfplumber.

For every PDF in ../shared/corpus-pdfs: pages, seconds and pages per second of
pdfplumber's ``page.extract_text()`` over all pages and of ``read_pdf``; the speed-up;
and the similarity of our text to pdfplumber's (rapidfuzz ``ratio`` over the whole
document, white space collapsed), both of the raw per-page text (lines before any
cleanup, ``raw_page_texts``) and of the cleaned document text (hyphens joined, running
headers, footers and page numbers removed, bullets dropped, table cells joined by " | ",
paragraphs broken by a page break joined so that the footnotes of that page follow
them). The ratio is order-sensitive: text that moves counts as deleted and inserted,
so the cleaned figure understates how much of the text is kept.

Times are CPU seconds of this process (``time.process_time``): other jobs on a shared
machine then disturb the comparison less than wall-clock time does. Wall-clock seconds
are recorded in the JSON too. ``read_pdf`` is timed as the best of ``--repeat`` runs;
pdfplumber once (it is slow).

    python benchmarks/bench_pdf.py [--out benchmarks/results/pdf.json] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import pdfplumber
from rapidfuzz import fuzz

from policytext.ingest.limits import DEFAULT_LIMITS
from policytext.ingest.pdf import raw_page_texts, read_pdf

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus-pdfs"
T = TypeVar("T")


def timed(fn: Callable[[], T], repeat: int = 1) -> tuple[T, float, float]:
    """``(result, cpu_seconds, wall_seconds)``, the best of ``repeat`` runs."""
    best_cpu = best_wall = float("inf")
    result: T | None = None
    for _ in range(max(repeat, 1)):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        result = fn()
        best_cpu = min(best_cpu, time.process_time() - cpu0)
        best_wall = min(best_wall, time.perf_counter() - wall0)
    assert result is not None
    return result, best_cpu, best_wall


def plumber_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def normalise(text: str) -> str:
    return " ".join(text.split())


def similarity(ours: str, reference: str) -> float:
    """Percent similarity of two texts after collapsing white space (100 = equal)."""
    return round(fuzz.ratio(normalise(ours), normalise(reference)), 2)


def bench_file(path: Path, repeat: int) -> dict[str, Any]:
    reference, plumber_cpu, plumber_wall = timed(lambda: plumber_pages(path))
    doc, ours_cpu, ours_wall = timed(lambda: read_pdf(path, DEFAULT_LIMITS), repeat)
    raw = raw_page_texts(path, DEFAULT_LIMITS)
    pages = len(reference)
    reference_text = "\n".join(reference)
    return {
        "file": path.name,
        "pages": pages,
        "chars": len(normalise(reference_text)),
        "pdfplumber_seconds": round(plumber_cpu, 3),
        "pdfplumber_wall_seconds": round(plumber_wall, 3),
        "pdfplumber_pages_per_s": round(pages / plumber_cpu, 1),
        "read_pdf_seconds": round(ours_cpu, 3),
        "read_pdf_wall_seconds": round(ours_wall, 3),
        "read_pdf_pages_per_s": round(pages / ours_cpu, 1),
        "speedup": round(plumber_cpu / ours_cpu, 1),
        "similarity_raw": similarity("\n".join(raw), reference_text),
        "similarity_clean": similarity(doc.text, reference_text),
        "blocks": len(doc.blocks or []),
        "warnings": doc.warnings,
    }


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    pages = sum(r["pages"] for r in rows)
    chars = sum(r["chars"] for r in rows) or 1
    plumber = sum(r["pdfplumber_seconds"] for r in rows)
    ours = sum(r["read_pdf_seconds"] for r in rows)

    def weighted(key: str) -> float:
        return round(sum(r[key] * r["chars"] for r in rows) / chars, 2)

    return {
        "file": "total",
        "pages": pages,
        "chars": chars,
        "pdfplumber_seconds": round(plumber, 2),
        "pdfplumber_wall_seconds": round(sum(r["pdfplumber_wall_seconds"] for r in rows), 2),
        "pdfplumber_pages_per_s": round(pages / plumber, 1),
        "read_pdf_seconds": round(ours, 2),
        "read_pdf_wall_seconds": round(sum(r["read_pdf_wall_seconds"] for r in rows), 2),
        "read_pdf_pages_per_s": round(pages / ours, 1),
        "speedup": round(plumber / ours, 1),
        # Character-weighted means over the documents.
        "similarity_raw": weighted("similarity_raw"),
        "similarity_clean": weighted("similarity_clean"),
        "blocks": sum(r["blocks"] for r in rows),
    }


def markdown(rows: list[dict[str, Any]]) -> str:
    head = (
        "| file | pages | pdfplumber s | pdfplumber p/s | read_pdf s | read_pdf p/s "
        "| speed-up | sim raw % | sim clean % |"
    )
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        name = r["file"] if r["file"] == "total" else r["file"].removesuffix(".pdf")[:48]
        lines.append(
            f"| {name} | {r['pages']} | {r['pdfplumber_seconds']} | "
            f"{r['pdfplumber_pages_per_s']} | {r['read_pdf_seconds']} | "
            f"{r['read_pdf_pages_per_s']} | {r['speedup']}× | {r['similarity_raw']} | "
            f"{r['similarity_clean']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "pdf.json")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs of read_pdf")
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDFs in {args.corpus}")
    rows = []
    for path in files:
        row = bench_file(path, args.repeat)
        rows.append(row)
        print(
            f"{path.name}: {row['pages']} pages, {row['speedup']}× "
            f"(sim raw {row['similarity_raw']}, clean {row['similarity_clean']})",
            file=sys.stderr,
        )
    rows.append(totals(rows))
    table = markdown(rows)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "pdf ingest: read_pdf vs pdfplumber extract_text",
        "timing": "CPU seconds (time.process_time); read_pdf best of --repeat",
        "repeat": args.repeat,
        "environment": {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "pdfplumber": version("pdfplumber"),
            "pypdfium2": version("pypdfium2"),
            "rapidfuzz": version("rapidfuzz"),
        },
        "files": rows[:-1],
        "total": rows[-1],
        "markdown": table,
    }
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
