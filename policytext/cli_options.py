"""Command-line options shared by several commands (``extract``, ``batch``, ``evaluate``),
declared once so their names and help cannot drift apart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Paths = Annotated[list[Path], typer.Argument(help="Files or directories to process.")]
Output = Annotated[Path, typer.Option("--output", "-o", help="Output directory.")]
Manifest = Annotated[
    Path | None,
    typer.Option(help="CSV with path,doc_id,doc_type,place,year (paths relative to it)."),
]
Year = Annotated[
    int | None, typer.Option(help="Report year for all inputs without a manifest row.")
]
Place = Annotated[str | None, typer.Option(help="Place for all inputs.")]
DocType = Annotated[str | None, typer.Option("--doc-type", help="Document type for all inputs.")]
Model = Annotated[
    str | None,
    typer.Option(
        help='spaCy base model; default nl_core_news_md if installed, "blank" forces the blank one.'
    ),
]
Gazetteer = Annotated[
    list[Path] | None,
    typer.Option(help="Your own organisation list (name, aliases, type; CSV/TSV). Repeatable."),
]
Ner = Annotated[
    bool, typer.Option("--ner/--no-ner", help="Add the trained ORG model's candidates (slower).")
]
Taxonomy = Annotated[
    str | None,
    typer.Option(help="Theme taxonomy: a built-in name or a JSON file (default: regiobeeld)."),
]
ThemesModel = Annotated[
    Path | None,
    typer.Option("--themes-model", help="Theme model directory (default: models/themes)."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
