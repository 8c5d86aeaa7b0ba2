"""``policytext evaluate`` picks the scoring by what the gold file holds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from policytext.cli import app

REPO = Path(__file__).resolve().parents[1]
COALITIE = REPO / "corpora" / "sample" / "denhaag_coalitieakkoord_2022_preventie.txt"
DOC_ID = "denhaag_coalitieakkoord_2022_preventie"


def sentence_row(text: str, label: str) -> dict:
    doc = COALITIE.read_text("utf-8")
    start = doc.index(text)
    return {
        "kind": "sentence",
        "doc_id": DOC_ID,
        "start": start,
        "end": start + len(text),
        "label": label,
        "text": text,
    }


def test_commitment_gold_is_scored_as_held_out(tmp_path: Path) -> None:
    rows = [
        sentence_row("We willen samen met de stad deze verschillen verkleinen.", "commitment"),
        sentence_row("De gezondheidsverschillen in onze stad zijn groot.", "other"),
    ]
    gold = tmp_path / "c.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--json", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text("utf-8"))[str(gold)]
    assert scores["sentences"]["n"] == 2
    assert "sentences_cv_by_document" not in scores  # not the training gold: held out
    assert scores["sentences_per_document"][DOC_ID]["gold"] == {"commitment": 1, "other": 1}
    assert "commitment F1" in result.output


def test_what_gold_scores_object_and_action(tmp_path: Path) -> None:
    from policytext.commitments.evaluate_what import token_f1

    rows = [
        {
            "text": "We verstevigen de Haagse preventieaanpak.",
            "what": "de Haagse preventieaanpak",
            "action": "verstevigen",
        },
        {  # a gold phrase the rules cannot match exactly
            "text": "We investeren in het jonge kind.",
            "what": "jonge kind",
            "action": "investeren",
        },
    ]
    gold = tmp_path / "what.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    out = tmp_path / "w.json"
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--json", str(out)])
    assert result.exit_code == 0, result.output
    s = json.loads(out.read_text("utf-8"))[str(gold)]
    assert s["n"] == 2 and s["action_exact"] == 1.0
    assert s["what_exact"] == 0.5
    assert s["what_token_f1"] == (1.0 + token_f1("jonge kind", "het jonge kind")) / 2
    assert token_f1("de Haagse preventieaanpak", "preventieaanpak") == 0.5
