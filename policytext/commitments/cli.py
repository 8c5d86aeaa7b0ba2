"""``policytext track PATH... -o OUTDIR``: commitments of earlier documents in later ones.

Register with ``app.command("track")(track_command)`` on the policytext typer app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policytext.commitments.track import track


def track_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (a folder's manifest.csv is read).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the datasets.")],
    fmt: Annotated[
        list[str],
        typer.Option("--format", "-f", help="jsonl, csv, parquet or xlsx; repeat for several."),
    ] = ["jsonl"],  # noqa: B006 - typer needs a list default
) -> None:
    """Detect commitments (intentions, targets, allocations) and track them in later documents.

    Writes the datasets ``commitments``, ``links`` and ``commitment_status`` (commitment ×
    year) to OUTPUT. A commitment no later document reports on gets the status
    ``geen verantwoording gevonden``.
    """
    try:
        summary = track(paths, output, fmt)
    except (FileNotFoundError, ValueError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"{summary['documents']} documents: {summary['commitments']} commitments, "
        f"{summary['links']} links, {summary['commitment_status']} status rows → {output}"
    )
