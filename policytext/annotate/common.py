"""What export and import share: tool names, value text encoding, UTF-16 offsets."""

from __future__ import annotations

import json
from typing import Any

from policytext.extract.mention import EXTRA_FIELDS

TOOLS = ("labelstudio", "doccano")
# Label Studio control names (the labelling config and the task results must agree).
TEXT_NAME = "text"
LABEL_CONTROL = "label"
VALUE_CONTROL = "value"
FIELDS_CONTROL = "fields"
PASSAGE_CONTROL = "passage"
THEMES_CONTROL = "themes"
PASSAGE_LABEL = "PASSAGE"
# Key under which the exact pipeline output travels in a task (Label Studio data,
# doccano metadata) so an unedited round trip loses nothing.
META_KEY = "policytext"
NUMERIC_LABELS = frozenset({"AMOUNT", "PERCENT", "COUNT"})


def check_tool(tool: str) -> str:
    tool = tool.lower().replace("-", "").replace("_", "")
    if tool not in TOOLS:
        raise ValueError(f"unknown annotation tool {tool!r}; choose from {', '.join(TOOLS)}")
    return tool


def value_to_text(value: Any) -> str:
    """The normalised value as an annotator reads and types it: strings as they are
    (``2024-Q2``, ``GGD Haaglanden``), numbers as JSON (``6400000.0``, ``500``),
    nothing as the empty string."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def text_to_value(text: str, label: str) -> Any:
    """Inverse of :func:`value_to_text`; numbers are parsed for numeric labels only."""
    text = text.strip()
    if text == "":
        return None
    if label in NUMERIC_LABELS:
        candidate = text.replace(" ", "")
        try:
            parsed = json.loads(candidate)
        except ValueError:
            try:
                parsed = float(candidate.replace(",", "."))
            except ValueError:
                return text
        if isinstance(parsed, (int, float)) and not isinstance(parsed, bool):
            return parsed
    return text


def extras_to_text(extras: dict[str, Any]) -> str:
    return json.dumps(extras, ensure_ascii=False, sort_keys=True) if extras else ""


def text_to_extras(text: str) -> dict[str, Any]:
    """The ``fields`` text area: a JSON object of the extra fields (``unit``, ``approx``,
    ...); unknown keys are ignored, malformed text raises ValueError."""
    text = text.strip()
    if not text:
        return {}
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"fields must be a JSON object, not {text!r}")
    return {k: v for k, v in data.items() if k in EXTRA_FIELDS and v not in (None, False)}


class Utf16Offsets:
    """Python ``str`` indices (code points) ↔ JavaScript string indices (UTF-16 code
    units), which is what Label Studio's ``start``/``end`` count. The two differ only
    after a character outside the Basic Multilingual Plane (emoji, some symbols)."""

    def __init__(self, text: str) -> None:
        self.identity = all(ord(c) <= 0xFFFF for c in text)
        if self.identity:
            return
        self.to16: list[int] = [0] * (len(text) + 1)
        pos = 0
        for i, c in enumerate(text):
            self.to16[i] = pos
            pos += 2 if ord(c) > 0xFFFF else 1
        self.to16[len(text)] = pos
        self.from16 = {u: i for i, u in enumerate(self.to16)}

    def js(self, i: int) -> int:
        return i if self.identity else self.to16[i]

    def py(self, u: int) -> int:
        if self.identity:
            return u
        if u not in self.from16:
            raise ValueError(f"offset {u} falls inside a surrogate pair")
        return self.from16[u]
