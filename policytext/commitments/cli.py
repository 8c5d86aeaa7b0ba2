"""``policytext track PATH... -o OUTDIR``: commitments of earlier documents in later ones.

Register with ``app.command("track")(track_command)`` on the policytext typer app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policytext import cli_options as opt
from policytext.commitments.track import track


def track_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (a folder's manifest.csv is read).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the datasets.")],
    fmt: Annotated[
        list[str],
        typer.Option(
            "--format", "-f", help="jsonl, csv, parquet, xlsx (repeat or comma-separate)."
        ),
    ] = ["jsonl"],  # noqa: B006 - typer needs a list default
    model: opt.Model = None,
    gazetteer: opt.Gazetteer = None,
    ner: opt.Ner = False,
    taxonomy: opt.Taxonomy = None,
    themes_model: opt.ThemesModel = None,
) -> None:
    """Detect commitments (intentions, targets, allocations) and track them in later documents.

    Runs the same spaCy pipeline and theme model as ``extract`` (``--model``,
    ``--gazetteer``, ``--ner``, ``--taxonomy``, ``--themes-model``) and writes the datasets
    ``commitments``, ``links`` and ``commitment_status`` (commitment × year) to OUTPUT.
    A commitment no later document reports on gets the status
    ``geen verantwoording gevonden``.
    """
    from policytext.cli import load_theme_model, ner_model_path, parse_formats
    from policytext.pipeline import load_pipeline

    formats = parse_formats(fmt)
    nlp = load_pipeline(model, gazetteer_paths=gazetteer or (), ner_path=ner_model_path(ner))
    theme_model = load_theme_model(themes_model, taxonomy)
    try:
        summary = track(paths, output, formats, nlp=nlp, theme_model=theme_model)
    except (FileNotFoundError, ValueError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"{summary['documents']} documents: {summary['commitments']} commitments, "
        f"{summary['links']} links, {summary['commitment_status']} status rows → {output}"
    )
