"""Scores of the object phrase (``what``) and action of commitments against gold.

Gold (``annotations/commitments_what.jsonl``): one line per commitment sentence with
``text``, ``what`` (a substring of ``text``, or null when nothing is acted on) and
``action`` (infinitive with its particle). A sentence of a PDF carries no text
(``annotations/commitments_what_2.jsonl``): ``pdf_file``, ``page``, ``start``, ``end`` and
``sha1`` locate it (:mod:`policytext.commitments.pdf_gold`), ``what_start``/``what_end``
index its whitespace-normalised text, and ``what_sha1``/``action_sha1`` are compared. Scores: exact match of ``what``, token F1 of
``what`` (the words both phrases share, averaged over sentences, as reading-comprehension
benchmarks score spans), and exact match of ``action``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from policytext.commitments.track import parse_sentences
from policytext.commitments.what import what
from policytext.themes.train import sha1_text

WORD = re.compile(r"[\w'’-]+")


def is_what_gold(path: str | Path) -> bool:
    """True for a gold file whose lines carry ``what`` and ``action``."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                return ("what" in row and "action" in row and "text" in row) or (
                    "action_sha1" in row
                )
    return False


def token_f1(gold: str | None, pred: str | None) -> float:
    """Overlap of the two phrases' words (lower-cased): 1.0 when both are empty."""
    g = Counter(w.lower() for w in WORD.findall(gold or ""))
    p = Counter(w.lower() for w in WORD.findall(pred or ""))
    if not g and not p:
        return 1.0
    common = sum((g & p).values())
    if not common:
        return 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def evaluate_what(gold_path: str | Path, nlp: Any = None) -> dict[str, Any]:
    """``what`` exact match and token F1, ``action`` exact match, and the mismatches."""
    from policytext.commitments.pdf_gold import resolve_pdf_sentences

    with open(gold_path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    pdf, warnings = resolve_pdf_sentences(rows, Path(gold_path))
    rows = [r for r in rows if "pdf_file" not in r] + [_pdf_gold(r) for r in pdf]
    warnings += [f"{r['pdf_file']} p.{r['page']}: what changed" for r in rows if r["what"] is False]
    rows = [r for r in rows if r["what"] is not False]
    texts = [r["text"] for r in rows]
    parsed = parse_sentences(nlp, texts)
    exact = f1 = action = 0.0
    errors = []
    for r, doc in zip(rows, parsed, strict=True):
        obj, verb = what(r["text"], doc)
        gold_what = r.get("what") or ""
        exact += obj.strip().lower() == gold_what.strip().lower()
        f1 += (score := token_f1(gold_what, obj))
        if "action_sha1" in r:
            verb_ok = sha1_text(verb.strip().lower()) == r["action_sha1"]
        else:
            verb_ok = verb.strip().lower() == (r.get("action") or "").strip().lower()
        action += verb_ok
        if score < 1.0 or not verb_ok:
            where = (
                {"pdf_file": r["pdf_file"], "page": r["page"], "start": r["start"]}
                if "pdf_file" in r
                else {"text": r["text"], "what": gold_what, "action": r.get("action")}
            )  # no PDF text in an errors file
            errors.append(where | {"token_f1": score, "predicted": obj, "predicted_action": verb})
    n = max(1, len(rows))
    return {
        "gold": str(gold_path),
        "n": len(rows),
        "n_pdf": len(pdf),
        "warnings": warnings,
        "what_exact": exact / n,
        "what_token_f1": f1 / n,
        "action_exact": action / n,
        "parser": nlp is not None and "parser" in nlp.pipe_names,
        "errors": errors,
    }


def _pdf_gold(row: dict[str, Any]) -> dict[str, Any]:
    """A resolved PDF row with its gold ``what`` read from the text (False when the
    stored SHA-1 no longer matches)."""
    text = row["text"]
    if row.get("what_start") is None:
        return row | {"what": None}
    phrase = text[row["what_start"] : row["what_end"]]
    return row | {"what": phrase if sha1_text(phrase) == row.get("what_sha1") else False}
