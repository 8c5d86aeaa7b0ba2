"""Document metadata: from a manifest, from command-line flags, or inferred.

Precedence, most specific first: the manifest row for the file, then the flags given
for the whole run, then what can be inferred from the title and file name (year from
"Jaarverslag 2023" or "Rekening 2023", type from title words). Inferred keys are listed
in ``meta_inferred`` so users can tell a fact from a guess.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from policytext.document import IngestError

META_KEYS = ("doc_id", "doc_type", "place", "year", "title")
# A year that names the document: "Jaarverslag 2023", "Begroting 2024", "Rekening 2023".
RE_TITLE_YEAR = re.compile(
    r"\b(?:jaarverslag|jaarrekening|rekening|begroting|programmabegroting|coalitieakkoord|"
    r"voorjaarsnota|kadernota|najaarsnota|regioplan|regiobeeld|monitor)\s*[-–]?\s*"
    r"(?P<year>(?:19|20)[0-9]{2})\b",
    re.IGNORECASE,
)
RE_ANY_YEAR = re.compile(r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})(?![0-9])")
RE_PLACE = re.compile(
    r"\bgemeente\s+(?P<place>[A-Z][\w'-]+(?:[ -](?:[A-Z][\w'-]+|aan|den|de|op|en))*)"
)


@cache
def doc_type_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = json.loads(
        resources.files("policytext.resources").joinpath("doc_types.json").read_text("utf-8")
    )
    return tuple(
        (
            entry["doc_type"],
            re.compile(r"\b(?:" + "|".join(entry["patterns"]) + r")", re.IGNORECASE),
        )
        for entry in data["types"]
    )


def load_manifest(path: str | Path) -> dict[Path, dict[str, Any]]:
    """Rows of a manifest CSV keyed by resolved file path (paths relative to the manifest)."""
    path = Path(path)
    base = path.resolve().parent
    rows: dict[Path, dict[str, Any]] = {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is None or "path" not in reader.fieldnames:
                raise IngestError(str(path), "manifest has no 'path' column")
            for row in reader:
                file_path = (base / row["path"]).resolve()
                meta = {k: v for k, v in row.items() if k != "path" and v not in (None, "")}
                if "year" in meta:
                    meta["year"] = int(meta["year"])
                rows[file_path] = meta
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as err:
        raise IngestError(str(path), f"cannot read manifest ({err})") from None
    return rows


def infer_meta(title: str | None, file_name: str, head: str) -> dict[str, Any]:
    """Guess doc_type, year and place from the title, file name and opening text."""
    found: dict[str, Any] = {}
    sources = [s for s in (title, file_name.replace("_", " "), head) if s]
    for text in sources:
        if "year" not in found and (m := RE_TITLE_YEAR.search(text)):
            found["year"] = int(m.group("year"))
        if "doc_type" not in found:
            for doc_type, pattern in doc_type_patterns():
                if pattern.search(text):
                    found["doc_type"] = doc_type
                    break
        if "place" not in found and (m := RE_PLACE.search(text)):
            found["place"] = m.group("place")
    for text in (title, file_name):
        if "year" not in found and text and (m := RE_ANY_YEAR.search(text)):
            found["year"] = int(m.group("year"))
    return found


def resolve_meta(
    *,
    manifest_row: dict[str, Any] | None,
    flags: dict[str, Any],
    inferred: dict[str, Any],
) -> tuple[dict[str, Any], list[str]]:
    """Merge the three sources; returns ``(meta, keys that were inferred)``."""
    given = {k: v for k, v in flags.items() if v is not None}
    given.update(manifest_row or {})
    meta: dict[str, Any] = {**inferred, **given}
    return meta, sorted(k for k in inferred if k not in given)
