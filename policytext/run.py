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
from policytext.document import IngestError
from policytext.ingest import SUPPORTED_SUFFIXES
from policytext.ingest.limits import DEFAULT_LIMITS, Limits
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


def find_manifests(paths: Iterable[str | Path]) -> dict[Path, dict[str, Any]]:
    """Rows of every ``manifest.csv`` found at the top of the given directories."""
    rows: dict[Path, dict[str, Any]] = {}
    for given in paths:
        candidate = Path(given) / MANIFEST_NAME
        if Path(given).is_dir() and candidate.is_file():
            rows.update(load_manifest(candidate))
    return rows


def unique_id(doc_id: str, taken: set[str]) -> str:
    base, n = doc_id, 2
    while doc_id in taken:
        doc_id = f"{base}-{n}"
        n += 1
    taken.add(doc_id)
    return doc_id


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
) -> RunResult:
    """Process every input and, when ``outdir`` is given, write the datasets there."""
    paths = list(paths)
    files, missing = collect_inputs(paths)
    manifest_rows = find_manifests(paths)
    if manifest is not None:
        manifest_rows.update(load_manifest(manifest))
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
        sha = None
        try:
            sha = sha256_file(path)
            document = load_document(
                path,
                doc_id=doc_id,
                manifest_row={**(row or {}), "doc_id": doc_id},
                flags=flags,
                limits=limits,
            )
            mentions = find_mentions(nlp, document)
            try:
                tables = extract_tables(document, path)
            except Exception as err:  # a table bug must not lose the document
                tables = []
                document.warnings.append(f"tables not read ({type(err).__name__}: {err})")
        except IngestError as err:
            record_error(path, doc_id, err.reason, sha)
        except (OSError, MemoryError, RecursionError) as err:
            record_error(path, doc_id, f"cannot process file ({type(err).__name__}: {err})", sha)
        except Exception as err:  # a bug must not stop the other files of the run
            record_error(path, doc_id, f"internal error ({type(err).__name__}: {err})", sha)
        else:
            result.datasets["documents"].append(
                document_row(
                    document, path=path, doc_id=doc_id, n_mentions=len(mentions), sha256=sha
                )
            )
            result.datasets["passages"].extend(passage_rows(document, theme_model))
            result.datasets["mentions"].extend(mention_rows(document, mentions))
            result.datasets["tables"].extend(table_rows(tables))
            result.datasets["table_cells"].extend(cell_rows(tables))
        if on_document:
            on_document(path)

    result.datasets["organisations"] = organisation_rows(
        result.datasets["mentions"], gazetteer=org_gazetteer(nlp)
    )
    if outdir is not None:
        result.written = write_datasets(result.datasets, outdir, formats)
    return result
