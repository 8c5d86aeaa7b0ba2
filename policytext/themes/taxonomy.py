"""Load and validate a theme taxonomy: the themes a passage can be labelled with.

A taxonomy is a JSON file (see ``policytext/resources/taxonomies/regiobeeld.json``)::

    {"_about": "...", "_version": "1.0", "_source": "...", "id": "regiobeeld",
     "label": "...", "themes": [{"id": "kosten", "label": "Kosten (zorgkosten)",
                                 "description": "...", "keywords": ["zorgkosten", ...]}]}

The built-in taxonomies live in the package and are read with :mod:`importlib.resources`;
any other file can be passed by path, so a user swaps the framework without code changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_TAXONOMY = "regiobeeld"
RESOURCE_PACKAGE = "policytext.resources"
RESOURCE_DIR = "taxonomies"
# A theme id: lower-case ASCII word, as used in gold files and dataset columns.
RE_THEME_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
META_KEYS = ("_about", "_version", "_source")


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message lists every problem found."""


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme: ``id`` for data, ``label`` for people, ``keywords`` for the prior."""

    id: str
    label: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """An ordered set of themes plus where it comes from (``_about/_version/_source``)."""

    id: str
    label: str
    version: str
    source: str
    about: str
    themes: tuple[Theme, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def to_dict(self) -> dict[str, Any]:
        """The taxonomy in its file form (what :func:`taxonomy_from_dict` reads)."""
        return {
            "_about": self.about,
            "_version": self.version,
            "_source": self.source,
            "id": self.id,
            "label": self.label,
            "themes": [
                {
                    "id": t.id,
                    "label": t.label,
                    "description": t.description,
                    "keywords": list(t.keywords),
                }
                for t in self.themes
            ],
        }


def validate_taxonomy(data: Any) -> list[str]:
    """Every problem with a taxonomy as parsed from JSON; an empty list means valid."""
    if not isinstance(data, dict):
        return ["the taxonomy must be a JSON object"]
    problems = [f"missing {key!r}" for key in META_KEYS if not isinstance(data.get(key), str)]
    themes = data.get("themes")
    if not isinstance(themes, list) or not themes:
        return [*problems, "'themes' must be a non-empty list"]
    seen: set[str] = set()
    for n, theme in enumerate(themes):
        where = f"themes[{n}]"
        if not isinstance(theme, dict):
            problems.append(f"{where} must be an object")
            continue
        tid = theme.get("id")
        if not isinstance(tid, str) or not RE_THEME_ID.fullmatch(tid):
            problems.append(f"{where}: id {tid!r} must match {RE_THEME_ID.pattern}")
        elif tid in seen:
            problems.append(f"{where}: duplicate id {tid!r}")
        else:
            seen.add(tid)
        if not isinstance(theme.get("label"), str) or not theme["label"].strip():
            problems.append(f"{where}: 'label' must be a non-empty string")
        if not isinstance(theme.get("description", ""), str):
            problems.append(f"{where}: 'description' must be a string")
        keywords = theme.get("keywords", [])
        if not isinstance(keywords, list) or not all(
            isinstance(k, str) and k.strip() for k in keywords
        ):
            problems.append(f"{where}: 'keywords' must be a list of non-empty strings")
    return problems


def taxonomy_from_dict(data: Any, *, name: str = "taxonomy") -> Taxonomy:
    """Build a :class:`Taxonomy` from parsed JSON, raising :class:`TaxonomyError`."""
    problems = validate_taxonomy(data)
    if problems:
        raise TaxonomyError(f"{name}: " + "; ".join(problems))
    themes = tuple(
        Theme(
            id=t["id"],
            label=t["label"].strip(),
            description=t.get("description", "").strip(),
            keywords=tuple(k.strip() for k in t.get("keywords", [])),
        )
        for t in data["themes"]
    )
    return Taxonomy(
        id=str(data.get("id") or name),
        label=str(data.get("label") or data.get("id") or name),
        version=data["_version"],
        source=data["_source"],
        about=data["_about"],
        themes=themes,
    )


def builtin_taxonomies() -> list[str]:
    """Names of the taxonomies shipped in the package (``regiobeeld``, ``rivm_regiobeeld``)."""
    folder = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE_DIR)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def load_taxonomy(spec: str | Path | Taxonomy | None = None) -> Taxonomy:
    """A taxonomy from a file path, a built-in name (``"regiobeeld"``) or the default.

    ``load_taxonomy()`` → the seven regiobeeld themes; ``load_taxonomy("rivm_regiobeeld")``
    → the five RIVM areas; ``load_taxonomy("my_themes.json")`` → that file.
    """
    if isinstance(spec, Taxonomy):
        return spec
    if spec is None:
        spec = DEFAULT_TAXONOMY
    path = Path(spec)
    if path.suffix.lower() == ".json" or path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise TaxonomyError(f"{path}: cannot read ({err.strerror or err})") from None
        name = str(path)
    else:
        resource = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE_DIR, f"{spec}.json")
        if not resource.is_file():
            known = ", ".join(builtin_taxonomies())
            raise TaxonomyError(f"{spec}: no such taxonomy file or built-in name ({known})")
        text = resource.read_text(encoding="utf-8")
        name = f"{spec}.json"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise TaxonomyError(f"{name}: not valid JSON ({err})") from None
    return taxonomy_from_dict(data, name=name)
