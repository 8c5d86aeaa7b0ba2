"""Split a raw document into passages: headings, paragraphs, list items and tables.

Formats that know their structure (HTML, DOCX, PDF) hand over :class:`Block` hints and
only section paths are computed here. Plain text and Markdown are segmented from their
lines: web exports such as the sample corpus put one paragraph per line, headings on
short lines of their own (``Seniorvriendelijk Den Haag``, ``1. Sociale basis en
emancipatie``), bullets as ``  • ...`` and tables flattened to one cell per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from policytext.document import Block, Document, Passage, RawDocument

# A bullet marker at the start of a line: symbol bullets, dashes, "1)", "a.", "(2)".
RE_BULLET = re.compile(
    r"[ \t]*(?:[•·▪◦‣●○■□➢►✓✔*]|[-–—](?=[ \t])|\(?[0-9]{1,2}\)|\(?[a-z]\))[ \t]*\S"
)
# A numbered line: "1. Sociale basis", "2.3 Jeugdhulp", "3) ..." (number then text).
RE_NUMBERED = re.compile(r"[ \t]*(?P<num>[0-9]{1,2}(?:\.[0-9]{1,2}){0,3})\.?[ \t]+(?P<rest>\S.*)")
RE_MD_HEADING = re.compile(r"[ \t]{0,3}(?P<hashes>#{1,6})[ \t]+(?P<rest>.*?)[ \t#]*$")
# One cell of a flattened table: a number (Dutch format, signs, brackets), V/N, -, p.m.
RE_NUMERIC_CELL = re.compile(
    r"[ \t]*(?:[-–+]?[ \t]?€?[ \t]?\(?[0-9]{1,3}(?:[.,\u202f ][0-9]{3}){0,6}(?:,[0-9]{1,3})?\)?%?"
    r"|[VN]|[-–—]|p\.?m\.?|nvt|n\.v\.t\.)[ \t]*",
    re.IGNORECASE,
)
# A table caption in the text: "bedragen x € 1.000", "(x € 1 miljoen)", "in miljoenen euro".
RE_TABLE_CAPTION = re.compile(
    r"bedragen\s+(?:x|in)\b|\bx\s*(?:€\s*)?1[.,]?000\b|\bx\s*(?:€\s*)?1\s*(?:miljoen|mln)|"
    r"\bin\s+(?:miljoenen|miljarden|duizenden)\b|\bin\s+(?:mln|mld)\.?\s+euro",
    re.IGNORECASE,
)
# A line that is only a year or a year range, as in project timelines ("2025").
RE_YEAR_LINE = re.compile(r"(?:19|20)[0-9]{2}(?:[ \t]*[-–][ \t]*(?:(?:19|20)[0-9]{2}|heden|nu))?")
SENTENCE_END = ".!;,"
# A paragraph this short that ends in a colon is a label ("Financier:"); the next line
# is its value, not a heading.
MAX_LABEL_WORDS = 4
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 12
MAX_CELL_WORDS = 8
MIN_TABLE_NUMERIC_CELLS = 6
MIN_TABLE_NUMERIC_SHARE = 0.35


@dataclass(slots=True)
class Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def iter_lines(text: str) -> Iterator[Line]:
    """Non-blank lines with offsets of their stripped content."""
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl == -1 else nl
        raw = text[pos:stop]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            yield Line(start, start + len(stripped), stripped)
        pos = stop + 1


def is_numeric_cell(line: Line) -> bool:
    return len(line.text) <= 24 and RE_NUMERIC_CELL.fullmatch(line.text) is not None


def numbered_heading_depth(text: str) -> int | None:
    """Depth of a numbered heading (``1.`` → 1, ``2.3`` → 2), else None."""
    m = RE_NUMBERED.match(text)
    if not m or not looks_like_heading(m.group("rest")):
        return None
    if not m.group("rest")[0].isupper():
        return None
    return m.group("num").count(".") + 1 if not m.group("num").endswith(".") else 1


def looks_like_heading(text: str) -> bool:
    """A short title line: few words, no sentence punctuation at the end, has letters."""
    if len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if text[-1] in SENTENCE_END or text.endswith(":"):
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "‘'\"(“"):
        return False
    return any(ch.isalpha() for ch in text) or RE_YEAR_LINE.fullmatch(text) is not None


def find_flat_tables(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges ``[i, j]`` of lines that form a table flattened to one cell per line."""
    tables: list[tuple[int, int]] = []
    i = 0
    n = len(lines)
    while i < n:
        # A run of short lines that are not bullets and not numbered headings.
        j = i
        while j < n and is_cell_line(lines[j]):
            j += 1
        if j - i >= MIN_TABLE_NUMERIC_CELLS:
            numeric = [k for k in range(i, j) if is_numeric_cell(lines[k])]
            if len(numeric) >= MIN_TABLE_NUMERIC_CELLS and len(
                numeric
            ) >= MIN_TABLE_NUMERIC_SHARE * (numeric[-1] - i + 1):
                tables.append((table_start(lines, i, numeric[0]), numeric[-1]))
        i = max(j, i + 1)
    return tables


def is_cell_line(line: Line) -> bool:
    if RE_TABLE_CAPTION.search(line.text):
        return True
    if line.words > MAX_CELL_WORDS or RE_BULLET.match(line.text):
        return False
    return numbered_heading_depth(line.text) is None


def table_start(lines: list[Line], run_start: int, first_numeric: int) -> int:
    """Where the table begins: its caption if one is in the run, else its header lines."""
    for k in range(first_numeric - 1, run_start - 1, -1):
        if RE_TABLE_CAPTION.search(lines[k].text):
            return k
    k = first_numeric
    while k - 1 >= run_start and first_numeric - (k - 1) <= 10:
        text = lines[k - 1].text
        if text.endswith(("?", ":")):
            break
        k -= 1
    return k


def line_blocks(raw: RawDocument) -> list[Block]:
    """Blocks for plain text or Markdown, from its lines."""
    text = raw.text
    markdown = raw.source_format == "markdown"
    lines = list(iter_lines(text))
    table_at = dict(find_flat_tables(lines))
    blocks: list[Block] = []
    numbered_level = 0
    i = 0
    prev_ends_colon = False
    while i < len(lines):
        line = lines[i]
        if i in table_at:
            last = table_at[i]
            blocks.append(Block(line.start, lines[last].end, "table"))
            i = last + 1
            prev_ends_colon = False
            continue
        md = RE_MD_HEADING.match(line.text) if markdown else None
        depth = numbered_heading_depth(line.text)
        if md:
            level = len(md.group("hashes"))
            blocks.append(Block(line.start, line.end, "heading", level=level))
        elif depth is not None:
            numbered_level = depth
            blocks.append(Block(line.start, line.end, "heading", level=depth))
        elif RE_BULLET.match(line.text) or RE_NUMBERED.match(line.text):
            end, i = extend_paragraph(lines, i, text, markdown, continuation_only=True)
            blocks.append(Block(line.start, end, "list_item"))
            prev_ends_colon = False
            continue
        elif (
            looks_like_heading(line.text)
            and not prev_ends_colon
            and not markdown
            and not continues(lines, i, text)
        ):
            blocks.append(Block(line.start, line.end, "heading", level=numbered_level + 1))
        else:
            end, i = extend_paragraph(lines, i, text, markdown)
            blocks.append(Block(line.start, end, "paragraph"))
            prev_ends_colon = text[end - 1] == ":" and line.words <= MAX_LABEL_WORDS
            continue
        prev_ends_colon = False
        i += 1
    return blocks


def continues(lines: list[Line], i: int, text: str) -> bool:
    """Whether the next line directly continues line ``i`` (wrapped text, lower case)."""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1]
    return text.count("\n", lines[i].end, nxt.start) == 1 and nxt.text[0].islower()


def extend_paragraph(
    lines: list[Line], i: int, text: str, markdown: bool, *, continuation_only: bool = False
) -> tuple[int, int]:
    """Join wrapped lines into one paragraph; returns ``(end offset, next line index)``.

    Markdown paragraphs run to the next blank line. In plain text a line continues the
    previous one only when that line does not end a sentence and it starts in lower case.
    """
    end = lines[i].end
    k = i + 1
    while k < len(lines):
        nxt = lines[k]
        gap = text[end : nxt.start]
        if gap.count("\n") > 1:  # blank line between
            break
        if RE_BULLET.match(nxt.text) or (markdown and RE_MD_HEADING.match(nxt.text)):
            break
        if markdown and not continuation_only:
            pass
        elif text[end - 1] in ".!?:;" or not nxt.text[0].islower():
            break
        end = nxt.end
        k += 1
    return end, k


def section_paths(blocks: Iterable[Block], text: str) -> Iterator[tuple[Block, tuple[str, ...]]]:
    """Each block with the headings above it, outermost first."""
    stack: list[tuple[int, str]] = []
    for block in blocks:
        if block.kind == "heading":
            level = block.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            yield block, tuple(title for _, title in stack)
            stack.append((level, text[block.start : block.end]))
        else:
            yield block, tuple(title for _, title in stack)


def segment(raw: RawDocument, doc_id: str) -> Document:
    """Turn a raw document into a :class:`Document` with passages."""
    blocks = raw.blocks if raw.blocks is not None else line_blocks(raw)
    passages = [
        Passage(
            passage_id=f"{doc_id}:p{index}",
            index=index,
            start=block.start,
            end=block.end,
            kind=block.kind,
            page=block.page,
            section=section,
            level=block.level if block.kind == "heading" else None,
        )
        for index, (block, section) in enumerate(section_paths(blocks, raw.text))
    ]
    return Document(
        doc_id=doc_id,
        text=raw.text,
        passages=passages,
        source_format=raw.source_format,
        n_pages=raw.n_pages,
        pages_without_text=list(raw.pages_without_text),
        warnings=list(raw.warnings),
        encoding=raw.encoding,
    )
