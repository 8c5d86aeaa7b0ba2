"""Commitments of earlier documents tracked in the passages of later ones.

Every document goes once through the project's spaCy pipeline
(:func:`policytext.process.find_mentions`) and, when given, the theme model: a
commitment's amounts, dates, counts, RIS numbers and organisations are the mentions in
its sentence, its themes those of its passage.

Evidence per (commitment, passage): TF-IDF cosine of their content words, rapidfuzz
``token_set_ratio`` of the key phrases, and shared anchors: named programmes, long
compound nouns and bigrams of the object phrase found in the text, and RIS numbers,
organisations (canonical name) and amounts (euros) found among the passage's mentions by
their normalised value. The status of a link comes from the cues of the passage sentence
closest to the commitment (``status`` in ``resources/commitments_nl.json``). A
commitment no later passage reports on gets ``geen verantwoording gevonden``; promised
amounts whose value no later document mentions are listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from policytext.columns import Column
from policytext.commitments.attributes import attributes, keywords
from policytext.commitments.classify import CommitmentClassifier, combine, default_classifier
from policytext.commitments.detect import KINDS, Sentence, _split, cues, split_sentences
from policytext.document import Document
from policytext.extract.mention import EXTRA_FIELDS, Mention

NO_REPORT = "geen verantwoording gevonden"
LINK_THRESHOLD = 0.30
MAX_LINKS = 5
MAX_DF = 8  # an anchor found in more later passages than this is not distinctive
ANCHOR_MIN_LEN = 14  # a long word (Dutch compound noun) counts as an anchor
NOT_NOUN = re.compile(r"(ige|ijke|lijk|ische|isch|ende|eren|elen|enen)$|^ge\w+[dt]$")
BIGRAM_MAX_DF = 4


@dataclass
class Commitment:
    commitment_id: str
    doc_id: str
    year: int | None
    sentence: Sentence
    label: str
    confidence: float
    attrs: dict[str, Any] = field(default_factory=dict)


def _year(document: Document) -> int | None:
    y = document.meta.get("year")
    try:
        return int(y) if y not in (None, "") else None
    except (TypeError, ValueError):
        return None


@cache
def default_pipeline() -> Any:
    """The project pipeline as ``policytext extract`` loads it by default (once)."""
    from policytext.pipeline import load_pipeline

    return load_pipeline()


@dataclass
class Analysis:
    """A document with what the pipeline found in it: mentions and passage themes."""

    document: Document
    mentions: list[Mention]
    themes: dict[str, list[str]] = field(default_factory=dict)


def analyse(document: Document, nlp: Any = None, theme_model: Any = None) -> Analysis:
    """Run the pipeline (and the theme model, when given) over one document."""
    from policytext.process import find_mentions, theme_predictions

    mentions = find_mentions(nlp if nlp is not None else default_pipeline(), document)
    themes: dict[str, list[str]] = {}
    if theme_model is not None and document.passages:
        predicted, _scores = theme_predictions(theme_model, document)
        themes = {p.passage_id: list(t) for p, t in zip(document.passages, predicted, strict=True)}
    return Analysis(document, mentions, themes)


def analysis_from_rows(
    document: Document,
    mention_rows: Sequence[Mapping[str, Any]],
    passage_rows: Sequence[Mapping[str, Any]] = (),
) -> Analysis:
    """The :class:`Analysis` of a document from its ``mentions`` and ``passages`` rows
    (``policytext extract`` output), so tracking does not run the pipeline again."""
    mentions = [
        Mention(
            start=r["start"],
            end=r["end"],
            label=r["label"],
            value=r.get("value"),
            **{k: r.get(k) for k in EXTRA_FIELDS},
        )
        for r in mention_rows
    ]
    themes = {r["passage_id"]: list(r["themes"]) for r in passage_rows if r.get("themes")}
    return Analysis(document, mentions, themes)


def parse_sentences(nlp: Any, texts: Sequence[str]) -> list[Any]:
    """Dependency parses of the sentences when the pipeline has a parser, else Nones.

    Only the base model's components run (the mentions are already known)."""
    if nlp is None or "parser" not in nlp.pipe_names or not texts:
        return [None] * len(texts)
    base = [name for name in nlp.pipe_names if not name.startswith("policytext_")]
    with nlp.select_pipes(enable=base):
        return list(nlp.pipe(texts, batch_size=64))


def detect(
    document: Document,
    *,
    nlp: Any = None,
    analysis: Analysis | None = None,
    use_classifier: bool = True,
    classifier: CommitmentClassifier | None = None,
) -> list[Commitment]:
    """Every sentence of the document, labelled commitment / result / other, with attributes.

    ``analysis``: the document's mentions and themes when already computed (else the
    pipeline ``nlp``, or the default pipeline, is run). ``classifier``: instead of the
    shipped one (evaluation passes one that did not see this document)."""
    if analysis is None:
        analysis = analyse(document, nlp)
    sents = split_sentences(document)
    year = _year(document)
    dt = document.meta.get("doc_type")
    if use_classifier and classifier is None:
        classifier = default_classifier()
    labels = combine(
        [s.text for s in sents],
        [(dt, year, s.heading) for s in sents],
        classifier if use_classifier else None,
    )
    parsed = parse_sentences(
        nlp if nlp is not None else default_pipeline(), [s.text for s in sents]
    )
    out = []
    for i, (s, (lab, conf)) in enumerate(zip(sents, labels, strict=True)):
        out.append(
            Commitment(
                f"{document.doc_id}:s{i}",
                document.doc_id,
                year,
                s,
                lab,
                conf,
                attributes(
                    s.text,
                    start=s.start,
                    year=year,
                    mentions=analysis.mentions,
                    parsed=parsed[i],
                    themes=analysis.themes.get(s.passage_id),
                ),
            )
        )
    return out


def _listed_words(text: str) -> set[str]:
    """Words in an enumeration ("a, b, c en d"): partners and places listed, not anchors."""
    chunks = [c.strip() for c in re.split(r",|\ben\b|\bzoals\b", text)]
    short = [c for c in chunks if 0 < len(c.split()) <= 3]
    if len(short) < 3:
        return set()
    return {w.lower() for c in short for w in re.findall(r"[\w-]+", c)}


def object_core(phrase: str) -> str:
    """The object phrase up to its first prepositional phrase (``de sociale basis in de
    stad`` → ``de sociale basis``): the words that name the promised thing, as anchors."""
    from policytext.commitments.what import rules as what_rules

    preps = what_rules().preps
    words = phrase.split()
    for i, w in enumerate(words):
        if i > 0 and w.lower() in preps:
            return " ".join(words[:i])
    return phrase


def anchors(text: str, attrs: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Distinctive phrases of a commitment, each with the pattern that finds it later.

    Named programmes (capitalised phrases; the first letter must be capitalised later too),
    long compound words and bigrams of the object phrase; words of an enumeration are left
    out. RIS numbers, organisations and amounts are :func:`value_anchors`.
    """
    listed = _listed_words(text)
    out: dict[str, re.Pattern[str]] = {}
    for prog in attrs.get("programmes", []):
        words = prog.split()
        if len(prog) < 6 or all(w.lower() in listed for w in words):
            continue
        rest = re.escape(prog[1:]).replace("\\ ", r"\s+")
        out[prog.lower()] = re.compile(rf"\b{re.escape(prog[0])}(?i:{rest})\b")
    for w in keywords(text):
        if len(w) >= ANCHOR_MIN_LEN and w not in listed and not NOT_NOUN.search(w):
            out.setdefault(w, re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE))
    what = keywords(object_core(attrs.get("what", "")))
    for a, b in pairwise(what):
        if NOT_NOUN.search(b) or {a, b} <= listed:
            continue
        out.setdefault(
            f"{a} {b}", re.compile(rf"\b{re.escape(a)}\s+{re.escape(b)}\b", re.IGNORECASE)
        )
    return out


def value_key(label: str, value: Any) -> tuple[str, Any] | None:
    """How a normalised value is compared across documents: RIS id, organisation name
    (case-folded), amount in whole euros."""
    if value is None:
        return None
    if label == "AMOUNT":
        return (label, round(float(value)))
    if label in {"RIS", "ORG"}:
        return (label, str(value).casefold())
    return None


def value_anchors(text: str, attrs: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Anchors read from the pipeline's normalised values: ``RIS315963``, an
    organisation's canonical name, ``€6400000``. Organisations in an enumeration (a list
    of partners) are left out."""
    listed = _listed_words(text)
    out: dict[str, tuple[str, Any]] = {}
    for r in attrs.get("ris", []):
        if (key := value_key("RIS", r)) is not None:
            out[str(r)] = key
    for o in attrs.get("organisations", []):
        words = {w.lower() for w in re.findall(r"[\w-]+", o)}
        if not words <= listed and (key := value_key("ORG", o)) is not None:
            out[o.lower()] = key
    for v in attrs.get("amount_values", []):
        if (key := value_key("AMOUNT", v)) is not None:
            out[f"€{key[1]}"] = key
    return out


def _value_sets(
    passages: Sequence[tuple[Document, Any]], mentions: Mapping[str, Sequence[Mention]]
) -> list[set[tuple[str, Any]]]:
    """The normalised values mentioned in each passage."""
    out: list[set[tuple[str, Any]]] = [set() for _ in passages]
    index: dict[str, list[tuple[int, int, int]]] = {}
    for j, (d, p) in enumerate(passages):
        index.setdefault(d.doc_id, []).append((p.start, p.end, j))
    for doc_id, spans in index.items():
        for m in mentions.get(doc_id, []):
            key = value_key(m.label, m.value)
            if key is None:
                continue
            for s, e, j in spans:
                if s <= m.start < e:
                    out[j].add(key)
                    break
    return out


def status_of(text: str) -> str:
    """The status cue of a later text: delayed, not_achieved, achieved, started, ongoing, mentioned.

    ``status_first`` cues ("nog niet afgerond", "wordt uitgewerkt") are read before the
    others, which are tried in ``status_order``."""
    for status, patterns in cues()["status_first"].items():
        if status.startswith("_"):
            continue
        if any(re.search(p, text, re.IGNORECASE) for p in patterns):
            return status
    for status in cues()["status_order"]:
        if any(re.search(p, text, re.IGNORECASE) for p in cues()["status"][status]):
            return status
    return "mentioned"


def _best_sentence(
    passage_text: str, anchor_set: dict[str, re.Pattern[str]], words: set[str]
) -> str:
    best, best_score = passage_text, -1.0
    for s, e in _split(passage_text):
        t = passage_text[s:e]
        score = sum(bool(p.search(t)) for p in anchor_set.values()) * 2 + len(
            words & set(keywords(t))
        )
        if score > best_score:
            best, best_score = t, score
    return best


def link(
    earlier: Sequence[Commitment],
    later: Sequence[Document],
    *,
    mentions: Mapping[str, Sequence[Mention]] | None = None,
    threshold: float = LINK_THRESHOLD,
    max_links: int = MAX_LINKS,
    max_df: int = MAX_DF,
) -> list[dict[str, Any]]:
    """Links from commitments to passages of later documents, with evidence and status.

    ``mentions``: the later documents' mentions by ``doc_id``, for the anchors compared
    by normalised value (without them only text anchors count)."""
    from rapidfuzz import fuzz
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    passages = [(d, p) for d in later for p in d.passages if p.kind in KINDS]
    if not earlier or not passages:
        return []
    ptexts = [d.text[p.start : p.end] for d, p in passages]
    ctexts = [c.sentence.text for c in earlier]
    vec = TfidfVectorizer(analyzer=lambda t: keywords(t), sublinear_tf=True)
    vec.fit(ptexts + ctexts)
    sim = cosine_similarity(vec.transform(ctexts), vec.transform(ptexts))
    pkeys = [" ".join(keywords(t)) for t in ptexts]
    pvalues = _value_sets(passages, mentions or {})
    rows: list[dict[str, Any]] = []
    for i, c in enumerate(earlier):
        anc = anchors(c.sentence.text, c.attrs)
        programme_keys = {p.lower() for p in c.attrs.get("programmes", [])}
        hits = {a: [j for j, t in enumerate(ptexts) if pat.search(t)] for a, pat in anc.items()}
        for a, key in value_anchors(c.sentence.text, c.attrs).items():
            hits[a] = [j for j, vals in enumerate(pvalues) if key in vals]
        strong = {
            a: set(js)
            for a, js in hits.items()
            if 0 < len(js) <= (BIGRAM_MAX_DF if " " in a and a not in programme_keys else max_df)
        }
        words = set(keywords(c.sentence.text))
        ckey = " ".join(sorted(words))
        scored = []
        for j, (d, _p) in enumerate(passages):
            year = _year(d)
            if c.year is not None and year is not None and year <= c.year:
                continue
            shared = sorted(a for a, js in strong.items() if j in js)
            if not shared:
                continue
            fuzzy = fuzz.token_set_ratio(ckey, pkeys[j]) / 100 if ckey else 0.0
            score = 0.45 * float(sim[i, j]) + 0.35 * min(1.0, len(shared) / 1.0) + 0.2 * fuzzy
            if score >= threshold:
                scored.append((score, j, shared, fuzzy))
        scored.sort(key=lambda x: -x[0])
        for score, j, shared, fuzzy in scored[:max_links]:
            d, p = passages[j]
            evidence = _best_sentence(ptexts[j], anc, words)
            status = status_of(evidence)
            # No cue in the closest sentence: the passage's own cue, with less confidence.
            from_sentence = status != "mentioned"
            if not from_sentence:
                status = status_of(ptexts[j])
            rows.append(
                {
                    "commitment_id": c.commitment_id,
                    "doc_id": d.doc_id,
                    "year": _year(d),
                    "passage_id": p.passage_id,
                    "passage_start": p.start,
                    "passage_end": p.end,
                    "page": p.page,
                    "score": round(score, 3),
                    "tfidf_cosine": round(float(sim[i, j]), 3),
                    "fuzzy": round(fuzzy, 3),
                    "shared_anchors": shared,
                    "status": status,
                    "confidence": round(min(0.99, score) * (1.0 if from_sentence else 0.8), 3),
                    "evidence": evidence,
                }
            )
    return rows


def _amounts_found(
    amounts: Sequence[str], values: Sequence[Any], later_values: set[tuple[str, Any]]
) -> dict[str, bool]:
    """Per promised amount (as written): is its value in euros mentioned later?"""
    return {a: value_key("AMOUNT", v) in later_values for a, v in zip(amounts, values, strict=True)}


STATUS_RANK = {
    "achieved": 5,
    "started": 4,
    "ongoing": 3,
    "delayed": 2,
    "not_achieved": 1,
    "mentioned": 0,
}


def summarise(
    commitments: Sequence[Commitment],
    links: Sequence[dict[str, Any]],
    later: Sequence[Document],
    mentions: Mapping[str, Sequence[Mention]] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of the ``commitments`` dataset and of the commitment × year status table.

    ``mentions``: the later documents' mentions by ``doc_id`` (amounts found again)."""
    by_c: dict[str, list[dict[str, Any]]] = {}
    for row in links:
        by_c.setdefault(row["commitment_id"], []).append(row)
    years = sorted({y for d in later if (y := _year(d)) is not None})
    later_values = {
        key
        for d in later
        for m in (mentions or {}).get(d.doc_id, [])
        if (key := value_key(m.label, m.value)) is not None
    }
    rows, table = [], []
    for c in commitments:
        ls = by_c.get(c.commitment_id, [])
        # The most advanced status any linked passage reports (achieved > started > ...).
        best = max(ls, key=lambda r: (STATUS_RANK[r["status"]], r["score"])) if ls else None
        amounts_found = _amounts_found(c.attrs["amounts"], c.attrs["amount_values"], later_values)
        missing = [a for a, ok in amounts_found.items() if not ok]
        notes = [f"bedrag {a} niet teruggevonden in latere tekst" for a in missing]
        rows.append(
            {
                "commitment_id": c.commitment_id,
                "doc_id": c.doc_id,
                "year": c.year,
                "passage_id": c.sentence.passage_id,
                "page": c.sentence.page,
                "start": c.sentence.start,
                "end": c.sentence.end,
                "text": c.sentence.text,
                "type": c.label,
                "type_confidence": round(c.confidence, 3),
                **{
                    k: c.attrs[k]
                    for k in (
                        "actor",
                        "what",
                        "action",
                        "amounts",
                        "amount_values",
                        "target_dates",
                        "counts",
                        "organisations",
                        "ris",
                        "programmes",
                        "themes",
                    )
                },
                "n_links": len(ls),
                "status": best["status"] if best else NO_REPORT,
                "status_confidence": best["confidence"] if best else None,
                "amounts_not_found": missing,
                "notes": notes,
            }
        )
        for y in years:
            ly = [r for r in ls if r["year"] == y]
            b = max(ly, key=lambda r: (STATUS_RANK[r["status"]], r["score"])) if ly else None
            table.append(
                {
                    "commitment_id": c.commitment_id,
                    "year": y,
                    "status": b["status"] if b else NO_REPORT,
                    "confidence": b["confidence"] if b else None,
                    "n_links": len(ly),
                    "evidence_passage_id": b["passage_id"] if b else None,
                }
            )
    return rows, table


COLUMNS: dict[str, tuple[Column, ...]] = {
    "commitments": tuple(
        Column(*c)
        for c in (
            ("commitment_id", "string", "`{doc_id}:s{index}` (sentence index in the document)."),
            ("doc_id", "string", "Document the commitment is made in."),
            ("year", "int", "Year of that document."),
            ("passage_id", "string", "Passage holding the sentence."),
            ("page", "int", "1-based page (PDF)."),
            ("start", "int", "Start offset of the sentence in the document text."),
            ("end", "int", "End offset (exclusive)."),
            ("text", "string", "Sentence text."),
            ("type", "string", "commitment (intention, target, allocation, planned action)."),
            ("type_confidence", "float", "Confidence of the type."),
            ("actor", "string", "Who commits (`gemeente (wij)` for we/wij)."),
            (
                "what",
                "string",
                "Object of the commitment (`de Haagse preventieaanpak`); from the dependency "
                "parse when the pipeline has one, else Dutch word-order rules.",
            ),
            ("action", "string", "Its verb, infinitive with particle (`verstevigen`, `opvangen`)."),
            ("amounts", "list", "Amounts in the sentence, as written (AMOUNT mentions)."),
            ("amount_values", "json", "Those amounts in euros, same order (`[6400000.0]`)."),
            (
                "target_dates",
                "list",
                "Normalised dates (DATE mentions) after the document's year (`2026`, `2024-Q1`).",
            ),
            ("counts", "list", "Counts as value and noun (COUNT mentions: `1250 ontheemden`)."),
            ("organisations", "list", "Organisations in the sentence, canonical names (ORG)."),
            ("ris", "list", "RIS numbers, normalised (`RIS315963`)."),
            ("programmes", "list", "Capitalised phrases: named programmes and bodies."),
            ("themes", "list", "Theme ids of the sentence's passage (theme model)."),
            ("n_links", "int", "Passages of later documents linked to it."),
            ("status", "string", "Status from the best link, or `geen verantwoording gevonden`."),
            ("status_confidence", "float", "Confidence of the status (link score)."),
            (
                "amounts_not_found",
                "list",
                "Promised amounts whose value no later document mentions.",
            ),
            ("notes", "list", "Remarks for the reader (amounts not found, ...)."),
        )
    ),
    "links": tuple(
        Column(*c)
        for c in (
            ("commitment_id", "string", "Commitment linked."),
            ("doc_id", "string", "Later document."),
            ("year", "int", "Year of the later document."),
            ("passage_id", "string", "Passage of the later document."),
            ("passage_start", "int", "Start offset of the passage."),
            ("passage_end", "int", "End offset (exclusive)."),
            ("page", "int", "1-based page (PDF)."),
            ("score", "float", "Link score (0-1) from the evidence below."),
            ("tfidf_cosine", "float", "TF-IDF cosine of content words."),
            ("fuzzy", "float", "rapidfuzz token_set_ratio of key phrases (0-1)."),
            (
                "shared_anchors",
                "list",
                "Programmes, compounds, bigrams in both texts; RIS numbers, organisations, "
                "amounts (`€6400000`) with the same normalised value in both.",
            ),
            ("status", "string", "mentioned, started, ongoing, achieved, not_achieved or delayed."),
            ("confidence", "float", "Confidence of link and status."),
            ("evidence", "string", "Sentence of the passage the status is read from."),
        )
    ),
    "commitment_status": tuple(
        Column(*c)
        for c in (
            ("commitment_id", "string", "Commitment."),
            ("year", "int", "Year of the later documents."),
            ("status", "string", "Status that year, or `geen verantwoording gevonden`."),
            ("confidence", "float", "Confidence of the status."),
            ("n_links", "int", "Linked passages that year."),
            ("evidence_passage_id", "string", "Passage the status is read from."),
        )
    ),
}


def track_documents(
    documents: Sequence[Document],
    *,
    nlp: Any = None,
    theme_model: Any = None,
    use_classifier: bool = True,
    analyses: Mapping[str, Analysis] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The three datasets for documents of different years (earlier ones are tracked).

    Each document goes through the pipeline ``nlp`` (default: :func:`default_pipeline`)
    and ``theme_model`` once, unless ``analyses`` (by doc_id) already holds what they
    found, as :func:`analysis_from_rows` rebuilds it from ``extract`` output."""
    nlp = nlp if nlp is not None else default_pipeline()
    ordered = sorted(documents, key=lambda d: (_year(d) or 0, d.doc_id))
    analyses = {
        d.doc_id: (analyses or {}).get(d.doc_id) or analyse(d, nlp, theme_model) for d in ordered
    }
    mentions = {k: a.mentions for k, a in analyses.items()}
    all_rows: dict[str, list[dict[str, Any]]] = {
        "commitments": [],
        "links": [],
        "commitment_status": [],
    }
    for k, doc in enumerate(ordered):
        y = _year(doc)
        place = doc.meta.get("place")
        later = [
            d
            for d in ordered[k + 1 :]
            if y is not None
            and (_year(d) or 0) > y
            and (not place or not d.meta.get("place") or d.meta.get("place") == place)
        ]
        found = [
            c
            for c in detect(
                doc, nlp=nlp, analysis=analyses[doc.doc_id], use_classifier=use_classifier
            )
            if c.label == "commitment"
        ]
        links = link(found, later, mentions=mentions)
        rows, table = summarise(found, links, later, mentions)
        all_rows["commitments"] += rows
        all_rows["links"] += links
        all_rows["commitment_status"] += table
    return all_rows


def load_documents(paths: Sequence[str | Path]) -> list[Document]:
    """Documents of the given files and folders, with manifest metadata where present."""
    from policytext.process import load_document
    from policytext.run import collect_inputs, find_manifests

    files, missing = collect_inputs(paths)
    if missing:
        raise FileNotFoundError(", ".join(f"{p}: {reason}" for p, reason in missing))
    # The manifest of a folder given, or of the folder of a file given.
    manifests = find_manifests([*paths, *sorted({f.parent for f in files})])
    docs = []
    for f in files:
        row = manifests.get(f.resolve()) or {}
        row = {
            k: v for k, v in row.items() if k in {"doc_id", "doc_type", "place", "year", "title"}
        }
        docs.append(load_document(f, manifest_row=row))
    return docs


def track(
    paths: Sequence[str | Path],
    outdir: str | Path,
    formats: Sequence[str] = ("jsonl",),
    *,
    nlp: Any = None,
    theme_model: Any = None,
) -> dict[str, Any]:
    """Detect commitments in every document, track them in later ones, write the datasets.

    ``nlp``: the pipeline (default :func:`default_pipeline`); ``theme_model``: a theme
    model for the ``themes`` column (none: the column stays empty)."""
    from policytext.dataset import write_datasets

    docs = load_documents(paths)
    datasets = track_documents(docs, nlp=nlp, theme_model=theme_model)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = write_datasets(datasets, outdir, formats)
    return {"documents": len(docs), **{k: len(v) for k, v in datasets.items()}, "written": written}
