"""The ``organisations`` dataset: one row per organisation over every document of a run.

ORG mentions are grouped by canonical name: a name the gazetteer knows joins its entry
(``Gemeente Den Haag`` and ``gemeente 's-Gravenhage`` → ``gemeente Den Haag``); other names
join by their normalised spelling (``Schroeder vd Kolk`` = ``Schroeder van der Kolk``) and
then by rapidfuzz similarity at the threshold chosen on labelled variant pairs
(``DGGD Haaglanden`` → ``GGD Haaglanden``). Names that differ in a number (``H3``/``H5``,
``Zoetermeer 2025``/``Zoetermeer 2030``) or are short never merge by similarity.

Known limit: a bare ministry abbreviation (``SZW``) joins the ministry, also where a
municipal document means its own dienst of that name.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from rapidfuzz import fuzz, process

from policytext.columns import Column
from policytext.extract.orgs import (
    TYPO_THRESHOLD,
    Gazetteer,
    load_gazetteer,
    norm_name,
)

DATASET_NAME = "organisations"
COLUMNS: tuple[Column, ...] = (
    Column(
        "org_id", "string", "Stable id: `org:` + 10 hex digits of the SHA-1 of the normalised name."
    ),
    Column(
        "name",
        "string",
        "Canonical name: the gazetteer's name when known, else the most frequent value.",
    ),
    Column(
        "surface_forms",
        "list",
        "Every way the organisation is written in the run, most frequent first.",
    ),
    Column("doc_ids", "list", "Documents that mention it, in order of first appearance."),
    Column("n_mentions", "int", "Number of ORG mentions."),
    Column("n_documents", "int", "Number of documents that mention it."),
    Column(
        "type",
        "string",
        "gemeente, ministerie, ggd, zorgverzekeraar, stichting, ... (gazetteer or name); empty when unknown.",
    ),
)
MIN_FUZZY_LEN = 6  # shorter names (acronyms) merge only when equal after normalisation
RE_DIGITS = re.compile(r"\d+")
TYPE_WORDS = {
    "stichting": "stichting",
    "vereniging": "vereniging",
    "coöperatie": "coöperatie",
    "gemeente": "gemeente",
    "ministerie": "ministerie",
    "ggd": "ggd",
    "universiteit": "universiteit",
    "hogeschool": "hogeschool",
    "rechtbank": "rechtspraak",
    "commissie": "commissie",
    "afdeling": "afdeling",
    "team": "team",
    "alliantie": "samenwerkingsverband",
    "samenwerkingsverband": "samenwerkingsverband",
    "samenwerkingsverbanden": "samenwerkingsverband",
    "netwerk": "netwerk",
    "b.v.": "bedrijf",
    "n.v.": "bedrijf",
    "bv": "bedrijf",
}


def org_type(name: str, gazetteer: Gazetteer | None = None) -> str:
    """Type of an organisation from the gazetteer, else from its first or last word.

    >>> org_type("Stichting Hulpverlening en Opvang Prostituees")
    'stichting'
    """
    gaz = gazetteer or load_gazetteer()
    entry = gaz.entry(name)
    if entry is not None and entry.type:
        return entry.type
    words = name.lower().split()
    for w in (words[:1] + words[-1:]) if words else []:
        if w in TYPE_WORDS:
            return TYPE_WORDS[w]
    return ""


def org_id(name: str) -> str:
    """``org:`` + 10 hex digits of the SHA-1 of the normalised name (stable across runs)."""
    return "org:" + hashlib.sha1(norm_name(name).encode("utf-8")).hexdigest()[:10]


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, into: str) -> None:
        ra, rb = self.find(a), self.find(into)
        if ra != rb:
            self.parent[ra] = rb


def _fuzzy_ok(a: str, b: str) -> bool:
    return (
        len(a) >= MIN_FUZZY_LEN
        and len(b) >= MIN_FUZZY_LEN
        and RE_DIGITS.findall(a) == RE_DIGITS.findall(b)
    )


def organisation_rows(
    mention_rows: list[dict[str, Any]],
    *,
    gazetteer: Gazetteer | None = None,
    threshold: float = TYPO_THRESHOLD,
) -> list[dict[str, Any]]:
    """Rows of the ``organisations`` dataset from ``mentions`` rows (any labels; ORG used).

    >>> rows = organisation_rows([
    ...     {"doc_id": "a", "label": "ORG", "text": "GGD Haaglanden", "value": "GGD Haaglanden"},
    ...     {"doc_id": "b", "label": "ORG", "text": "DGGD Haaglanden", "value": "DGGD Haaglanden"},
    ... ])
    >>> rows[0]["name"], rows[0]["n_documents"]
    ('GGD Haaglanden', 2)
    """
    gaz = gazetteer or load_gazetteer()
    org_rows = [r for r in mention_rows if r.get("label") == "ORG"]
    # 1. a key per mention: gazetteer entry, else the normalised value
    keys: list[str] = []
    names_of_key: dict[str, Counter[str]] = defaultdict(Counter)
    entry_of_key: dict[str, Any] = {}
    for r in org_rows:
        value = str(r.get("value") or r.get("text") or "")
        entry = gaz.entry(value) or gaz.entry(str(r.get("text") or ""))
        if entry is not None:
            key = "gaz:" + entry.name
            entry_of_key[key] = entry
        else:
            key = "name:" + norm_name(value)
        keys.append(key)
        names_of_key[key][value] += 1
    # 2. fuzzy: a non-gazetteer name joins a gazetteer form or another, larger cluster
    uf = _Union()
    size = Counter(keys)
    free = sorted((k for k in names_of_key if k.startswith("name:")), key=lambda k: (-size[k], k))
    targets: list[tuple[str, str]] = []  # (normalised form, key)
    for e in {id(e): e for e in entry_of_key.values()}.values():
        targets += [(norm_name(f), "gaz:" + e.name) for f in (e.name, *e.aliases)]
    targets += [(k[5:], k) for k in free]
    if free and targets:
        choices = [t for t, _ in targets]
        scores = process.cdist(
            [k[5:] for k in free], choices, scorer=fuzz.ratio, score_cutoff=threshold, workers=1
        )
        for i, k in enumerate(free):
            best: tuple[float, int, str] | None = None
            for j in scores[i].nonzero()[0]:
                target_key = targets[j][1]
                if target_key == k or not _fuzzy_ok(k[5:], choices[j]):
                    continue
                rank = (
                    float(scores[i][j]),
                    size[target_key] if target_key.startswith("name:") else 10**9,
                    target_key,
                )
                if rank[1] < size[k] or (rank[1] == size[k] and target_key > k):
                    continue  # join only a larger cluster (or a gazetteer entry)
                if best is None or rank > best:
                    best = rank
            if best is not None:
                uf.union(k, best[2])
    # 3. rows
    groups: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        groups[uf.find(k)].append(i)
    out = []
    for root, idx in groups.items():
        forms: Counter[str] = Counter()
        values: Counter[str] = Counter()
        docs: dict[str, None] = {}
        for i in idx:
            r = org_rows[i]
            forms[str(r.get("text") or r.get("value") or "")] += 1
            values[str(r.get("value") or r.get("text") or "")] += 1
            docs.setdefault(str(r.get("doc_id")), None)
        entry = entry_of_key.get(root)
        if entry is not None:
            name = entry.name
        else:
            name = max(values.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        out.append(
            {
                "org_id": org_id(name),
                "name": name,
                "surface_forms": [f for f, _ in forms.most_common()],
                "doc_ids": list(docs),
                "n_mentions": len(idx),
                "n_documents": len(docs),
                "type": entry.type if entry is not None and entry.type else org_type(name, gaz),
            }
        )
    out.sort(key=lambda r: (-r["n_mentions"], r["name"].lower()))
    return out


def organisation_pairs(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """``(surface form, canonical name)`` pairs of the dataset, for inspection."""
    return [(f, r["name"]) for r in rows for f in r["surface_forms"]]


__all__ = ["COLUMNS", "DATASET_NAME", "org_id", "org_type", "organisation_rows"]
