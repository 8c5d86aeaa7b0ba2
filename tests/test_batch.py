"""The ``batch`` job: same datasets as ``extract``, resumption, crashes, DuckDB, Dask,
and an interrupted run (SIGKILL) that resumes to the datasets of an uninterrupted one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policytext.batch import (
    DUCKDB_NAME,
    PipelineSpec,
    iter_parts,
    parts_dir,
    pipeline_key,
    process_job,
    run_batch,
)
from policytext.dataset import DATASETS
from policytext.run import RunResult, run_extract
from tests.conftest import CORPUS_PDFS, SAMPLE

SPEC = PipelineSpec(model="blank")
NAMES = tuple(RunResult().datasets)  # what extract and batch write (not track's datasets)
SMALL_PDF = CORPUS_PDFS / "vng_burgerpeiling_mantelzorg.pdf"


def outputs(outdir: Path) -> dict[str, bytes]:
    return {name: (outdir / f"{name}.jsonl").read_bytes() for name in NAMES}


def crash_task(job):  # a module-level function, so spawned workers can unpickle it
    """Kill the worker on a document named ``crash*``, as the OOM killer would."""
    if Path(job.path).name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    return process_job(job)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus (with its manifest) plus one short real PDF when available."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLE, root / "sample")
    if SMALL_PDF.is_file():
        shutil.copy(SMALL_PDF, root / "sample" / SMALL_PDF.name)
    return root / "sample"


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted two-worker batch of the corpus, in JSONL and DuckDB."""
    out = tmp_path_factory.mktemp("reference")
    result = run_batch([corpus], out, formats=("jsonl", "duckdb"), spec=SPEC, workers=2)
    assert result.errors == []
    assert result.n_processed == len(result.datasets["documents"])
    return out


def test_batch_equals_extract(corpus: Path, reference: Path, nlp, tmp_path: Path) -> None:
    from policytext.themes.component import load_model

    theme_model = load_model(None, None)  # as the batch's default PipelineSpec
    run_extract([corpus], nlp, outdir=tmp_path, formats=("jsonl",), theme_model=theme_model)
    assert outputs(reference) == outputs(tmp_path)


def test_one_part_per_document(reference: Path) -> None:
    parts = list(iter_parts(reference))
    n_docs = len((reference / "documents.jsonl").read_text().splitlines())
    assert len(parts) == n_docs
    keys = {p.name.split("-")[1] for p in parts}
    assert len(keys) == 1 and len(pipeline_key(SPEC)) == len(keys.pop()) == 16
    assert not list(parts_dir(reference).glob(".*.tmp"))


def test_rerun_skips_and_force_redoes(corpus: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    again = run_batch([corpus], out, spec=SPEC, workers=1)
    assert (again.n_processed, again.n_skipped) == (0, len(again.datasets["documents"]))
    assert outputs(out) == outputs(reference)  # no duplicated rows
    forced = run_batch([corpus], out, spec=SPEC, workers=2, force=True)
    assert forced.n_skipped == 0
    assert forced.n_processed == len(forced.datasets["documents"])
    assert outputs(out) == outputs(reference)
    assert len(list(iter_parts(out))) == forced.n_processed


def test_changed_settings_are_redone(corpus: Path, reference: Path, tmp_path: Path) -> None:
    """A flag that changes the rows (the report year) is part of the part's key."""
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    one = corpus / "denhaag_regiobeeld.txt"
    result = run_batch([one], out, spec=SPEC, workers=1, flags={"year": 2019})
    assert result.n_processed == 1
    assert result.datasets["documents"][0]["year"] == 2019


def test_worker_crash_is_an_error_row(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a_regiobeeld.txt", "crash_me.txt", "z_regiobeeld.txt"):
        shutil.copy(SAMPLE / "denhaag_regiobeeld.txt", src / name)
    out = tmp_path / "out"
    result = run_batch([src], out, spec=SPEC, workers=2, task=crash_task)
    status = {r["doc_id"]: (r["status"], r["error"]) for r in result.datasets["documents"]}
    assert status["a_regiobeeld"] == ("ok", None)
    assert status["z_regiobeeld"] == ("ok", None)
    assert status["crash_me"][0] == "error"
    assert "worker process died" in status["crash_me"][1]
    assert len(list(iter_parts(out))) == 2  # the crash is not cached: retried next run
    again = run_batch([src], out, spec=SPEC, workers=1)
    assert (again.n_skipped, again.n_processed, again.errors) == (2, 1, [])


def test_duckdb_tables(reference: Path) -> None:
    import duckdb

    from policytext.dataset import read_jsonl

    con = duckdb.connect(str(reference / DUCKDB_NAME), read_only=True)
    try:
        for name in NAMES:
            cols = DATASETS[name]
            described = dict(
                con.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [name],
                ).fetchall()
            )
            assert list(described) == [c.name for c in cols]
            for c in cols:
                if c.type == "list":
                    assert described[c.name] == "VARCHAR[]"
                elif c.type == "json":
                    assert described[c.name] == "VARCHAR"
            (n,) = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            assert n == len(read_jsonl(reference / f"{name}.jsonl"))
        (section,) = con.execute(
            "SELECT section FROM passages WHERE len(section) > 1 LIMIT 1"
        ).fetchone()
        assert isinstance(section, list)
    finally:
        con.close()
    assert not list(reference.glob(".*.tmp")) and not list(reference.glob("*.wal"))


def test_dask_backend_equals_local(corpus: Path, reference: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = run_batch([corpus], tmp_path, spec=SPEC, scheduler=cluster.scheduler_address)
    assert result.errors == []
    assert outputs(tmp_path) == outputs(reference)


def batch_cmd(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "policytext.batch_cli", *map(str, args), "--model", "blank"]


def test_cli_usage_errors(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = subprocess.run(
        batch_cmd(empty, "-o", tmp_path / "o"), capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2 and "no input files" in proc.stderr
    proc = subprocess.run(
        batch_cmd(empty, "-o", tmp_path / "o", "-f", "sqlite"),
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 2 and "unknown format" in proc.stderr


@pytest.mark.slow
def test_sigkill_then_resume(tmp_path: Path) -> None:
    """Kill the batch (and its workers) with SIGKILL midway; the re-run completes it and
    the datasets equal those of an uninterrupted run."""
    src = tmp_path / "in"
    for i in range(6):
        shutil.copytree(SAMPLE, src / f"copy{i}")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = tmp_path / "out"
    proc = subprocess.Popen(
        batch_cmd(src, "-o", out, "-w", "1", "-q"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(iter_parts(out))) < 3:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    n_before = len(list(iter_parts(out)))
    assert 3 <= n_before < 30 and not (out / "documents.jsonl").exists()

    resumed = subprocess.run(
        batch_cmd(src, "-o", out, "-w", "2"), env=env, capture_output=True, text=True
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{n_before} documents already done" in resumed.stderr
    assert "Traceback" not in resumed.stderr
    full = subprocess.run(
        batch_cmd(src, "-o", tmp_path / "full", "-w", "2"), env=env, capture_output=True, text=True
    )
    assert full.returncode == 0, full.stderr
    assert outputs(out) == outputs(tmp_path / "full")


def slow_task(job):  # module-level, so spawned workers can unpickle it
    """Make the extractors of a document named ``slow*`` hang, as a pathological file would."""
    import policytext.run as run

    if not Path(job.path).name.startswith("slow"):
        return process_job(job)
    real = run.find_mentions

    def hang(*args, **kwargs):
        time.sleep(60)
        return real(*args, **kwargs)

    run.find_mentions = hang
    try:
        return process_job(job)
    finally:
        run.find_mentions = real


def test_timeout_records_the_slow_document_and_goes_on(tmp_path: Path) -> None:
    from policytext.ingest.limits import Limits

    src = tmp_path / "in"
    src.mkdir()
    (src / "slow.txt").write_text("Er zijn 12 deelnemers.\n", encoding="utf-8")
    (src / "ok.txt").write_text("In 2023 waren er 500 deelnemers.\n", encoding="utf-8")
    limits = Limits(max_seconds=1.0)
    out = tmp_path / "out"
    result = run_batch([src], out, spec=SPEC, workers=1, limits=limits, task=slow_task)
    assert len(result.errors) == 1 and "slow.txt" in result.errors[0]
    assert "not finished within 1 s" in result.errors[0]
    ok = [r for r in result.datasets["documents"] if r["doc_id"] == "ok"]
    assert ok and ok[0]["status"] == "ok"
    # Not cached: the next run tries the slow document again, and only that one.
    again = run_batch([src], out, spec=SPEC, workers=1, limits=limits, task=slow_task)
    assert again.n_processed == 1 and again.n_skipped == 1


def test_unset_limits_leave_the_part_keys_of_earlier_runs() -> None:
    """Adding ``max_seconds`` (unset by default) did not change any existing key."""
    import hashlib
    import json
    from dataclasses import asdict

    from policytext.batch import settings_key
    from policytext.ingest.limits import DEFAULT_LIMITS

    data = {
        "doc_id": "d",
        "name": "d.txt",
        "manifest": {},
        "flags": {},
        "limits": {k: v for k, v in asdict(DEFAULT_LIMITS).items() if k != "max_seconds"},
    }
    blob = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    expected = hashlib.sha256(blob).hexdigest()[:12]
    assert settings_key("d", Path("d.txt"), {}, {}, DEFAULT_LIMITS) == expected


def test_time_limit_acts_in_the_main_thread_only() -> None:
    import threading

    from policytext.ingest.limits import DocumentTimeout, time_limit

    with pytest.raises(DocumentTimeout), time_limit(0.2):
        time.sleep(5)
    finished = []

    def body() -> None:
        with time_limit(0.05):
            time.sleep(0.2)
        finished.append(True)

    t = threading.Thread(target=body)
    t.start()
    t.join()
    assert finished == [True]
