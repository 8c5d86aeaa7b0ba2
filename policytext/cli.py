"""Command-line interface (``policytext ...``), in spaCy's manner: each command parses
its options and calls a plain function; messages go to stderr, data to files.

Exit status of ``extract``: 0 when every document was processed, 1 when at least one
input failed (its row in ``documents`` says why; the others were written), 2 for a
usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from policytext import cli_options as opt
from policytext.annotate.cli import (
    annotate_export,
    annotate_import,
    annotate_to_spacy,
    report_command,
)
from policytext.batch_cli import batch_command
from policytext.commitments.cli import track_command
from policytext.dataset import FORMATS

app = typer.Typer(
    name="policytext",
    help="Turn Dutch policy documents into data: passages, amounts, dates, counts, RIS references.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


DEFAULT_THEMES_MODEL = Path(__file__).resolve().parents[1] / "models" / "themes"


def load_theme_model(model_dir: Path | None, taxonomy: str | None) -> Any:
    """The trained theme model (``models/themes``) or, for another taxonomy or when no
    model is there, the taxonomy's keyword prior."""
    from policytext.themes.component import load_model

    if model_dir is None and taxonomy is None and (DEFAULT_THEMES_MODEL / "meta.json").is_file():
        model_dir = DEFAULT_THEMES_MODEL
    try:
        return load_model(str(model_dir) if model_dir else None, taxonomy)
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from None


def ner_model_path(use: bool) -> str | None:
    """``models/ner`` of the checkout when ``--ner`` is given."""
    if not use:
        return None
    path = Path(__file__).resolve().parents[1] / "models" / "ner"
    if not (path / "meta.json").is_file():
        raise typer.BadParameter(
            f"no trained ORG model at {path}; run `policytext train ner` first"
        )
    return str(path)


def parse_formats(values: list[str]) -> list[str]:
    formats = [f.strip().lower() for v in values for f in v.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise typer.BadParameter(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    return formats or ["jsonl"]


@app.command()
def extract(
    paths: opt.Paths,
    output: opt.Output,
    fmt: Annotated[
        list[str],
        typer.Option(
            "--format", "-f", help="jsonl, csv, parquet, xlsx (repeat or comma-separate)."
        ),
    ] = ["jsonl"],  # noqa: B006 (typer reads the default)
    manifest: opt.Manifest = None,
    year: opt.Year = None,
    place: opt.Place = None,
    doc_type: opt.DocType = None,
    model: opt.Model = None,
    gazetteer: opt.Gazetteer = None,
    ner: opt.Ner = False,
    taxonomy: opt.Taxonomy = None,
    themes_model: opt.ThemesModel = None,
    quiet: opt.Quiet = False,
) -> None:
    """Extract passages and mentions from documents and write the datasets."""
    from policytext.pipeline import load_pipeline
    from policytext.run import collect_inputs, run_extract

    formats = parse_formats(fmt)
    nlp = load_pipeline(model, gazetteer_paths=gazetteer or (), ner_path=ner_model_path(ner))
    files, missing = collect_inputs(paths)
    total = len(files) + len(missing)
    if total == 0:
        err.print("policytext: no input files found")
        raise typer.Exit(2)
    flags = {"year": year, "place": place, "doc_type": doc_type}
    theme_model = load_theme_model(themes_model, taxonomy)
    progress = Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[errors]} errors"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )
    with progress:
        task = progress.add_task("extract", total=total, errors=0)
        n_err = 0

        def on_error(line: str) -> None:
            nonlocal n_err
            n_err += 1
            progress.console.print(line, markup=False, soft_wrap=True)
            progress.update(task, errors=n_err)

        result = run_extract(
            paths,
            nlp,
            outdir=output,
            formats=formats,
            manifest=manifest,
            flags=flags,
            on_error=on_error,
            on_document=lambda _p: progress.advance(task),
            theme_model=theme_model,
        )
        progress.update(task, completed=total)
    n = len(result.datasets["documents"])
    err.print(
        f"{result.n_ok} of {n} documents processed, {len(result.datasets['passages'])} passages, "
        f"{len(result.datasets['mentions'])} mentions → {output}"
    )
    if result.errors:
        raise typer.Exit(1)


@app.command()
def info(
    model: Annotated[str | None, typer.Option(help="Base model to report on.")] = None,
) -> None:
    """Show the pipeline in use: base model (nl_core_news_md or blank Dutch) and components."""
    from policytext.pipeline import load_pipeline, pipeline_info

    data = pipeline_info(load_pipeline(model))
    for key, value in data.items():
        typer.echo(f"{key}: {', '.join(value) if isinstance(value, list) else value}")


@app.command()
def schema(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print docs/schema.md.")] = False,
) -> None:
    """Print the dataset schema (columns and types) as JSON or Markdown."""
    from policytext.dataset import DATASETS, SCHEMA_VERSION, schema_markdown

    if markdown:
        sys.stdout.write(schema_markdown())
        return
    data = {
        "schema_version": SCHEMA_VERSION,
        "datasets": {
            n: [{"name": c.name, "type": c.type, "doc": c.doc} for c in cols]
            for n, cols in DATASETS.items()
        },
    }
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command()
def evaluate(
    gold: Annotated[
        list[Path], typer.Argument(help="Gold JSONL files (annotation-guidelines format).")
    ],
    texts: Annotated[
        Path | None, typer.Option(help="Folder holding the gold documents' text files.")
    ] = None,
    labels: Annotated[
        str | None, typer.Option(help="Comma-separated labels to score (default: all).")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the scores as JSON here.")
    ] = None,
    errors_out: Annotated[
        Path | None,
        typer.Option("--errors", help="Write missed/spurious/mismatched mentions (JSONL)."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="Base model (default as for extract).")] = None,
    gazetteer: Annotated[
        list[Path] | None, typer.Option(help="Extra organisation list, as for extract.")
    ] = None,
    ner: Annotated[
        bool, typer.Option("--ner/--no-ner", help="Add the trained ORG model's candidates.")
    ] = False,
    themes: Annotated[
        bool,
        typer.Option(
            "--themes",
            help="Score passage themes (automatic for gold with themes and no mentions).",
        ),
    ] = False,
    themes_model: Annotated[
        Path | None,
        typer.Option(
            "--themes-model",
            help="Score this trained theme model (held-out gold) instead of cross-validating.",
        ),
    ] = None,
    folds: Annotated[
        int | None,
        typer.Option(help="Themes: GroupKFold by document (default: leave one document out)."),
    ] = None,
    taxonomy: Annotated[str | None, typer.Option(help="Themes: taxonomy name or file.")] = None,
) -> None:
    """Score against gold: mentions (P/R/F1 per label, exact and overlap, value accuracy),
    tables, or passage themes (document-grouped cross-validation, micro/macro-F1)."""
    from policytext.commitments.evaluate import is_commitment_gold
    from policytext.commitments.evaluate_what import is_what_gold
    from policytext.dataset import atomic_open
    from policytext.evaluate import evaluate_gold, load_gold
    from policytext.evaluate_themes import has_theme_gold_only
    from policytext.extract.mention import LABELS
    from policytext.pipeline import load_pipeline
    from policytext.tables.evaluate import evaluate_tables, is_table_gold, score_lines

    missing = [g for g in gold if not g.is_file()]
    if missing:
        err.print(f"{missing[0]}: no such file", markup=False)
        raise typer.Exit(2)
    if themes or themes_model or has_theme_gold_only(gold):
        evaluate_themes_command(gold, themes_model, taxonomy, folds, json_out)
        return
    if all(is_what_gold(g) for g in gold):
        nlp = load_pipeline(model, gazetteer_paths=gazetteer or ())
        evaluate_what_command(gold, nlp, json_out)
        return
    if all(is_commitment_gold(g) for g in gold):
        nlp = load_pipeline(model, gazetteer_paths=gazetteer or (), ner_path=ner_model_path(ner))
        evaluate_commitments_command(gold, nlp, json_out)
        return
    if all(is_table_gold(g) for g in gold):
        results = {}
        for g in gold:
            results[str(g)] = result = evaluate_tables(g)
            for line in score_lines(result):
                typer.echo(line)
        if json_out:
            with atomic_open(json_out, "w", encoding="utf-8") as fh:
                payload = results[str(gold[0])] if len(gold) == 1 else results
                json.dump(payload, fh, indent=2, ensure_ascii=False)
        return
    wanted = tuple(x.strip().upper() for x in labels.split(",")) if labels else LABELS
    gold_docs = []
    for g in gold:
        try:
            gold_docs += load_gold(g, texts)
        except (OSError, ValueError, KeyError) as exc:
            err.print(f"{g}: {exc}", markup=False)
            raise typer.Exit(2) from None
    nlp = load_pipeline(model, gazetteer_paths=gazetteer or (), ner_path=ner_model_path(ner))
    scores, errs = evaluate_gold(gold_docs, nlp, wanted)
    names = ", ".join(map(str, gold))
    print_scores(scores, title=f"{names} ({len(gold_docs)} documents)")
    if json_out:
        with atomic_open(json_out, "w", encoding="utf-8") as fh:
            json.dump(scores, fh, indent=2)
    if errors_out:
        with atomic_open(errors_out, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errs)


def evaluate_what_command(gold: list[Path], nlp: Any, json_out: Path | None) -> None:
    """Print (and write) the object-phrase and action scores of commitments."""
    from policytext.commitments.evaluate_what import evaluate_what
    from policytext.dataset import atomic_open

    results = {}
    for g in gold:
        s = results[str(g)] = evaluate_what(g, nlp)
        how = "dependency parse" if s["parser"] else "Dutch word-order rules"
        typer.echo(
            f"{g}: {s['n']} commitments ({how}): what exact {s['what_exact']:.3f}, "
            f"token F1 {s['what_token_f1']:.3f}; action exact {s['action_exact']:.3f}"
        )
    if json_out:
        with atomic_open(json_out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2, ensure_ascii=False)


def evaluate_commitments_command(gold: list[Path], nlp: Any, json_out: Path | None) -> None:
    """Print (and write) commitment-vs-result and link scores of commitments gold files."""
    from policytext.commitments.evaluate import evaluate as evaluate_commitments
    from policytext.dataset import atomic_open

    results = {}
    for g in gold:
        try:
            s = evaluate_commitments(g, nlp=nlp)
        except (OSError, ValueError, KeyError) as exc:
            err.print(f"{g}: {exc}", markup=False)
            raise typer.Exit(2) from None
        results[str(g)] = s
        pooled = " (development and held-out pooled)" if "sentences_test_pdf" in s else ""
        if sent := s.get("sentences"):
            typer.echo(
                f"{g}: {sent['n']} sentences{pooled}: commitment F1 {sent['f1_commitment']:.3f}, "
                f"result F1 {sent['f1_result']:.3f}, macro {sent['f1_macro']:.3f}"
            )
        else:
            typer.echo(f"{g}: links only")
        parts = {
            "sentences_cv_by_document": "gold sentence texts, leave one document out",
            "sentences_dev_leave_one_document_out": (
                "detected sentences of development documents, each held out"
            ),
            "sentences_test_pdf": "held-out PDFs (never trained or tuned on)",
        }
        for key, name in parts.items():
            if part := s.get(key):
                typer.echo(
                    f"  {name}: {part.get('n', '')} sentences, macro {part['f1_macro']:.3f} "
                    f"(commitment {part['f1_commitment']:.3f}, result {part['f1_result']:.3f})"
                )
        for doc, d in s.get("sentences_per_document", {}).items():
            f1 = ", ".join(
                f"{lab} F1 {d['f1_' + lab]:.3f}"
                for lab in ("commitment", "result")
                if d["gold"].get(lab)
            )
            typer.echo(
                f"  {doc}: {d['n']} sentences {d['gold']}; {f1 or 'no commitments or results'}; "
                f"accuracy {d['accuracy']:.3f}"
            )
        for key in ("links", "links_direct"):
            if (links := s.get(key)) is None:
                continue
            level = f" ({links['level']})" if "level" in links else ""
            typer.echo(
                f"  links{level}: {links['n_gold']} gold, {links['n_pred']} found, "
                f"P {links['precision']:.3f} R {links['recall']:.3f}; status right on found "
                f"{links['status_accuracy_on_found']:.3f}; no report {links['no_report_correct']}"
            )
        for w in s.get("warnings", []):
            err.print(f"warning: {w}", markup=False)
    if json_out:
        with atomic_open(json_out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2, default=str)


def evaluate_themes_command(
    gold: list[Path],
    model_dir: Path | None,
    taxonomy: str | None,
    folds: int | None,
    json_out: Path | None,
) -> None:
    """Print (and write) theme scores: grouped cross-validation, or a trained model."""
    from policytext.dataset import atomic_open
    from policytext.evaluate_themes import evaluate_theme_gold, theme_table

    try:
        scores = evaluate_theme_gold(gold, model_dir=model_dir, taxonomy=taxonomy, folds=folds)
    except (OSError, ValueError, KeyError) as exc:
        err.print(f"{', '.join(map(str, gold))}: {exc}", markup=False)
        raise typer.Exit(2) from None
    for w in scores["warnings"]:
        err.print(f"warning: {w}", markup=False)
    title = (
        f"themes: {scores['n_passages']} passages, {scores['documents']} documents; "
        f"{scores['scheme']}"
    )
    wide_console(120).print(theme_table(scores, title))
    if json_out:
        with atomic_open(json_out, "w", encoding="utf-8") as fh:
            json.dump(scores, fh, indent=2, default=str)


def print_scores(scores: dict, title: str) -> None:
    from rich.table import Table

    def f(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    table = Table(title=title)
    for col in (
        "label",
        "gold",
        "pred",
        "P exact",
        "R exact",
        "F1 exact",
        "P overlap",
        "R overlap",
        "F1 overlap",
        "value acc",
        "fields acc",
    ):
        table.add_column(col, justify="left" if col == "label" else "right")
    rows = [*scores["labels"].items(), ("ALL", scores["all"])]
    for label, s in rows:
        table.add_row(
            label,
            str(s["gold"]),
            str(s["pred"]),
            f(s["exact"]["p"]),
            f(s["exact"]["r"]),
            f(s["exact"]["f"]),
            f(s["overlap"]["p"]),
            f(s["overlap"]["r"]),
            f(s["overlap"]["f"]),
            f(s["value_accuracy"]),
            f(s["fields_accuracy"]),
        )
    wide_console(140).print(table)


annotate_app = typer.Typer(help="Work with annotated corpora.", no_args_is_help=True)
app.add_typer(annotate_app, name="annotate")


annotate_app.command("export")(annotate_export)
annotate_app.command("import")(annotate_import)
annotate_app.command("to-spacy")(annotate_to_spacy)


@annotate_app.command("agreement")
def annotate_agreement(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Gold JSONL of annotator A (one or more files, the reference), then B's."
        ),
    ],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the scores as JSON here.")
    ] = None,
) -> None:
    """Agreement between two annotators: span P/R/F1 per label and value agreement, or,
    for theme-only gold (passages with themes, no mentions), Cohen's kappa per theme."""
    from policytext.dataset import atomic_open
    from policytext.evaluate import agreement, load_gold, theme_agreement
    from policytext.evaluate_themes import has_theme_gold_only

    if len(files) < 2:
        raise typer.BadParameter("give annotator A's file(s), then annotator B's file")
    a_files, b = files[:-1], files[-1]
    if has_theme_gold_only(files):
        scores = theme_agreement(a_files, [b])
        print_theme_agreement(scores, f"{b} against {', '.join(map(str, a_files))}")
    else:
        a_docs = [d for f in a_files for d in load_gold(f)]
        scores = agreement(a_docs, load_gold(b))
        print_scores(scores, title=f"{b} against {a_files[0]} ({scores['documents']} documents)")
        kappa = scores["themes_kappa"]
        if kappa["passages"]:
            typer.echo(f"Cohen's kappa per theme over {kappa['passages']} shared passages:")
            for theme, k in kappa["per_theme"].items():
                typer.echo(f"  {theme}: {'-' if k is None else f'{k:.3f}'}")
    if json_out:
        with atomic_open(json_out, "w", encoding="utf-8") as fh:
            json.dump(scores, fh, indent=2)


def print_theme_agreement(scores: dict[str, Any], title: str) -> None:
    from policytext.evaluate_themes import theme_table

    title = f"{title}: {scores['passages']} shared passages, {scores['documents']} documents"
    table = theme_table(scores["b_against_a"], title, kappa=scores["kappa"], counts=("A", "B"))
    wide_console(120).print(table)


def wide_console(width: int) -> Console:
    """stdout; tables keep their width when piped to a file."""
    out = Console()
    return out if out.is_terminal else Console(width=width)


train_app = typer.Typer(help="Train the project's models from annotations/.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("themes")
def train_themes_command(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files with passage themes.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model directory.")] = Path(
        "models/themes"
    ),
    taxonomy: Annotated[str | None, typer.Option(help="Taxonomy name or JSON file.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (fixed for reproducibility).")] = 0,
    cv: Annotated[
        bool, typer.Option("--cv/--no-cv", help="Cross-validate grouped by document.")
    ] = True,
    pdf_dir: Annotated[
        list[Path] | None,
        typer.Option("--pdf-dir", help="Where gold lines with pdf_file find their PDFs."),
    ] = None,
) -> None:
    """Train the theme classifier (scikit-learn) and write its model card."""
    from policytext.themes.train import train_themes

    report = train_themes(
        list(gold), output, taxonomy=taxonomy, seed=seed, cross_validate=cv, pdf_dirs=pdf_dir
    )
    typer.echo(json.dumps(report.get("cv", report), indent=2, default=str))


@app.command()
def classify(
    input_path: Annotated[Path, typer.Argument(help="JSONL with a `text` field per line.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output JSONL.")],
    themes_model: Annotated[
        Path | None, typer.Option("--model", help="Theme model directory.")
    ] = None,
    taxonomy: Annotated[str | None, typer.Option(help="Taxonomy name or JSON file.")] = None,
) -> None:
    """Classify passages to themes: adds `themes` and `scores`; other keys pass through."""
    from policytext.themes.classify import ClassifyError, classify_jsonl

    model = load_theme_model(themes_model, taxonomy)
    try:
        n = classify_jsonl(input_path, output, model=model)
    except (OSError, ClassifyError) as exc:
        err.print(f"{input_path}: {exc}", markup=False)
        raise typer.Exit(1) from None
    err.print(f"{n} passages classified → {output}")


@train_app.command("ner")
def train_ner_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            help="Gold JSONL files with ORG mentions, or DocBins from `annotate to-spacy`."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model directory.")] = Path(
        "models/ner"
    ),
    seed: Annotated[int, typer.Option(help="Random seed (fixed for reproducibility).")] = 0,
    n_iter: Annotated[int, typer.Option("--n-iter", help="Training epochs.")] = 25,
    cv: Annotated[
        bool, typer.Option("--cv/--no-cv", help="Cross-validate over documents first.")
    ] = True,
) -> None:
    """Train the statistical ORG model (spaCy ner on blank Dutch) and write its model card.

    Gold JSONL goes through the same conversion as `policytext annotate to-spacy`, so a
    `.spacy` file made from it trains the same model."""
    from policytext.train_ner import train_ner

    report = train_ner(list(gold), output, seed=seed, n_iter=n_iter, cv=cv)
    typer.echo(json.dumps(report, indent=2, default=str))


@train_app.command("commitments")
def train_commitments_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Model directory.")] = Path(
        "models/commitments"
    ),
    cv: Annotated[
        bool, typer.Option("--cv/--no-cv", help="Score leaving one document out first.")
    ] = True,
) -> None:
    """Train the commitment / result / other classifier from annotations/ and write its card."""
    from policytext.commitments.train import train_commitments

    meta = train_commitments(output, cross_validate=cv)
    cv_scores = meta.get("leave_one_document_out", {})
    typer.echo(
        json.dumps(
            {k: v for k, v in meta.items() if k != "leave_one_document_out"}
            | {"leave_one_document_out": {k: v for k, v in cv_scores.items()}},
            indent=2,
        )
    )


app.command("batch")(batch_command)
app.command("track")(track_command)
app.command("report")(report_command)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
