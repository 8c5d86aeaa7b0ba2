"""Speed of the text pipeline: bare spaCy tokenisation versus tokenisation plus all
mention extractors, in characters per second on one core; and time on pathological
inputs (megabytes of digits/dots/commas, ``€ € €``, ``RIS RIS``, one long line) at
1×, 2× and 4× size, to show the extractors run in linear time.

    python benchmarks/bench_extract.py [--repeat 5] [--out benchmarks/results/extract.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

from policytext.pipeline import EXTRACTORS, load_pipeline
from policytext.process import find_mentions, load_document

REPO = Path(__file__).resolve().parents[1]
ISSUE3_EXTRACTORS = tuple(c for c in EXTRACTORS if c != "policytext_orgs")
SAMPLE = REPO / "corpora" / "sample"


def best_of(repeat: int, fn) -> float:
    """Best CPU time of this process over ``repeat`` runs: a per-core figure that other
    load on the machine does not distort (the pipeline is single-threaded)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def pathological(kind: str, size: int) -> str:
    rng = random.Random(0)
    if kind == "digits":
        return "".join(rng.choice("0123456789.,") for _ in range(size))
    if kind == "euro":
        return ("€ " * (size // 2))[:size]
    if kind == "ris":
        return ("RIS " * (size // 4))[:size]
    if kind == "long-line":
        base = (
            (SAMPLE / "denhaag_jaarverslag_2023_zorg_welzijn.txt")
            .read_text("utf-8")
            .replace("\n", " ")
        )
        return (base * (size // len(base) + 1))[:size]
    raise ValueError(kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--patho-size", type=int, default=1_000_000, help="1× size of pathological inputs"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "benchmarks" / "results" / "extract.json"
    )
    args = parser.parse_args()

    nlp = load_pipeline("blank")
    nlp_issue3 = load_pipeline("blank", components=ISSUE3_EXTRACTORS)
    docs = [load_document(p) for p in sorted(SAMPLE.glob("*.txt"))]
    texts = [d.text[p.start : p.end] for d in docs for p in d.passages if p.kind != "table"]
    n_chars = sum(len(t) for t in texts)
    # Repeat the corpus so each timing covers about 1 MB.
    reps = max(1, 1_000_000 // n_chars)
    corpus = texts * reps
    total = n_chars * reps

    t_tok = best_of(args.repeat, lambda: [nlp.make_doc(t) for t in corpus])
    t_issue3 = best_of(args.repeat, lambda: list(nlp_issue3.pipe(corpus)))
    t_full = best_of(args.repeat, lambda: list(nlp.pipe(corpus)))
    t_docs = best_of(args.repeat, lambda: [find_mentions(nlp, d) for d in docs * reps])
    result = {
        "cpu_count": os.cpu_count(),
        "chars": total,
        "tokenise_chars_per_s": total / t_tok,
        "amounts_ris_dates_counts_percents_chars_per_s": total / t_issue3,
        "pipeline_chars_per_s": total / t_full,
        "find_mentions_chars_per_s": sum(len(d.text) for d in docs) * reps / t_docs,
        "pathological": {},
    }
    print(f"corpus: {total:,} chars ({reps}× the sample corpus passages)")
    print(f"tokenisation only (warm cache): {result['tokenise_chars_per_s']:>10,.0f} chars/s")
    print(f"+ amount/RIS/date/count/percent: {total / t_issue3:>9,.0f} chars/s")
    print(f"+ organisations (all extractors): {result['pipeline_chars_per_s']:>8,.0f} chars/s")
    print(f"find_mentions (documents):   {result['find_mentions_chars_per_s']:>12,.0f} chars/s")

    print("\npathological inputs (seconds; linear if 2× ≈ 2·1× and 4× ≈ 4·1×):")
    for kind in ("digits", "euro", "ris", "long-line"):
        row = {}
        for factor in (1, 2, 4):
            text = pathological(kind, args.patho_size * factor)
            row[f"{factor}x"] = best_of(1, lambda text=text: nlp_issue3(text))
        result["pathological"][kind] = row
        print(f"  {kind:<10} " + "  ".join(f"{k}: {v:6.2f}s" for k, v in row.items()))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {args.out}")


if __name__ == "__main__":
    main()
