"""The document model shared by every stage: ingest → segment → extract → write.

An ingester turns a file into a :class:`RawDocument`: the full text plus optional
:class:`Block` hints (structure the source format knows: headings, list items, tables,
pages). :mod:`policytext.segment` turns that into a :class:`Document` with
:class:`Passage` objects whose ``[start, end)`` offsets index ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PassageKind = Literal["heading", "paragraph", "list_item", "table"]
PASSAGE_KINDS: tuple[str, ...] = ("heading", "paragraph", "list_item", "table")


class IngestError(Exception):
    """A file that cannot be read as a document; ``str(err)`` is the one-line reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(slots=True)
class Block:
    """A structural hint from the source format, with offsets into the raw text.

    ``kind`` is a passage kind; ``level`` is the heading level (1 = top) for headings.
    """

    start: int
    end: int
    kind: PassageKind
    page: int | None = None
    level: int | None = None


@dataclass(slots=True)
class RawDocument:
    """What an ingester returns: text, structure hints and facts about the file."""

    text: str
    source_format: str  # "text", "markdown", "html", "docx", "pdf"
    blocks: list[Block] | None = None
    n_pages: int | None = None
    pages_without_text: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Passage:
    """A paragraph, heading, list item or table of a document.

    ``section`` is the path of headings above the passage, outermost first.
    """

    passage_id: str
    index: int
    start: int
    end: int
    kind: PassageKind
    page: int | None = None
    section: tuple[str, ...] = ()
    level: int | None = None


@dataclass(slots=True)
class Document:
    """A segmented document. ``meta`` holds doc_type, place, year, title, path, ...;
    ``meta_inferred`` names the meta keys that were inferred rather than given."""

    doc_id: str
    text: str
    passages: list[Passage]
    meta: dict[str, Any] = field(default_factory=dict)
    meta_inferred: list[str] = field(default_factory=list)
    source_format: str = "text"
    n_pages: int | None = None
    pages_without_text: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None

    def passage_text(self, passage: Passage) -> str:
        return self.text[passage.start : passage.end]

    def passage_at(self, offset: int) -> Passage | None:
        """The passage that contains character ``offset`` (binary search)."""
        lo, hi = 0, len(self.passages)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.passages[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.passages) and self.passages[lo].start <= offset:
            return self.passages[lo]
        return None
