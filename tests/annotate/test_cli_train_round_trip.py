"""The issue's round trip from the command line: export → import → agreement → to-spacy →
train, on a sample corpus document."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from typer.testing import CliRunner

from policytext.cli import app
from policytext.train_ner import examples_of, training_docs

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "corpora" / "sample" / "denhaag_coalitieakkoord_2022_preventie.txt"


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def test_export_import_agreement_train(tmp_path):
    run("annotate", "export", DOC, "-o", tmp_path / "t.jsonl", "--to", "doccano")
    # the annotator removes one ORG and draws one new span, as a doccano export holds it
    line = json.loads((tmp_path / "t.jsonl").read_text("utf-8"))
    orgs = [s for s in line["label"] if s[2] == "ORG"]
    line["label"].remove(orgs[0])
    text = line["text"]
    start = text.index("Helpdesk Geldzaken")
    line["label"].append([start, start + len("Helpdesk Geldzaken"), "ORG"])
    (tmp_path / "edited.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    run("annotate", "import", tmp_path / "t.jsonl", "--from", "doccano", "-o", tmp_path / "a.jsonl")
    run(
        "annotate", "import", tmp_path / "edited.jsonl", "--from", "doccano",
        "-o", tmp_path / "b.jsonl",
    )  # fmt: skip
    b = json.loads((tmp_path / "b.jsonl").read_text("utf-8"))
    added = next(m for m in b["mentions"] if m["start"] == start and m["label"] == "ORG")
    assert added["value"] is not None  # filled in by the extractors on import

    out = run(
        "annotate", "agreement", tmp_path / "a.jsonl", tmp_path / "b.jsonl",
        "--json", tmp_path / "agreement.json",
    )  # fmt: skip
    scores = json.loads((tmp_path / "agreement.json").read_text("utf-8"))
    assert scores["labels"]["ORG"]["exact"]["f"] == 0.0, out.output  # the one ORG changed
    assert 0.8 < scores["all"]["exact"]["f"] < 1, out.output

    run("annotate", "to-spacy", tmp_path / "b.jsonl", "-o", tmp_path / "b.spacy")
    # the same reference documents whether train reads the JSONL or the DocBin
    from_jsonl = training_docs([tmp_path / "b.jsonl"])
    from_docbin = training_docs([tmp_path / "b.spacy"])
    assert [d.text for d in from_jsonl] == [d.text for d in from_docbin]
    assert [[(e.start_char, e.end_char) for e in d.ents] for d in from_jsonl] == [
        [(e.start_char, e.end_char) for e in d.ents] for d in from_docbin
    ]
    nlp = spacy.blank("nl")
    n_ents = sum(len(e.reference.ents) for e in examples_of(nlp, from_docbin))
    assert n_ents == len([m for m in b["mentions"] if m["label"] == "ORG"])

    run(
        "train", "ner", tmp_path / "b.spacy", "-o", tmp_path / "model",
        "--no-cv", "--n-iter", "2",
    )  # fmt: skip
    model = spacy.load(tmp_path / "model")
    assert "ner" in model.pipe_names and "ORG" in model.get_pipe("ner").labels
    assert (tmp_path / "model" / "README.md").is_file()
