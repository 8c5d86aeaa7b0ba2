"""Typer commands for ``policytext annotate export|import|to-spacy`` and
``policytext report``. Plain functions, registered in :mod:`policytext.cli`::

    from policytext.annotate.cli import (
        annotate_export, annotate_import, annotate_to_spacy, report_command,
    )
    annotate_app.command("export")(annotate_export)
    annotate_app.command("import")(annotate_import)
    annotate_app.command("to-spacy")(annotate_to_spacy)
    app.command("report")(report_command)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False)


def annotate_export(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories to annotate.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Tasks file to write.")],
    to: Annotated[
        str, typer.Option("--to", help="labelstudio (JSON tasks + config XML) or doccano (JSONL).")
    ] = "labelstudio",
    config: Annotated[
        Path | None,
        typer.Option(help="Where to write the Label Studio config (default: OUTPUT with .xml)."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="Base model (default as for extract).")] = None,
    gazetteer: Annotated[
        list[Path] | None, typer.Option(help="Extra organisation list, as for extract.")
    ] = None,
    taxonomy: Annotated[str | None, typer.Option(help="Taxonomy name or JSON file.")] = None,
    themes_model: Annotated[
        Path | None, typer.Option("--themes-model", help="Theme model directory.")
    ] = None,
) -> None:
    """Write annotation tasks with the pipeline's mentions, values and themes pre-filled."""
    from policytext.annotate import export_tasks
    from policytext.cli import load_theme_model
    from policytext.pipeline import load_pipeline

    nlp = load_pipeline(model, gazetteer_paths=gazetteer or ())
    theme_model = load_theme_model(themes_model, taxonomy)
    try:
        summary = export_tasks(
            paths, to, output, nlp, taxonomy, theme_model=theme_model, config_file=config
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    except OSError as exc:
        err.print(f"policytext: {exc}", markup=False)
        raise typer.Exit(1) from None
    err.print(
        f"{summary['documents']} documents, {summary['mentions']} mentions, "
        f"{summary['passages']} passages → {', '.join(summary['written'])}",
        markup=False,
    )


def annotate_import(
    file: Annotated[Path, typer.Argument(help="The annotation tool's export.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Gold JSONL to write.")],
    from_: Annotated[
        str, typer.Option("--from", help="labelstudio (JSON export) or doccano (JSONL export).")
    ] = "labelstudio",
    use_predictions: Annotated[
        bool,
        typer.Option(
            "--use-predictions/--annotated-only",
            help="Label Studio: take the pre-annotations of tasks nobody annotated.",
        ),
    ] = False,
    texts_dir: Annotated[
        Path | None,
        typer.Option("--texts", help="Where to write texts not on disk (default: OUTPUT_texts/)."),
    ] = None,
    normalise: Annotated[
        bool,
        typer.Option(
            "--normalise/--no-normalise",
            help="Give spans the annotators added a normalised value from the extractors.",
        ),
    ] = True,
    model: Annotated[str | None, typer.Option(help="Base model (default as for extract).")] = None,
    gazetteer: Annotated[
        list[Path] | None, typer.Option(help="Extra organisation list, as for extract.")
    ] = None,
) -> None:
    """Convert annotators' exports to gold JSONL (annotation-guidelines format)."""
    from policytext.annotate import import_tasks
    from policytext.pipeline import load_pipeline

    def pipeline():
        return load_pipeline(model, gazetteer_paths=gazetteer or ())

    try:
        summary = import_tasks(
            file,
            from_,
            output,
            use_predictions=use_predictions,
            texts_dir=texts_dir,
            nlp=pipeline if normalise else None,
        )
    except (ValueError, KeyError, OSError) as exc:
        err.print(f"{file}: {exc}", markup=False)
        raise typer.Exit(2) from None
    err.print(json.dumps(summary), markup=False)


def annotate_to_spacy(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="DocBin (.spacy) to write.")],
    texts: Annotated[
        Path | None, typer.Option(help="Folder holding the gold documents' text files.")
    ] = None,
) -> None:
    """Write gold as spaCy training data: spans in doc.spans["policytext"], ORG as doc.ents."""
    from policytext.annotate import to_spacy

    try:
        stats = to_spacy(gold, output, texts=texts)
    except (ValueError, KeyError, OSError) as exc:
        err.print(f"{gold}: {exc}", markup=False)
        raise typer.Exit(2) from None
    err.print(json.dumps(stats), markup=False)


def report_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Documents or folders, or one `extract` output folder (JSONL)."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    title: Annotated[str, typer.Option(help="Page title.")] = "policytext report",
    model: Annotated[str | None, typer.Option(help="Base model (default as for extract).")] = None,
    taxonomy: Annotated[str | None, typer.Option(help="Taxonomy name or JSON file.")] = None,
    themes_model: Annotated[
        Path | None, typer.Option("--themes-model", help="Theme model directory.")
    ] = None,
) -> None:
    """Write one self-contained HTML page: highlighted mentions, themes, commitments, tables,
    summaries."""
    from policytext.report import write_report

    nlp = theme_model = None
    is_output_dir = len(paths) == 1 and (paths[0] / "passages.jsonl").is_file()
    if not is_output_dir:
        from policytext.cli import load_theme_model
        from policytext.pipeline import load_pipeline

        nlp = load_pipeline(model)
        theme_model = load_theme_model(themes_model, taxonomy)
    counts = write_report(
        paths[0] if is_output_dir else paths,
        output,
        nlp=nlp,
        theme_model=theme_model,
        title=title,
    )
    err.print(
        f"{counts['documents']} documents, {counts['highlighted']} mentions → {output}",
        markup=False,
    )
