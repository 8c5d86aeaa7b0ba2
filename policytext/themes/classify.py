"""Label a JSON Lines file of passages with themes.

Each input line is an object with a ``text`` key; every other key passes through
unchanged. Each output line is the input object plus ``themes`` (theme ids over their
thresholds, in taxonomy order) and ``scores`` (theme id → probability)::

    {"id": 7, "text": "De wachttijden voor de ggz lopen op."}
    → {"id": 7, "text": "...", "themes": ["toegankelijkheid_tijdigheid"],
       "scores": {"kwaliteit_van_zorg": 0.03, ...}}

The output is written atomically (temporary file, then rename).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from policytext.themes.model import ThemeModel

BATCH_SIZE = 1024


class ClassifyError(ValueError):
    """An input line that cannot be classified; the message names the line."""


def read_passages(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ClassifyError(f"{path}:{n}: not valid JSON ({err.msg})") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ClassifyError(f"{path}:{n}: expected an object with a string 'text'")
            yield obj


def classify_jsonl(
    in_path: str | Path,
    out_path: str | Path,
    model_dir: str | Path | None = None,
    *,
    model: ThemeModel | None = None,
    taxonomy: str | Path | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Classify every passage of ``in_path`` into ``out_path``; returns the line count.

    The model is ``model``, else the one saved in ``model_dir``, else the cold-start
    keyword prior of ``taxonomy``.
    """
    if model is None:
        model = ThemeModel.load(model_dir) if model_dir else ThemeModel.cold_start(taxonomy)
    in_path, out_path = Path(in_path), Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".tmp")
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            rows = read_passages(in_path)
            while batch := list(islice(rows, batch_size)):
                proba = model.predict_proba([r["text"] for r in batch])
                for row, p, themes in zip(batch, proba, model.decide(proba), strict=True):
                    row["themes"] = themes
                    row["scores"] = {
                        t: round(float(v), 4) for t, v in zip(model.ids, p, strict=True)
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += len(batch)
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
