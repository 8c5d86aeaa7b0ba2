"""A small classifier for commitment / result / other, combined with the Dutch cue rules.

Trained on the sample-corpus ``sentence`` rows of ``annotations/commitments.jsonl`` and
``annotations/commitments_blind.jsonl``. The PDF rows of
``annotations/commitments_pdf_dev.jsonl`` (other genres) are development data for the cue
rules and are scored, not trained on: adding them to training lowered the sample
documents' leave-one-document-out macro-F1 from .856 to .819 and left their own at .49.
The blind file's PDF rows are the test set. Hashed TF-IDF word n-grams plus the cue features of
:func:`policytext.commitments.detect.cue_features`, logistic regression.
``policytext train commitments`` writes the model to ``models/commitments``, which
:func:`default_classifier` loads. :func:`cross_validate` holds out one document at a time;
``python -m policytext.commitments.classify`` prints it per document.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from policytext.commitments.detect import LABELS, STRONG_CONFIDENCE, cue_features, rule_label

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "annotations" / "commitments.jsonl"
BLIND = ROOT / "annotations" / "commitments_blind.jsonl"
PDF_DEV = ROOT / "annotations" / "commitments_pdf_dev.jsonl"
# Development gold, in order of precedence (later wins on a span annotated twice).
TRAINING_GOLD = (GOLD, BLIND)
# Gold whose PDF rows are development data, scored but not trained on (see above).
DEV_PDF_GOLD = (PDF_DEV,)
DEFAULT_MODEL = ROOT / "models" / "commitments"
MODEL_FILE = "model.joblib"
SAMPLE_MANIFEST = ROOT / "corpora" / "sample" / "manifest.csv"
RULE_WEIGHT = 0.4
WEAK_RULE_WEIGHT = 0.55
TIE_CONFIDENCE = 0.5


# Per sentence: (doc_type, year) or (doc_type, year, heading above the sentence).
Meta = tuple[str | None, int | None] | tuple[str | None, int | None, str | None]


def _cue_matrix(texts: Sequence[str], meta: Sequence[Meta]) -> Any:
    from scipy.sparse import csr_matrix

    rows = [list(cue_features(t, *m).values()) for t, m in zip(texts, meta, strict=True)]
    return csr_matrix(np.asarray(rows, dtype=float))


class _HashedTfidf:
    """Word uni- and bigrams, hashed then TF-IDF weighted. No vocabulary is stored, so a
    saved model holds no text of the (PDF) sentences it was trained on; n-grams unseen in
    training weigh nothing, as they would with a vocabulary."""

    def __init__(self, n_features: int = 2**18) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

        self.hashing = HashingVectorizer(
            ngram_range=(1, 2), n_features=n_features, alternate_sign=False, norm=None
        )
        self.tfidf = TfidfTransformer(sublinear_tf=True)

    def fit_transform(self, texts: Sequence[str]) -> Any:
        counts = self.hashing.transform(texts)
        self.tfidf.fit(counts)
        seen = np.asarray((counts > 0).sum(axis=0)).ravel() > 0
        self.tfidf.idf_ = np.where(seen, self.tfidf.idf_, 0.0)
        return self.tfidf.transform(counts)

    def transform(self, texts: Sequence[str]) -> Any:
        return self.tfidf.transform(self.hashing.transform(texts))


def _word_features() -> _HashedTfidf:
    return _HashedTfidf()


@dataclass
class CommitmentClassifier:
    vectorizer: Any
    model: Any

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        meta: Sequence[Meta],
    ) -> CommitmentClassifier:
        from scipy.sparse import hstack
        from sklearn.linear_model import LogisticRegression

        vec = _word_features()
        X = hstack([vec.fit_transform(texts), _cue_matrix(texts, meta)]).tocsr()
        model = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced")
        model.fit(X, list(labels))
        return cls(vec, model)

    def proba(self, texts: Sequence[str], meta: Sequence[Meta]) -> np.ndarray:
        from scipy.sparse import hstack

        X = hstack([self.vectorizer.transform(texts), _cue_matrix(texts, meta)]).tocsr()
        p = self.model.predict_proba(X)
        out = np.zeros((len(texts), len(LABELS)))
        for j, lab in enumerate(self.model.classes_):
            out[:, LABELS.index(lab)] = p[:, j]
        return out

    def save(self, out_dir: str | Path, meta: dict[str, Any]) -> Path:
        """Write ``model.joblib`` and ``meta.json`` into ``out_dir`` (atomically)."""
        import json
        import os

        import joblib

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        tmp = out / (MODEL_FILE + ".tmp")
        joblib.dump({"vectorizer": self.vectorizer, "model": self.model}, tmp, compress=3)
        os.replace(tmp, out / MODEL_FILE)
        tmp = out / "meta.json.tmp"
        tmp.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, out / "meta.json")
        return out

    @classmethod
    def load(cls, model_dir: str | Path) -> CommitmentClassifier:
        """A model written by :meth:`save`. Only load model files you trust: joblib
        files are pickles."""
        import joblib

        payload = joblib.load(Path(model_dir) / MODEL_FILE)
        return cls(payload["vectorizer"], payload["model"])


def combine(
    texts: Sequence[str],
    meta: Sequence[Meta],
    clf: CommitmentClassifier | None,
) -> list[tuple[str, float]]:
    """Label and confidence per sentence: rules, blended with the classifier when given.

    Two or more net cues (rule confidence ≥ ``STRONG_CONFIDENCE``) decide alone. Otherwise
    the rule's distribution is averaged with the classifier's: weight ``RULE_WEIGHT`` where
    no cue decides, ``WEAK_RULE_WEIGHT`` where one cue does, so that a confident classifier
    overrides a single cue (``"Welke stappen zijn er gezet"`` has one past participle)."""
    out = []
    probs = clf.proba(texts, meta) if clf is not None and texts else None
    for i, (t, m) in enumerate(zip(texts, meta, strict=True)):
        lab, conf = rule_label(t, *m)
        dist = np.full(len(LABELS), (1 - conf) / (len(LABELS) - 1))
        dist[LABELS.index(lab)] = conf
        if probs is not None and conf < STRONG_CONFIDENCE:
            w = RULE_WEIGHT if conf <= TIE_CONFIDENCE else WEAK_RULE_WEIGHT
            dist = w * dist + (1 - w) * probs[i]
        k = int(np.argmax(dist))
        out.append((LABELS[k], float(dist[k])))
    return out


def gold_sentences(path: str | Path = GOLD) -> list[dict[str, Any]]:
    from policytext.dataset import read_jsonl

    return [r for r in read_jsonl(path) if r.get("kind") == "sentence"]


@cache
def sample_meta(manifest: Path = SAMPLE_MANIFEST) -> dict[str, tuple[str | None, int | None]]:
    """``doc_id`` → (doc_type, year) from the sample corpus manifest."""
    from policytext.meta import load_manifest

    if not manifest.is_file():
        return {}
    return {
        row["doc_id"]: (row.get("doc_type"), row.get("year"))
        for row in load_manifest(manifest).values()
        if "doc_id" in row
    }


@cache
def sample_headings() -> dict[str, tuple[tuple[int, int, str | None], ...]]:
    """``doc_id`` → (start, end, heading) of the sentences of each sample document that
    has gold, so gold rows get the heading context detection gives them."""
    from policytext.commitments.detect import split_sentences
    from policytext.process import load_document

    out: dict[str, tuple[tuple[int, int, str | None], ...]] = {}
    if not SAMPLE_MANIFEST.is_file():
        return out
    from policytext.meta import load_manifest

    for path, row in load_manifest(SAMPLE_MANIFEST).items():
        if "doc_id" in row and path.is_file() and row["doc_id"] in sample_meta():
            doc = load_document(path, manifest_row={k: row[k] for k in row if k != "seed_file"})
            out[row["doc_id"]] = tuple((s.start, s.end, s.heading) for s in split_sentences(doc))
    return out


def _heading(row: dict[str, Any]) -> str | None:
    for s, e, h in sample_headings().get(row["doc_id"], ()):
        if s < row["end"] and row["start"] < e:
            return h
    return None


def _meta(rows: Sequence[dict[str, Any]]) -> list[Meta]:
    known = sample_meta()
    return [r.get("meta") or (*known.get(r["doc_id"], (None, None)), _heading(r)) for r in rows]


def training_sentences(
    paths: Sequence[str | Path] = TRAINING_GOLD,
    pdf_paths: Sequence[str | Path] = (),
) -> list[dict[str, Any]]:
    """The training gold: sample-corpus sentences of every file in ``paths`` and the PDF
    sentences of the files in ``pdf_paths`` (read from the PDFs, ``doc_id`` = file name).

    The PDF rows of ``paths`` (the blind test set) are never included. Where two files
    annotate the same span, the later file wins (``commitments_blind.jsonl``: the
    independent annotator, whose labels the cue rules were not written against)."""
    rows = _sample_training_rows(paths)
    for path in pdf_paths:
        if Path(path).is_file():
            rows += _cached_pdf_rows(str(Path(path).resolve()))
    return rows


@cache
def _cached_pdf_rows(path: str) -> tuple[dict[str, Any], ...]:
    from policytext.commitments.pdf_gold import resolve_pdf_sentences

    resolved, problems = resolve_pdf_sentences(gold_sentences(path), Path(path))
    for problem in problems:
        warnings.warn(f"{Path(path).name}: {problem}", stacklevel=3)
    return tuple(resolved)


def dev_pdf_sentences(paths: Sequence[str | Path] = DEV_PDF_GOLD) -> list[dict[str, Any]]:
    """The development PDF sentences (other genres), resolved from the PDFs; empty when
    the PDFs are not beside the repository."""
    return [r for p in paths if Path(p).is_file() for r in _cached_pdf_rows(str(Path(p).resolve()))]


def _sample_training_rows(paths: Sequence[str | Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        if not Path(path).is_file():
            continue
        new = [r for r in gold_sentences(path) if "doc_id" in r and "pdf_file" not in r]
        rows = [
            r
            for r in rows
            if not any(
                n["doc_id"] == r["doc_id"] and n["start"] < r["end"] and r["start"] < n["end"]
                for n in new
            )
        ]
        rows += new
    return rows


def fit_rows(rows: Sequence[dict[str, Any]]) -> CommitmentClassifier | None:
    """A classifier on gold rows, or None when they hold fewer than two labels."""
    if len({r["label"] for r in rows}) < 2:
        return None
    return CommitmentClassifier.fit(
        [r["text"] for r in rows], [r["label"] for r in rows], _meta(rows)
    )


@cache
def default_classifier(model_dir: str | Path | None = DEFAULT_MODEL) -> CommitmentClassifier | None:
    """The shipped classifier (``models/commitments``, written by ``policytext train
    commitments``); without it, one fitted on all development gold; None when there is
    no gold either (the cue rules alone decide, and a warning says so)."""
    if model_dir is not None and (Path(model_dir) / MODEL_FILE).is_file():
        return CommitmentClassifier.load(model_dir)
    clf = fit_rows(training_sentences())
    if clf is None:
        warnings.warn(
            "commitment classifier not trained: no gold in "
            + ", ".join(map(str, TRAINING_GOLD))
            + "; commitments are detected by the Dutch cue rules alone",
            stacklevel=2,
        )
    return clf


@cache
def classifier_without(doc_id: str) -> CommitmentClassifier | None:
    """The classifier trained on all development gold except the document ``doc_id``:
    the honest model for scoring that document's gold."""
    return fit_rows([r for r in training_sentences() if r["doc_id"] != doc_id])


def f1_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """F1 of commitment and of result, their macro mean, and accuracy."""
    out: dict[str, float] = {}
    for lab in ("commitment", "result"):
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[f"f1_{lab}"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["f1_macro"] = (out["f1_commitment"] + out["f1_result"]) / 2
    out["accuracy"] = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))
    return out


def cross_validate(
    path: str | Path | None = None, *, use_classifier: bool = True
) -> dict[str, Any]:
    """Leave-one-document-out scores of the combined labeller, overall and per document.

    The sentences scored are those of ``path`` (default: all development gold); for each
    document the classifier is trained on all development gold except that document."""
    rows = training_sentences() if path is None else gold_sentences(path)
    rows = [r for r in rows if "doc_id" in r and "pdf_file" not in r]
    docs = sorted({r["doc_id"] for r in rows})
    scores = _cross_validate(rows, docs, classifier_without if use_classifier else None)
    if path is None and (
        dev := score_dev_pdf(default_classifier(None) if use_classifier else None)
    ):
        scores["dev_pdf"] = dev
    return scores


def score_dev_pdf(clf: CommitmentClassifier | None) -> dict[str, Any] | None:
    """Scores on the development PDF sentences (never trained on) with ``clf``; per
    document the gold and predicted label counts. None without the PDFs."""
    pdf_rows = dev_pdf_sentences()
    if not pdf_rows:
        return None
    labs = [lab for lab, _ in combine([r["text"] for r in pdf_rows], _meta(pdf_rows), clf)]
    per_doc: dict[str, Any] = {}
    for r, lab in zip(pdf_rows, labs, strict=True):
        d = per_doc.setdefault(r["doc_id"], {"n": 0, "gold": Counter(), "predicted": Counter()})
        d["n"] += 1
        d["gold"][r["label"]] += 1
        d["predicted"][lab] += 1
    return {
        "n": len(pdf_rows),
        **f1_scores([r["label"] for r in pdf_rows], labs),
        "per_document": {
            doc: d | {"gold": dict(d["gold"]), "predicted": dict(d["predicted"])}
            for doc, d in per_doc.items()
        },
    }


def _cross_validate(
    rows: Sequence[dict[str, Any]],
    docs: Sequence[str],
    classifier_for: Callable[[str], CommitmentClassifier | None] | None,
) -> dict[str, Any]:
    """Leave-one-document-out: each document in ``docs`` labelled with
    ``classifier_for(doc)`` (a model that did not see it), or by the rules alone."""
    gold: list[str] = []
    pred: list[str] = []
    per_doc: dict[str, Any] = {}
    for held in docs:
        test = [r for r in rows if r["doc_id"] == held]
        clf = classifier_for(held) if classifier_for is not None else None
        labs = [lab for lab, _ in combine([r["text"] for r in test], _meta(test), clf)]
        g = [r["label"] for r in test]
        per_doc[held] = {"n": len(g), **f1_scores(g, labs)}
        gold += g
        pred += labs
    return {"n": len(gold), "folds": docs, **f1_scores(gold, pred), "per_document": per_doc}


def main() -> None:
    """Print the leave-one-document-out scores on all development gold as JSON."""
    import json

    print(json.dumps(cross_validate(), indent=2))


if __name__ == "__main__":
    main()
