"""Gold sentences that point into PDFs: page, offsets and the SHA-1 of the text.

The repository stores no PDF text; a row is resolved against the PDF's page text as
pypdfium2 gives it, and skipped (with a reason) when the PDF is missing or its text at
those offsets no longer has the stored SHA-1.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def resolve_pdf_sentences(
    rows: Sequence[dict[str, Any]], gold_path: Path, pdf_dirs: Sequence[Path] | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """The ``pdf_file`` rows of ``rows`` with ``doc_id`` (the file name), ``text`` and
    ``meta`` (doc_type, year, no heading) filled in, and the reasons rows were skipped."""
    from policytext.process import load_document
    from policytext.themes.train import default_pdf_dirs, pdf_page_texts, sha1_text

    out: list[dict[str, Any]] = []
    problems: list[str] = []
    dirs = list(pdf_dirs) if pdf_dirs else default_pdf_dirs(gold_path)
    pdf_rows = [r for r in rows if "pdf_file" in r]
    for name in sorted({r["pdf_file"] for r in pdf_rows}):
        path = next((d / name for d in dirs if (d / name).is_file()), None)
        if path is None:
            problems.append(f"{name} not found in {', '.join(map(str, dirs))}; skipped")
            continue
        pages = pdf_page_texts(str(path))
        meta = load_document(path).meta
        year = int(meta["year"]) if str(meta.get("year") or "").isdigit() else None
        for r in (r for r in pdf_rows if r["pdf_file"] == name):
            text = pages[r["page"] - 1][r["start"] : r["end"]]
            if sha1_text(text) != r["sha1"]:
                problems.append(f"{name} p.{r['page']} [{r['start']}, {r['end']}) changed")
                continue
            out.append(
                r
                | {
                    "doc_id": name,
                    "text": " ".join(text.split()),
                    "meta": (meta.get("doc_type"), year, None),
                }
            )
    return out, problems
