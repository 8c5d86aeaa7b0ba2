"""Organisation names (ORG): ``GGD Haaglanden``, ``gemeente Den Haag``, ``ministerie van SZW``.

Four sources of candidates, strongest first:

1. a gazetteer (``policytext/resources/orgs/*.tsv`` plus the user's own files), compiled
   once into a character-trie regular expression over ``text``;
2. patterns over capitalised name sequences: ``Stichting X``, ``commissie X``,
   ``ministerie van X``, ``X B.V.``, ``Universiteit X``, names holding an organisation
   noun (``Haagse Vaccinatie Alliantie``, ``Kenniscentrum Kind en Scheiding``), an
   acronym before a place (``PEP Den Haag``), local parties and council groups
   (``Stadspartij Zwolle``, ``fractie Jansen`` → ``Fractie Jansen``),
   ``gemeente X`` for any place-like X (also former municipalities) unless a territorial
   cue precedes it, bare heads (``de Veiligheidsregio``), acronyms defined in brackets
   (``Stichting Hulpverlening en Opvang Prostituees (SHOP)``), lists after trigger words
   (``partners zoals Middin, Saffier en Wijkz``) and neighbours of a known organisation in
   a list;
3. optional statistical candidates (``models/ner`` or ``nl_core_news_md``), added only
   where no rule fired;
4. document-level propagation: a name found once is an ORG wherever it recurs.

Values follow the annotation guidelines (v1.1): the full name when the document gives
it (``JMO`` → ``Jeugd en Maatschappelijke Ondersteuning``, bare ``GGD`` →
``GGD Haaglanden``, ``het H-team`` → ``H-team 070``), typos merged with rapidfuzz
(``DGGD Haaglanden`` → ``GGD Haaglanden``), case variants of a gazetteer name in its
casing (``Gemeente Den Haag`` → ``gemeente Den Haag``); else the name as written. A
place name alone (``Den Haag``) is never an ORG; ``gemeente Den Haag`` is.

The finder reads one text. When a pipeline runs per passage, call
:func:`resolve_document_orgs` on the whole document afterwards so that definitions,
bare ``GGD`` and propagation work across passages.
"""

from __future__ import annotations

import csv
import io
import json
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from policytext.extract.components import COMPONENT_META, SPAN_KEY, add_mentions, score_mentions
from policytext.extract.mention import Mention, resolve_overlaps

RESOURCES = "policytext.resources.orgs"
BUILTIN_FILES: tuple[str, ...] = (
    "ministries.tsv",
    "agencies.tsv",
    "ggd.tsv",
    "veilig_thuis.tsv",
    "insurers.tsv",
    "municipalities.tsv",
    "education.tsv",
    "parties.tsv",
    "veiligheidsregios.tsv",
    "providers.tsv",
    "sample_corpus.tsv",
)
# Files of local providers and of the names the sample corpus gives (the rest is national).
LOCAL_FILES: tuple[str, ...] = ("providers.tsv", "sample_corpus.tsv")
# Similarity (rapidfuzz ratio on normalised names, 0-100) at or above which a name is a
# spelling variant or typo of another; chosen on labelled pairs by
# benchmarks/eval_orgs_cv.py --thresholds (see models/ner/README.md).
TYPO_THRESHOLD = 92.0

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
WS = r"[ \t\u00a0]"
# A capitalised word: "Haagse", "Zuid-Holland", "H-team", "Jeugd-" (in "Jeugd- en Gezin"),
# "JenV", "GGD", "'s-Gravenhage"; bounded length.
CAPWORD = rf"(?:'s-)?[{UPPER}](?:[\w&'’-]|\.(?=\w)){{0,40}}"
NAME_FUNC = r"(?:van|voor|de|der|den|het|en|&|op|aan|in|tot|bij|'t|te|ter|vd|v\.d\.)"
# A name: capitalised words joined by at most two function words each ("Raad voor de
# Kinderbescherming", "Jeugd en Maatschappelijke Ondersteuning"); at most eight words.
NAME_SEQ = rf"{CAPWORD}(?:{WS}{{1,3}}(?:{NAME_FUNC}{WS}{{1,3}}){{0,2}}{CAPWORD}){{0,7}}"
RE_NAME_SEQ = re.compile(rf"(?<![\w'’-]){NAME_SEQ}")
# A list item: a name without "en"/"&" inside ("Schroeder vd Kolk en Wijkz" is two items).
ITEM_FUNC = r"(?:van|voor|de|der|den|het|&|op|aan|in|tot|bij|'t|te|ter|vd|v\.d\.)"
ITEM_SEQ = rf"{CAPWORD}(?:{WS}{{1,3}}(?:{ITEM_FUNC}{WS}{{1,3}}){{0,2}}{CAPWORD}){{0,5}}"
RE_ITEM_SEQ = re.compile(rf"(?<![\w'’-]){ITEM_SEQ}")
# An acronym token: 2-8 letters, at least two capitals (VWS, JenV, NZa, IenW, GGDrU).
RE_ACRONYM = re.compile(rf"(?<![\w&-])[{UPPER}][{UPPER}{LOWER}&]{{1,7}}(?![\w&-])")
# "Full Name (ACR)" and "Full Name (ACR Place)".
RE_BRACKET = re.compile(
    rf"\({WS}*([{UPPER}][{UPPER}{LOWER}&]{{1,9}}(?:{WS}{CAPWORD}){{0,2}}){WS}*\)"
)
RE_WORD = re.compile(r"[\w&'’.!-]+")
RE_SENT_BREAK = re.compile(r"[.!?:;\n•▪●◦·*–—]\s*$|^\s*$")
RE_QUOTED = re.compile(r"['‘“\"]([^'‘’“”\"\n]{2,60})['’”\"]")
RE_GGD_BARE = re.compile(r"(?<![\w-])GGD(?![\w'’-])")
BRACKET_LOOKBACK = 160
MAX_LIST_ITEMS = 12  # items read from one list trigger or seed
MAX_LIST_ROUNDS = 8  # a list grows by one item per round at most, from each end
# Two or more capitalised words: the only sequences an organisation noun can name.
RE_MULTI_SEQ = re.compile(
    rf"(?<![\w'’-]){CAPWORD}(?:{WS}{{1,3}}(?:{NAME_FUNC}{WS}{{1,3}}){{0,2}}{CAPWORD}){{1,7}}"
)
RE_TWO_CAPS = re.compile(rf"[{UPPER}][{UPPER}{LOWER}&]?[{UPPER}]")
# A surname, with its particles: "Jansen", "Van Driesten", "Van der Berg".
PERSON_NAME = rf"(?:(?:Van|De|Den|Ter|Ten|Op|In)(?:{WS}+(?:der|den|de|het|'t))?{WS}+)?{CAPWORD}"
# "Raad van Toezicht van X", "Dagelijks Bestuur van de X": a generic internal body of X
RE_INNER_BODY = re.compile(rf"{WS}+van{WS}+(?:(?:de|het){WS}+)?(?=[{UPPER}])")
RE_PLURAL_S = re.compile(r"['’]s(?!\w)")
# bound_to prefix of a bare head noun ("de Veiligheidsregio") resolved against the document
BARE_HEAD = "HEAD:"


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """One gazetteer row: canonical ``name``, ``aliases``, ``type`` and extra columns."""

    name: str
    aliases: tuple[str, ...]
    type: str
    extra: tuple[tuple[str, str], ...] = ()
    source: str = ""

    def get(self, key: str) -> str | None:
        return dict(self.extra).get(key)


def read_gazetteer_file(fh: Iterable[str], source: str = "") -> list[OrgEntry]:
    """Rows of a gazetteer file: TSV or CSV with header ``name, aliases, type`` (more
    columns allowed), ``#`` comment lines, aliases separated by ``|``.

    >>> read_gazetteer_file(["name\\taliases\\ttype", "GGD Haaglanden\\tGGD HL\\tggd"])[0].aliases
    ('GGD HL',)
    """
    lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    delimiter = "\t" if "\t" in lines[0] else ","
    reader = csv.DictReader(
        io.StringIO("".join(x if x.endswith("\n") else x + "\n" for x in lines)),
        delimiter=delimiter,
    )
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise ValueError(f"{source or 'gazetteer'}: header must start with name, aliases, type")
    out = []
    for row in reader:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        extra = tuple(
            (k, (v or "").strip())
            for k, v in row.items()
            if k not in ("name", "aliases", "type") and k is not None
        )
        out.append(OrgEntry(name, aliases, (row.get("type") or "").strip(), extra, source))
    return out


@cache
def patterns() -> dict[str, Any]:
    """The Dutch knowledge of ``resources/orgs/patterns_nl.json``."""
    return json.loads(resources.files(RESOURCES).joinpath("patterns_nl.json").read_text("utf-8"))


@cache
def builtin_entries(exclude_files: tuple[str, ...] = ()) -> tuple[OrgEntry, ...]:
    entries: list[OrgEntry] = []
    for name in BUILTIN_FILES:
        if name in exclude_files:
            continue
        text = resources.files(RESOURCES).joinpath(name).read_text("utf-8")
        entries += read_gazetteer_file(text.splitlines(keepends=True), name)
    return tuple(entries)


def _trie_regex(keys: Iterable[str]) -> str:
    """A regex alternation of ``keys`` as a character trie, longest match preferred;
    a space in a key matches 1-3 blanks."""
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            atom = f"{WS}{{1,3}}" if ch == " " else re.escape(ch)
            branches.append(atom + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


def _case_variants(surface: str) -> set[str]:
    """The surface, plus its first letter in the other case for multiword names
    (``gemeente Den Haag`` / ``Gemeente Den Haag``); acronyms keep their case."""
    out = {surface}
    first, _, rest = surface.partition(" ")
    if first in ("De", "Het"):
        if " " in rest:
            out.add(rest)  # "De Haagse Hogeschool" is written "de Haagse Hogeschool"
    elif rest and first.isalpha() and not first.isupper() and first[1:].islower():
        out.add(surface[0].swapcase() + surface[1:])
    return out


def _norm_space(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class Gazetteer:
    """Gazetteer entries with a compiled matcher over text.

    ``lookup`` maps every surface form (names, aliases, case variants) to its entries;
    ``places`` holds place names that alone are not organisations (``Den Haag``).
    """

    entries: list[OrgEntry]
    lookup: dict[str, list[OrgEntry]] = field(default_factory=dict)
    exact: dict[str, OrgEntry] = field(default_factory=dict)
    places: set[str] = field(default_factory=set)
    ggd_of_place: dict[str, str] = field(default_factory=dict)
    regex: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        for e in self.entries:
            for surface in (e.name, *e.aliases):
                self.exact.setdefault(surface, e)
                for v in _case_variants(surface):
                    bucket = self.lookup.setdefault(v, [])
                    if e not in bucket:
                        bucket.append(e)
            if e.type == "gemeente":
                for p in (e.get("place") or "").split("|"):
                    if p:
                        self.places.add(p)
                        if e.get("ggd"):
                            self.ggd_of_place[p] = e.get("ggd") or ""
        self.places.update(patterns()["regions"])
        keys = sorted(self.lookup, key=len, reverse=True)
        self.regex = re.compile(rf"(?<![\w&-])(?:{_trie_regex(keys)})(?![\w-])")

    def entry(self, surface: str) -> OrgEntry | None:
        """The entry a surface form names, when unambiguous."""
        surface = _norm_space(surface)
        if surface in self.exact:
            return self.exact[surface]
        found = self.lookup.get(surface)
        return found[0] if found and len(found) == 1 else None

    def find(self, text: str) -> Iterable[tuple[int, int, OrgEntry]]:
        assert self.regex is not None
        for m in self.regex.finditer(text):
            e = self.entry(m.group())
            if e is not None:
                yield m.start(), m.end(), e


def load_gazetteer(
    paths: Sequence[str | Path] = (), *, builtin: bool = True, exclude_files: Sequence[str] = ()
) -> Gazetteer:
    """The built-in gazetteer plus the user's files (same format: name, aliases, type).

    >>> g = load_gazetteer()
    >>> g.entry("Gemeente Den Haag").name
    'gemeente Den Haag'
    """
    return _load_gazetteer(tuple(str(p) for p in paths), builtin, tuple(exclude_files))


@cache
def _load_gazetteer(paths: tuple[str, ...], builtin: bool, exclude: tuple[str, ...]) -> Gazetteer:
    entries = list(builtin_entries(exclude)) if builtin else []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            entries += read_gazetteer_file(fh, str(p))
    return Gazetteer(entries)


def gazetteer_without(names: Iterable[str], *, paths: Sequence[str | Path] = ()) -> Gazetteer:
    """A gazetteer whose entries naming any of ``names`` are dropped (for held-out
    evaluation: a document is never scored with its own organisations memorised)."""
    drop = {n.lower() for n in names}
    full = load_gazetteer(paths)
    national = set(BUILTIN_FILES) - set(LOCAL_FILES)
    keep = [
        e
        for e in full.entries
        if e.source in national or not ({e.name.lower(), *(a.lower() for a in e.aliases)} & drop)
    ]
    return Gazetteer(keep)


# ----------------------------------------------------------------------- helpers


@cache
def _sets() -> dict[str, Any]:
    p = patterns()
    return {
        "org_nouns": set(p["org_nouns"]),
        "final": set(p["org_final_nouns"]),
        "suffixes": tuple(p["org_suffixes"]),
        "veto": tuple(p["non_org_suffixes"]),
        "starters": set(p["sentence_starters"]),
        "articles": set(p["articles"]),
        "non_orgs": {x.lower() for x in p["non_orgs"]},
        "non_acr": set(p["non_org_acronyms"]),
        "programme": set(p["programme_context"]),
        "func": {w.lower() for w in p["name_function_words"]},
        "bare_heads": tuple(p["bare_heads"]),
    }


@cache
def _hint_words() -> dict[str, tuple[str, ...]]:
    p = patterns()
    nouns = {w.lower().rstrip(".") for w in (*p["org_nouns"], *p["org_final_nouns"])} | set(
        p["org_suffixes"]
    )
    return {
        "noun": tuple(sorted(nouns)),
        "lower": tuple(k.split()[0] for k in p["lowercase_triggers"]),
        "list": tuple(
            max(w.split(), key=len).lower()[:9]
            for w in (*p["list_triggers"], *p["direct_list_triggers"])
        ),
        "acr_list": tuple(w.split()[-1][:6].lower() for w in p["acronym_list_triggers"]),
        "quote": ("'", "‘", "“", '"'),
        "local": tuple(
            w.split()[0].lower()
            for w in (*p["party_prefixes"], *p["fractie_words"], *p["bare_heads"], "gemeente")
        ),
    }


@cache
def _hint_regexes() -> dict[str, re.Pattern[str]]:
    """One trie regex per hint group: a single C-level scan instead of many ``in`` tests."""
    h = _hint_words()
    return {
        "noun": re.compile(_trie_regex(h["noun"])),
        "lower": re.compile(_trie_regex(h["lower"])),
        "list": re.compile(_trie_regex({*h["list"], *h["acr_list"]})),
        "local": re.compile(_trie_regex(h["local"])),
    }


def _hints(text: str) -> dict[str, bool]:
    """Cheap substring tests that tell which (slower) patterns can match at all."""
    low = text.lower()
    h = _hint_regexes()
    return {
        "noun": h["noun"].search(low) is not None,
        "lower": h["lower"].search(low) is not None,
        "list": h["list"].search(low) is not None,
        "quote": any(q in text for q in _hint_words()["quote"]),
        "acronym": RE_TWO_CAPS.search(text) is not None,
        "local": h["local"].search(low) is not None,
    }


@cache
def _trigger_regexes() -> dict[str, re.Pattern[str]]:
    p = patterns()

    def alt(words: Iterable[str]) -> str:
        return "|".join(
            re.escape(w).replace(r"\ ", f"{WS}+") for w in sorted(words, key=len, reverse=True)
        )

    def both(words: Iterable[str]) -> list[str]:
        words = list(words)
        return words + [w[:1].upper() + w[1:] for w in words]

    lower = p["lowercase_triggers"]
    return {
        # "stichting Leergeld", "commissie Samenleving", "ministerie van Sociale Zaken"
        "lower": re.compile(
            rf"(?<![\w-])(?P<trig>{alt(k for k in lower)}|{alt(k.capitalize() for k in lower)}){WS}+(?P<name>{NAME_SEQ})"
        ),
        # "partners zoals Middin, Saffier en Wijkz"
        "list": re.compile(
            rf"(?<![\w-])(?:(?:{alt(both(p['list_triggers']))}){WS}*(?:\(|,)?{WS}*(?:{alt(p['list_trigger_links'])})"
            rf"|(?:{alt(both(p['direct_list_triggers']))})(?:{WS}+(?:de|het))?){WS}*:?{WS}*"
        ),
        # "de diensten DSO, DPZ en DBV"
        "acr_list": re.compile(rf"(?<![\w-])(?:{alt(both(p['acronym_list_triggers']))}){WS}+"),
        # "samenwerkingsverbanden 'Kracht voor Jeugd- en Gezin' en 'Rondom Jou'"
        "quote": re.compile(rf"(?<![\w-])(?:{alt(both(p['quote_triggers']))}){WS}+(?=['‘“\"])"),
        "programme": re.compile(rf"(?:{alt(p['programme_context'])})\W{{0,3}}$", re.IGNORECASE),
        "func_start": re.compile(rf"^(?:{NAME_FUNC}){WS}", re.IGNORECASE),
        # "Stadspartij Zwolle", "Leefbaar Rotterdam", "Lokaal Belang"
        "party": re.compile(rf"(?<![\w-])(?:{alt(p['party_prefixes'])}){WS}+(?P<name>{NAME_SEQ})"),
        # "fractie Jansen", "Fractie Van Driesten"
        "fractie": re.compile(
            rf"(?<![\w-])(?:{alt(p['fractie_words'])}){WS}+(?P<name>{PERSON_NAME})"
        ),
        # "gemeente Veghel", "Gemeente Haarlemmerliede" (also former municipalities)
        "gemeente": re.compile(
            rf"(?<![\w-])[Gg]emeente{WS}+(?P<name>(?:(?:{alt(p['place_particles'])}){WS}+)?{CAPWORD})"
            rf"(?![\w&'’-])(?!{WS}+[{UPPER}])"
        ),
        "territorial": re.compile(
            rf"(?<![\w-])(?:{alt(p['territorial_cues'])}){WS}+(?:de{WS}+)?$", re.IGNORECASE
        ),
        "person_title": re.compile(
            rf"(?<![\w-])(?:{alt(p['person_titles'])}){WS}*$", re.IGNORECASE
        ),
        "bare_head": re.compile(
            rf"(?<![\w-])(?:{alt(p['bare_heads'])})(?![\w-])(?!{WS}+[{UPPER}])"
        ),
    }


def is_sentence_start(text: str, pos: int) -> bool:
    """True when ``pos`` starts a sentence, line or bullet (capitals there prove nothing)."""
    return RE_SENT_BREAK.search(text, max(0, pos - 12), pos) is not None


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    caps = sum(c.isupper() for c in letters)
    return len(letters) >= 2 and caps >= 2 and caps * 2 >= len(letters)


def _words(s: str) -> list[str]:
    return RE_WORD.findall(s)


def _content_words(s: str) -> list[str]:
    f = _sets()["func"]
    return [w for w in _words(s) if w.lower() not in f]


def _has_org_noun(name: str) -> bool:
    s = _sets()
    words = _content_words(name)
    for i, w in enumerate(words):
        bare = w.rstrip("-")
        if bare in s["org_nouns"] or (i == len(words) - 1 and bare in s["final"]):
            return True
        if bare[:1].isupper():
            low = bare.lower()
            if low.endswith(s["suffixes"]) and any(
                low.endswith(x) and len(low) > len(x) + 2 for x in s["suffixes"]
            ):
                return True
    return False


def _headed(name: str) -> bool:
    """The name starts or ends with an organisation noun: ``Stichting ...``, ``... Stichting``."""
    s = _sets()
    words = [w.rstrip("-") for w in _content_words(name)]
    return bool(words) and (
        words[0] in s["org_nouns"] or words[-1] in s["org_nouns"] or words[-1] in s["final"]
    )


def _has_veto(name: str) -> bool:
    """A word of the name makes it a programme, plan, service or event (``Haagse
    Preventieaanpak``, ``Integraal Zorgakkoord``), unless an organisation noun heads it."""
    s = _sets()
    if _headed(name):
        return False
    for w in _content_words(name):
        bare = w.rstrip("-")
        if bare in s["org_nouns"] or bare in s["final"]:
            continue
        if bare.lower().endswith(s["veto"]):
            return True
    return False


def initials(name: str) -> str:
    """Capital initials of the content words: ``Centrum Seksuele Gezondheid`` → ``CSG``."""
    return "".join(w[0] for w in _content_words(name) if w[:1].isupper())


def schwartz_hearst(short: str, words_before: str) -> str | None:
    """The long form of ``short`` at the end of ``words_before`` (Schwartz & Hearst 2003):
    every letter of the short form in order, the first at the start of a word.

    >>> schwartz_hearst("HJA", "De Haagse Jongerenambassadeurs")
    'Haagse Jongerenambassadeurs'
    """
    s = short.lower()
    lf = words_before.rstrip()
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        c = s[si]
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (lf[li].lower() != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    start = li + 1
    long_form = lf[start:]
    n_words = len(long_form.split())
    if n_words > min(len(short) + 5, len(short) * 2) or n_words < 1 or len(long_form) <= len(short):
        return None
    return long_form


def norm_name(s: str) -> str:
    """Key for comparing names: lower case, ``&``/``vd``/``St.`` spelled out, no punctuation.

    >>> norm_name("Schroeder vd Kolk")
    'schroeder van der kolk'
    """
    s = s.lower().replace("&", " en ").replace("’", "'")
    s = re.sub(r"\bv\.?d\.?(?=\s)", "van der", s)
    s = re.sub(r"\bst\.(?=\s)", "sint", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def similarity(a: str, b: str) -> float:
    """rapidfuzz ratio (0-100) of the normalised names."""
    return fuzz.ratio(norm_name(a), norm_name(b))


# ---------------------------------------------------------------------- finder


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    value: str | None
    source: str
    rank: int  # 0 strongest
    entry: OrgEntry | None = None
    bound_to: str | None = None  # full name this short form stands for

    def mention(self) -> Mention:
        return Mention(self.start, self.end, "ORG", self.value)


SOURCE_RANK = {
    "definition": 0,
    "gazetteer": 1,
    "pattern": 2,
    "acronym": 2,
    "list": 3,
    "propagated": 3,
    "statistical": 5,
}


class OrgFinder:
    """Find organisation names in a text; see the module docstring.

    >>> [m.value for m in OrgFinder()("In 2023 hebben GGD Haaglanden en de gemeente Den Haag ...")]
    ['GGD Haaglanden', 'gemeente Den Haag']
    """

    def __init__(
        self, gazetteer: Gazetteer | None = None, *, gazetteer_values: bool = False
    ) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self.gazetteer_values = gazetteer_values

    # -- public ------------------------------------------------------------

    def __call__(
        self,
        text: str,
        *,
        place: str | None = None,
        extra: Iterable[tuple[int, int]] = (),
        known: Iterable[Mention] = (),
    ) -> list[Mention]:
        """ORG mentions of ``text``. ``extra``: statistical candidate spans;
        ``known``: ORG mentions found before (other passages), kept as they are."""
        cands = self.candidates(text)
        cands += [c for c in (self._statistical(text, s, e) for s, e in extra) if c]
        cands += [
            _Cand(
                m.start,
                m.end,
                m.value,
                "definition" if m.value != text[m.start : m.end] else "gazetteer",
                1,
            )
            for m in known
        ]
        chosen = self.select(text, cands)
        chosen = self.expand(text, chosen)
        self.assign_values(text, chosen, place)
        chosen = [c for c in chosen if c.value]  # a bare head with no single named body
        return sorted((c.mention() for c in chosen), key=lambda m: (m.start, m.end))

    # -- candidates ----------------------------------------------------------

    def candidates(self, text: str) -> list[_Cand]:
        out: list[_Cand] = []
        for s, e, entry in self.gaz.find(text):
            out.append(_Cand(s, e, None, "gazetteer", 1, entry))
        hints = _hints(text)
        if hints["lower"]:
            out += self._lowercase_triggers(text)
        if hints["noun"]:
            out += self._name_sequences(text)
        if hints["acronym"]:
            out += self._acronym_places(text)
            if "(" in text:
                out += self._definitions(text)
            for m in RE_GGD_BARE.finditer(text):
                out.append(_Cand(m.start(), m.end(), None, "acronym", 1, bound_to="GGD"))
        if hints["list"]:
            out += self._trigger_lists(text)
        if hints["quote"]:
            out += self._quoted(text)
        if hints["local"]:
            out += self._local_bodies(text)
        return [c for c in out if self._acceptable(text, c)]

    def _acceptable(self, text: str, c: _Cand) -> bool:
        s = _sets()
        surface = _norm_space(text[c.start : c.end])
        if not surface or surface.lower() in s["non_orgs"]:
            return False
        if surface[:9].lower() == "gemeente " and _trigger_regexes()["territorial"].search(
            text, max(0, c.start - 40), c.start
        ):
            return False  # "betreft geografisch de gemeente Den Haag" is a place
        if c.source == "gazetteer" or c.source == "definition":
            return True
        if surface in self.gaz.places or surface in s["non_acr"]:
            return False
        return not (surface in s["starters"] or surface in s["articles"])

    def _lowercase_triggers(self, text: str) -> list[_Cand]:
        out = []
        for m in _trigger_regexes()["lower"].finditer(text):
            trig = m.group("trig").lower()
            name = self._trim_name(m.group("name"))
            if not name or (name in self.gaz.places and trig != "rechtbank"):
                continue
            if trig == "team" and len(_words(name)) > 2:
                continue
            end = m.start("name") + len(name)
            value = None
            canon = patterns()["lowercase_triggers"].get(trig)
            if canon and canon != trig:
                value = f"{canon} {_norm_space(name)}"
            out.append(_Cand(m.start(), end, value, "pattern", 2))
        return out

    def _local_bodies(self, text: str) -> list[_Cand]:
        """Local parties (``Stadspartij Zwolle``), one-person council groups
        (``fractie Jansen`` → ``Fractie Jansen``), municipalities not in the list
        (``gemeente Veghel``, merged in 2022) and bare head nouns (``de Veiligheidsregio``)."""
        t = _trigger_regexes()
        s = _sets()
        out = []
        for m in t["party"].finditer(text):
            name = self._trim_name(m.group("name"))
            if name and not _has_veto(name) and name not in s["starters"]:
                out.append(_Cand(m.start(), m.start("name") + len(name), None, "pattern", 2))
        for m in t["fractie"].finditer(text):
            name = m.group("name")
            if (
                self.gaz.entry(name) is not None
                or name in s["starters"]
                or name in self.gaz.places
                or _is_acronym(name)
            ):
                continue  # "fractie VVD": the party alone is the ORG
            value = f"Fractie {_norm_space(name)}"
            out.append(_Cand(m.start(), m.end(), value, "pattern", 2))
            for b in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                if b.start() == m.start("name"):
                    continue
                if t["person_title"].search(text, max(0, b.start() - 20), b.start()):
                    continue  # "de heer Jansen" is the person
                out.append(_Cand(b.start(), b.end(), None, "pattern", 2, bound_to=value))
        for m in t["gemeente"].finditer(text):
            name = m.group("name")
            if (
                name in s["starters"]
                or name in s["articles"]
                or _is_acronym(name)
                or _has_org_noun(name)
                or _has_veto(name)
            ):
                continue
            value = f"gemeente {_norm_space(name)}"
            out.append(_Cand(m.start(), m.end(), value, "pattern", 2))
        for m in t["bare_head"].finditer(text):
            if not is_sentence_start(text, m.start()):
                out.append(
                    _Cand(m.start(), m.end(), None, "acronym", 2, bound_to=BARE_HEAD + m.group())
                )
        return out

    @staticmethod
    def _whole_line(text: str, start: int, end: int) -> bool:
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", end)
        le = len(text) if le < 0 else le
        return not text[ls:start].strip(" \t\u00a0•-–*#") and not text[end:le].strip()

    def _trim_name(self, name: str) -> str:
        """Drop trailing function words and dangling hyphen words from a name match."""
        words = name.split()
        f = _sets()["func"]
        while words and (words[-1].lower() in f or words[-1].endswith("-")):
            words.pop()
        if not words:
            return ""
        # keep the original spacing: cut the match at the end of the last kept word
        cut = 0
        for w in words:
            cut = name.index(w, cut) + len(w)
        return name[:cut].rstrip(".,")

    def _name_sequences(self, text: str) -> list[_Cand]:
        """Capitalised sequences holding an organisation noun: ``Haagse Vaccinatie Alliantie``."""
        s = _sets()
        out = []
        for m in RE_MULTI_SEQ.finditer(text):
            seq = m.group()
            start = m.start()
            words = _words(seq)
            if is_sentence_start(text, start):
                first = words[0]
                if first in s["starters"] or first in s["articles"]:
                    rest = seq[len(first) :].lstrip()
                    start = m.end() - len(rest)
                    seq = rest
            seq = self._trim_name(seq)
            seq = self._cut_after_place(seq)
            for inner in RE_INNER_BODY.finditer(seq):
                if seq[: inner.start()].lower() in s["non_orgs"]:
                    # "Raad van Toezicht van Stichting X": a generic body of the organisation
                    start += inner.end()
                    seq = seq[inner.end() :]
                    break
            left, sep, right = seq.rpartition(" en ")
            if sep and (_is_acronym(left) or self.gaz.entry(left)) and _has_org_noun(right):
                start += len(left) + len(sep)
                seq = right
            if self._whole_line(text, start, start + len(seq)):
                continue  # a heading names a topic ("Welzijn en Servicepunten XL")
            if len(_content_words(seq)) < 2 or not _has_org_noun(seq) or _has_veto(seq):
                continue
            if all(w in s["org_nouns"] or w in s["final"] for w in _content_words(seq)):
                continue
            # "B.V." / "N.V." directly after the name belongs to it
            end = start + len(seq)
            bv = re.match(rf"{WS}+(?:B\.V\.|N\.V\.)", text[end : end + 8])
            if bv:
                end += bv.end()
            out.append(_Cand(start, end, None, "pattern", 2))
        return out

    def _cut_after_place(self, seq: str) -> str:
        """``<Org noun> <Place>`` ends the name: ``Rekenkamercommissie Zaanstad
        Grip op Subsidies`` (a report title follows) → the body."""
        words = seq.split(" ")
        if len(words) < 3 or not _has_org_noun(words[0]) or _is_acronym(words[0]):
            return seq
        for n in (3, 2, 1):
            if len(words) > 1 + n and " ".join(words[1 : 1 + n]) in self.gaz.places:
                nxt = words[1 + n]
                if nxt[:1].isupper() and nxt.lower() not in _sets()["func"]:
                    return " ".join(words[: 1 + n])
        return seq

    def _acronym_places(self, text: str) -> list[_Cand]:
        """An acronym before a place names a local organisation: ``PEP Den Haag``,
        ``RAV Haaglanden``, ``DGGD Haaglanden`` (a typo, merged later)."""
        out = []
        non_acr = _sets()["non_acr"]
        for m in RE_ACRONYM.finditer(text):
            acr = m.group()
            if acr in non_acr or not acr.isupper():
                continue
            rest = text[m.end() : m.end() + 60]
            sp = re.match(rf"{WS}+", rest)
            if not sp:
                continue
            tail = rest[sp.end() :]
            best = ""
            for pl in self._places_at(tail):
                if len(pl) > len(best):
                    best = pl
            if best:
                out.append(_Cand(m.start(), m.end() + sp.end() + len(best), None, "pattern", 2))
        return out

    def _places_at(self, tail: str) -> Iterable[str]:
        words = tail.split()
        for n in (1, 2, 3):
            cand = " ".join(words[:n]).rstrip(".,;:)")
            if cand in self.gaz.places and tail.startswith(cand.split()[0]):
                nxt = tail[len(cand) : len(cand) + 1]
                if not nxt or not (nxt.isalnum() or nxt == "-"):
                    yield cand

    def _definitions(self, text: str) -> list[_Cand]:
        """``Stichting Hulpverlening en Opvang Prostituees (SHOP)``: long form and acronym,
        the acronym bound to the long form for the rest of the text."""
        out = []
        t = _trigger_regexes()
        non_acr = _sets()["non_acr"]
        for m in RE_BRACKET.finditer(text):
            short = _norm_space(m.group(1))
            acr, _, place = short.partition(" ")
            if not _is_acronym(acr) or acr in non_acr or acr in self.gaz.places:
                continue
            before = text[max(0, m.start() - BRACKET_LOOKBACK) : m.start()]
            line = re.split(r"[\n.;:?(]\s|\n", before)[-1] if before else ""
            stem = line.rstrip()
            if place:
                if not stem.endswith(place):
                    continue
                stem = stem[: -len(place)].rstrip()
            long_form = schwartz_hearst(acr, stem)
            known_org = None
            if long_form is None or not long_form[:1].isupper():
                # no letter match: bind only to a name already known as an organisation
                # ("Samenwerkingsverbanden Jeugd (HTP)")
                seqs = list(RE_NAME_SEQ.finditer(stem))
                if not seqs or seqs[-1].end() != len(stem):
                    continue
                cand = self._trim_name(seqs[-1].group())
                words = _words(cand)
                if words and words[0] in _sets()["starters"]:
                    cand = cand[len(words[0]) :].lstrip()
                if not cand or not (
                    self.gaz.entry(cand) or (_has_org_noun(cand) and len(_content_words(cand)) >= 2)
                ):
                    continue
                long_form = cand
                known_org = True
            if place:
                long_form = f"{long_form} {place}"
            long_start = m.start() - (len(before) - len(before.rstrip())) - len(long_form)
            if place:
                long_start = m.start() - len(before) + before.rstrip().rfind(long_form)
            long_form_text = text[long_start : long_start + len(long_form)]
            if not known_org and not self._long_form_is_org(
                text, long_start, long_form_text, m.end()
            ):
                continue
            if t["programme"].search(text, max(0, long_start - 40), long_start):
                continue
            value = _norm_space(long_form_text)
            out.append(_Cand(long_start, long_start + len(long_form_text), value, "definition", 0))
            s_start = m.start(1)
            out.append(
                _Cand(
                    s_start,
                    s_start + len(m.group(1).rstrip()),
                    value,
                    "definition",
                    0,
                    bound_to=value,
                )
            )
        return out

    def _long_form_is_org(self, text: str, start: int, long_form: str, after: int) -> bool:
        s = _sets()
        if self.gaz.entry(long_form):
            return True
        if long_form.lower() in s["non_orgs"] or _has_veto(long_form):
            return False
        if long_form in self.gaz.places:
            return False
        nxt = _words(text[after : after + 30])
        if nxt and any(nxt[0].lower().endswith(v) for v in s["veto"]):
            return False  # "Child Friendly Cities (CFC) initiative"
        words = _content_words(long_form)
        return bool(words) and words[0][:1].isupper()

    def _list_items(self, text: str, pos: int, *, acronyms_only: bool = False) -> list[_Cand]:
        """Items of a list starting at ``pos``: ``Middin, Saffier, Schroeder vd Kolk en Wijkz``."""
        out = []
        s = _sets()
        item_re = RE_ACRONYM if acronyms_only else RE_ITEM_SEQ
        comma_next = re.compile(rf"{WS}*,")
        while len(out) < MAX_LIST_ITEMS:
            m = item_re.match(text, pos)
            if not m:
                break
            if not acronyms_only:
                # "en" inside an item is the list's conjunction only when the list ends
                # there: "..., Gezond en Gelukkig Den Haag , VTZ" vs "..., Kolk en Wijkz zijn"
                whole = RE_NAME_SEQ.match(text, pos)
                if whole and whole.end() > m.end():
                    full = self._trim_name(whole.group())
                    if comma_next.match(text, whole.start() + len(full)):
                        m = whole
            item = self._trim_name(m.group()) if not acronyms_only else m.group()
            end = m.start() + len(item)
            surface = _norm_space(item)
            if (
                not item
                or surface in self.gaz.places
                or surface in s["starters"]
                or surface in s["non_acr"]
                or _has_veto(surface)
            ):
                break
            if text[end : end + 1] == "!":
                end += 1  # "Helder Onafhankelijk!", "JONG doet mee!"
            out.append(_Cand(m.start(), end, None, "list", 3))
            sep = re.match(
                rf"{WS}*(?:,{WS}*(?:en{WS}+|of{WS}+)?|{WS}+(?:en|of){WS}+|/){WS}*",
                text[end : end + 12],
            )
            if not sep:
                break
            pos = end + sep.end()
        return out

    def _trigger_lists(self, text: str) -> list[_Cand]:
        t = _trigger_regexes()
        out = []
        for m in t["list"].finditer(text):
            out += self._list_items(text, m.end())
        for m in t["acr_list"].finditer(text):
            out += self._list_items(text, m.end(), acronyms_only=True)
        return out

    def _quoted(self, text: str) -> list[_Cand]:
        out = []
        t = _trigger_regexes()
        for m in t["quote"].finditer(text):
            pos = m.end()
            while True:
                q = RE_QUOTED.match(text, pos)
                if not q or not q.group(1)[:1].isupper() or _has_veto(q.group(1)):
                    break
                out.append(_Cand(q.start(1), q.end(1), None, "list", 3))
                sep = re.match(rf"{WS}*(?:,|en|of){WS}*", text[q.end() : q.end() + 6])
                if not sep:
                    break
                pos = q.end() + sep.end()
        return out

    def _statistical(self, text: str, start: int, end: int) -> _Cand | None:
        surface = text[start:end]
        words = _words(surface)
        if not words or not any(w[:1].isupper() for w in words):
            return None
        s = _sets()
        if words[0] in s["articles"] or words[0] in s["starters"]:
            if len(words) == 1:
                return None
            start += surface.index(words[1])
            surface = text[start:end]
        if _has_veto(surface):
            return None
        return _Cand(start, end, None, "statistical", 5)

    # -- selection and expansion ---------------------------------------------

    def select(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """One candidate per stretch of text: definitions, then gazetteer, then patterns,
        lists and propagation, then statistical ones; longer first within a rank. A
        pattern that runs into a stronger name is cut before it (``Centrum Seksuele
        Gezondheid van de GGD Haaglanden`` → ``Centrum Seksuele Gezondheid``)."""
        order = sorted(cands, key=lambda c: (c.rank, -(c.end - c.start), c.start))
        kept: list[_Cand] = []
        starts: list[int] = []  # kept spans never overlap: starts and ends sort alike
        ends: list[int] = []

        def clashes(start: int, end: int) -> list[int]:
            i = bisect_left(ends, start + 1)  # first kept span ending after start
            j = i
            while j < len(starts) and starts[j] < end:
                j += 1
            return list(range(i, j))

        for c in order:
            clash = clashes(c.start, c.end)
            if clash and c.source == "pattern" and starts[clash[0]] > c.start:
                cut = self._trim_name(text[c.start : starts[clash[0]]])
                if len(_content_words(cut)) >= 2 and _has_org_noun(cut):
                    c = _Cand(c.start, c.start + len(cut), None, c.source, c.rank)
                    clash = clashes(c.start, c.end)
            if clash:
                continue
            i = bisect_left(starts, c.start)
            starts.insert(i, c.start)
            ends.insert(i, c.end)
            kept.insert(i, c)
        return kept

    def expand(self, text: str, chosen: list[_Cand]) -> list[_Cand]:
        """List neighbours of known organisations, bound acronyms and initials, and
        every other occurrence of a name already found."""
        if not chosen:
            return chosen
        chosen = self._neighbours(text, chosen)
        bound: dict[str, str] = {}
        for c in chosen:
            if c.bound_to and c.source == "definition":
                bound[_norm_space(text[c.start : c.end])] = c.bound_to
        names = [_norm_space(text[c.start : c.end]) for c in chosen if c.rank < 5]
        by_initials: dict[str, set[str]] = defaultdict(set)
        for n in names:
            if len(_content_words(n)) >= 2 and not _is_acronym(n):
                by_initials[initials(n)].add(n)
        extra: list[_Cand] = []
        non_acr = _sets()["non_acr"]
        for m in RE_ACRONYM.finditer(text):
            acr = m.group()
            if acr in bound:
                extra.append(_Cand(m.start(), m.end(), None, "acronym", 2, bound_to=bound[acr]))
            elif acr not in non_acr and len(by_initials.get(acr, ())) == 1:
                full = next(iter(by_initials[acr]))
                extra.append(_Cand(m.start(), m.end(), None, "acronym", 2, bound_to=full))
        # every other occurrence of a name found (not of statistical guesses)
        surfaces = {
            text[c.start : c.end]
            for c in chosen
            if c.rank < 5 and c.source != "statistical" and len(text[c.start : c.end]) >= 2
        }
        if surfaces:
            rx = re.compile(
                r"(?<![\w&-])(?:"
                + "|".join(re.escape(x) for x in sorted(surfaces, key=len, reverse=True))
                + r")(?![\w-])"
            )
            for m in rx.finditer(text):
                surface = m.group()
                if _is_acronym(surface) and RE_PLURAL_S.match(text, m.end()):
                    continue  # "alle GGD’s": a plural is generic
                single_word = " " not in surface and not _is_acronym(surface)
                if single_word and (
                    is_sentence_start(text, m.start())
                    or _trigger_regexes()["person_title"].search(
                        text, max(0, m.start() - 20), m.start()
                    )
                ):
                    continue  # "De ..." proves nothing; "de heer Jansen" is a person
                extra.append(_Cand(m.start(), m.end(), None, "propagated", 3))
        extra = [x for x in extra if not self._in_programme_title(text, x.start)]
        return self.select(text, [*chosen, *extra])

    @staticmethod
    def _in_programme_title(text: str, pos: int) -> bool:
        """Inside a quoted title after a programme word: ``pilot ‘Toegang JMO’``."""
        before = text[max(0, pos - 60) : pos]
        q = max(before.rfind("‘"), before.rfind("'"), before.rfind("“"))
        if q < 0 or any(ch in before[q + 1 :] for ch in "’'”"):
            return False
        return bool(_trigger_regexes()["programme"].search(before[:q].rstrip() + " "))

    def _neighbours(
        self, text: str, chosen: list[_Cand], depth: int = 0, new: list[_Cand] | None = None
    ) -> list[_Cand]:
        """Items listed next to a known organisation are organisations too:
        ``Jeugdbescherming West, ..., Perspektief, Impegno``."""
        seeds = [c for c in (chosen if new is None else new) if c.rank <= 3]
        extra: list[_Cand] = []
        for c in seeds:
            sep = re.match(rf"{WS}*(?:,|{WS}en|{WS}of|/){WS}*", text[c.end : c.end + 8])
            if sep:
                extra += self._list_items(text, c.end + sep.end())
            # backwards: "X, Y en <seed>"
            before = text[max(0, c.start - 120) : c.start]
            if re.search(rf"(?:,|{WS}en|/){WS}*$", before):
                chunk = re.split(r"[.;:\n()]", before)[-1]
                base = c.start - len(chunk)
                parts = list(re.finditer(rf"{ITEM_SEQ}|[{UPPER}][{UPPER}{LOWER}&]{{1,7}}", chunk))
                for p in reversed(parts):
                    item = self._trim_name(p.group())
                    gap = chunk[p.start() + len(item) :]
                    nxt_ok = re.fullmatch(rf"{WS}*(?:,{WS}*|{WS}+en{WS}+|/)(?:.*)", gap, re.S)
                    if not nxt_ok or not item:
                        break
                    surface = _norm_space(item)
                    st = base + p.start()
                    if (
                        surface in self.gaz.places
                        or surface in _sets()["starters"]
                        or surface in _sets()["non_acr"]
                        or _has_veto(surface)
                        or (
                            is_sentence_start(text, st)
                            and " " not in surface
                            and not _is_acronym(surface)
                        )
                    ):
                        break
                    extra.append(_Cand(st, st + len(item), None, "list", 3))
                    break  # one step back per seed; chains grow through the new seeds below
        if not extra:
            return chosen
        merged = self.select(text, [*chosen, *[x for x in extra if self._acceptable(text, x)]])
        if len(merged) > len(chosen) and depth < MAX_LIST_ROUNDS:
            old = {(c.start, c.end) for c in chosen}
            return self._neighbours(
                text, merged, depth + 1, [c for c in merged if (c.start, c.end) not in old]
            )
        return merged

    # -- values --------------------------------------------------------------

    def assign_values(self, text: str, chosen: list[_Cand], place: str | None = None) -> None:
        """Canonical value of each mention; see the module docstring."""
        surfaces = [_norm_space(text[c.start : c.end]) for c in chosen]
        counts = Counter(surfaces)
        doc_names = set(surfaces)
        ggd_names = Counter(
            s for s in surfaces if s.startswith("GGD ") and self.gaz.entry(s) is not None
        )
        heads: dict[str, set[str]] = defaultdict(set)
        for c, surface in zip(chosen, surfaces, strict=True):
            if c.value and c.source == "definition" and not c.bound_to:
                continue
            if c.bound_to and c.bound_to.startswith(BARE_HEAD):
                continue  # after the named organisations
            if c.bound_to == "GGD" or (surface == "GGD" and not c.bound_to):
                c.value = self._ggd_value(ggd_names, place)
                continue
            if c.bound_to:
                c.value = c.bound_to
                continue
            entry = c.entry or self.gaz.entry(surface)
            if entry is not None:
                c.value = self._gazetteer_value(surface, entry, doc_names)
                continue
            if c.value:
                continue
            c.value = self._short_form_value(surface, doc_names, counts) or surface
        bare = [c for c in chosen if c.bound_to and c.bound_to.startswith(BARE_HEAD)]
        if bare:
            named_heads = _sets()["bare_heads"]
            for c in chosen:
                if c.value and c.value.startswith(named_heads):
                    head = c.value.split(" ", 1)[0]
                    if head in named_heads and " " in c.value:
                        heads[head].add(c.value)
            for c in bare:
                named = heads.get(c.bound_to[len(BARE_HEAD) :], set())  # type: ignore[index]
                c.value = next(iter(named)) if len(named) == 1 else None
        self._merge_typos(chosen, counts)

    def _ggd_value(self, ggd_names: Counter[str], place: str | None) -> str:
        regional = self.gaz.ggd_of_place.get(place or "")
        if regional and regional in ggd_names:
            return regional
        if ggd_names:
            (top, n), *rest = ggd_names.most_common()
            if not rest or rest[0][1] < n:
                return self.gaz.entry(top).name if self.gaz.entry(top) else top  # type: ignore[union-attr]
        return regional or "GGD"

    def _gazetteer_value(self, surface: str, entry: OrgEntry, doc_names: set[str]) -> str:
        if self.gazetteer_values:
            return entry.name
        forms = (entry.name, *entry.aliases)
        if surface not in forms:
            # case variant: the gazetteer's casing ("Gemeente Den Haag" → "gemeente Den Haag")
            surface = next((f for f in forms if f.lower() == surface.lower()), surface)
        # the full name when the document gives it ("H-team" → "H-team 070")
        full = entry.name
        words = surface.split()
        full_words = full.split()
        short = len(words) == 1 and not (_is_acronym(surface) and surface in full_words)
        # "Veiligheidsregio NHN": a head word with an acronym for the rest
        acr_form = len(words) > 1 and any(_is_acronym(w) and w not in full_words for w in words)
        if full in doc_names and len(full) > len(surface) and (short or acr_form):
            return full
        return surface

    @staticmethod
    def _short_form_value(surface: str, doc_names: set[str], counts: Counter[str]) -> str | None:
        """A short form of a longer name in the same text: ``Kracht`` → ``Kracht voor Jeugd- en Gezin``."""
        longer = [n for n in doc_names if n != surface and n.startswith(surface + " ")]
        if len(longer) == 1:
            return longer[0]
        return None

    @staticmethod
    def _merge_typos(chosen: list[_Cand], counts: Counter[str]) -> None:
        """Values that are typos of a more frequent value in the text take that value."""
        values = Counter(c.value for c in chosen if c.value)
        for c in chosen:
            v = c.value
            if not v or " " not in v:
                continue
            best, best_n = None, values[v]
            for w, n in values.items():
                if w != v and n > best_n and " " in w and similarity(v, w) >= TYPO_THRESHOLD:
                    best, best_n = w, n
            if best:
                c.value = best


# ----------------------------------------------------------------------- API


@cache
def default_finder() -> OrgFinder:
    return OrgFinder()


def find_orgs(text: str, year: int | None = None, *, place: str | None = None) -> list[Mention]:
    """All organisation names in ``text`` with their canonical value.

    >>> [(m.value) for m in find_orgs("De Haagse Jongerenambassadeurs (HJA) hebben ... De HJA ...")]
    ['Haagse Jongerenambassadeurs', 'Haagse Jongerenambassadeurs', 'Haagse Jongerenambassadeurs']
    """
    return default_finder()(text, place=place)


def resolve_document_orgs(
    text: str,
    mentions: Sequence[Mention],
    *,
    place: str | None = None,
    finder: OrgFinder | None = None,
    within: Sequence[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Redo the document-level ORG steps over a whole document after a per-passage run.

    ``mentions``: all mentions of the document (document offsets). ORG mentions are
    re-derived over the full ``text`` (definitions, bare ``GGD``, propagation and values
    across passages); other labels are kept, and the overlap rule decides between them.
    ``within``: spans (passages) where new mentions may appear; default everywhere.
    """
    finder = finder or default_finder()
    others = [m for m in mentions if m.label != "ORG"]
    orgs = finder(text, place=place, extra=[(m.start, m.end) for m in mentions if m.label == "ORG"])
    if within is not None:
        spans = sorted(within)
        starts = [s for s, _ in spans]
        from bisect import bisect_right

        def inside(m: Mention) -> bool:
            i = bisect_right(starts, m.start) - 1
            return i >= 0 and m.end <= spans[i][1]

        orgs = [m for m in orgs if inside(m)]
    return resolve_overlaps([*others, *orgs])


def resolve_with_pipeline(
    nlp: Language,
    text: str,
    mentions: Sequence[Mention],
    *,
    place: str | None = None,
    within: Sequence[tuple[int, int]] | None = None,
) -> list[Mention]:
    """:func:`resolve_document_orgs` with the finder (and user gazetteer) of the pipeline's
    ``policytext_orgs`` component; ``mentions`` unchanged when the pipeline has none."""
    for _, component in nlp.pipeline:
        if isinstance(component, OrgComponent):
            return resolve_document_orgs(
                text, mentions, place=place, finder=component.finder, within=within
            )
    return list(mentions)


# ---------------------------------------------------------------- spaCy component


def _register_place() -> None:
    if not Doc.has_extension("place"):
        Doc.set_extension("place", default=None)


class OrgComponent:
    """Pipeline component ``policytext_orgs``: ORG mentions into ``doc.spans["policytext"]``.

    Statistical models (``ner_path``: a pipeline trained by ``policytext train ner``;
    ``core_model``: e.g. ``nl_core_news_md``, used only when installed) add candidate
    spans labelled ORG where no rule fired.
    """

    def __init__(
        self,
        name: str,
        finder: OrgFinder,
        *,
        ner: Language | None = None,
        core: Language | None = None,
    ) -> None:
        self.name = name
        self.finder = finder
        self.ner = ner
        self.core = core

    def statistical_spans(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for model in (self.ner, self.core):
            if model is not None:
                spans += [(e.start_char, e.end_char) for e in model(text).ents if e.label_ == "ORG"]
        return spans

    def __call__(self, doc: Doc) -> Doc:
        extra = self.statistical_spans(doc.text) if (self.ner or self.core) else []
        found = self.finder(doc.text, place=doc._.place, extra=extra)
        if found:
            add_mentions(doc, found)
        elif SPAN_KEY not in doc.spans:
            doc.spans[SPAN_KEY] = []
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def score(self, examples: Iterable[Any], **kwargs: Any) -> dict[str, Any]:
        return score_mentions(examples, **kwargs)


def load_statistical(path_or_name: str | None) -> Language | None:
    """A spaCy pipeline with an ``ner`` component, or None when not given or not installed
    (``nl_core_news_md`` is optional and never downloaded)."""
    if not path_or_name:
        return None
    import importlib.util

    import spacy

    if Path(path_or_name).exists():
        return spacy.load(path_or_name)
    if importlib.util.find_spec(path_or_name) is None:
        return None
    nlp = spacy.load(path_or_name)
    keep = {"tok2vec", "ner"}
    for pipe in list(nlp.pipe_names):
        if pipe not in keep:
            nlp.disable_pipe(pipe)
    return nlp


@Language.factory(
    "policytext_orgs",
    default_config={
        "gazetteer_paths": [],
        "gazetteer_values": False,
        "ner_path": None,
        "core_model": None,
    },
    **COMPONENT_META,
)
def make_orgs(
    nlp: Language,
    name: str,
    gazetteer_paths: list[str],
    gazetteer_values: bool,
    ner_path: str | None,
    core_model: str | None,
) -> OrgComponent:
    """Organisations: ``de GGD`` → ``GGD Haaglanden``, ``Gemeente Den Haag`` → ``gemeente Den Haag``.

    ``gazetteer_paths``: extra gazetteer files (name, aliases, type); ``gazetteer_values``:
    value = the gazetteer's canonical name for every gazetteer match (``VWS`` →
    ``ministerie van Volksgezondheid, Welzijn en Sport``) instead of the guidelines' rule;
    ``ner_path``: trained ORG model (``models/ner``) for extra candidates (slower);
    ``core_model``: ``nl_core_news_md`` ORG entities as extra candidates when installed.
    """
    _register_place()
    finder = OrgFinder(load_gazetteer(gazetteer_paths), gazetteer_values=gazetteer_values)
    return OrgComponent(
        name, finder, ner=load_statistical(ner_path), core=load_statistical(core_model)
    )


_register_place()
