"""The ``extract`` job: many input paths → the datasets of one run.

Directories are walked without following symbolic links to directories (so a link loop
cannot hang the walk), files are de-duplicated by their real path, and a file that
cannot be read becomes a ``documents`` row with ``status=error`` and the reason while
the other files go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from policytext.dataset import write_datasets
from policytext.document import Document, IngestError
from policytext.ingest import SUPPORTED_SUFFIXES
from policytext.ingest.limits import DEFAULT_LIMITS, DocumentTimeout, Limits, time_limit
from policytext.meta import load_manifest
from policytext.organisations import organisation_rows
from policytext.process import (
    document_row,
    find_mentions,
    load_document,
    mention_rows,
    passage_rows,
    sha256_file,
)
from policytext.tables import cell_rows, extract_tables, table_rows

MANIFEST_NAME = "manifest.csv"


def org_gazetteer(nlp: Language) -> Any:
    """The gazetteer of the pipeline's ORG component (the user's own lists included)."""
    if "policytext_orgs" not in nlp.pipe_names:
        return None
    return nlp.get_pipe("policytext_orgs").finder.gaz


@dataclass
class RunResult:
    """What one run produced: the dataset rows and the errors met."""

    datasets: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {
            "documents": [],
            "passages": [],
            "mentions": [],
            "organisations": [],
            "tables": [],
            "table_cells": [],
        }
    )
    errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)  # with keep_documents

    @property
    def n_ok(self) -> int:
        return sum(row["status"] == "ok" for row in self.datasets["documents"])


def collect_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to process, and ``(path, reason)`` for inputs that do not exist.

    Files named explicitly are always taken (an unsupported one is reported when read);
    inside directories only files with a supported extension are taken.
    """
    files: list[Path] = []
    missing: list[tuple[Path, str]] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(names):
                    child = Path(root) / name
                    if child.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith("."):
                        add(child)
        elif p.exists() or p.is_symlink():
            add(p)
        else:
            missing.append((p, "no such file or directory"))
    return files, missing


def find_manifests(
    paths: Iterable[str | Path], manifest: str | Path | None = None
) -> dict[Path, dict[str, Any]]:
    """Rows of every ``manifest.csv`` found at the top of the given directories, then of
    ``manifest`` (a file given by the user: its rows win)."""
    rows: dict[Path, dict[str, Any]] = {}
    for given in paths:
        candidate = Path(given) / MANIFEST_NAME
        if Path(given).is_dir() and candidate.is_file():
            rows.update(load_manifest(candidate))
    if manifest is not None:
        rows.update(load_manifest(manifest))
    return rows


def unique_id(doc_id: str, taken: set[str]) -> str:
    base, n = doc_id, 2
    while doc_id in taken:
        doc_id = f"{base}-{n}"
        n += 1
    taken.add(doc_id)
    return doc_id


ROW_DATASETS = ("documents", "passages", "mentions", "tables", "table_cells")


def process_file(
    nlp: Language,
    path: Path,
    *,
    doc_id: str,
    manifest_row: dict[str, Any],
    flags: dict[str, Any] | None,
    limits: Limits,
    sha256: str | None,
    theme_model: Any = None,
    keep: dict[str, Document] | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], str | None, bool]:
    """One file through the whole pipeline: ``(rows by dataset, error, cacheable)``.

    ``keep``: when given, the loaded document is stored there under its id, for a caller
    that goes on with it (the report tracks commitments without reading the file again).

    Errors become a ``documents`` row, never an exception. An unreadable or broken file
    gives the same answer next time (cacheable); running out of memory, an OS error or a
    bug may not, so a batch retries such a document on a re-run.
    """
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ROW_DATASETS}
    error: str | None = None
    cacheable = True
    try:
        with time_limit(limits.max_seconds):
            document = load_document(
                path,
                doc_id=doc_id,
                manifest_row={**manifest_row, "doc_id": doc_id},
                flags=flags,
                limits=limits,
            )
            mentions = find_mentions(nlp, document)
            try:
                tables = extract_tables(document, path)
            except Exception as err:  # a table bug must not lose the document
                tables = []
                document.warnings.append(f"tables not read ({type(err).__name__}: {err})")
    except DocumentTimeout:
        # Not cached: a re-run (perhaps with a larger --timeout) tries again.
        error, cacheable = f"not finished within {limits.max_seconds:g} s (--timeout)", False
    except IngestError as err:
        error = err.reason
    except (OSError, MemoryError, RecursionError) as err:
        error, cacheable = f"cannot process file ({type(err).__name__}: {err})", False
    except Exception as err:  # a bug must not stop the other files of the run
        error, cacheable = f"internal error ({type(err).__name__}: {err})", False
    else:
        rows["documents"].append(
            document_row(
                document, path=path, doc_id=doc_id, n_mentions=len(mentions), sha256=sha256
            )
        )
        rows["passages"] = passage_rows(document, theme_model)
        rows["mentions"] = mention_rows(document, mentions)
        rows["tables"] = table_rows(tables)
        rows["table_cells"] = cell_rows(tables)
        if keep is not None:
            keep[doc_id] = document
    if error is not None:
        rows["documents"].append(
            document_row(None, path=path, doc_id=doc_id, error=error, sha256=sha256)
        )
    return rows, error, cacheable


def run_extract(
    paths: Iterable[str | Path],
    nlp: Language,
    *,
    outdir: str | Path | None = None,
    formats: Iterable[str] = ("jsonl",),
    manifest: str | Path | None = None,
    flags: dict[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    on_error: Callable[[str], None] | None = None,
    on_document: Callable[[Path], None] | None = None,
    theme_model: Any = None,
    keep_documents: bool = False,
) -> RunResult:
    """Process every input and, when ``outdir`` is given, write the datasets there.

    ``keep_documents``: also return the loaded documents (``RunResult.documents``)."""
    paths = list(paths)
    files, missing = collect_inputs(paths)
    manifest_rows = find_manifests(paths, manifest)
    result = RunResult()
    taken: set[str] = set()

    def record_error(path: Path, doc_id: str, reason: str, sha: str | None = None) -> None:
        line = f"{path}: {reason}"
        result.errors.append(line)
        result.datasets["documents"].append(
            document_row(None, path=path, doc_id=doc_id, error=reason, sha256=sha)
        )
        if on_error:
            on_error(line)

    for path, reason in missing:
        record_error(path, unique_id(path.stem or path.name, taken), reason)

    for path in files:
        row = manifest_rows.get(Path(os.path.realpath(path)))
        doc_id = unique_id((row or {}).get("doc_id") or path.stem, taken)
        try:
            sha: str | None = sha256_file(path)
        except OSError:
            sha = None
        rows, error, _ = process_file(
            nlp,
            path,
            doc_id=doc_id,
            manifest_row=row or {},
            flags=flags,
            limits=limits,
            sha256=sha,
            theme_model=theme_model,
            keep=result.documents if keep_documents else None,
        )
        for name, new in rows.items():
            result.datasets[name].extend(new)
        if error is not None:
            line = f"{path}: {error}"
            result.errors.append(line)
            if on_error:
                on_error(line)
        if on_document:
            on_document(path)

    result.datasets["organisations"] = organisation_rows(
        result.datasets["mentions"], gazetteer=org_gazetteer(nlp)
    )
    if outdir is not None:
        result.written = write_datasets(result.datasets, outdir, formats)
    return result
