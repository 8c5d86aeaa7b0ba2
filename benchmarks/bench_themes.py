"""Speed of theme classification in passages per second on one core.

Passages are those of the sample corpus (``load_document``) plus, when
``../shared/corpus-pdfs`` is present, the labelled PDF passages (``themes_pdfs.jsonl`` and
``themes_pdfs_more.jsonl``), repeated to ``--n``.
The model is ``--model`` (default ``models/themes``), else the cold-start prior.
BLAS and OpenMP are pinned to one thread so the figure is per core.

    python benchmarks/bench_themes.py [--n 20000] [--repeat 3] [--out benchmarks/results/themes.json]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from policytext import __version__  # noqa: E402
from policytext.process import load_document  # noqa: E402
from policytext.themes.model import ThemeModel  # noqa: E402
from policytext.themes.train import load_theme_gold  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def passages() -> list[str]:
    texts = []
    for path in sorted((REPO / "corpora" / "sample").glob("*.txt")):
        doc = load_document(path)
        texts += [doc.passage_text(p) for p in doc.passages]
    gold = [REPO / "annotations" / f for f in ("themes_pdfs.jsonl", "themes_pdfs_more.jsonl")]
    examples, _ = load_theme_gold([g for g in gold if g.exists()])
    return texts + [ex.text for ex in examples]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(REPO / "models" / "themes"))
    ap.add_argument("--n", type=int, default=20_000, help="passages per run")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    model_path = Path(args.model)
    model = (
        ThemeModel.load(model_path)
        if (model_path / "model.joblib").exists()
        else ThemeModel.cold_start()
    )
    base = passages()
    texts = (base * (args.n // len(base) + 1))[: args.n]
    chars = sum(map(len, texts))
    model.predict(texts[:256])  # warm up
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for i in range(0, len(texts), args.batch):
            model.predict(texts[i : i + args.batch])
        times.append(time.perf_counter() - t0)
    best = min(times)
    result = {
        "policytext_version": __version__,
        "model": str(model_path) if model.meta.get("trained") else "cold-start prior",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "passages": len(texts),
        "distinct_passages": len(base),
        "mean_chars_per_passage": round(chars / len(texts), 1),
        "batch": args.batch,
        "seconds_best": round(best, 3),
        "seconds_median": round(statistics.median(times), 3),
        "passages_per_second_per_core": round(len(texts) / best),
        "chars_per_second_per_core": round(chars / best),
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
