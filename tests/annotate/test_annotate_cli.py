"""The CLI functions, registered on a Typer app as policytext.cli will register them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from policytext.annotate.cli import (
    annotate_export,
    annotate_import,
    annotate_to_spacy,
    report_command,
)

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "corpora" / "sample" / "denhaag_coalitieakkoord_2022_preventie.txt"


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    annotate_app = typer.Typer()
    app.add_typer(annotate_app, name="annotate")
    annotate_app.command("export")(annotate_export)
    annotate_app.command("import")(annotate_import)
    annotate_app.command("to-spacy")(annotate_to_spacy)
    app.command("report")(report_command)
    return app


def run(app, *args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def test_cli_round_trip(app, tmp_path):
    run(
        app,
        "annotate",
        "export",
        DOC,
        "-o",
        tmp_path / "t.json",
        "--to",
        "labelstudio",
        "--model",
        "blank",
    )
    assert (tmp_path / "t.xml").is_file()
    run(
        app,
        "annotate",
        "import",
        tmp_path / "t.json",
        "-o",
        tmp_path / "g.jsonl",
        "--use-predictions",
    )
    gold = [json.loads(x) for x in (tmp_path / "g.jsonl").read_text("utf-8").splitlines()]
    assert len(gold) == 1 and gold[0]["mentions"]
    run(app, "annotate", "to-spacy", tmp_path / "g.jsonl", "-o", tmp_path / "g.spacy")
    assert (tmp_path / "g.spacy").stat().st_size > 0
    run(
        app,
        "annotate",
        "export",
        DOC,
        "-o",
        tmp_path / "d.jsonl",
        "--to",
        "doccano",
        "--model",
        "blank",
    )
    run(
        app,
        "annotate",
        "import",
        tmp_path / "d.jsonl",
        "-o",
        tmp_path / "g2.jsonl",
        "--from",
        "doccano",
    )
    assert (tmp_path / "g2.jsonl").read_text("utf-8") == (tmp_path / "g.jsonl").read_text("utf-8")
    run(app, "report", DOC, "-o", tmp_path / "r.html", "--model", "blank")
    assert (tmp_path / "r.html").read_text("utf-8").count('<mark class="m ') == len(
        gold[0]["mentions"]
    )


def test_cli_bad_tool(app, tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "annotate",
            "export",
            str(DOC),
            "-o",
            str(tmp_path / "x"),
            "--to",
            "prodigy",
            "--model",
            "blank",
        ],
    )
    assert result.exit_code == 2
