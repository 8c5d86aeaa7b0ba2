"""Export → annotation tool → import round trips, and the spaCy training data."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from policytext.annotate import export_tasks, import_tasks, labelstudio_config, to_spacy
from policytext.annotate.common import Utf16Offsets, text_to_value, value_to_text
from policytext.annotate.export import document_records
from policytext.evaluate import load_gold
from policytext.extract.mention import LABELS
from policytext.themes.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora" / "sample"


@pytest.fixture(scope="module")
def exported(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    ls = export_tasks([SAMPLE], "labelstudio", out / "tasks.json", nlp, None)
    dc = export_tasks([SAMPLE], "doccano", out / "tasks.jsonl", nlp, None)
    return out, ls, dc


@pytest.fixture(scope="module")
def pipeline_records(nlp):
    from policytext.themes.component import load_model

    return {r["doc_id"]: r for r in document_records([SAMPLE], nlp, load_model(None, None))}


def gold_by_id(path):
    return {
        json.loads(x)["doc_id"]: json.loads(x) for x in Path(path).read_text("utf-8").splitlines()
    }


def assert_lossless(gold_path, records):
    gold = gold_by_id(gold_path)
    assert set(gold) == set(records)
    for doc_id, rec in records.items():
        assert gold[doc_id]["mentions"] == rec["mentions"], doc_id
        assert gold[doc_id]["passages"] == rec["passages"], doc_id
        assert gold[doc_id]["meta"] == rec["meta"]
    # and the gold file is valid: load_gold checks every span's text
    docs = load_gold(gold_path)
    assert sum(len(d.mentions) for d in docs) == sum(len(r["mentions"]) for r in records.values())


def test_labelstudio_tasks_shape(exported):
    out, summary, _ = exported
    tasks = json.loads((out / "tasks.json").read_text("utf-8"))
    assert len(tasks) == summary["documents"] == 5
    assert summary["mentions"] > 100 and summary["passages"] > 100
    task = tasks[0]
    result = task["predictions"][0]["result"]
    spans = [r for r in result if r["from_name"] == "label"]
    values = {r["id"]: r for r in result if r["from_name"] == "value"}
    assert spans and all(r["type"] == "labels" and r["value"]["labels"][0] in LABELS for r in spans)
    for r in spans:  # one normalised-value text area per region, same id and offsets
        v = values[r["id"]]
        assert v["type"] == "textarea" and len(v["value"]["text"]) == 1
        assert (v["value"]["start"], v["value"]["end"]) == (r["value"]["start"], r["value"]["end"])
        assert task["data"]["text"][r["value"]["start"] : r["value"]["end"]] == r["value"]["text"]
        assert "value" in r["meta"]["policytext"]
    assert any(r["from_name"] == "passage" for r in result)


def test_labelstudio_config(exported):
    out, _, _ = exported
    root = ET.fromstring((out / "tasks.xml").read_text("utf-8"))
    labels = root.find("./Labels[@name='label']")
    assert [x.get("value") for x in labels] == list(LABELS)
    choices = root.find(".//Choices[@name='themes']")
    assert [c.get("value") for c in choices] == list(load_taxonomy(None).ids)
    assert choices.get("perRegion") == "true"
    value = root.find(".//TextArea[@name='value']")
    assert value.get("perRegion") == "true" and value.get("toName") == "text"
    assert root.find("./Text").get("value") == "$text"
    # another taxonomy's themes: config follows it
    assert "sociale_situatie" in labelstudio_config("regiobeeld")


def test_labelstudio_roundtrip_lossless(exported, pipeline_records, tmp_path):
    out, _, _ = exported
    # untouched predictions
    import_tasks(out / "tasks.json", "labelstudio", tmp_path / "a.jsonl", use_predictions=True)
    assert_lossless(tmp_path / "a.jsonl", pipeline_records)
    # an annotator accepted every prediction without edits (annotations = predictions,
    # without the region meta, which Label Studio may drop)
    tasks = json.loads((out / "tasks.json").read_text("utf-8"))
    for t in tasks:
        result = copy.deepcopy(t["predictions"][0]["result"])
        for r in result:
            r.pop("meta", None)
            r["origin"] = "manual"
        t["annotations"] = [{"id": 1, "result": result, "was_cancelled": False}]
    (tmp_path / "accepted.json").write_text(json.dumps(tasks), "utf-8")
    summary = import_tasks(tmp_path / "accepted.json", "labelstudio", tmp_path / "b.jsonl")
    assert summary["skipped"] == 0
    assert_lossless(tmp_path / "b.jsonl", pipeline_records)


def test_labelstudio_without_annotation_is_skipped(exported, tmp_path):
    out, _, _ = exported
    summary = import_tasks(out / "tasks.json", "labelstudio", tmp_path / "g.jsonl")
    assert summary["documents"] == 0 and summary["skipped"] == 5


def test_doccano_roundtrip_lossless(exported, pipeline_records, tmp_path):
    out, _, _ = exported
    first = json.loads((out / "tasks.jsonl").read_text("utf-8").splitlines()[0])
    assert first["label"] and all(len(x) == 3 for x in first["label"])
    import_tasks(out / "tasks.jsonl", "doccano", tmp_path / "d.jsonl")
    assert_lossless(tmp_path / "d.jsonl", pipeline_records)


def ls_task(text, result, with_annotation=True):
    task = {"id": 7, "data": {"text": text, "doc_id": "edited"}}
    if with_annotation:
        task["annotations"] = [{"id": 1, "result": result}]
    return task


def test_labelstudio_edits_become_gold(tmp_path):
    text = "Het kost 😀 € 6,4 miljoen vanaf Q2 2024 bij de GGD."
    off = Utf16Offsets(text)
    s = text.index("€")
    e = s + len("€ 6,4 miljoen")
    d = text.index("Q2 2024")
    g = text.index("GGD")
    res = [
        {
            "id": "a",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": off.js(s), "end": off.js(e), "labels": ["AMOUNT"]},
        },
        {
            "id": "a",
            "from_name": "value",
            "to_name": "text",
            "type": "textarea",
            "value": {"start": off.js(s), "end": off.js(e), "text": ["6400000"]},
        },
        {
            "id": "a",
            "from_name": "fields",
            "to_name": "text",
            "type": "textarea",
            "value": {"start": off.js(s), "end": off.js(e), "text": ['{"period": "jaar"}']},
        },
        {
            "id": "b",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": off.js(d), "end": off.js(d + 7), "labels": ["DATE"]},
        },
        {
            "id": "b",
            "from_name": "value",
            "to_name": "text",
            "type": "textarea",
            "value": {"start": off.js(d), "end": off.js(d + 7), "text": ["2024-Q2"]},
        },
        {
            "id": "c",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": off.js(g), "end": off.js(g + 3), "labels": ["ORG"]},
        },
        {
            "id": "p",
            "from_name": "passage",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 0, "end": off.js(len(text)), "labels": ["PASSAGE"]},
        },
        {
            "id": "p",
            "from_name": "themes",
            "to_name": "text",
            "type": "choices",
            "value": {"start": 0, "end": off.js(len(text)), "choices": ["kosten"]},
        },
    ]
    assert off.js(s) == s + 1  # the emoji is two UTF-16 units
    (tmp_path / "ls.json").write_text(json.dumps([ls_task(text, res)]), "utf-8")
    import_tasks(tmp_path / "ls.json", "labelstudio", tmp_path / "gold.jsonl")
    (doc,) = load_gold(tmp_path / "gold.jsonl")  # text written beside the gold, spans checked
    assert doc.text == text
    by = {m.label: m for m in doc.mentions}
    assert (by["AMOUNT"].start, by["AMOUNT"].end) == (s, e)
    assert by["AMOUNT"].value == 6400000 and by["AMOUNT"].period == "jaar"
    assert by["DATE"].value == "2024-Q2"
    assert by["ORG"].value is None  # no value typed
    assert doc.passages == [{"start": 0, "end": len(text), "themes": ["kosten"]}]


def test_labelstudio_bad_label(tmp_path):
    res = [
        {
            "id": "a",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 0, "end": 3, "labels": ["PERSON"]},
        }
    ]
    (tmp_path / "ls.json").write_text(json.dumps([ls_task("abc def", res)]), "utf-8")
    with pytest.raises(ValueError, match="PERSON"):
        import_tasks(tmp_path / "ls.json", "labelstudio", tmp_path / "gold.jsonl")


def test_doccano_added_span_and_entities_form(tmp_path):
    line = {
        "id": 3,
        "text": "RIS316587 en 95% van COA",
        "entities": [
            {"start_offset": 0, "end_offset": 9, "label": "RIS"},
            {"start_offset": 21, "end_offset": 24, "label": "ORG"},
        ],
    }
    (tmp_path / "d.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    import_tasks(tmp_path / "d.jsonl", "doccano", tmp_path / "gold.jsonl")
    (doc,) = load_gold(tmp_path / "gold.jsonl")
    assert [(m.label, m.value) for m in doc.mentions] == [("RIS", None), ("ORG", None)]


# Spans an annotator draws in the tool, with the value the extractors give them.
ADDED_SPANS = [
    (
        "De Haagse Preventieaanpak (RIS315963) startte in juli 2023.",
        "RIS315963",
        "RIS",
        "RIS315963",
    ),
    ("Op 25 november 2023 was de conferentie.", "25 november 2023", "DATE", "2023-11-25"),
    ("We stellen per jaar € 6,4 miljoen beschikbaar.", "€ 6,4 miljoen", "AMOUNT", 6400000),
    ("Er namen circa 500 deelnemers deel.", "circa 500 deelnemers", "COUNT", 500),
    ("Dat is 95% van de inwoners.", "95%", "PERCENT", 95),
    # drawn narrower than the rules would (no 'circa'): the span alone gives the value
    ("Er namen circa 500 deelnemers deel.", "500 deelnemers", "COUNT", 500),
    ("Samen met de GGD Haaglanden.", "GGD Haaglanden", "ORG", "GGD Haaglanden"),
    ("Samen met Stichting Buurtkracht.", "Stichting Buurtkracht", "ORG", "Stichting Buurtkracht"),
]


@pytest.mark.parametrize(("text", "span", "label", "value"), ADDED_SPANS)
def test_doccano_added_span_gets_value(nlp, tmp_path, text, span, label, value):
    start = text.index(span)
    line = {
        "id": 1,
        "text": text,
        "label": [[start, start + len(span), label]],
        "policytext": {"doc_id": "d", "meta": {"year": 2023}, "mentions": [], "passages": []},
    }
    (tmp_path / "d.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    summary = import_tasks(tmp_path / "d.jsonl", "doccano", tmp_path / "gold.jsonl", nlp=nlp)
    (doc,) = load_gold(tmp_path / "gold.jsonl")
    (m,) = doc.mentions
    assert (m.label, m.value) == (label, value)
    assert summary["values_filled"] == 1 and summary["values_missing"] == 0


def test_added_span_without_value_stays_null(nlp, tmp_path):
    text = "Het gaat om veel mensen."
    line = {"id": 1, "text": text, "label": [[12, 23, "COUNT"]]}
    (tmp_path / "d.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    summary = import_tasks(tmp_path / "d.jsonl", "doccano", tmp_path / "gold.jsonl", nlp=nlp)
    assert summary["values_filled"] == 0 and summary["values_missing"] == 1


def test_unknown_tool(tmp_path, nlp):
    with pytest.raises(ValueError, match="unknown annotation tool"):
        export_tasks([SAMPLE], "prodigy", tmp_path / "x", nlp, None)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (6400000.0, "AMOUNT"),
        (500, "COUNT"),
        (92.6, "PERCENT"),
        ("2023", "DATE"),
        ("RIS316587", "RIS"),
        ("GGD Haaglanden", "ORG"),
        (None, "DATE"),
        ("XXXX-04", "DATE"),
    ],
)
def test_value_text_roundtrip(value, label):
    back = text_to_value(value_to_text(value), label)
    assert back == value and type(back) is type(value)


def test_to_spacy(tmp_path):
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Corpus

    gold = REPO / "annotations" / "sample.jsonl"
    stats = to_spacy(gold, tmp_path / "train.spacy")
    docs = load_gold(gold)
    nlp = spacy.blank("nl")
    loaded = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
    assert len(loaded) == len(docs) == stats["documents"]
    n_gold = sum(len(d.mentions) for d in docs)
    assert stats["spans"] + stats["dropped"] == n_gold
    assert sum(len(d.spans["policytext"]) for d in loaded) == stats["spans"]
    for d in loaded:
        assert all(e.label_ == "ORG" for e in d.ents)
        assert {s.label_ for s in d.spans["policytext"]} <= set(LABELS)
    n_org = sum(m.label == "ORG" for d in docs for m in d.mentions)
    assert 0 < stats["ents"] <= n_org
    # what `spacy train` reads
    examples = list(Corpus(str(tmp_path / "train.spacy"))(nlp))
    assert len(examples) == len(docs)
    assert examples[0].reference.spans["policytext"]


def test_labelstudio_sdk_accepts_tasks(exported):
    """Label Studio's own validator (label-studio-sdk) accepts config and predictions."""
    sdk = pytest.importorskip(
        "label_studio_sdk.label_interface", reason="label-studio-sdk is not installed"
    )
    out, _, _ = exported
    li = sdk.LabelInterface((out / "tasks.xml").read_text("utf-8"))
    tasks = json.loads((out / "tasks.json").read_text("utf-8"))
    assert all(li.validate_prediction(t["predictions"][0]) for t in tasks)
    bad = copy.deepcopy(tasks[0]["predictions"][0])
    bad["result"][0]["value"]["labels"] = ["PERSON"]
    assert not li.validate_prediction(bad)


def test_astral_characters_round_trip(nlp, tmp_path):
    """Label Studio counts UTF-16 units: offsets after an emoji are converted both ways."""
    doc = tmp_path / "emoji_doc.txt"
    doc.write_text(
        "Jaarverslag 2023\n\n🎉🎉 We stellen € 6,4 miljoen beschikbaar via GGD Haaglanden "
        "in 2024.\n",
        encoding="utf-8",
    )
    export_tasks([doc], "labelstudio", tmp_path / "t.json", nlp, None)
    (task,) = json.loads((tmp_path / "t.json").read_text("utf-8"))
    text = task["data"]["text"]
    amount = next(
        r for r in task["predictions"][0]["result"] if r["value"].get("labels") == ["AMOUNT"]
    )
    js = text.encode("utf-16-le")
    s, e = amount["value"]["start"], amount["value"]["end"]
    assert js[2 * s : 2 * e].decode("utf-16-le") == "€ 6,4 miljoen"
    import_tasks(tmp_path / "t.json", "labelstudio", tmp_path / "g.jsonl", use_predictions=True)
    (gold,) = load_gold(tmp_path / "g.jsonl")
    assert [gold.text[m.start : m.end] for m in gold.mentions if m.label == "AMOUNT"] == [
        "€ 6,4 miljoen"
    ]
