"""Benchmark of ``policytext batch``: documents per second with 1 and 2 worker processes,
scaling efficiency (t1 / (2 * t2)), and the peak memory of a worker on a 1000-page PDF.

Not a test. Run: ``python benchmarks/bench_batch.py [--copies N]``; prints a Markdown
table and writes ``benchmarks/results/batch.json``. The corpus is N copies of
``corpora/sample`` plus the smaller PDFs of ``../shared/corpus-pdfs`` (when present).
Times include starting the pool and loading the pipeline in every worker, as a user
sees them; the merge and the JSONL writing are included too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from policytext.batch import Job, PipelineSpec, process_job, run_batch  # noqa: E402
from policytext.ingest.limits import DEFAULT_LIMITS  # noqa: E402

SAMPLE = REPO / "corpora" / "sample"
CORPUS_PDFS = REPO.parent / "shared" / "corpus-pdfs"
SPEC = PipelineSpec(model="blank")
RESULTS = REPO / "benchmarks" / "results" / "batch.json"


def build_corpus(root: Path, copies: int, max_pdf_bytes: int) -> tuple[int, int]:
    """``copies`` of the sample corpus and of every PDF under ``max_pdf_bytes``."""
    n_docs = n_pdfs = 0
    pdfs = sorted(p for p in CORPUS_PDFS.glob("*.pdf") if p.stat().st_size <= max_pdf_bytes)
    for i in range(copies):
        dest = root / f"copy{i}"
        shutil.copytree(SAMPLE, dest)
        n_docs += len(list(SAMPLE.glob("*.txt")))
        for pdf in pdfs:
            shutil.copy(pdf, dest / pdf.name)
            n_pdfs += 1
    return n_docs + n_pdfs, n_pdfs


def timed_batch(corpus: Path, out: Path, workers: int) -> dict[str, Any]:
    t = time.perf_counter()
    result = run_batch([corpus], out, spec=SPEC, workers=workers, force=True)
    seconds = time.perf_counter() - t
    n = len(result.datasets["documents"])
    pages = sum(d["n_pages"] or 0 for d in result.datasets["documents"])
    return {
        "workers": workers,
        "documents": n,
        "pages": pages,
        "errors": len(result.errors),
        "seconds": round(seconds, 2),
        "docs_per_s": round(n / seconds, 2),
    }


def memory_task(job: Job) -> dict[str, Any]:
    """``process_job`` in a pool worker, plus the worker's peak RSS before and after."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = process_job(job)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out["rss_kb"] = (before, after)  # Linux: kilobytes
    return out


def thousand_page_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    text = "In 2023 is EUR 1,2 miljoen besteed aan 350 mantelzorgers (RIS316587). " * 6
    for i in range(1000):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Hoofdstuk {i + 1}\n\n{text}")
    pdf.output(str(path))


def peak_memory(tmp: Path) -> dict[str, Any]:
    """Peak RSS of one worker: after loading the pipeline, and after the 1000-page PDF."""
    from policytext.batch import plan_batch, run_local

    src = tmp / "big"
    src.mkdir()
    thousand_page_pdf(src / "duizend.pdf")
    plan = plan_batch([src], tmp / "big-out", spec=SPEC, force=True)
    (job,) = plan.todo
    (Path(tmp / "big-out") / ".policytext-parts").mkdir(parents=True, exist_ok=True)
    got: list[dict[str, Any]] = []
    t = time.perf_counter()
    run_local([job], 1, SPEC, memory_task, got.append)
    seconds = time.perf_counter() - t
    (result,) = got
    before, after = result["rss_kb"]
    return {
        "pages": result["n_pages"],
        "error": result["error"],
        "seconds": round(seconds, 1),
        "worker_rss_after_pipeline_mb": round(before / 1024, 1),
        "worker_peak_rss_mb": round(after / 1024, 1),
        "max_pages_limit": DEFAULT_LIMITS.max_pages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--max-pdf-bytes", type=int, default=1_500_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        n, n_pdfs = build_corpus(tmp / "corpus", args.copies, args.max_pdf_bytes)
        runs = [timed_batch(tmp / "corpus", tmp / f"out{w}", w) for w in (1, 2)]
        memory = peak_memory(tmp)
    t1, t2 = runs[0]["seconds"], runs[1]["seconds"]
    data = {
        "corpus": {"documents": n, "pdfs": n_pdfs, "copies": args.copies},
        "runs": runs,
        "scaling_efficiency": round(t1 / (2 * t2), 3),
        "memory_1000_page_pdf": memory,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"Corpus: {n} documents ({n_pdfs} PDFs), {os.cpu_count()} CPUs\n")
    print("| workers | documents | pages | seconds | docs/s |")
    print("|---:|---:|---:|---:|---:|")
    for r in runs:
        print(
            f"| {r['workers']} | {r['documents']} | {r['pages']} | {r['seconds']} | {r['docs_per_s']} |"
        )
    print(f"\nScaling efficiency t1 / (2·t2): {data['scaling_efficiency']:.0%}")
    print(
        f"1000-page PDF: {memory['seconds']} s in one worker; worker RSS "
        f"{memory['worker_rss_after_pipeline_mb']} MB after loading the pipeline, "
        f"peak {memory['worker_peak_rss_mb']} MB"
    )


if __name__ == "__main__":
    main()
