"""Peer comparison: Frog's (Debian ``frog`` + ``frogdata``) ORG entities against our gold.

Frog (CLST/ILK, memory-based Dutch NLP) tags named entities with B-/I-ORG, LOC, PER, ...
This script runs it offline on every gold document, maps its tokens back to character
offsets, and scores its ORG spans with the same scorer as ours (values as written), next
to the ``policytext_orgs`` rules on the same documents.

    apt-get install -y frog frogdata        # Debian bookworm: frog 0.20, frogdata 0.18
    python benchmarks/bench_frog_org.py [--out benchmarks/results/frog_org.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from policytext.evaluate import load_gold, score_mentions
from policytext.extract.mention import Mention

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "annotations" / "sample.jsonl"
NER_COLUMN = 6  # frog's tab output: index, word, lemma, morph, pos, confidence, NER, chunk, ...


def run_frog(text: str, workdir: Path) -> list[tuple[str, str]]:
    """(token, NER tag) pairs of Frog's output for ``text``."""
    src = workdir / "in.txt"
    out = workdir / "out.tsv"
    src.write_text(text, encoding="utf-8")
    subprocess.run(
        ["frog", "-t", str(src), "--skip=mp", "-o", str(out)],
        check=True,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pairs = []
    for line in out.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > NER_COLUMN:
            pairs.append((cols[1], cols[NER_COLUMN]))
    return pairs


def frog_orgs(text: str, tokens: list[tuple[str, str]]) -> list[Mention]:
    """ORG spans in character offsets: each token is found after the previous one."""
    spans: list[list[int]] = []
    cursor = 0
    prev_org = False
    for tok, tag in tokens:
        pos = text.find(tok, cursor, cursor + 200 + len(tok))
        if pos < 0:
            prev_org = False
            continue
        cursor = pos + len(tok)
        if tag.endswith("-ORG") and (tag.startswith("B-") or not prev_org):
            spans.append([pos, cursor])
            prev_org = True
        elif tag == "I-ORG" and prev_org:
            spans[-1][1] = cursor
        else:
            prev_org = False
    return [Mention(s, e, "ORG", text[s:e]) for s, e in spans]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument(
        "--out", type=Path, default=REPO / "benchmarks" / "results" / "frog_org.json"
    )
    args = parser.parse_args()
    if shutil.which("frog") is None:
        raise SystemExit("frog is not installed (apt-get install -y frog frogdata)")

    docs = load_gold(args.gold)
    pairs = []
    n_chars = 0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for d in docs:
            pred = frog_orgs(d.text, run_frog(d.text, Path(tmp)))
            pairs.append(([m for m in d.mentions if m.label == "ORG"], pred))
            n_chars += len(d.text)
    seconds = time.perf_counter() - t0
    frog = score_mentions(pairs, ("ORG",))["labels"]["ORG"]

    from policytext.extract.orgs import OrgFinder

    finder = OrgFinder()
    ours = score_mentions(
        [
            ([m for m in d.mentions if m.label == "ORG"], finder(d.text, place=d.meta.get("place")))
            for d in docs
        ],
        ("ORG",),
    )["labels"]["ORG"]

    def line(name: str, s: dict) -> str:
        e, o = s["exact"], s["overlap"]
        return (
            f"{name:<28} pred {s['pred']:>4}  exact P {e['p']:.3f} R {e['r']:.3f} F1 {e['f']:.3f}"
            f"  overlap P {o['p']:.3f} R {o['r']:.3f} F1 {o['f']:.3f}"
        )

    print(f"ORG on {args.gold.name}: {len(docs)} documents, {frog['gold']} gold mentions")
    print(line("frog 0.20 (NER)", frog))
    print(line("policytext_orgs (full gaz.)", ours))
    print(
        f"frog: {seconds:.1f} s for {n_chars:,} chars ({n_chars / seconds:,.0f} chars/s incl. start-up)"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {"frog": frog, "policytext_rules_full_gazetteer": ours, "frog_seconds": seconds},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
