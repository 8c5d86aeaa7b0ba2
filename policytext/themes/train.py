"""Train the theme classifier from gold passages and write it with a model card.

Two gold formats are read (one JSON object per line, one line per document):

- text documents, the guidelines' gold format: ``{"doc_id", "text_file", "passages":
  [{"start", "end", "themes"}]}`` with ``text_file`` relative to the gold file;
- PDF documents (``annotations/themes_pdfs.jsonl``): ``{"doc_id", "pdf_file", "offsets":
  "pypdfium2 get_text_range", "passages": [{"page", "start", "end", "sha1", "themes"}]}``.
  Offsets index the page text as pypdfium2's ``get_text_range()`` returns it; ``sha1``
  of that slice detects drift. The PDFs are looked up in ``$POLICYTEXT_CORPUS_PDFS``,
  then in ``../shared/corpus-pdfs`` next to the repository; the repository holds no PDF
  text. A PDF that cannot be found is skipped with a warning.

``train_themes`` cross-validates (grouped by document), refits on everything with a
fixed seed and writes ``model.joblib``, ``meta.json``, ``taxonomy.json`` and ``README.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from policytext import __version__
from policytext.themes.evaluate import cross_validate_themes
from policytext.themes.features import CHAR_FEATURES, WORD_FEATURES
from policytext.themes.model import ModelConfig, ThemeModel
from policytext.themes.taxonomy import Taxonomy, load_taxonomy

PDF_DIR_ENV = "POLICYTEXT_CORPUS_PDFS"
PDF_OFFSETS = "pypdfium2 get_text_range"


@dataclass(frozen=True, slots=True)
class ThemeExample:
    """One labelled passage: its text, its themes, and where it comes from."""

    doc_id: str
    text: str
    themes: tuple[str, ...]
    source: str  # "text" or "pdf"
    page: int | None = None
    start: int = 0
    end: int = 0


def sha1_text(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def default_pdf_dirs(gold_path: Path) -> list[Path]:
    """Where PDF gold documents are looked up: ``$POLICYTEXT_CORPUS_PDFS``, then
    ``shared/corpus-pdfs`` beside the repository that holds ``gold_path``."""
    dirs = [Path(p) for p in os.environ.get(PDF_DIR_ENV, "").split(os.pathsep) if p]
    repo = gold_path.resolve().parent.parent
    dirs.append(repo.parent / "shared" / "corpus-pdfs")
    return dirs


@lru_cache(maxsize=16)
def pdf_page_texts(path: str) -> tuple[str, ...]:
    """The text of every page as pypdfium2's ``get_text_range()`` gives it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return tuple(pages)
    finally:
        pdf.close()


def load_theme_gold(
    paths: Iterable[str | Path], *, pdf_dirs: Sequence[str | Path] | None = None
) -> tuple[list[ThemeExample], list[str]]:
    """All passages with a ``themes`` field in the gold files, and warnings about skips."""
    examples: list[ThemeExample] = []
    warnings: list[str] = []
    for gold in map(Path, paths):
        with gold.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                obj = json.loads(line)
                where = f"{gold}:{n}"
                if "pdf_file" in obj:
                    dirs = [Path(d) for d in pdf_dirs] if pdf_dirs else default_pdf_dirs(gold)
                    examples += _pdf_examples(obj, dirs, where, warnings)
                elif "text_file" in obj:
                    examples += _text_examples(obj, gold.parent, where, warnings)
                else:
                    warnings.append(f"{where}: neither text_file nor pdf_file; skipped")
    return examples, warnings


def _text_examples(
    obj: dict[str, Any], base: Path, where: str, warnings: list[str]
) -> list[ThemeExample]:
    path = base / obj["text_file"]
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
    except OSError as err:
        warnings.append(f"{where}: cannot read {path} ({err.strerror or err}); skipped")
        return []
    out = []
    for p in obj.get("passages", []):
        if "themes" not in p:
            continue
        start, end = int(p["start"]), int(p["end"])
        if not 0 <= start < end <= len(text):
            warnings.append(f"{where}: passage [{start}, {end}) outside the text; skipped")
            continue
        out.append(
            ThemeExample(
                obj["doc_id"], text[start:end], tuple(p["themes"]), "text", None, start, end
            )
        )
    return out


def _pdf_examples(
    obj: dict[str, Any], dirs: list[Path], where: str, warnings: list[str]
) -> list[ThemeExample]:
    if obj.get("offsets", PDF_OFFSETS) != PDF_OFFSETS:
        warnings.append(f"{where}: unknown offsets scheme {obj['offsets']!r}; skipped")
        return []
    path = next((d / obj["pdf_file"] for d in dirs if (d / obj["pdf_file"]).is_file()), None)
    if path is None:
        warnings.append(
            f"{where}: {obj['pdf_file']} not found in {', '.join(map(str, dirs))}; skipped"
        )
        return []
    pages = pdf_page_texts(str(path))
    out = []
    for p in obj.get("passages", []):
        page, start, end = int(p["page"]), int(p["start"]), int(p["end"])
        if not 1 <= page <= len(pages) or not 0 <= start < end <= len(pages[page - 1]):
            warnings.append(f"{where}: page {page} [{start}, {end}) out of range; skipped")
            continue
        text = pages[page - 1][start:end]
        if p.get("sha1") and sha1_text(text) != p["sha1"]:
            warnings.append(f"{where}: page {page} [{start}, {end}) text changed (sha1); skipped")
            continue
        out.append(ThemeExample(obj["doc_id"], text, tuple(p["themes"]), "pdf", page, start, end))
    return out


def data_summary(examples: Sequence[ThemeExample], taxonomy: Taxonomy) -> dict[str, Any]:
    """Passages, documents and positives per theme, by source (text / pdf)."""
    by_source: dict[str, Counter[str]] = {}
    for ex in examples:
        c = by_source.setdefault(ex.source, Counter())
        c["_passages"] += 1
        c.update(t for t in ex.themes if t in taxonomy.ids)
    return {
        "n_passages": len(examples),
        "n_documents": len({ex.doc_id for ex in examples}),
        "sources": {
            src: {
                "passages": c["_passages"],
                "documents": len({ex.doc_id for ex in examples if ex.source == src}),
                "positives": {t: c[t] for t in taxonomy.ids},
            }
            for src, c in sorted(by_source.items())
        },
        "positives": {t: sum(c[t] for c in by_source.values()) for t in taxonomy.ids},
    }


def train_themes(
    gold_paths: Sequence[str | Path],
    out_dir: str | Path = "models/themes",
    *,
    taxonomy: Taxonomy | str | Path | None = None,
    seed: int = 0,
    config: ModelConfig | None = None,
    cross_validate: bool = True,
    pdf_dirs: Sequence[str | Path] | None = None,
) -> dict[str, Any]:
    """Train on ``gold_paths``, cross-validate by document, save into ``out_dir``.

    Returns the report written to ``meta.json`` and the model card: data counts, CV
    scores (micro, macro, per theme), thresholds, configuration, versions, warnings.
    """
    tax = load_taxonomy(taxonomy)
    examples, warnings = load_theme_gold(gold_paths, pdf_dirs=pdf_dirs)
    if not examples:
        raise ValueError("no labelled passages found in " + ", ".join(map(str, gold_paths)))
    unknown = Counter(t for ex in examples for t in ex.themes if t not in tax.ids)
    if unknown:
        warnings.append(
            "labels not in the taxonomy, ignored: "
            + ", ".join(f"{t} ({n})" for t, n in unknown.most_common())
        )
    texts = [ex.text for ex in examples]
    labels = [[t for t in ex.themes if t in tax.ids] for ex in examples]
    groups = [ex.doc_id for ex in examples]
    cfg = config or ModelConfig()
    report: dict[str, Any] = {
        "policytext_version": __version__,
        "taxonomy": {"id": tax.id, "version": tax.version, "themes": list(tax.ids)},
        "gold": [str(p) for p in gold_paths],
        "trained_on": date.today().isoformat(),
        "seed": seed,
        "data": data_summary(examples, tax),
        "warnings": warnings,
    }
    if cross_validate and len(set(groups)) >= 2:
        cv = cross_validate_themes(texts, labels, groups, taxonomy=tax, seed=seed, config=cfg)
        cv.pop("oof", None)
        report["cv"] = {"scheme": "leave one document out", **cv}
    model = ThemeModel.train(texts, labels, taxonomy=tax, groups=groups, seed=seed, config=cfg)
    model.meta.update({k: v for k, v in report.items() if k != "warnings"})
    model.save(out_dir)
    report["thresholds"] = model.thresholds
    report["config"] = cfg.to_dict()
    report["scored_by"] = model.meta.get("scored_by", {})
    report["out_dir"] = str(out_dir)
    write_model_card(Path(out_dir), report)
    return report


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


CLASSIFIER_NAMES = {
    "logreg": "a logistic regression",
    "svm": "a linear SVM (sigmoid-calibrated)",
    "cnb": "a complement naive Bayes",
    "sgd": "an SGD logistic model",
}
THRESHOLD_NAMES = {
    "oof": "per-theme thresholds chosen for F1 on document-grouped out-of-fold predictions",
    "rank": "per-theme thresholds that predict as many passages as are gold on "
    "document-grouped out-of-fold predictions",
    "fixed": "a fixed threshold of 0.5",
}


def model_sentence(config: dict[str, Any]) -> str:
    """The model card's description of a model ``config`` (``ModelConfig.to_dict()``)."""
    cfg = ModelConfig.from_dict(config)
    words = "lemma" if cfg.lemmas else "word"
    weight = "balanced class weights" if cfg.class_weight == "balanced" else "no class weights"
    parts = [
        f"Model: hashed {words} n-gram TF-IDF + hashed character n-gram TF-IDF"
        + (f" + taxonomy keyword counts (weight {cfg.prior_weight:g})" if cfg.prior_weight else "")
        + f" ({words} n-grams {'-'.join(map(str, cfg.word_ngrams))}, character n-grams "
        f"{'-'.join(map(str, cfg.char_ngrams))} within words"
        + (", sublinear TF" if cfg.sublinear_tf else "")
        + f"; 2^{WORD_FEATURES.bit_length() - 1} and 2^{CHAR_FEATURES.bit_length() - 1} hash "
        "buckets, those in fewer than 2 passages dropped).",
        f"Per theme {CLASSIFIER_NAMES.get(cfg.classifier, cfg.classifier)} (C {cfg.C:g}) "
        f"with {weight}"
        + (" and sigmoid-calibrated probabilities" if cfg.calibrate else "")
        + (f", blended {cfg.prior_blend:.2f} with the keyword prior" if cfg.prior_blend else "")
        + "; "
        + THRESHOLD_NAMES.get(cfg.threshold, cfg.threshold)
        + ".",
    ]
    if cfg.taxonomy_examples and cfg.pseudo != "none":
        parts.append(
            "The taxonomy is added as training data: one pseudo-passage per theme (label, "
            "description, keywords)"
            + (" and one per keyword" if cfg.pseudo == "keywords" else "")
            + "."
        )
    if cfg.hierarchy:
        parts.append(
            "Themes labelled `Parent: Child` (the three Toegankelijkheid themes) are scored "
            "as P(parent) × P(child | parent): the parent learned on the union of its "
            "children, each child on the parent's positives."
        )
    if cfg.min_words:
        parts.append(
            f"A passage of fewer than {cfg.min_words} words (a heading, caption or page "
            "furniture) gets no theme, as the annotation guidelines say."
        )
    parts.append(
        f"Themes with fewer than {cfg.min_positives} labelled passages are scored by their "
        "keywords alone (cold-start prior). Configurations compared in "
        "`benchmarks/themes_experiments.py` (results in "
        "`benchmarks/results/themes_experiments.json`)."
    )
    return " ".join(parts)


def write_model_card(out_dir: Path, report: dict[str, Any]) -> Path:
    """``README.md`` for the model: data, cross-validated scores per theme, version."""
    tax = report["taxonomy"]
    data = report["data"]
    lines = [
        "# Theme classifier (policytext.themes)",
        "",
        f"Taxonomy `{tax['id']}` v{tax['version']}, policytext {report['policytext_version']}, "
        f"trained {report['trained_on']} with seed {report['seed']}. Rebuild with "
        "`policytext train themes` (or `policytext.themes.train.train_themes`); the same "
        "data and seed give the same model.",
        "",
        model_sentence(report["config"]),
        "",
        "The model stores no vocabulary: n-grams are hashed to column numbers, and what is "
        "learned is numeric (kept column numbers, IDF weights, coefficients). No string of "
        "a training passage is in `model.joblib` (checked by "
        "`tests/themes/test_theme_no_vocabulary.py`).",
        "",
        "## Data",
        "",
        f"{data['n_passages']} labelled passages from {data['n_documents']} documents "
        f"({', '.join(map(str, report['gold']))}).",
        "",
        "| theme | " + " | ".join(data["sources"]) + " | total | scored by | threshold |",
        "|---|" + "---:|" * (len(data["sources"]) + 1) + "---|---:|",
    ]
    for t in tax["themes"]:
        per_src = " | ".join(str(s["positives"][t]) for s in data["sources"].values())
        lines.append(
            f"| {t} | {per_src} | {data['positives'][t]} | "
            f"{report.get('scored_by', {}).get(t, '-')} | {report.get('thresholds', {}).get(t, 0.5):.3f} |"
        )
    passages = " | ".join(str(s["passages"]) for s in data["sources"].values())
    lines += [f"| (passages) | {passages} | {data['n_passages']} | | |", ""]
    cv = report.get("cv")
    if cv:
        lines += [
            "## Cross-validated scores",
            "",
            f"Scheme: {cv['scheme']} ({len(cv['folds'])} folds); no passage is scored by a "
            "model that saw its document.",
            "",
            f"- micro: P {_fmt(cv['micro']['p'])}, R {_fmt(cv['micro']['r'])}, "
            f"**F1 {_fmt(cv['micro']['f'])}**",
            f"- macro ({cv['macro_themes']} themes): P {_fmt(cv['macro']['p'])}, "
            f"R {_fmt(cv['macro']['r'])}, **F1 {_fmt(cv['macro']['f'])}**",
            f"- exact match (all themes of a passage right): {_fmt(cv['exact_match'])}",
            "",
            "| theme | P | R | F1 | gold | predicted |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for t, s in cv["themes"].items():
            lines.append(
                f"| {t} | {_fmt(s['p'])} | {_fmt(s['r'])} | {_fmt(s['f'])} | "
                f"{s['support']} | {s['predicted']} |"
            )
        lines.append("")
    if report.get("warnings"):
        lines += ["## Warnings", "", *[f"- {w}" for w in report["warnings"]], ""]
    path = out_dir / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
