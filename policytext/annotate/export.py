"""Documents → annotation tasks with the pipeline's output as pre-annotations.

Label Studio: a JSON list of tasks. ``data.text`` is the document text; ``predictions``
holds one region per mention (``labels``), with the normalised value in a per-region
text area ``value`` and the other fields (``unit``, ``approx``, ``period``, ``mod``,
``range_end``, ``ref_year``) as a JSON object in a per-region text area ``fields``, and
one ``PASSAGE`` region per passage with its themes as per-region ``Choices``. The region
``meta`` and ``data.policytext`` also carry the exact pipeline output.

doccano (sequence labelling): JSONL, ``{"text", "label": [[start, end, LABEL]], ...}``;
doccano has no per-span attributes, so values and passage themes travel in the line's
metadata (``policytext``), which doccano keeps and exports again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from spacy.language import Language

from policytext import __version__
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
    extras_to_text,
    value_to_text,
)
from policytext.dataset import atomic_open
from policytext.extract.mention import LABEL_COLOURS, LABELS
from policytext.process import find_mentions, load_document, theme_predictions
from policytext.run import collect_inputs, find_manifests
from policytext.themes.taxonomy import Taxonomy, load_taxonomy


def labelstudio_config(taxonomy: str | Path | Taxonomy | None = None) -> str:
    """The Label Studio labelling config: the guidelines' labels, a ``PASSAGE`` label
    whose regions take the taxonomy's themes as Choices, and per-region text areas for
    the normalised value and the extra fields."""
    tax = load_taxonomy(taxonomy)
    labels = "\n".join(
        f"    <Label value={quoteattr(label)} background={quoteattr(LABEL_COLOURS[label])}/>"
        for label in LABELS
    )
    choices = "\n".join(
        f"      <Choice value={quoteattr(t.id)} hint={quoteattr(t.label)}/>" for t in tax.themes
    )
    return f"""<View>
  <Header value="Mentions (annotation guidelines v1.1); select a region to edit its normalised value"/>
  <Labels name="{LABEL_CONTROL}" toName="{TEXT_NAME}">
{labels}
  </Labels>
  <Labels name="{PASSAGE_CONTROL}" toName="{TEXT_NAME}">
    <Label value="{PASSAGE_LABEL}" background="#dddddd"/>
  </Labels>
  <Text name="{TEXT_NAME}" value="${TEXT_NAME}" granularity="symbol"/>
  <View visibleWhen="region-selected" whenTagName="{LABEL_CONTROL}">
    <Header value="Normalised value (number, ISO date, canonical name)"/>
    <TextArea name="{VALUE_CONTROL}" toName="{TEXT_NAME}" perRegion="true" editable="true" maxSubmissions="1" rows="1"/>
    <Header value="Other fields as JSON: unit, approx, period, mod, range_end, ref_year"/>
    <TextArea name="{FIELDS_CONTROL}" toName="{TEXT_NAME}" perRegion="true" editable="true" maxSubmissions="1" rows="1"/>
  </View>
  <View visibleWhen="region-selected" whenTagName="{PASSAGE_CONTROL}">
    <Header value="Themes of this passage ({tax.label})"/>
    <Choices name="{THEMES_CONTROL}" toName="{TEXT_NAME}" perRegion="true" choice="multiple">
{choices}
    </Choices>
  </View>
</View>
"""


def document_records(
    paths: Iterable[str | Path],
    nlp: Language,
    theme_model: Any = None,
) -> list[dict[str, Any]]:
    """Each readable input as a gold-format record (the pipeline's output), with its
    text under ``_text``. Unreadable inputs raise (an export should not drop files)."""
    paths = list(paths)
    files, missing = collect_inputs(paths)
    if missing:
        raise FileNotFoundError(", ".join(f"{p}: {r}" for p, r in missing))
    manifest_rows = find_manifests(paths)
    records = []
    for path in files:
        row = manifest_rows.get(Path(os.path.realpath(path))) or {}
        document = load_document(path, manifest_row=row)
        mentions = find_mentions(nlp, document)
        themes = theme_predictions(theme_model, document)[0] if theme_model else None
        passages = [
            {"start": p.start, "end": p.end, "themes": list(themes[p.index]) if themes else []}
            for p in document.passages
            if p.kind != "table"
        ]
        meta = {k: v for k, v in document.meta.items() if k != "path"}
        records.append(
            {
                "doc_id": document.doc_id,
                "text_file": str(Path(path).resolve()),
                "meta": meta,
                "mentions": [m.to_gold(document.text) for m in mentions],
                "passages": passages,
                "_text": document.text,
            }
        )
    return records


def gold_payload(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def labelstudio_task(record: dict[str, Any], model_version: str) -> dict[str, Any]:
    text = record["_text"]
    off = Utf16Offsets(text)
    result: list[dict[str, Any]] = []
    for i, m in enumerate(record["mentions"]):
        rid = f"m{i}"
        extras = {k: v for k, v in m.items() if k not in ("start", "end", "label", "text", "value")}
        where = {"start": off.js(m["start"]), "end": off.js(m["end"])}
        region = {"id": rid, "to_name": TEXT_NAME, "origin": "prediction"}
        result.append(
            {
                **region,
                "from_name": LABEL_CONTROL,
                "type": "labels",
                "value": {**where, "text": m["text"], "labels": [m["label"]]},
                "meta": {META_KEY: {"value": m.get("value"), **extras}},
            }
        )
        result.append(
            {
                **region,
                "from_name": VALUE_CONTROL,
                "type": "textarea",
                "value": {**where, "text": [value_to_text(m.get("value"))]},
            }
        )
        if extras:
            result.append(
                {
                    **region,
                    "from_name": FIELDS_CONTROL,
                    "type": "textarea",
                    "value": {**where, "text": [extras_to_text(extras)]},
                }
            )
    for i, p in enumerate(record["passages"]):
        rid = f"p{i}"
        where = {"start": off.js(p["start"]), "end": off.js(p["end"])}
        region = {"id": rid, "to_name": TEXT_NAME, "origin": "prediction"}
        result.append(
            {
                **region,
                "from_name": PASSAGE_CONTROL,
                "type": "labels",
                "value": {**where, "labels": [PASSAGE_LABEL]},
            }
        )
        if p.get("themes"):
            result.append(
                {
                    **region,
                    "from_name": THEMES_CONTROL,
                    "type": "choices",
                    "value": {**where, "choices": list(p["themes"])},
                }
            )
    return {
        "data": {TEXT_NAME: text, "doc_id": record["doc_id"], META_KEY: gold_payload(record)},
        "predictions": [{"model_version": model_version, "result": result}],
    }


def doccano_line(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": record["_text"],
        "label": [[m["start"], m["end"], m["label"]] for m in record["mentions"]],
        "doc_id": record["doc_id"],
        META_KEY: gold_payload(record),
    }


def export_tasks(
    paths: Iterable[str | Path],
    to: str,
    out_file: str | Path,
    nlp: Language,
    taxonomy: str | Path | Taxonomy | None = None,
    *,
    theme_model: Any = None,
    config_file: str | Path | None = None,
) -> dict[str, Any]:
    """Write annotation tasks for the documents at ``paths`` (files or folders).

    ``theme_model`` predicts passage themes (default: the keyword prior of ``taxonomy``).
    For Label Studio the labelling config is written too, to ``config_file`` (default:
    ``out_file`` with suffix ``.xml``). Returns a summary (documents, mentions, passages,
    files written)."""
    tool = check_tool(to)
    if theme_model is None:
        from policytext.themes.component import load_model

        theme_model = load_model(None, str(taxonomy) if taxonomy is not None else None)
    records = document_records(paths, nlp, theme_model)
    out_file = Path(out_file)
    written = [out_file]
    if tool == "labelstudio":
        version = f"policytext {__version__}"
        tasks = [labelstudio_task(r, version) for r in records]
        with atomic_open(out_file, "w", encoding="utf-8") as fh:
            json.dump(tasks, fh, ensure_ascii=False, indent=1)
        config_path = Path(config_file) if config_file else out_file.with_suffix(".xml")
        with atomic_open(config_path, "w", encoding="utf-8") as fh:
            fh.write(labelstudio_config(taxonomy))
        written.append(config_path)
    else:
        with atomic_open(out_file, "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(doccano_line(r), ensure_ascii=False) + "\n")
    return {
        "tool": tool,
        "documents": len(records),
        "mentions": sum(len(r["mentions"]) for r in records),
        "passages": sum(len(r["passages"]) for r in records),
        "written": [str(p) for p in written],
    }
