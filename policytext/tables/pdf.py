"""Tables on PDF pages, ruled or not, from the words and their positions.

pdfplumber's ``extract_tables()`` builds cells from ruling lines; the Rijksfinanciën
tables have none between columns (``Tabel 4 Ombuigingsmaatregelen ...``: only a rule
under the header and between groups), so it returns one cell per table. Here tables
are found from text alignment instead, and rules are used where they exist:

1. Words become lines (by vertical overlap) and tokens: a minus sign glued to its
   number (``‒ 60`` → ``‒60``), a number broken by a space mended (``2. 277``),
   superscript footnote marks dropped.
2. A *data line* has amounts after a label (or several amounts); a *year header* has
   years in columns (``2021 2022 ... Struc.``). Runs of data lines, with the label
   lines between them, make a table; the header and caption lines above it
   (``Tabel 4 ...``, ``Bedragen in miljoen euro``) are added.
3. Columns are the clusters of the amounts' horizontal extents; each column owns the
   strip from the previous column's right edge to its own, so a sign printed apart
   (``– 27 –   55``) still lands in its column. Header words name the columns; a
   header over several columns is a merged header.
4. Rows: a line with a ``Nr.`` (``12``) or a sub-item (``a.``) starts a row; a line
   starting in lower case, or after a label ending in ``-``/``,``/``en``, continues it;
   thin horizontal rules (drawn rectangles, not white) bound rows where they exist, and
   a number wrapped inside a ruled cell (``45.54`` / ``0``) is joined.

The result is a :class:`~policytext.tables.meaning.RawTable` per table, interpreted
like every other source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from policytext.tables.meaning import (
    MERGED,
    RawTable,
    find_unit,
    interpret,
    is_key_header,
    lexicon,
    parse_cell,
)
from policytext.tables.model import Table

# Word spacing is about 0.25-0.3 em; a gap wider than this starts a new phrase.
PHRASE_GAP_EM = 0.55
# A sign this close to a number is its sign (in em).
SIGN_GAP_EM = 0.6
# Lines in one table are at most this many line heights apart.
MAX_LINE_GAP = 2.6
MAX_CAPTION_GAP = 4.5
# A word this much smaller than its line is a superscript (footnote mark).
SUPERSCRIPT_RATIO = 0.7
# A horizontal rule: a thin, visible rectangle covering this share of the table width.
RULE_MAX_THICKNESS = 1.6
RULE_MIN_COVER = 0.6
MAX_HEADER_LINES = 4
# Lines of one wrapped label are closer than this share of a line height.
TIGHT_GAP = 0.3
MAX_HEADER_PHRASE_WORDS = 6
RE_CAPTION_START = re.compile(r"(?:tabel|table)\s{0,3}[0-9]{0,3}\b", re.IGNORECASE)
# A sub-item of a numbered measure: "a. 20 procent korting", "b) ...", "a Variant 100 euro".
RE_SUBITEM = re.compile(r"^(?:(?:[a-z]|[ivx]{1,4})[.)]\s|[a-h]\s{1,3}[A-Z0-9])")
RE_KEY = re.compile(r"^[0-9]{1,3}[a-z]?\.?$")
RE_YEAR_HEADER = re.compile(r"(?:19|20)[0-9]{2}")
RE_FRAGMENT = re.compile(r"^[0-9][0-9.,]*$")
RE_PLUS_PM = re.compile(r"\+\s?p\.?m\.?", re.IGNORECASE)


@dataclass(slots=True)
class Tok:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    kind: str = "text"  # num, dash, mark, sign, text

    @property
    def numeric(self) -> bool:
        return self.kind in ("num", "dash", "mark", "sign")


@dataclass(slots=True)
class Phrase:
    toks: list[Tok]

    @property
    def x0(self) -> float:
        return self.toks[0].x0

    @property
    def x1(self) -> float:
        return self.toks[-1].x1

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.toks)

    @property
    def pure_numeric(self) -> bool:
        return all(t.numeric for t in self.toks) and any(t.kind != "sign" for t in self.toks)


@dataclass(slots=True)
class Line:
    toks: list[Tok]
    phrases: list[Phrase] = field(default_factory=list)
    kind: str = "text"  # data, years, text
    key: Tok | None = None

    @property
    def top(self) -> float:
        return min(t.top for t in self.toks)

    @property
    def bottom(self) -> float:
        return max(t.bottom for t in self.toks)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def size(self) -> float:
        return max(t.size for t in self.toks)

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.phrases)

    @property
    def x0(self) -> float:
        return self.toks[0].x0

    @property
    def x1(self) -> float:
        return self.toks[-1].x1


# --- words to lines ----------------------------------------------------------------


def token_kind(text: str) -> str:
    if text in lexicon()["minus_signs"] or text == "+":
        return "sign"
    cell = parse_cell(text)
    if cell.kind in ("number", "percent"):
        return "num"
    return {"empty": "dash", "marker": "mark"}.get(cell.kind, "text")


def group_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words into lines: a word joins a line it overlaps vertically by half its height
    (a superscript overlaps its line; a value printed between two label lines does not)."""
    lines: list[list[dict[str, Any]]] = []
    bounds: list[list[float]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        h = max(w["bottom"] - w["top"], 0.1)
        for i in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            top, bottom = bounds[i]
            overlap = min(bottom, w["bottom"]) - max(top, w["top"])
            if overlap >= 0.5 * min(h, bottom - top):
                lines[i].append(w)
                bounds[i] = [min(top, w["top"]), max(bottom, w["bottom"])]
                break
        else:
            lines.append([w])
            bounds.append([w["top"], w["bottom"]])
    return [sorted(ws, key=lambda w: w["x0"]) for ws in lines]


def make_tokens(words: list[dict[str, Any]]) -> list[Tok]:
    """Tokens of one line: superscripts dropped, signs glued, broken numbers mended."""
    size = max(w.get("size", 10.0) for w in words)
    toks = [
        Tok(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w.get("size", size))
        for w in words
        if w.get("size", size) >= SUPERSCRIPT_RATIO * size
    ]
    for t in toks:
        t.kind = token_kind(t.text)
    out: list[Tok] = []
    for t in toks:
        if out:
            prev = out[-1]
            gap = t.x0 - prev.x1
            if prev.kind == "sign" and t.kind == "num" and gap <= SIGN_GAP_EM * t.size:
                out[-1] = Tok(prev.text + t.text, prev.x0, t.x1, t.top, t.bottom, t.size, "num")
                continue
            if prev.kind == "num" and gap <= 1 and RE_PLUS_PM.fullmatch(t.text):
                out[-1] = Tok(
                    prev.text + t.text, prev.x0, t.x1, prev.top, prev.bottom, prev.size, "num"
                )
                continue
            if (
                prev.kind == "num"
                and prev.text[-1] in ".,"
                and t.kind == "num"
                and gap <= 0.5 * t.size
                and parse_cell(prev.text + t.text).kind == "number"
            ):
                out[-1] = Tok(prev.text + t.text, prev.x0, t.x1, t.top, t.bottom, t.size, "num")
                continue
        out.append(t)
    # A dash not followed by a number is an empty cell ("-" under each year).
    for i, t in enumerate(out):
        if t.kind == "sign" and t.text != "+":
            nxt = out[i + 1] if i + 1 < len(out) else None
            if nxt is None or nxt.kind != "num":
                t.kind = "dash"
    return out


def make_phrases(toks: list[Tok]) -> list[Phrase]:
    """Runs of tokens at word spacing; runs of amounts are split into single amounts."""
    phrases: list[Phrase] = []
    for t in toks:
        if phrases and t.x0 - phrases[-1].x1 <= PHRASE_GAP_EM * t.size:
            phrases[-1].toks.append(t)
        else:
            phrases.append(Phrase([t]))
    out: list[Phrase] = []
    for p in phrases:
        if p.pure_numeric and len(p.toks) > 1:
            out.extend(Phrase([t]) for t in p.toks)
        else:
            out.append(p)
    return out


def classify(line: Line) -> None:
    """``data`` (amounts in columns), ``years`` (a header of years) or ``text``."""
    ph = line.phrases
    if (
        len(ph) >= 2
        and len(ph[0].toks) == 1
        and RE_KEY.match(ph[0].toks[0].text)
        and not ph[1].pure_numeric
    ):
        line.key = ph[0].toks[0]
    start = 1 if line.key else 0
    cells = [p for i, p in enumerate(ph) if i >= start and p.pure_numeric]
    amounts = [p for p in cells if p.toks[0].kind in ("num", "dash", "mark")]
    years = [p for p in amounts if parse_cell(p.text).is_year]
    texts = [p for i, p in enumerate(ph) if i >= start and not p.pure_numeric]
    if len(years) >= 2 and len(years) >= len(amounts) - 1:
        line.kind = "years"
    elif amounts and (len(amounts) >= 2 or (texts and ph.index(amounts[0]) > ph.index(texts[0]))):
        # A single amount after text: a table row only if the gap before it is wide.
        if len(amounts) == 1 and not texts_wide_gap(ph, amounts[0]):
            line.kind = "text"
        else:
            line.kind = "data"
    else:
        line.kind = "text"


def texts_wide_gap(phrases: list[Phrase], amount: Phrase) -> bool:
    i = phrases.index(amount)
    return i > 0 and amount.x0 - phrases[i - 1].x1 >= 3 * amount.toks[0].size


def page_lines(page: Any) -> list[Line]:
    words = page.extract_words(
        x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"]
    )
    lines: list[Line] = []
    for ws in group_lines(words):
        toks = make_tokens(ws)
        if not toks:
            continue
        line = Line(toks, make_phrases(toks))
        classify(line)
        lines.append(line)
    return lines


# --- rules -------------------------------------------------------------------------


def is_white(color: Any) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color >= 0.95
    values = list(color) if isinstance(color, (list, tuple)) else []
    if len(values) == 1:
        return values[0] >= 0.95
    if len(values) == 3:
        return all(v >= 0.95 for v in values)
    if len(values) == 4:  # CMYK
        return all(v <= 0.05 for v in values)
    return False


def rule_segments(
    page: Any,
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Visible rules: ``(y, x0, x1)`` horizontal and ``(x, top, bottom)`` vertical ones.

    A rule is a drawn line, an edge of a stroked rectangle, or a thin filled rectangle
    that is not white (white ones are invisible spacers in Word exports).
    """
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    for r in page.rects:
        filled = r.get("fill") and not is_white(r.get("non_stroking_color"))
        if r.get("stroke") and not is_white(r.get("stroking_color")):
            hs += [(r["top"], r["x0"], r["x1"]), (r["bottom"], r["x0"], r["x1"])]
            vs += [(r["x0"], r["top"], r["bottom"]), (r["x1"], r["top"], r["bottom"])]
        elif filled and r["height"] <= RULE_MAX_THICKNESS and r["width"] > 2:
            hs.append(((r["top"] + r["bottom"]) / 2, r["x0"], r["x1"]))
        elif filled and r["width"] <= RULE_MAX_THICKNESS and r["height"] > 2:
            vs.append(((r["x0"] + r["x1"]) / 2, r["top"], r["bottom"]))
    for ln in page.lines:
        if abs(ln["top"] - ln["bottom"]) <= RULE_MAX_THICKNESS:
            hs.append(((ln["top"] + ln["bottom"]) / 2, ln["x0"], ln["x1"]))
        elif abs(ln["x0"] - ln["x1"]) <= RULE_MAX_THICKNESS:
            vs.append(((ln["x0"] + ln["x1"]) / 2, ln["top"], ln["bottom"]))
    return merge_segments(hs), vs


def merge_segments(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Segments at one height that touch become one rule."""
    merged: list[list[float]] = []
    for y, x0, x1 in sorted(segs):
        if merged and abs(merged[-1][0] - y) <= 1.0 and x0 <= merged[-1][2] + 3:
            merged[-1][1] = min(merged[-1][1], x0)
            merged[-1][2] = max(merged[-1][2], x1)
        else:
            merged.append([y, x0, x1])
    return [(y, x0, x1) for y, x0, x1 in merged]


def has_vertical_rules(
    vertical: list[tuple[float, float, float]],
    bbox: tuple[float, float, float, float],
    n_columns: int,
) -> bool:
    """Rules between all columns (not only an outer frame or a line after the labels)."""
    x0, top, x1, bottom = bbox
    inner = {round(x) for x, t, b in vertical if x0 + 10 < x < x1 - 10 and t < bottom and b > top}
    return len(inner) >= max(1, n_columns)


# --- finding tables ----------------------------------------------------------------


def is_caption(line: Line) -> bool:
    """``Tabel 4 ...``, ``Budgettaire gevolgen ...`` or a line naming a unit."""
    text = line.text
    low = text.lower()
    return (
        find_unit(text) is not None
        or RE_CAPTION_START.match(text) is not None
        or low.startswith(tuple(lexicon()["caption_starts"]))
    ) and len(text) <= 200


def value_left(lines: Iterable[Line]) -> float | None:
    """Left edge of the amounts: where the value columns begin."""
    xs = [
        p.x0
        for ln in lines
        if ln.kind in ("data", "years")
        for p in ln.phrases
        if p.pure_numeric and (ln.key is None or p.toks[0] is not ln.key)
    ]
    return min(xs) if xs else None


def header_like(line: Line, left: float) -> bool:
    """A header line: short phrases, at least one over the amount columns."""
    if line.kind == "years":
        return True
    if line.kind != "text" or line.text.endswith(":"):
        return False
    if any(len(p.toks) > MAX_HEADER_PHRASE_WORDS for p in line.phrases):
        return False
    if any(len(p.toks) >= 3 and p.text.endswith((".", ";")) for p in line.phrases):  # prose
        return False
    return any(p.x1 > left for p in line.phrases) and not is_caption(line)


def body_text_ok(line: Line, left: float) -> bool:
    """A text line inside a table: a label line, or short cells over the columns."""
    for p in line.phrases:
        if p.x0 < left - 2:
            if p.x1 > left + 2 * line.size:
                return False
        elif len(p.toks) > 3:
            return False
    return True


@dataclass(slots=True)
class Block:
    caption: list[Line]
    header: list[Line]
    body: list[Line]


def closed_by_rule(line: Line, rules: list[tuple[float, float, float]]) -> bool:
    """A rule right under ``line`` that spans it: the table's bottom border."""
    return any(
        line.bottom - 1 <= y <= line.bottom + 1.5 * line.height
        and x0 <= line.x0 + 2
        and x1 >= line.x1
        for y, x0, x1 in rules
    )


def find_blocks(
    lines: list[Line], rules: list[tuple[float, float, float]] | None = None
) -> list[Block]:
    """Tables on a page: runs of data lines with their label lines, header and caption."""
    heights = [ln.height for ln in lines if ln.height > 0]
    lh = median(heights) if heights else 10.0
    blocks: list[Block] = []
    i = 0
    used = set()
    while i < len(lines):
        if lines[i].kind not in ("data", "years") or i in used:
            i += 1
            continue
        start = i
        members = [i]
        j = i + 1
        while j < len(lines):
            prev, ln = lines[members[-1]], lines[j]
            if ln.top - prev.bottom > MAX_LINE_GAP * lh:
                break
            if is_caption(ln) and ln.kind == "text":
                break
            left = value_left(lines[k] for k in members) or ln.x1
            if ln.kind == "data":
                members.append(j)
            elif ln.kind == "years":
                if any(lines[k].kind == "data" for k in members):
                    break
                members.append(j)
            elif body_text_ok(ln, left):
                members.append(j)
            else:
                break
            j += 1
        body_idx = list(members)
        # Trailing text lines that are not continuations are no part of the table.
        while body_idx and lines[body_idx[-1]].kind == "text":
            last = lines[body_idx[-1]]
            prev_line = lines[body_idx[-2]] if len(body_idx) > 1 else None
            tight = prev_line is not None and last.top - prev_line.bottom < TIGHT_GAP * last.height
            if continues(prev_line.text if prev_line else "", last) or (
                (tight or closed_by_rule(last, rules or []))
                and body_text_ok(last, value_left(lines[k] for k in body_idx) or last.x1)
            ):
                break
            body_idx.pop()
        if not any(lines[k].kind == "data" for k in body_idx):
            i = j
            continue
        # Header lines: year lines at the top of the run, and short lines above it.
        header_idx = []
        while body_idx and lines[body_idx[0]].kind == "years":
            header_idx.append(body_idx.pop(0))
        left = value_left(lines[k] for k in [*header_idx, *body_idx]) or 0.0
        # A header wrapped under the year line ("Struc." over "in") is header too.
        while (
            header_idx
            and body_idx
            and lines[body_idx[0]].kind == "text"
            and all(p.x0 >= left - 1 for p in lines[body_idx[0]].phrases)
        ):
            header_idx.append(body_idx.pop(0))
        k = start - 1
        top_line = lines[header_idx[0] if header_idx else body_idx[0]]
        while k >= 0 and len(header_idx) < MAX_HEADER_LINES and k not in used:
            ln = lines[k]
            if top_line.top - ln.bottom > MAX_LINE_GAP * lh or not header_like(ln, left):
                break
            header_idx.insert(0, k)
            top_line = ln
            k -= 1
        caption_idx: list[int] = []
        while k >= 0 and len(caption_idx) < 3 and k not in used:
            ln = lines[k]
            if top_line.top - ln.bottom > MAX_CAPTION_GAP * lh or not is_caption(ln):
                break
            caption_idx.insert(0, k)
            top_line = ln
            k -= 1
        used.update(caption_idx + header_idx + body_idx)
        blocks.append(
            Block(
                [lines[c] for c in caption_idx],
                [lines[h] for h in header_idx],
                [lines[b] for b in body_idx],
            )
        )
        i = max(j, i + 1)
    return blocks


# --- columns and rows --------------------------------------------------------------


@dataclass(slots=True)
class Column:
    x0: float
    x1: float
    header: list[list[Phrase]] = field(default_factory=list)


def cluster_columns(body: list[Line], left: float) -> list[Column]:
    """Columns from the horizontal extents of the amounts (overlapping extents merge)."""
    spans: list[list[float]] = []
    for ln in body:
        for p in ln.phrases:
            if (
                p.x0 < left - 1
                or not p.pure_numeric
                or (ln.key is not None and p.toks[0] is ln.key)
            ):
                continue
            if all(t.kind == "sign" for t in p.toks):
                continue
            spans.append([p.x0, p.x1])
    spans.sort()
    cols: list[Column] = []
    for x0, x1 in spans:
        hit = [c for c in cols if x0 <= c.x1 and x1 >= c.x0]
        if hit:
            c = hit[0]
            c.x0, c.x1 = min(c.x0, x0), max(c.x1, x1)
            for other in hit[1:]:
                c.x0, c.x1 = min(c.x0, other.x0), max(c.x1, other.x1)
                cols.remove(other)
        else:
            cols.append(Column(x0, x1))
    cols.sort(key=lambda c: c.x0)
    return cols


def drop_stray_columns(
    cols: list[Column], body: list[Line], header: list[Line], left: float
) -> None:
    """Under a header, a cluster no header word is over and few rows use is a few
    amounts printed off their column (``0`` left of ``2021``): they go to the column
    whose strip holds them instead."""
    heads = [p for ln in header for p in ln.phrases if p.x1 > left]
    if not heads:
        return
    n_data = sum(ln.kind == "data" for ln in body)
    for c in list(cols):
        if any(p.x0 <= c.x1 and p.x1 >= c.x0 for p in heads):
            continue
        support = sum(
            any(p.pure_numeric and p.x0 <= c.x1 and p.x1 >= c.x0 for p in ln.phrases) for ln in body
        )
        if support <= max(1, 0.25 * n_data) and len(cols) > 1:
            cols.remove(c)


def add_header_columns(cols: list[Column], header: list[Line], left: float) -> None:
    """Header phrases over no amount column (a year column left empty) make a column."""
    for ln in header:
        for p in ln.phrases:
            if p.x1 <= left:
                continue
            if not any(p.x0 <= c.x1 and p.x1 >= c.x0 for c in cols):
                cols.append(Column(p.x0, p.x1))
    cols.sort(key=lambda c: c.x0)


def column_of(x0: float, x1: float, cols: list[Column]) -> int | None:
    """The column whose strip (previous column's right edge, own right edge] holds the
    token's right end; a token past the last column belongs to it if close."""
    for i, c in enumerate(cols):
        prev = cols[i - 1].x1 if i else float("-inf")
        if prev < x1 <= c.x1 + 2:
            return i
    if cols and x0 <= cols[-1].x1 + 20:
        return len(cols) - 1
    return None


def continues(label: str, line: Line) -> bool:
    """Whether ``line`` continues the label above it: it starts in lower case or with a
    bracket, or the label ends in ``-``, ``,`` or a word such as ``en``/``van``.

    ``"Besparen op ... programma-"`` + ``"middelen"`` → True; ``"Lokale uitvoering"`` +
    ``"Verhogen budget ..."`` → False.
    """
    text = line.phrases[0].text if line.phrases else ""
    if not text or not label:
        return False
    if text[0].islower() or text[0] in "()/&":
        return True
    last = label.split()[-1].lower()
    return label.endswith(("-", ",", "(", "/", "&", "+")) or last in lexicon()["continuation_words"]


@dataclass(slots=True)
class RowAcc:
    key: str = ""
    label: list[str] = field(default_factory=list)
    cells: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    band: int = 0
    numeric: set[int] = field(default_factory=set)

    @property
    def label_text(self) -> str:
        out = ""
        for part in self.label:
            if out.endswith("-") and part[:1].islower() and not out[-2:-1].isupper():
                out = out[:-1] + part  # "programma-" + "middelen"; "OCW-" + "budget" keeps it
            elif out.endswith("-") and not out.endswith(" -"):
                out += part
            else:
                out = f"{out} {part}".strip()
        return out


def join_cell(parts: list[tuple[int, str]]) -> str:
    """Cell text from its pieces; a number wrapped over lines is joined (``45.54``+``0``)."""
    out = ""
    last_line = None
    for line_no, text in parts:
        if (
            out
            and last_line != line_no
            and RE_FRAGMENT.match(out.split()[-1])
            and RE_FRAGMENT.match(text)
        ):
            out += text
        else:
            out = f"{out} {text}".strip()
        last_line = line_no
    return out


def build_rows(
    body: list[Line],
    cols: list[Column],
    left: float,
    rules: list[float],
    key_span: tuple[float, float] | None,
) -> list[RowAcc]:
    """Group body lines into rows (see the module docstring)."""

    def band_of(ln: Line) -> int:
        mid = (ln.top + ln.bottom) / 2
        return sum(1 for y in rules if y < mid)

    def is_key(ln: Line) -> Tok | None:
        if key_span is None:
            return None
        first = ln.toks[0]
        in_span = key_span[0] - 3 <= first.x0 <= key_span[1] + 3
        if in_span and (
            first is ln.key or (len(ln.phrases[0].toks) == 1 and RE_KEY.match(first.text))
        ):
            return first
        return None

    parsed = []
    for ln in body:
        key = is_key(ln)
        label_parts = [
            p.text
            for p in ln.phrases
            if (key is None or p.toks[0] is not key) and p.x0 < left - 1 and not p.pure_numeric
        ]
        placed: dict[int, list[str]] = {}
        numeric: set[int] = set()
        for p in ln.phrases:
            if key is not None and p.toks[0] is key:
                continue
            if p.pure_numeric:
                if p.x1 < left - 1:
                    continue  # a number left of the amounts is no amount
                for t in p.toks:
                    c = column_of(t.x0, t.x1, cols)
                    if c is not None:
                        placed.setdefault(c, []).append(t.text)
                        if t.kind in ("num", "dash", "mark"):
                            numeric.add(c)
            elif p.x0 >= left - 1:
                c = column_of(p.x0, p.x1, cols)
                if c is not None:
                    placed.setdefault(c, []).append(p.text)
        parsed.append((ln, key, " ".join(label_parts), placed, numeric, band_of(ln)))

    # Rules around every row (a ruled grid) or only around groups of rows?
    starts = sum(1 for _, key, label, *_ in parsed if key is not None or label[:1].isupper())
    bands = len({b for *_, b in parsed})
    row_ruled = bool(rules) and bands >= 2 and bands >= 0.6 * starts

    rows: list[RowAcc] = []
    for n, (ln, key, label, placed, numeric, band) in enumerate(parsed):
        cur = rows[-1] if rows else None
        if cur is not None:
            # A cell left open ("38 +" over "PM") takes the next line's piece.
            numeric = {
                c
                for c in numeric
                if not (cur.cells.get(c) and cur.cells[c][-1][1].endswith(("+", "-", "–")))
            }
        if cur is None or (rules and band != cur.band):
            new = True
        elif key is not None and not label and not placed and not cur.key:
            new = False  # a "Nr." centred on a row of two lines
        elif key is not None or (label and RE_SUBITEM.match(label)):
            new = True
        elif label:
            # A wrapped label line follows at tight spacing; a new row leaves a gap.
            tight = n > 0 and ln.top - body[n - 1].bottom < TIGHT_GAP * ln.height
            clash = bool(numeric & cur.numeric)
            if not cur.label or row_ruled:
                new = False
            elif continues(cur.label_text, ln) or (tight and not placed):
                new = clash
            else:
                new = True
        else:  # amounts only: a row of its own only if its columns are taken
            new = bool(numeric & cur.numeric) and not row_ruled
        if (
            new
            and label
            and not placed
            and n == len(parsed) - 1
            and cur is not None
            and cur.numeric
        ):
            new = False  # a label line closing the table ends the row above it
        if new:
            cur = RowAcc(key=key.text if key is not None else "", band=band)
            rows.append(cur)
        assert cur is not None
        if key is not None and not cur.key:
            cur.key = key.text
        if label:
            cur.label.append(label)
        for c, texts in placed.items():
            cur.cells.setdefault(c, []).extend((n, t) for t in texts)
        cur.numeric |= parsed[n][4]
    return rows


def block_table(
    block: Block,
    rules_all: list[tuple[float, float, float]],
    vertical: list[tuple[float, float, float]],
) -> RawTable | None:
    body = block.body
    left = value_left([*block.header, *body])
    if left is None:
        return None
    # Key column ("Nr."): from the header, else lines that start with a short number.
    key_span: tuple[float, float] | None = None
    key_name = ""
    for ln in block.header:
        for t in ln.toks:
            if t.x1 < left and is_key_header(t.text):
                key_span, key_name = (t.x0, t.x1), t.text
    keyed = [ln for ln in body if ln.key is not None]
    if (
        key_span is None
        and len(keyed) >= 2
        and len(keyed) >= 0.5 * sum(ln.kind == "data" for ln in body)
    ):
        xs = [ln.key.x0 for ln in keyed if ln.key is not None]
        key_span, key_name = (min(xs), max(xs) + 8), "Nr."
    if key_span is None:
        for ln in body:
            ln.key = None
    cols = cluster_columns(body, left)
    drop_stray_columns(cols, body, block.header, left)
    add_header_columns(cols, block.header, left)
    if not cols:
        return None
    all_lines = [*block.caption, *block.header, *body]
    x0 = min(ln.x0 for ln in all_lines)
    x1 = max(ln.x1 for ln in all_lines)
    top = (block.header[0] if block.header else body[0]).top
    bottom = body[-1].bottom
    width = x1 - x0
    rules = [
        y
        for y, rx0, rx1 in rules_all
        if top - 2 < y < bottom + 2 and min(rx1, x1) - max(rx0, x0) >= RULE_MIN_COVER * width
    ]
    rows = build_rows(body, cols, left, rules, key_span)

    # Header grid: [key?] [label] [columns...]
    lead = 2 if key_span else 1
    header_rows: list[list[str | None]] = []
    for ln in block.header:
        row: list[str | None] = [""] * (lead + len(cols))
        label_bits = []
        for p in ln.phrases:
            if p.x1 <= left:
                toks = p.toks
                if key_span and toks and is_key_header(toks[0].text):
                    row[0] = toks[0].text
                    toks = toks[1:]
                if toks:
                    label_bits.append(" ".join(t.text for t in toks))
                continue
            hit = [i for i, c in enumerate(cols) if p.x0 <= c.x1 and p.x1 >= c.x0]
            if not hit:
                continue
            first = lead + hit[0]
            row[first] = f"{row[first]} {p.text}".strip() if row[first] else p.text
            for i in hit[1:]:
                row[lead + i] = MERGED
        row[lead - 1] = " ".join(label_bits)
        header_rows.append(row)
    body_rows = []
    for r in rows:
        cells = [""] * (lead + len(cols))
        if key_span:
            cells[0] = r.key
        cells[lead - 1] = r.label_text
        for c, parts in r.cells.items():
            cells[lead + c] = join_cell(parts)
        body_rows.append(cells)
    if key_span and header_rows and not header_rows[0][0]:
        header_rows[-1][0] = key_name
    elif key_span and not header_rows:
        header_rows = [[key_name] + [""] * (lead - 1 + len(cols))]
    caption = " ".join(ln.text for ln in block.caption) or None
    ruled = has_vertical_rules(vertical, (x0, top, x1, bottom), len(cols))
    return RawTable(
        body=body_rows,
        header=header_rows or None,
        caption=caption,
        source="pdf-ruled" if ruled else "pdf-aligned",
        bbox=(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)),
    )


def page_raw_tables(page: Any) -> list[RawTable]:
    """The raw tables of one pdfplumber page, top to bottom."""
    lines = page_lines(page)
    rules, vertical = rule_segments(page)
    out = []
    for block in find_blocks(lines, rules):
        raw = block_table(block, rules, vertical)
        if raw is not None and raw.body:
            out.append(raw)
    return out


def plausible(table: Table) -> bool:
    """A table, not a page header with a page number or a table of contents: labelled
    rows, three with amounts, or fewer under a unit (``in mln. euro's``) or a header of
    years."""
    amount_rows = sum(any(v is not None for v in r.values.values()) for r in table.rows)
    if not table.columns or not amount_rows or not any(r.label for r in table.rows):
        return False
    years = sum(RE_YEAR_HEADER.fullmatch(c) is not None for c in table.columns)
    if len(table.columns) <= 2 and is_page_list(table):
        return False
    return amount_rows >= 3 or table.unit_source in ("caption", "header") or years >= 2


def is_page_list(table: Table) -> bool:
    """A table of contents: small whole numbers that only go up (page numbers)."""
    for column in table.columns:
        values = [r.values.get(column) for r in table.rows]
        numbers = [v for v in values if v is not None]
        if len(numbers) < 3 or any(v <= 0 or v > 9999 or v != int(v) for v in numbers):
            return False
        if any(b < a for a, b in pairwise(numbers)):
            return False
    return bool(table.columns)


def iter_page_tables(
    pdf: Any,
    pages: Iterable[int] | None,
    doc_id: str,
    document_unit: Callable[[], float | None] | None = None,
) -> Iterator[Table]:
    """Tables of the given pages of an open pdfplumber document, top to bottom.

    A table naming no unit takes the unit of the table before it on the same page, or
    on the page before when it continues that table (no header of its own); otherwise
    the unit the document states for all its tables (``document_unit()``, asked only
    when needed).
    """
    unit: float | None = None
    unit_page = 0
    last: RawTable | None = None  # the last table read, for one continued on the next page
    numbers = list(pages) if pages is not None else range(1, len(pdf.pages) + 1)
    for number in numbers:
        if not 1 <= number <= len(pdf.pages):
            continue
        page = pdf.pages[number - 1]
        for i, raw in enumerate(page_raw_tables(page), 1):
            raw.page = number
            continued = (
                i == 1
                and raw.header is None
                and last is not None
                and last.page == number - 1
                and last.width == raw.width
            )
            if continued and last is not None and last.header:
                raw.header = [list(r) for r in last.header]  # the header is on the page before
                raw.notes.append(f"header from page {last.page}")
            last = raw
            if unit is not None and (
                number == unit_page or (continued and number == unit_page + 1)
            ):
                hint, source = unit, "inherited"
            else:
                hint, source = (document_unit() if document_unit else None), "document"
            table = interpret(
                raw,
                doc_id=doc_id,
                table_id=f"{doc_id}:p{number}t{i}",
                unit_hint=hint,
                hint_source=source,
            )
            if table.unit_source in ("caption", "header", "inherited"):
                unit, unit_page = table.unit_multiplier, number
            if plausible(table):
                yield table
        page.flush_cache()


RE_PAGE_NUMBER = re.compile(r"(?<![\w.,])[-–‒−]?\s?[0-9][0-9.,]{0,15}(?![\w])")
MIN_NUMBERS_ON_LINE = 3
# Pages searched for "In alle tabellen zijn de bedragen in ..." when only some pages are read.
UNIT_STATEMENT_PAGES = 20
# A one-column table: this many lines that end in an amount ("... -9.485.000.000").
MIN_LINES_ENDING_IN_NUMBER = 5
RE_ENDS_IN_NUMBER = re.compile(r"\s[-–‒−+]?[0-9]{1,3}(?:[.,][0-9]{1,3}){0,5}\s*$")


@dataclass(slots=True)
class PdfScan:
    """What a fast pass over a PDF's text layer finds: pages worth a close look, and a
    unit the document states for all its tables."""

    candidates: list[int]
    unit: float | None


def scan_pdf(path: str | Path, max_pages: int | None = None) -> PdfScan:
    """Pages where some line holds three or more numbers, three lines in a row hold two,
    or two lines hold two under a unit; and a statement such as ``In alle tabellen zijn
    de bedragen in miljoenen euro's``. Read with pdfium's text layer, about a hundredth
    of pdfplumber's time per page, so whole documents stay quick."""
    import pypdfium2 as pdfium

    statement_words = tuple(lexicon()["document_unit_words"])
    pages: list[int] = []
    unit: float | None = None
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(min(len(doc), max_pages or len(doc))):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            lines = text.splitlines()
            for line in lines if unit is None else ():
                if any(w in line.lower() for w in statement_words):
                    unit = find_unit(line)
                    if unit is not None:
                        break
            counts = [len(RE_PAGE_NUMBER.findall(line)) for line in lines]
            pairs = [c >= 2 for c in counts]
            ending = sum(RE_ENDS_IN_NUMBER.search(line) is not None for line in lines)
            if (
                any(c >= MIN_NUMBERS_ON_LINE for c in counts)
                or ending >= MIN_LINES_ENDING_IN_NUMBER
                or any(all(pairs[k : k + 3]) for k in range(len(pairs) - 2))
                or (sum(pairs) >= 2 and (unit is not None or find_unit(text) is not None))
            ):
                pages.append(i + 1)
    finally:
        doc.close()
    return PdfScan(pages, unit)


def candidate_pages(path: str | Path) -> list[int]:
    """1-based pages worth a close look (see :func:`scan_pdf`)."""
    return scan_pdf(path).candidates


def tables_from_pdf(
    path: str | Path,
    pages: Iterable[int] | None = None,
    *,
    doc_id: str | None = None,
    also: Iterable[int] = (),
) -> list[Table]:
    """Tables of a PDF, top to bottom: on the 1-based ``pages``, or when None on the pages
    :func:`scan_pdf` picks plus the pages in ``also``. Units carry over as
    :func:`iter_page_tables` says.

    >>> [t.caption for t in tables_from_pdf("ombuigingslijst.pdf", [96])]  # doctest: +SKIP
    ['Tabel 22 ... Bedragen in miljoen euro (+ = saldo verslechterend)', 'Tabel 23 ...', ...]
    """
    import pdfplumber

    path = Path(path)
    scan = scan_pdf(path) if pages is None else None
    if scan is not None:
        pages = sorted({*scan.candidates, *also})

    @cache
    def document_unit() -> float | None:
        # A statement on all tables stands near the start ("Leeswijzer").
        return scan.unit if scan is not None else scan_pdf(path, UNIT_STATEMENT_PAGES).unit

    with pdfplumber.open(path) as pdf:
        return list(iter_page_tables(pdf, pages, doc_id or path.stem, document_unit))
