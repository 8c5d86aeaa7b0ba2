"""policytext side by side with the peers on the same gold: dateparser for dates and
text2num for number words.

- DATE: ``dateparser.search.search_dates(passage, languages=["nl"])`` over every
  passage the extractors read; its spans are located in the passage, and its value is
  right when the datetime agrees with the gold value at the gold's granularity
  (``2023-11`` is right for any day of November 2023; quarters, halves and seasons are
  right when the month falls inside them; a partial ``XXXX-04`` when the month is).
- Number words: ``text_to_num.alpha2digit(passage, "nl")``; the stretches it rewrites
  are its mentions. It is scored against the gold COUNT and PERCENT mentions that are
  written with a number word (``zeventien Servicepunten XL``), overlap match, value
  right when its number equals the gold value. policytext is scored on the same subset.

Both are timed in characters per second over the same passages.

    pip install -e '.[bench]' && python benchmarks/bench_peers.py [--gold annotations/sample.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from policytext.evaluate import load_gold, match_overlap, prf, values_equal
from policytext.extract.mention import Mention
from policytext.extract.numbers import number_word_regex
from policytext.pipeline import load_pipeline
from policytext.process import EXTRACT_KINDS, find_mentions, load_document

REPO = Path(__file__).resolve().parents[1]
SEASON_MONTHS = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}


def date_value_ok(gold: str, dt: Any) -> bool:
    """Whether a datetime agrees with a TIMEX3-style gold value at its granularity."""
    year, _, rest = gold.partition("-")
    if year != "XXXX" and (not year.isdigit() or int(year) != dt.year):
        return False
    if not rest:
        return True
    if rest.startswith("Q"):
        q = int(rest[1])
        return 3 * (q - 1) < dt.month <= 3 * q
    if rest.startswith("H"):
        return (dt.month <= 6) == (rest == "H1")
    if rest in SEASON_MONTHS:
        return dt.month in SEASON_MONTHS[rest]
    parts = re.split(r"[-T]", rest)
    if int(parts[0]) != dt.month:
        return False
    return len(parts) < 2 or int(parts[1]) == dt.day


def passages(gd: Any) -> list[tuple[int, str]]:
    document = load_document(gd.text_path, manifest_row={"doc_id": gd.doc_id, **gd.meta})
    return [
        (p.start, document.text[p.start : p.end])
        for p in document.passages
        if p.kind in EXTRACT_KINDS
    ]


def run_dateparser(gold_docs: list[Any]) -> dict[str, Any]:
    from datetime import datetime

    from dateparser.search import search_dates

    tp = n_pred = n_gold = value_ok = 0
    chars = 0
    elapsed = 0.0
    for gd in gold_docs:
        year = gd.meta.get("year") or 2023
        settings = {"RELATIVE_BASE": datetime(year, 7, 1), "PREFER_DAY_OF_MONTH": "first"}
        pred: list[tuple[Mention, Any]] = []
        for offset, text in passages(gd):
            chars += len(text)
            t0 = time.process_time()
            found = search_dates(text, languages=["nl"], settings=settings) or []
            elapsed += time.process_time() - t0
            pos = 0
            for surface, dt in found:
                i = text.find(surface, pos)
                if i < 0:
                    continue
                pos = i + len(surface)
                pred.append((Mention(offset + i, offset + pos, "DATE", dt.isoformat()), dt))
        gold = [m for m in gd.mentions if m.label == "DATE"]
        pairs = match_overlap(gold, [m for m, _ in pred])
        by_id = {id(m): dt for m, dt in pred}
        tp += len(pairs)
        n_pred += len(pred)
        n_gold += len(gold)
        value_ok += sum(date_value_ok(str(g.value), by_id[id(p)]) for g, p in pairs)
    return {
        "overlap": prf(tp, n_pred, n_gold),
        "value_accuracy": value_ok / tp if tp else None,
        "gold": n_gold,
        "pred": n_pred,
        "chars_per_s": chars / elapsed if elapsed else None,
    }


def as_num(m: Mention) -> Mention:
    """The mention relabelled NUM: number words are compared whatever their label."""
    return Mention(m.start, m.end, "NUM", m.value)


def word_number_gold(gd: Any) -> list[Mention]:
    rx = number_word_regex()
    return [
        as_num(m)
        for m in gd.mentions
        if m.label in ("COUNT", "PERCENT") and rx.search(gd.text[m.start : m.end])
    ]


def run_text2num(gold_docs: list[Any]) -> dict[str, Any]:
    from text_to_num import alpha2digit

    tp = n_pred = n_gold = value_ok = 0
    chars = 0
    elapsed = 0.0
    for gd in gold_docs:
        pred: list[Mention] = []
        for offset, text in passages(gd):
            chars += len(text)
            t0 = time.process_time()
            converted = alpha2digit(text, "nl")
            elapsed += time.process_time() - t0
            pred += diff_numbers(text, converted, offset)
        gold = word_number_gold(gd)
        pairs = match_overlap(gold, pred)
        tp += len(pairs)
        n_pred += len(pred)
        n_gold += len(gold)
        value_ok += sum(values_equal(g.value, p.value) for g, p in pairs)
    return {
        "overlap": prf(tp, n_pred, n_gold),
        "value_accuracy": value_ok / tp if tp else None,
        "gold": n_gold,
        "pred": n_pred,
        "chars_per_s": chars / elapsed if elapsed else None,
    }


def diff_numbers(original: str, converted: str, offset: int) -> list[Mention]:
    """Stretches of ``original`` that alpha2digit rewrote into digits, with their value."""
    import difflib

    out = []
    sm = difflib.SequenceMatcher(a=original, b=converted, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "replace":
            continue
        digits = re.sub(r"[^\d,.]", "", converted[j1:j2])
        try:
            value = float(digits.replace(",", ".")) if digits else None
        except ValueError:
            value = None
        if value is not None and original[i1:i2].strip():
            out.append(
                Mention(
                    offset + i1, offset + i2, "NUM", int(value) if value.is_integer() else value
                )
            )
    return out


def number_word_predictions(text: str, pred: list[Mention]) -> list[Mention]:
    """policytext's COUNT/PERCENT mentions written with a number word, relabelled NUM."""
    rx = number_word_regex()
    return [
        as_num(m)
        for m in pred
        if m.label in ("COUNT", "PERCENT") and rx.search(text[m.start : m.end])
    ]


def run_policytext(gold_docs: list[Any]) -> dict[str, Any]:
    nlp = load_pipeline("blank")
    # Warm up: the first call reads the lexicons and gazetteer.
    find_mentions(nlp, load_document(gold_docs[0].text_path))
    res: dict[str, Any] = {}
    date = {"tp": 0, "pred": 0, "gold": 0, "ok": 0}
    word = {"tp": 0, "pred": 0, "gold": 0, "ok": 0}
    chars = 0
    elapsed = 0.0
    for gd in gold_docs:
        document = load_document(gd.text_path, manifest_row={"doc_id": gd.doc_id, **gd.meta})
        chars += sum(p.end - p.start for p in document.passages if p.kind in EXTRACT_KINDS)
        t0 = time.process_time()
        pred = find_mentions(nlp, document)
        elapsed += time.process_time() - t0
        for acc, gold, p in (
            (
                date,
                [m for m in gd.mentions if m.label == "DATE"],
                [m for m in pred if m.label == "DATE"],
            ),
            (word, word_number_gold(gd), number_word_predictions(document.text, pred)),
        ):
            pairs = match_overlap(gold, p)
            acc["tp"] += len(pairs)
            acc["gold"] += len(gold)
            acc["pred"] += len(p)
            acc["ok"] += sum(values_equal(g.value, q.value) for g, q in pairs)
    for name, acc in (("date", date), ("number_words", word)):
        res[name] = {
            "overlap": prf(acc["tp"], acc["pred"], acc["gold"]),
            "value_accuracy": acc["ok"] / acc["tp"] if acc["tp"] else None,
            "gold": acc["gold"],
            "pred": acc["pred"],
        }
    res["chars_per_s"] = chars / elapsed
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=REPO / "annotations" / "sample.jsonl")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "peers.json")
    args = parser.parse_args()
    gold_docs = load_gold(args.gold)
    result = {
        "dateparser": run_dateparser(gold_docs),
        "text2num": run_text2num(gold_docs),
        "policytext": run_policytext(gold_docs),
    }
    pt = result["policytext"]
    rows = [
        ("DATE", "dateparser.search_dates", result["dateparser"]),
        ("DATE", "policytext", {**pt["date"], "chars_per_s": pt["chars_per_s"]}),
        ("number words", "text2num.alpha2digit", result["text2num"]),
        ("number words", "policytext", {**pt["number_words"], "chars_per_s": pt["chars_per_s"]}),
    ]
    print("| task | system | gold | pred | P | R | F1 (overlap) | value acc | chars/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for task, system, r in rows:
        o = r["overlap"]
        va = "-" if r["value_accuracy"] is None else f"{r['value_accuracy']:.3f}"
        print(
            f"| {task} | {system} | {r['gold']} | {r['pred']} | {o['p']:.3f} | {o['r']:.3f} | {o['f']:.3f} | {va} | {r['chars_per_s']:,.0f} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
