"""``policytext batch``: the command-line face of :mod:`policytext.batch`.

Wired into the main app with ``app.command("batch")(batch_command)``; also runs alone as
``python -m policytext.batch_cli PATH... -o OUTDIR``. Exit status as for ``extract``:
0 when every document was processed, 1 when some failed, 2 for a usage error or no
inputs, 130 when interrupted (re-run to resume).
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from policytext import cli_options as opt

err = Console(stderr=True, highlight=False)


def parse_batch_formats(values: list[str]) -> list[str]:
    """``["jsonl,csv", "duckdb"]`` → ``["jsonl", "csv", "duckdb"]``."""
    from policytext.batch import BATCH_FORMATS

    formats = [f.strip().lower() for v in values for f in v.split(",") if f.strip()]
    unknown = [f for f in formats if f not in BATCH_FORMATS]
    if unknown:
        raise typer.BadParameter(
            f"unknown format {unknown[0]!r}; choose from {', '.join(BATCH_FORMATS)}"
        )
    return list(dict.fromkeys(formats)) or ["jsonl"]


def batch_command(
    paths: opt.Paths,
    output: opt.Output,
    fmt: Annotated[
        list[str],
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv, parquet, xlsx, duckdb (repeat or comma-separate).",
        ),
    ] = ["jsonl"],  # noqa: B006 (typer reads the default)
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes (default: CPU count)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo documents already done in OUTDIR.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://HOST:PORT); inputs and OUTDIR on shared storage."
        ),
    ] = None,
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", min=1, help="PDF pages read per document.")
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", min=1, help="Larger files are refused.")
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0.1,
            help="Seconds one document may take; a slower one is recorded as an error "
            "and retried on the next run (local workers; not on a Dask cluster).",
        ),
    ] = None,
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
    """Extract from many documents in parallel (or on a Dask cluster), resumably."""
    from dataclasses import replace

    from policytext.batch import PipelineSpec, Plan, run_batch
    from policytext.cli import DEFAULT_THEMES_MODEL, load_theme_model, ner_model_path
    from policytext.document import IngestError
    from policytext.ingest.limits import DEFAULT_LIMITS

    formats = parse_batch_formats(fmt)
    limits = DEFAULT_LIMITS
    if max_pages is not None:
        limits = replace(limits, max_pages=max_pages)
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    if timeout is not None:
        limits = replace(limits, max_seconds=timeout)
    if themes_model is None and taxonomy is None and (DEFAULT_THEMES_MODEL / "meta.json").is_file():
        themes_model = DEFAULT_THEMES_MODEL
    load_theme_model(themes_model, taxonomy)  # a usage error here, not in every worker
    spec = PipelineSpec(
        model=model,
        gazetteer_paths=tuple(os.path.abspath(p) for p in gazetteer or ()),
        ner_path=ner_model_path(ner),
        themes_model=os.path.abspath(themes_model) if themes_model else None,
        taxonomy=taxonomy,
    )
    progress = Progress(
        TextColumn("[bold]batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs {task.fields[pages]} pages {task.fields[errors]} errors"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )
    state = {"task": None, "errors": 0, "pages": 0}

    def on_plan(plan: Plan) -> None:
        if not plan.entries:
            err.print("policytext: no input files found")
            raise typer.Exit(2)
        if plan.reused:
            err.print(f"{len(plan.reused)} documents already done in {output}, skipped")
        state["task"] = progress.add_task("batch", total=len(plan.todo), errors=0, pages=0)

    def on_result(result: dict[str, Any]) -> None:
        state["pages"] += result["n_pages"] or 0
        if result["error"]:
            state["errors"] += 1
            progress.console.print(f"{result['path']}: {result['error']}", markup=False)
        progress.update(state["task"], advance=1, errors=state["errors"], pages=state["pages"])

    try:
        with progress:
            result = run_batch(
                paths,
                output,
                formats=formats,
                spec=spec,
                workers=workers,
                scheduler=scheduler,
                force=force,
                manifest=manifest,
                flags={"year": year, "place": place, "doc_type": doc_type},
                limits=limits,
                on_plan=on_plan,
                on_result=on_result,
            )
    except IngestError as exc:  # the manifest cannot be read
        err.print(str(exc), markup=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print("interrupted; documents finished so far are kept, re-run to resume")
        raise typer.Exit(130) from None
    n = len(result.datasets["documents"])
    err.print(
        f"{result.n_ok} of {n} documents ok ({result.n_processed} processed, "
        f"{result.n_skipped} already done), {len(result.datasets['passages'])} passages, "
        f"{len(result.datasets['mentions'])} mentions → {output}"
    )
    if result.errors:
        raise typer.Exit(1)


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command()(batch_command)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
