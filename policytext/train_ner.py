"""``policytext train ner``: a small spaCy ORG tagger trained from the gold annotations.

The model (``spacy.blank("nl")`` + ``ner``, CPU, fixed seed) gives the ORG component extra
candidate spans. With few annotated documents it is scored by leave-one-document-out
cross-validation only: a document is never scored by a model that saw it. The scores go
into the model's ``meta.json`` and its model card ``README.md``.

    >>> train_ner([Path("annotations/sample.jsonl")], Path("models/ner"))  # doctest: +SKIP
    {'cv': {'p': ..., 'r': ..., 'f': ...}, ...}
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from policytext import __version__
from policytext.annotate.spacy_data import (
    SPANS_KEY,
    doc_id_of,
    gold_doc,
    gold_docbin,
    read_docbin,
)
from policytext.document import RawDocument
from policytext.evaluate import GoldDocument, score_mentions
from policytext.extract.mention import Mention
from policytext.segment import segment

LABEL = "ORG"
# Small on purpose: a few MB on disk, a minute of training on two CPU cores.
NER_CONFIG: dict[str, Any] = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": 64,
            "depth": 2,
            "embed_size": 2000,
            "window_size": 1,
            "maxout_pieces": 3,
            "subword_features": True,
        },
    }
}
DEFAULT_ITER = 25
DROPOUT = 0.2
BATCH = 16


def training_docs(paths: Sequence[str | Path]) -> list[Doc]:
    """Reference documents for training: ``.spacy`` DocBins as ``policytext annotate
    to-spacy`` writes them, or gold JSONL converted by the same code (so ``policytext
    train ner`` and ``spacy train`` learn from the same spans)."""
    docs: list[Doc] = []
    for path in map(Path, paths):
        if path.suffix == ".spacy":
            docs += read_docbin(path)
        else:
            db, _ = gold_docbin(path)
            docs += list(db.get_docs(spacy.blank("nl").vocab))
    return docs


def chunks(text: str) -> list[tuple[int, int]]:
    """The passages the pipeline runs the tagger on (``policytext extract``'s segmentation,
    tables left out): the units it trains, is cross-validated and predicts on."""
    from policytext.process import EXTRACT_KINDS

    document = segment(RawDocument(text=text, source_format="text"), "doc")
    return [(p.start, p.end) for p in document.passages if p.kind in EXTRACT_KINDS]


def gold_orgs(doc: Doc) -> list[Mention]:
    """The ORG spans of a reference document (all of them, overlapping ones too)."""
    spans = doc.spans.get(SPANS_KEY, doc.ents)
    return [Mention(s.start_char, s.end_char, LABEL, s.text) for s in spans if s.label_ == LABEL]


def examples_of(nlp: Language, docs: Sequence[Doc]) -> list[Example]:
    """One training example per passage, with the reference document's ORG entities."""
    out = []
    for ref in docs:
        for start, end in chunks(ref.text):
            span = ref.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            ref_chunk = span.as_doc()
            ents = [(e.start_char, e.end_char, LABEL) for e in ref_chunk.ents if e.label_ == LABEL]
            out.append(Example.from_dict(nlp.make_doc(ref_chunk.text), {"entities": ents}))
    return out


def train_model(docs: Sequence[Doc], *, seed: int = 0, n_iter: int = DEFAULT_ITER) -> Language:
    """Train the ORG tagger on reference ``docs`` (fixed seed, CPU)."""
    spacy.util.fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank("nl")
    ner = nlp.add_pipe("ner", config=NER_CONFIG)
    ner.add_label(LABEL)
    examples = examples_of(nlp, docs)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(n_iter):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for i in range(0, len(examples), BATCH):
            nlp.update(examples[i : i + BATCH], drop=DROPOUT, sgd=optimizer, losses=losses)
    return nlp


def predict(nlp: Language, doc: Doc | GoldDocument) -> list[Mention]:
    """ORG mentions the tagger finds in a document (per passage, value as written)."""
    out = []
    for start, end in chunks(doc.text):
        for e in nlp(doc.text[start:end]).ents:
            if e.label_ == LABEL:
                out.append(Mention(start + e.start_char, start + e.end_char, LABEL, e.text))
    return out


def cross_validate(
    docs: Sequence[Doc | GoldDocument], *, seed: int = 0, n_iter: int = DEFAULT_ITER
) -> tuple[dict[str, Any], dict[str, Language]]:
    """Leave-one-document-out scores, and the fold model that did not see each document
    (keyed by doc_id). Gold documents are converted as ``to-spacy`` converts them."""
    refs = [_as_reference(d) for d in docs]
    models: dict[str, Language] = {}
    pairs = []
    for i, held in enumerate(refs):
        train = [d for j, d in enumerate(refs) if j != i]
        models[doc_id_of(held, str(i))] = model = train_model(train, seed=seed, n_iter=n_iter)
        pairs.append((gold_orgs(held), predict(model, held)))
    return score_mentions(pairs, (LABEL,))["labels"][LABEL], models


def _as_reference(doc: Doc | GoldDocument) -> Doc:
    return doc if isinstance(doc, Doc) else gold_doc(spacy.blank("nl"), doc)


def train_ner(
    gold_paths: list[Path],
    out_dir: Path,
    *,
    seed: int = 0,
    n_iter: int = DEFAULT_ITER,
    cv: bool = True,
) -> dict[str, Any]:
    """Train on every gold document, save to ``out_dir`` with the cross-validation scores
    in ``meta.json`` and a model card ``README.md``; returns the meta it wrote."""
    t0 = time.perf_counter()
    docs = training_docs(gold_paths)
    cv_scores = cross_validate(docs, seed=seed, n_iter=n_iter)[0] if cv else None
    nlp = train_model(docs, seed=seed, n_iter=n_iter)
    n_ents = sum(len(gold_orgs(d)) for d in docs)
    info = {
        "policytext_version": __version__,
        "spacy_version": spacy.__version__,
        "trained": dt.date.today().isoformat(),
        "seed": seed,
        "n_iter": n_iter,
        "training_data": [str(p) for p in gold_paths],
        "documents": [doc_id_of(d, str(i)) for i, d in enumerate(docs)],
        "n_org_mentions": n_ents,
        "cv": cv_scores,
        "train_seconds": round(time.perf_counter() - t0, 1),
    }
    nlp.meta.update(
        {
            "name": "policytext_org_ner",
            "version": __version__,
            "description": "ORG tagger for Dutch policy documents (policytext), trained on annotations/",
            "policytext": info,
        }
    )
    if cv_scores:
        nlp.meta["performance"] = {
            "cv_ents_p": cv_scores["exact"]["p"],
            "cv_ents_r": cv_scores["exact"]["r"],
            "cv_ents_f": cv_scores["exact"]["f"],
        }
    out_dir = Path(out_dir)
    nlp.to_disk(out_dir)
    (out_dir / "README.md").write_text(model_card(info), encoding="utf-8")
    return info


def model_card(info: dict[str, Any]) -> str:
    """The model card: training data, scores, version, date."""

    def fmt(s: dict[str, float]) -> str:
        return f"P {s['p']:.3f} · R {s['r']:.3f} · F1 {s['f']:.3f}"

    cv = info.get("cv")
    lines = [
        "# policytext ORG tagger (`models/ner`)",
        "",
        'A small spaCy `ner` pipeline (`spacy.blank("nl")`, HashEmbedCNN width 64, depth 2) that tags',
        "organisation names (label `ORG`, annotation guidelines v1.1). The `policytext_orgs` component",
        "uses it, when asked (`ner_path`), for extra candidates where its rules and gazetteer find nothing.",
        "",
        f"- policytext {info['policytext_version']}, spaCy {info['spacy_version']}; trained {info['trained']}"
        f" in {info['train_seconds']} s (CPU), seed {info['seed']}, {info['n_iter']} epochs.",
        f"- Training data: {', '.join(info['training_data'])} — {len(info['documents'])} documents, "
        f"{info['n_org_mentions']} ORG mentions, one example per passage.",
        "- Reproduce: `policytext train ner annotations/sample.jsonl --output models/ner` "
        "(or `python -m policytext.train_ner`). The gold goes through the same conversion as "
        "`policytext annotate to-spacy`; a `.spacy` file from it trains the same model.",
        "",
        "## Scores",
        "",
    ]
    if cv:
        lines += [
            "Leave-one-document-out cross-validation (each document scored by a model trained on the",
            "other four; values as written):",
            "",
            f"- exact span: {fmt(cv['exact'])}",
            f"- overlap: {fmt(cv['overlap'])}",
            f"- value accuracy on overlap matches: {cv['value_accuracy'] or 0:.3f}",
            "",
            "With five documents, one of which holds most mentions, these figures are noisy. The",
            "combined rules + tagger figures are printed by `benchmarks/eval_orgs_cv.py`.",
        ]
    else:
        lines.append("Not cross-validated (trained with `cv=False`).")
    lines += [
        "",
        "## Limits",
        "",
        "Trained on Den Haag and Zoetermeer documents only; it has not seen other municipalities'",
        "organisations. It is an extra candidate source, never the only one.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Train the policytext ORG tagger.")
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--output", type=Path, default=Path("models/ner"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-iter", type=int, default=DEFAULT_ITER)
    parser.add_argument("--no-cv", action="store_true")
    args = parser.parse_args()
    info = train_ner(args.gold, args.output, seed=args.seed, n_iter=args.n_iter, cv=not args.no_cv)
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
