"""How well content similarity alone separates linked from unlinked (commitment, passage) pairs.

For the coalitieakkoord → jaarverslag pair of a commitments gold, every commitment of its
``status`` rows is compared with every jaarverslag passage by TF-IDF cosine (content
words, or character 4–5-grams; the commitment alone or with the 1–2 sentences before it as
context, the passage with or without its heading), and the gold's links are the positives.
Prints ROC AUC, average precision and the best F1 over one global threshold.

    python benchmarks/link_similarity.py [annotations/commitments_blind.jsonl]

This is why the tracker offers no "related" tier built on similarity (docs/figures.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.metrics.pairwise import cosine_similarity

from policytext.commitments.attributes import keywords
from policytext.commitments.detect import KINDS, split_sentences
from policytext.commitments.evaluate import _overlap, load_sample
from policytext.dataset import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
SRC, TGT = "denhaag_coalitieakkoord_2022_preventie", "denhaag_jaarverslag_2023_zorg_welzijn"


def main(gold_path: str) -> None:
    gold = read_jsonl(gold_path)
    links = [r for r in gold if r["kind"] == "link"]
    spans = [(r["commitment_start"], r["commitment_end"]) for r in gold if r["kind"] == "status"]
    docs = load_sample([SRC, TGT])
    src, tgt = docs[SRC], docs[TGT]
    sents = split_sentences(src)
    passages = [p for p in tgt.passages if p.kind in KINDS]
    heading, headings = "", {}
    for p in tgt.passages:
        if p.kind == "heading":
            heading = tgt.text[p.start : p.end]
        else:
            headings[p.passage_id] = heading
    ptexts = [tgt.text[p.start : p.end] for p in passages]
    y = np.array(
        [
            [
                any(
                    _overlap(s, (r["commitment_start"], r["commitment_end"]))
                    and _overlap((p.start, p.end), (r["passage_start"], r["passage_end"]))
                    for r in links
                )
                for p in passages
            ]
            for s in spans
        ]
    ).ravel()
    print(f"{gold_path}: {y.size} pairs, {int(y.sum())} links")

    def index(span: tuple[int, int]) -> int:
        return next(i for i, x in enumerate(sents) if _overlap((x.start, x.end), span))

    def with_context(n: int) -> list[str]:
        return [" ".join(x.text for x in sents[max(0, index(s) - n) : index(s) + 1]) for s in spans]

    def kw(t: str) -> str:
        return " ".join(keywords(t))

    def cosine(
        ctexts: list[str], ptexts: list[str], analyzer: str, ngrams: tuple[int, int]
    ) -> np.ndarray:
        vec = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True)
        vec.fit([kw(t) for t in ptexts + ctexts])
        return cosine_similarity(
            vec.transform([kw(t) for t in ctexts]), vec.transform([kw(t) for t in ptexts])
        )

    with_heading = [
        headings.get(p.passage_id, "") + " " + t for p, t in zip(passages, ptexts, strict=True)
    ]
    for n in (0, 1, 2):
        ctexts = with_context(n)
        for name, pt, analyzer, ngrams in (
            ("words", ptexts, "word", (1, 1)),
            ("char 4-5", ptexts, "char_wb", (4, 5)),
            ("char 4-5 + heading", with_heading, "char_wb", (4, 5)),
        ):
            s = cosine(ctexts, pt, analyzer, ngrams).ravel()
            best = max(2 * ((s >= t) & y).sum() / ((s >= t).sum() + y.sum()) for t in np.unique(s))
            print(
                f"context {n}  {name:20s} AUC {roc_auc_score(y, s):.3f}  "
                f"AP {average_precision_score(y, s):.3f}  best F1 {best:.3f}"
            )


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "annotations" / "commitments_blind.jsonl")
    )
