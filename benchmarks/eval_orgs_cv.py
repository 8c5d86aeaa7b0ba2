"""ORG extraction scored by leave-one-document-out cross-validation on annotations/.

Each document is read as the pipeline reads it (passages through the ``policytext_orgs``
component, then :func:`resolve_document_orgs` over the whole document) and scored
against its gold ORG mentions. Variants:

- ``rules``: gazetteer + patterns, full gazetteer (its corpus-derived names included);
- ``rules, names held out``: the gazetteer without any local entry that names an
  organisation of the scored document: the estimate for other municipalities' documents;
- ``ner only``: the spaCy tagger trained on the other four documents (values as written);
- ``rules + ner``: both, the tagger's spans only where no rule fired (with either gazetteer).

Also chooses the rapidfuzz threshold for spelling variants on labelled pairs (--thresholds),
and times the component (characters per second, one core).

    python benchmarks/eval_orgs_cv.py [--no-ner] [--thresholds] [--out benchmarks/results/orgs_cv.json]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

import spacy
from rapidfuzz import fuzz

from policytext.evaluate import GoldDocument, errors, load_gold, score_mentions
from policytext.extract.mention import Mention
from policytext.extract.orgs import (
    OrgComponent,
    OrgFinder,
    gazetteer_without,
    load_gazetteer,
    make_orgs,  # noqa: F401  (registers the factory)
    norm_name,
    resolve_document_orgs,
    similarity,
)
from policytext.process import EXTRACT_KINDS, find_mentions, load_document

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "annotations" / "sample.jsonl"


def pipeline(finder: OrgFinder, ner: Any = None) -> spacy.language.Language:
    nlp = spacy.blank("nl")
    comp: OrgComponent = nlp.add_pipe("policytext_orgs")
    comp.finder = finder
    comp.ner = ner
    return nlp


def run_document(gd: GoldDocument, finder: OrgFinder, ner: Any = None) -> list[Mention]:
    """The pipeline's reading of one document: passages, then the document-level pass."""
    document = load_document(gd.text_path, manifest_row={"doc_id": gd.doc_id, **gd.meta})
    mentions = find_mentions(pipeline(finder, ner), document)
    within = [(p.start, p.end) for p in document.passages if p.kind in EXTRACT_KINDS]
    place = document.meta.get("place")
    return [
        m
        for m in resolve_document_orgs(
            document.text, mentions, place=place, finder=finder, within=within
        )
        if m.label == "ORG"
    ]


def held_out_finder(gd: GoldDocument) -> OrgFinder:
    names = set()
    for m in gd.mentions:
        if m.label == "ORG":
            names.add(gd.text[m.start : m.end])
            names.add(str(m.value))
    return OrgFinder(gazetteer_without(names))


def score(pairs: list[tuple[list[Mention], list[Mention]]]) -> dict[str, Any]:
    return score_mentions(pairs, ("ORG",))["labels"]["ORG"]


def row(name: str, s: dict[str, Any]) -> str:
    e, o = s["exact"], s["overlap"]
    va = s["value_accuracy"] or 0.0
    return (
        f"{name:<34} {s['gold']:>4} {s['pred']:>4}  {e['p']:.3f} {e['r']:.3f} {e['f']:.3f}"
        f"   {o['p']:.3f} {o['r']:.3f} {o['f']:.3f}   {va:.3f}"
    )


# ------------------------------------------------------------------ thresholds


CORPUS_POSITIVES = [
    ("DGGD Haaglanden", "GGD Haaglanden"),
    ("Gemeente Den Haag", "gemeente Den Haag"),
    ("commissie Samenleving", "Commissie Samenleving"),
    ("Gezond en Gelukkig Den Haag", "Gezond & Gelukkig Den Haag"),
    ("Schroeder vd Kolk", "Schroeder van der Kolk"),
    ("Kracht voor Jeugd en Gezin", "Kracht voor Jeugd- en Gezin"),
]
CORPUS_NEGATIVES = [
    ("GGD Haaglanden", "GGD Hollands Midden"),
    ("Veilig Thuis Haaglanden", "GGD Haaglanden"),
    ("Universiteit Utrecht", "Hogeschool Utrecht"),
    ("rechtbank Den Haag", "gemeente Den Haag"),
    ("Zoetermeer 2025", "Vereniging Gezondheidsregio Zoetermeer"),
    ("Haagse Vaccinatie Alliantie", "Alliantie Toegankelijk Den Haag"),
]


def typo(name: str, rng: random.Random) -> str:
    """One spelling variant or typo of a name (the kinds met in documents)."""
    kind = rng.choice(["del", "ins", "sub", "swap", "hyphen", "case", "double"])
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(letters)
    if kind == "del":
        return name[:i] + name[i + 1 :]
    if kind == "ins":
        return name[:i] + rng.choice("aeiounrst") + name[i:]
    if kind == "sub":
        return name[:i] + rng.choice("aeiounrst") + name[i + 1 :]
    if kind == "swap" and i + 1 < len(name):
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "hyphen":
        return name.replace("-", " ") if "-" in name else name.replace(" ", "-", 1)
    if kind == "case":
        return name[0].swapcase() + name[1:]
    return name[:i] + name[i] + name[i:]


def variant_pairs(seed: int = 0, n: int = 300) -> list[tuple[str, str, bool]]:
    """Labelled pairs: corpus pairs, synthetic typos of gazetteer names (positives), and
    each such name with its most similar other gazetteer name (hard negatives)."""
    rng = random.Random(seed)
    gaz = load_gazetteer()
    names = sorted({e.name for e in gaz.entries if len(e.name) >= 6})
    sample = rng.sample(names, min(n, len(names)))
    normed = {x: norm_name(x) for x in names}
    pairs = [(a, b, True) for a, b in CORPUS_POSITIVES] + [
        (a, b, False) for a, b in CORPUS_NEGATIVES
    ]
    for name in sample:
        pairs.append((typo(name, rng), name, True))
        others = [x for x in names if x != name]
        nearest = max(others, key=lambda x: fuzz.ratio(normed[name], normed[x]))
        pairs.append((name, nearest, False))
    return pairs


def choose_threshold(pairs: list[tuple[str, str, bool]]) -> dict[str, Any]:
    """Precision/recall of 'same organisation' per threshold; best F1 (ties: higher)."""
    scored = [(similarity(a, b), y) for a, b, y in pairs]
    table = []
    for t in range(70, 100):
        tp = sum(1 for s, y in scored if s >= t and y)
        fp = sum(1 for s, y in scored if s >= t and not y)
        fn = sum(1 for s, y in scored if s < t and y)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table.append({"threshold": t, "p": p, "r": r, "f": f})
    best = max(table, key=lambda x: (round(x["f"], 4), x["threshold"]))
    return {
        "n_pairs": len(pairs),
        "n_positive": sum(y for *_, y in pairs),
        "best": best,
        "table": table,
        "misses_at_best": [
            (a, b, round(similarity(a, b), 1), y)
            for a, b, y in pairs
            if (similarity(a, b) >= best["threshold"]) != y
        ][:20],
    }


# ------------------------------------------------------------------------ speed


def speed(finder: OrgFinder, ner: Any = None, repeat: int = 3) -> dict[str, float]:
    sample = REPO / "corpora" / "sample"
    docs = [load_document(p) for p in sorted(sample.glob("*.txt"))]
    nlp = pipeline(finder, ner)
    texts = [d.text[p.start : p.end] for d in docs for p in d.passages if p.kind in EXTRACT_KINDS]
    reps = 1 if ner else max(1, 500_000 // sum(map(len, texts)))
    corpus = texts * reps
    n = sum(map(len, corpus))
    made = [nlp.make_doc(t) for t in corpus]
    t_tok = min(_time(lambda: [nlp.make_doc(t) for t in corpus]) for _ in range(repeat))
    t_all = min(_time(lambda: [nlp(nlp.make_doc(t)) for t in corpus]) for _ in range(repeat))
    t_comp = max(t_all - t_tok, 1e-9)
    t_doc = min(
        _time(
            lambda: [
                resolve_document_orgs(d.text, [], finder=finder, within=None) for d in docs * reps
            ]
        )
        for _ in range(repeat)
    )
    del made
    return {
        "chars": n,
        "component_chars_per_s": n / t_comp,
        "tokenise_plus_component_chars_per_s": n / t_all,
        "document_pass_chars_per_s": n / t_doc,
    }


def _time(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# ------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--no-ner", action="store_true", help="Skip training the fold taggers.")
    parser.add_argument(
        "--thresholds", action="store_true", help="Choose the variant threshold on labelled pairs."
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--errors", type=Path, help="Write the errors of 'rules, names held out' (JSONL)."
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "benchmarks" / "results" / "orgs_cv.json"
    )
    args = parser.parse_args()

    docs = load_gold(args.gold)
    full = OrgFinder()
    results: dict[str, Any] = {"gold": str(args.gold), "documents": [d.doc_id for d in docs]}
    variants: dict[str, list[tuple[list[Mention], list[Mention]]]] = {}
    errs: list[dict[str, Any]] = []

    def gold_orgs(d: GoldDocument) -> list[Mention]:
        return [m for m in d.mentions if m.label == "ORG"]

    for d in docs:
        held = held_out_finder(d)
        variants.setdefault("rules (full gazetteer)", []).append(
            (gold_orgs(d), run_document(d, full))
        )
        pred = run_document(d, held)
        variants.setdefault("rules, names held out", []).append((gold_orgs(d), pred))
        errs += [{"doc_id": d.doc_id, **e} for e in errors(gold_orgs(d), pred, d.text)]

    if not args.no_ner:
        from policytext.train_ner import cross_validate, predict

        t0 = time.perf_counter()
        _, models = cross_validate(docs, seed=args.seed)
        results["ner_cv_train_seconds"] = round(time.perf_counter() - t0, 1)
        for d in docs:
            model = models[d.doc_id]
            variants.setdefault("ner only", []).append((gold_orgs(d), predict(model, d)))
            variants.setdefault("rules + ner (full gazetteer)", []).append(
                (gold_orgs(d), run_document(d, full, model))
            )
            variants.setdefault("rules + ner, names held out", []).append(
                (gold_orgs(d), run_document(d, held_out_finder(d), model))
            )
        results["speed_with_ner"] = speed(full, models[docs[0].doc_id], repeat=1)

    print(f"ORG, leave-one-document-out over {len(docs)} documents ({args.gold.name})")
    print(f"{'variant':<34} gold pred  P-ex  R-ex  F-ex    P-ov  R-ov  F-ov    value")
    results["scores"] = {}
    for name, pairs in variants.items():
        s = score(pairs)
        results["scores"][name] = s
        print(row(name, s))

    results["speed_rules"] = speed(full)
    sp = results["speed_rules"]
    print(
        f"\nspeed (rules): component {sp['component_chars_per_s']:,.0f} chars/s; tokenise+component "
        f"{sp['tokenise_plus_component_chars_per_s']:,.0f}; document pass {sp['document_pass_chars_per_s']:,.0f}"
    )
    if "speed_with_ner" in results:
        sn = results["speed_with_ner"]
        print(f"speed (rules + ner): component {sn['component_chars_per_s']:,.0f} chars/s")

    if args.thresholds:
        th = choose_threshold(variant_pairs(args.seed))
        results["variant_threshold"] = th
        b = th["best"]
        print(
            f"\nvariant threshold on {th['n_pairs']} labelled pairs ({th['n_positive']} positive): "
            f"best ratio >= {b['threshold']} (P {b['p']:.3f}, R {b['r']:.3f}, F1 {b['f']:.3f})"
        )
        for t in th["table"]:
            if t["threshold"] % 5 == 0:
                print(f"  >= {t['threshold']}: P {t['p']:.3f} R {t['r']:.3f} F1 {t['f']:.3f}")

    if args.errors:
        args.errors.write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errs), "utf-8"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten {args.out}")


if __name__ == "__main__":
    main()
