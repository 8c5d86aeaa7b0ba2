"""Annotation tool exports → gold JSONL (annotation-guidelines format).

Label Studio: the JSON export (a list of tasks). Per task the latest submitted
annotation is used (``use_predictions=True`` falls back to the predictions when a task
has none). Mention regions come from the ``label`` control; the normalised value from the
per-region ``value`` text area, extra fields from the ``fields`` text area (JSON), else
from the region ``meta`` or the pipeline output in ``data.policytext`` for the same
span and label. ``PASSAGE`` regions give passages, their ``themes`` choices the themes.

doccano: the JSONL export of a sequence-labelling project (``label`` or ``entities``).
Values and passage themes come from the ``policytext`` metadata written at export for
spans that still have the same offsets and label; spans the annotator added get
``value: null``; given a pipeline, :func:`import_tasks` fills those in with the
extractors' normalisation (:mod:`policytext.annotate.renormalise`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from policytext.annotate.common import (
    FIELDS_CONTROL,
    LABEL_CONTROL,
    META_KEY,
    PASSAGE_CONTROL,
    PASSAGE_LABEL,
    TEXT_NAME,
    THEMES_CONTROL,
    VALUE_CONTROL,
    Utf16Offsets,
    check_tool,
    text_to_extras,
    text_to_value,
)
from policytext.annotate.renormalise import fill_values
from policytext.dataset import atomic_open
from policytext.extract.mention import EXTRA_FIELDS, LABELS


class ImportError_(ValueError):
    """An export that cannot be turned into gold (named so as not to shadow ImportError)."""


def read_tasks(path: Path, tool: str) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        raw = fh.read()
    stripped = raw.lstrip()
    if tool == "labelstudio" or stripped.startswith("["):
        data = json.loads(raw)
        if isinstance(data, dict):
            data = [data]
        return data
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def pick_result(task: dict[str, Any], use_predictions: bool) -> list[dict[str, Any]] | None:
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if annotations:
        latest = max(
            annotations,
            key=lambda a: (a.get("updated_at") or a.get("created_at") or "", a.get("id") or 0),
        )
        return latest.get("result") or []
    if use_predictions and task.get("predictions"):
        return task["predictions"][-1].get("result") or []
    return None


def textarea_text(result: dict[str, Any]) -> str:
    text = result.get("value", {}).get("text", [])
    if isinstance(text, str):
        return text
    return "\n".join(text)


def labelstudio_record(
    task: dict[str, Any], result: list[dict[str, Any]], n: int
) -> dict[str, Any]:
    data = task.get("data", {})
    text = data.get(TEXT_NAME)
    if not isinstance(text, str):
        raise ImportError_(f"task {n}: no data.{TEXT_NAME}")
    off = Utf16Offsets(text)
    base = data.get(META_KEY) or {}
    known = {(m["start"], m["end"], m["label"]): m for m in base.get("mentions", [])}
    regions: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for i, r in enumerate(result):
        rid = str(r.get("id") or f"_{i}")
        if rid not in regions:
            regions[rid] = {}
            order.append(rid)
        regions[rid].setdefault(r.get("from_name"), []).append(r)
    mentions, passages = [], []
    for rid in order:
        parts = regions[rid]
        if LABEL_CONTROL in parts:
            r = parts[LABEL_CONTROL][0]
            v = r["value"]
            start, end = off.py(v["start"]), off.py(v["end"])
            label = (v.get("labels") or [None])[0]
            if label not in LABELS:
                raise ImportError_(f"task {n}: unknown label {label!r}")
            prior = known.get((start, end, label)) or {}
            meta = (r.get("meta") or {}).get(META_KEY) or {}
            if not meta and prior:
                meta = {
                    k: v for k, v in prior.items() if k not in ("start", "end", "label", "text")
                }
            if VALUE_CONTROL in parts:
                value = text_to_value(textarea_text(parts[VALUE_CONTROL][0]), label)
                # keep the typed value when the text area still shows the stored one
                if (
                    "value" in meta
                    and text_to_value(textarea_text(parts[VALUE_CONTROL][0]), label)
                    == meta["value"]
                ):
                    value = meta["value"]
            else:
                value = meta.get("value")
            if FIELDS_CONTROL in parts:
                try:
                    extras = text_to_extras(textarea_text(parts[FIELDS_CONTROL][0]))
                except ValueError as exc:
                    raise ImportError_(f"task {n}: region {rid}: bad fields ({exc})") from None
            elif VALUE_CONTROL in parts:
                extras = {}  # the annotator cleared the fields text area
            else:
                extras = {k: meta[k] for k in EXTRA_FIELDS if meta.get(k) not in (None, False)}
            mentions.append(
                {
                    "start": start,
                    "end": end,
                    "label": label,
                    "text": text[start:end],
                    "value": value,
                    **extras,
                }
            )
        elif PASSAGE_CONTROL in parts:
            v = parts[PASSAGE_CONTROL][0]["value"]
            if (v.get("labels") or [PASSAGE_LABEL])[0] != PASSAGE_LABEL:
                continue
            themes: list[str] = []
            for c in parts.get(THEMES_CONTROL, []):
                themes.extend(c["value"].get("choices", []))
            passages.append(
                {"start": off.py(v["start"]), "end": off.py(v["end"]), "themes": themes}
            )
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    passages.sort(key=lambda p: (p["start"], p["end"]))
    return {
        "doc_id": data.get("doc_id") or base.get("doc_id") or f"task{task.get('id', n)}",
        "text_file": base.get("text_file"),
        "meta": base.get("meta", {}),
        "mentions": mentions,
        "passages": passages,
        "_text": text,
    }


def doccano_record(line: dict[str, Any], n: int) -> dict[str, Any]:
    text = line.get("text") or line.get("data")
    if not isinstance(text, str):
        raise ImportError_(f"line {n}: no text")
    base = line.get(META_KEY) or (line.get("meta") or {}).get(META_KEY) or {}
    if isinstance(base, str):  # doccano may flatten metadata values to strings
        base = json.loads(base)
    known = {(m["start"], m["end"], m["label"]): m for m in base.get("mentions", [])}
    spans = line.get("label")
    if spans is None:
        spans = line.get("entities") or line.get("labels") or []
    mentions = []
    for s in spans:
        if isinstance(s, dict):  # doccano's "entities" form
            start, end, label = s["start_offset"], s["end_offset"], s["label"]
        else:
            start, end, label = s
        if label not in LABELS:
            raise ImportError_(f"line {n}: unknown label {label!r}")
        prior = known.get((start, end, label))
        m = dict(prior) if prior else {"start": start, "end": end, "label": label, "value": None}
        m["text"] = text[start:end]
        mentions.append(m)
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    return {
        "doc_id": line.get("doc_id") or base.get("doc_id") or f"doc{line.get('id', n)}",
        "text_file": base.get("text_file"),
        "meta": base.get("meta", {}),
        "mentions": mentions,
        "passages": base.get("passages", []),
        "_text": text,
    }


def place_text(record: dict[str, Any], out_gold: Path, texts_dir: Path) -> str:
    """``text_file`` for the gold line: the original file (relative to the gold file)
    when it still holds exactly the annotated text, else a copy in ``texts_dir``."""
    text = record["_text"]
    original = record.get("text_file")
    if original and Path(original).is_file():
        with open(original, encoding="utf-8", newline="") as fh:
            if fh.read() == text:
                return os.path.relpath(Path(original).resolve(), out_gold.parent.resolve())
    texts_dir.mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in record["doc_id"]) + ".txt"
    target = texts_dir / name
    with atomic_open(target, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return os.path.relpath(target.resolve(), out_gold.parent.resolve())


def import_tasks(
    file: str | Path,
    from_: str,
    out_gold: str | Path,
    *,
    use_predictions: bool = False,
    texts_dir: str | Path | None = None,
    nlp: Language | Callable[[], Language] | None = None,
) -> dict[str, Any]:
    """Convert an annotation tool's export into gold JSONL at ``out_gold``.

    Label Studio tasks without a submitted annotation are skipped unless
    ``use_predictions``. Texts that are not on disk unchanged are written to
    ``texts_dir`` (default: ``<out_gold stem>_texts/`` beside it). With ``nlp`` (a
    pipeline, or a function loading one only when needed), mentions without a value
    get one from the extractors; the counts are in the summary."""
    tool = check_tool(from_)
    file, out_gold = Path(file), Path(out_gold)
    texts_dir = Path(texts_dir) if texts_dir else out_gold.with_name(out_gold.stem + "_texts")
    records, skipped = [], 0
    for n, task in enumerate(read_tasks(file, tool), 1):
        if tool == "labelstudio":
            result = pick_result(task, use_predictions)
            if result is None:
                skipped += 1
                continue
            records.append(labelstudio_record(task, result, n))
        else:
            records.append(doccano_record(task, n))
    filled = 0
    if nlp is not None and any(m.get("value") is None for r in records for m in r["mentions"]):
        filled = fill_values(records, nlp if isinstance(nlp, Language) else nlp())["filled"]
    lines = []
    for r in records:
        text_file = place_text(r, out_gold, texts_dir)
        gold = {
            "doc_id": r["doc_id"],
            "text_file": text_file,
            "meta": r["meta"],
            "mentions": r["mentions"],
            "passages": r["passages"],
        }
        lines.append(json.dumps(gold, ensure_ascii=False) + "\n")
    with atomic_open(out_gold, "w", encoding="utf-8") as fh:
        fh.writelines(lines)
    return {
        "tool": tool,
        "documents": len(records),
        "skipped": skipped,
        "mentions": sum(len(r["mentions"]) for r in records),
        "passages": sum(len(r["passages"]) for r in records),
        "values_filled": filled,
        "values_missing": sum(1 for r in records for m in r["mentions"] if m.get("value") is None),
    }


def iter_gold_lines(path: str | Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
