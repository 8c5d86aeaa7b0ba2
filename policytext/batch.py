"""The ``batch`` job: the ``extract`` job over many worker processes or a Dask cluster,
resumable.

Every document is one task: a worker reads it, runs the pipeline and writes its rows
(``documents``, ``passages``, ``mentions``) atomically as one *part* file under
``OUTDIR/.policytext-parts/``. The part's name is the file's SHA-256, the pipeline key
(policytext and spaCy versions, components, base model, the user's organisation
lists) and a key of the job's settings
(doc id, file name, manifest row, flags, limits). A re-run finds the parts already
written and skips those documents, so an interrupted batch resumes where it stopped;
``force=True`` redoes them. At the end the parts are merged in input order (so the
datasets do not depend on which worker finished first), the ``organisations`` dataset
is computed over all mention rows, and the datasets are written with
:func:`policytext.dataset.write_datasets` (plus DuckDB, see :func:`write_duckdb`).

A document that fails becomes a ``documents`` row with ``status=error`` and the batch
goes on. A worker that dies (killed, out of memory) breaks the process pool: the
documents in flight are then retried one at a time in a fresh pool, the one that kills
its worker again is recorded as an error, and the rest of the batch goes on in a new
pool. Parts already written are never lost.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from policytext import __version__
from policytext.dataset import (
    DATASETS,
    FORMATS,
    arrow_table,
    atomic_open,
    atomic_path,
    write_datasets,
)
from policytext.ingest.limits import DEFAULT_LIMITS, Limits
from policytext.process import (
    document_row,
    sha256_file,
)
from policytext.run import RunResult, collect_inputs, find_manifests, process_file, unique_id

PARTS_DIR = ".policytext-parts"
PART_FORMAT = 1
DUCKDB_NAME = "policytext.duckdb"
BATCH_FORMATS: tuple[str, ...] = (*FORMATS, "duckdb")
# Datasets a part holds: every dataset of a run but ``organisations`` (made at merge).
ROW_DATASETS: tuple[str, ...] = tuple(
    name for name in RunResult().datasets if name != "organisations"
)
# Temporary part files older than this are left over from a killed run and are removed.
STALE_TMP_SECONDS = 600
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "bool": "BOOLEAN",
    "list": "VARCHAR[]",
    "json": "VARCHAR",
}


# --- The pipeline and its key ------------------------------------------------------------


@dataclass(frozen=True)
class PipelineSpec:
    """How a worker builds its pipeline (the arguments of :func:`load_pipeline`) and its
    theme model (``themes_model`` directory, else the ``taxonomy``'s keyword prior;
    ``themes=False`` for none)."""

    model: str | None = None
    gazetteer_paths: tuple[str, ...] = ()
    ner_path: str | None = None
    themes: bool = True
    themes_model: str | None = None
    taxonomy: str | None = None

    def load_themes(self) -> Any:
        if not self.themes:
            return None
        from policytext.themes.component import load_model

        return load_model(self.themes_model, self.taxonomy)

    def load(self) -> Language:
        from policytext.pipeline import load_pipeline

        return load_pipeline(
            self.model, gazetteer_paths=self.gazetteer_paths, ner_path=self.ner_path
        )


def _digest_files(files: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for f in sorted(files):
        digest.update(str(f.relative_to(root)).encode() + b"\0")
        digest.update(f.read_bytes() + b"\0")
    return digest.hexdigest()


def _installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def pipeline_key(spec: PipelineSpec) -> str:
    """16 hex digits naming what produces a document's rows, e.g. ``'3f0c9a51d2e84b07'``.

    Covers the policytext and spaCy versions, the components, the base model (name and
    installed version), the user's organisation lists (their bytes) and the trained ORG
    model. Not the source code itself: after changing rules without a new version, run
    with ``force=True`` (``--force``).
    """
    import spacy

    from policytext.pipeline import EXTRACTORS, PREFERRED_MODEL, model_available

    model = PREFERRED_MODEL if spec.model is None else spec.model
    if model != "blank" and not model_available(model):
        model = "blank"
    gazetteers = []
    for p in spec.gazetteer_paths:
        try:
            gazetteers.append(hashlib.sha256(Path(p).read_bytes()).hexdigest())
        except OSError:
            gazetteers.append(f"unreadable:{p}")
    ner = None
    if spec.ner_path:
        ner_root = Path(spec.ner_path)
        ner = _digest_files((p for p in ner_root.rglob("*") if p.is_file()), ner_root)
    themes = None
    if spec.themes:
        themes = [spec.taxonomy]
        if spec.themes_model:
            root = Path(spec.themes_model)
            themes.append(_digest_files((p for p in root.rglob("*") if p.is_file()), root))
    data = {
        "policytext": __version__,
        "components": list(EXTRACTORS),
        "spacy": spacy.__version__,
        "model": [model, _installed_version(model) if model != "blank" else None],
        "gazetteers": gazetteers,
        "ner": ner,
        "themes": themes,
        "part_format": PART_FORMAT,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def settings_key(
    doc_id: str,
    path: Path,
    manifest_row: Mapping[str, Any] | None,
    flags: Mapping[str, Any] | None,
    limits: Limits,
) -> str:
    """12 hex digits over what else decides a document's rows: id, name, metadata, limits."""
    data = {
        "doc_id": doc_id,
        "name": path.name,
        "manifest": dict(manifest_row or {}),
        "flags": {k: v for k, v in (flags or {}).items() if v is not None},
        # Unset limits are left out, so adding a limit keeps the keys of earlier runs.
        "limits": {k: v for k, v in asdict(limits).items() if v is not None},
    }
    blob = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


# --- One document: the task a worker runs -------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One document to process. ``part`` is None when the file could not be hashed."""

    index: int
    path: str
    doc_id: str
    manifest_row: dict[str, Any]
    flags: dict[str, Any]
    limits: Limits
    sha256: str | None
    part: str | None
    spec: PipelineSpec
    key: str
    check_key: bool = False


_PIPELINES: dict[PipelineSpec, tuple[Language, Any]] = {}
_PIPELINE_LOCK = threading.Lock()


def worker_pipeline(spec: PipelineSpec) -> tuple[Language, Any]:
    """The worker's pipeline and theme model, loaded once per process."""
    with _PIPELINE_LOCK:
        if spec not in _PIPELINES:
            _PIPELINES[spec] = (spec.load(), spec.load_themes())
        return _PIPELINES[spec]


_WORKER_KEYS: dict[PipelineSpec, str] = {}


def worker_key(spec: PipelineSpec) -> str:
    """The pipeline key as this worker sees it, computed once per process."""
    with _PIPELINE_LOCK:
        if spec not in _WORKER_KEYS:
            _WORKER_KEYS[spec] = pipeline_key(spec)
        return _WORKER_KEYS[spec]


def init_worker(spec: PipelineSpec) -> None:
    """Process-pool initializer: load the pipeline; Ctrl-C is the main process's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_pipeline(spec)


def document_rows(
    nlp: Language, job: Job, theme_model: Any = None
) -> tuple[dict[str, list[dict[str, Any]]], str | None, bool]:
    """``(rows, error, cacheable)`` of one job, as :func:`policytext.run.process_file`."""
    return process_file(
        nlp,
        Path(job.path),
        doc_id=job.doc_id,
        manifest_row=job.manifest_row,
        flags=job.flags,
        limits=job.limits,
        sha256=job.sha256,
        theme_model=theme_model,
    )


def write_part(path: Path, rows: Mapping[str, list[dict[str, Any]]], key: str) -> None:
    """One document's rows as one JSON file, written atomically."""
    data = {"part_format": PART_FORMAT, "pipeline_key": key, **rows}
    with atomic_open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)


def read_part(path: Path) -> dict[str, list[dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {name: data[name] for name in ROW_DATASETS}


def summary(
    job: Job,
    *,
    error: str | None,
    rows: dict[str, list[dict[str, Any]]] | None = None,
    n_pages: int | None = None,
) -> dict[str, Any]:
    """What a task sends back: small, because the rows are in the part file."""
    return {
        "index": job.index,
        "path": job.path,
        "error": error,
        "n_pages": n_pages,
        "rows": rows,  # only for documents without a part (not cacheable)
    }


def error_rows(row: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of a document that failed: its ``documents`` row only."""
    return {name: [row] if name == "documents" else [] for name in ROW_DATASETS}


def process_job(job: Job) -> dict[str, Any]:
    """The per-document task (process pool or Dask worker): rows → part file → summary."""
    nlp, theme_model = worker_pipeline(job.spec)
    if job.check_key and (seen := worker_key(job.spec)) != job.key:
        error = (
            f"worker pipeline differs from the client's ({seen} != {job.key}); "
            f"install the same policytext version everywhere"
        )
        row = document_row(None, path=Path(job.path), doc_id=job.doc_id, error=error)
        return summary(job, error=error, rows=error_rows(row))
    rows, error, cacheable = document_rows(nlp, job, theme_model)
    n_pages = rows["documents"][0].get("n_pages")
    if cacheable and job.part is not None:
        write_part(Path(job.part), rows, job.key)
        return summary(job, error=error, n_pages=n_pages)
    return summary(job, error=error, rows=rows, n_pages=n_pages)


def crashed(job: Job, reason: str) -> dict[str, Any]:
    """A summary for a document whose task never returned (not cached: retried next run)."""
    row = document_row(
        None, path=Path(job.path), doc_id=job.doc_id, error=reason, sha256=job.sha256
    )
    return summary(job, error=reason, rows=error_rows(row))


# --- Running the tasks --------------------------------------------------------------------

Task = Callable[[Job], dict[str, Any]]
OnResult = Callable[[dict[str, Any]], None]


def worker_context() -> multiprocessing.context.BaseContext:
    """``forkserver`` with policytext imported once (a restarted pool starts fast), else
    ``spawn``; never ``fork`` of the threaded parent."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["policytext.batch", "policytext.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def run_local(
    jobs: Iterable[Job], workers: int, spec: PipelineSpec, task: Task, on_result: OnResult
) -> None:
    """Run ``task`` over ``jobs`` in a process pool; survive workers that die.

    When the pool breaks, the documents that were in flight are retried one at a time in
    a one-worker pool; a document that breaks that pool too is recorded as an error. Then
    the rest goes on in a full pool again.
    """
    pending = deque(jobs)
    suspects: deque[Job] = deque()
    ctx = worker_context()
    while pending or suspects:
        isolating = bool(suspects)
        n = 1 if isolating else max(1, min(workers, len(pending)))
        window = 1 if isolating else 2 * n
        inflight: dict[Future[dict[str, Any]], Job] = {}
        broken = False
        pool = ProcessPoolExecutor(
            max_workers=n, mp_context=ctx, initializer=init_worker, initargs=(spec,)
        )
        try:
            while not broken:
                queue = suspects if isolating else pending
                while queue and len(inflight) < window:
                    job = queue.popleft()
                    inflight[pool.submit(task, job)] = job
                if not inflight:
                    break
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for fut in done:
                    job = inflight.pop(fut)
                    try:
                        result = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        if isolating:
                            on_result(crashed(job, "worker process died (killed or out of memory)"))
                        else:
                            suspects.append(job)
                    except Exception as err:  # pickling and other task-level failures
                        on_result(crashed(job, f"internal error ({type(err).__name__}: {err})"))
                    else:
                        on_result(result)
            # the pool is gone: whatever was still in flight is retried in isolation
            suspects.extend(inflight.values())
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)


def run_dask(jobs: list[Job], scheduler: str, on_result: OnResult, task: Task) -> None:
    """Run ``task`` over ``jobs`` on the Dask cluster at ``scheduler`` (``tcp://host:port``)."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = client.map(
            task,
            jobs,
            pure=False,
            key=[f"policytext-{j.index}-{j.key}-{os.getpid()}" for j in jobs],
        )
        by_key = {f.key: j for f, j in zip(futures, jobs, strict=True)}
        for fut in as_completed(futures):
            job = by_key[fut.key]
            try:
                result = fut.result()
            except Exception as err:  # KilledWorker and the like: record, go on
                result = crashed(job, f"worker failed ({type(err).__name__}: {err})")
            on_result(result)
            fut.release()


# --- The batch ----------------------------------------------------------------------------


@dataclass
class BatchResult:
    """What a batch produced: datasets, error lines, files written, and counts."""

    datasets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    n_processed: int = 0
    n_skipped: int = 0
    n_failed: int = 0

    @property
    def n_ok(self) -> int:
        return sum(row["status"] == "ok" for row in self.datasets.get("documents", []))


@dataclass
class Plan:
    """The batch's documents in input order: jobs to run, parts to reuse, errors known."""

    entries: list[Job | dict[str, Any]]  # a Job, or the rows of an input that is missing
    todo: list[Job]
    reused: list[Job]


def parts_dir(outdir: str | Path) -> Path:
    return Path(outdir) / PARTS_DIR


def plan_batch(
    paths: Iterable[str | Path],
    outdir: str | Path,
    *,
    spec: PipelineSpec,
    manifest: str | Path | None = None,
    flags: Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    force: bool = False,
    check_key: bool = False,
) -> Plan:
    """Collect inputs, give them ids as ``extract`` does, and see which parts exist."""
    paths = list(paths)
    files, missing = collect_inputs(paths)
    manifest_rows = find_manifests(paths, manifest)
    flags = dict(flags or {})
    key = pipeline_key(spec)
    pdir = parts_dir(outdir)
    existing = {p.name for p in pdir.glob("*.json")} if pdir.is_dir() else set()
    taken: set[str] = set()
    entries: list[Job | dict[str, Any]] = []
    todo: list[Job] = []
    reused: list[Job] = []
    for path, reason in missing:
        doc_id = unique_id(path.stem or path.name, taken)
        entries.append(document_row(None, path=path, doc_id=doc_id, error=reason))
    for path in files:
        row = dict(manifest_rows.get(Path(os.path.realpath(path))) or {})
        doc_id = unique_id(row.get("doc_id") or path.stem, taken)
        try:
            sha: str | None = sha256_file(path)
        except OSError:
            sha = None  # the worker's read gives the reason (loop, permission, ...)
        part = None
        if sha is not None:
            part = f"{sha}-{key}-{settings_key(doc_id, path, row, flags, limits)}.json"
        job = Job(
            index=len(entries),
            path=str(path),
            doc_id=doc_id,
            manifest_row=row,
            flags=flags,
            limits=limits,
            sha256=sha,
            part=str(pdir / part) if part else None,
            spec=spec,
            key=key,
            check_key=check_key,
        )
        entries.append(job)
        (reused if part in existing and not force else todo).append(job)
    return Plan(entries, todo, reused)


def remove_stale_tmp(pdir: Path, older_than: float = STALE_TMP_SECONDS) -> None:
    """Temporary part files a killed run left behind."""
    if not pdir.is_dir():
        return
    now = time.time()
    for tmp in pdir.glob(".*.tmp"):
        try:
            if now - tmp.stat().st_mtime > older_than:
                tmp.unlink()
        except OSError:
            pass  # another run removed or is writing it


def merge(
    plan: Plan, results: Mapping[int, dict[str, Any]], gazetteer: Any = None
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """The datasets of the batch, in input order, and the ``path: reason`` error lines."""
    from policytext.organisations import organisation_rows

    datasets: dict[str, list[dict[str, Any]]] = {name: [] for name in RunResult().datasets}
    errors: list[str] = []
    for index, entry in enumerate(plan.entries):
        if isinstance(entry, dict):
            rows = error_rows(entry)
        else:
            result = results.get(index)
            if result is not None and result["rows"] is not None:
                rows = result["rows"]
            else:
                try:
                    rows = read_part(Path(entry.part or ""))
                    rows["documents"][0]["path"] = entry.path  # the file may have moved
                except (OSError, ValueError, KeyError, IndexError) as err:
                    rows = crashed(entry, f"part file unreadable ({err}); re-run with --force")[
                        "rows"
                    ]
        for name in ROW_DATASETS:
            datasets[name].extend(rows[name])
        for doc in rows["documents"]:
            if doc["status"] == "error":
                errors.append(f"{doc['path']}: {doc['error']}")
    datasets["organisations"] = organisation_rows(datasets["mentions"], gazetteer=gazetteer)
    return datasets, errors


def write_duckdb(datasets: Mapping[str, list[Mapping[str, Any]]], path: Path) -> None:
    """One DuckDB database, one table per dataset with the declared column types
    (``list`` → ``VARCHAR[]``, ``json`` → ``VARCHAR`` holding JSON), written atomically."""
    import duckdb

    with atomic_path(path) as tmp:
        tmp.unlink()  # DuckDB creates its own file; an empty one is not a database
        con = duckdb.connect(str(tmp))
        try:
            for name, rows in datasets.items():
                cols = DATASETS[name]
                ddl = ", ".join(f'"{c.name}" {DUCKDB_TYPES[c.type]}' for c in cols)
                con.execute(f'CREATE TABLE "{name}" ({ddl})')
                con.register("policytext_rows", arrow_table(name, list(rows)))
                con.execute(f'INSERT INTO "{name}" SELECT * FROM policytext_rows')
                con.unregister("policytext_rows")
                for c in cols:
                    doc = c.doc.replace("'", "''")
                    con.execute(f'COMMENT ON COLUMN "{name}"."{c.name}" IS \'{doc}\'')
            con.execute("CHECKPOINT")
        finally:
            con.close()
        wal = Path(str(tmp) + ".wal")
        if wal.exists():
            wal.unlink()


def write_outputs(
    datasets: Mapping[str, list[Mapping[str, Any]]], outdir: str | Path, formats: Iterable[str]
) -> list[Path]:
    """``write_datasets`` for the file formats, :func:`write_duckdb` for ``duckdb``."""
    formats = list(formats)
    written = write_datasets(datasets, outdir, [f for f in formats if f != "duckdb"])
    if "duckdb" in formats:
        path = Path(outdir) / DUCKDB_NAME
        write_duckdb(datasets, path)
        written.append(path)
    return written


def run_batch(
    paths: Iterable[str | Path],
    outdir: str | Path,
    *,
    formats: Iterable[str] = ("jsonl",),
    spec: PipelineSpec | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    manifest: str | Path | None = None,
    flags: Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    task: Task = process_job,
    on_plan: Callable[[Plan], None] | None = None,
    on_result: OnResult | None = None,
) -> BatchResult:
    """Process every input in worker processes (or on a Dask cluster) and write the datasets.

    ``on_plan`` is called once with the plan (how many to do, how many reused);
    ``on_result`` with each finished document's summary (``error``, ``n_pages``).
    """
    from policytext.extract.orgs import load_gazetteer

    spec = spec or PipelineSpec()
    outdir = Path(outdir)
    plan = plan_batch(
        paths,
        outdir,
        spec=spec,
        manifest=manifest,
        flags=flags,
        limits=limits,
        force=force,
        check_key=scheduler is not None,
    )
    if on_plan:
        on_plan(plan)
    parts_dir(outdir).mkdir(parents=True, exist_ok=True)
    remove_stale_tmp(parts_dir(outdir))
    results: dict[int, dict[str, Any]] = {}

    def collect(result: dict[str, Any]) -> None:
        results[result["index"]] = result
        if on_result:
            on_result(result)

    if plan.todo:
        if scheduler:
            run_dask(plan.todo, scheduler, collect, task)
        else:
            run_local(plan.todo, workers or os.cpu_count() or 1, spec, task, collect)
    datasets, errors = merge(plan, results, gazetteer=load_gazetteer(spec.gazetteer_paths))
    written = write_outputs(datasets, outdir, formats)
    return BatchResult(
        datasets=datasets,
        errors=errors,
        written=written,
        n_processed=len(results),
        n_skipped=len(plan.reused),
        n_failed=sum(r["error"] is not None for r in results.values()),
    )


def iter_parts(outdir: str | Path) -> Iterator[Path]:
    """The part files of ``outdir`` (for inspection and tests)."""
    pdir = parts_dir(outdir)
    return iter(sorted(pdir.glob("*.json"))) if pdir.is_dir() else iter(())
