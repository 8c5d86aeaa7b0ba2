"""Read files of any supported format into :class:`~policytext.document.RawDocument`.

The format is sniffed from the file's first bytes before its extension is trusted, so a
PDF named ``.txt`` is still read as a PDF.
"""

from __future__ import annotations

from pathlib import Path

from policytext.document import IngestError, RawDocument
from policytext.ingest.limits import DEFAULT_LIMITS, Limits

SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES = tuple(SUFFIX_FORMATS)


def sniff_format(path: Path, head: bytes) -> str | None:
    """The format that ``head`` (the file's first bytes) shows, else the suffix's."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if path.suffix.lower() in (".docx", ".doc", "") or b"word/" in head else "zip"
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (
        path.suffix.lower() in (".html", ".htm", ".xhtml")
    ):
        return "html"
    return SUFFIX_FORMATS.get(path.suffix.lower())


def read_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read ``path`` into a raw document, or raise :class:`IngestError` with the reason."""
    path = Path(path)
    name = str(path)
    try:
        if not path.exists():
            raise IngestError(name, "no such file")
        if path.is_dir():
            raise IngestError(name, "is a directory")
        size = path.stat().st_size
        if size == 0:
            raise IngestError(name, "empty file (0 bytes)")
        if size > limits.max_bytes:
            raise IngestError(name, f"file is {size} bytes, over the limit of {limits.max_bytes}")
        with path.open("rb") as fh:
            head = fh.read(2048)
    except PermissionError:
        raise IngestError(name, "permission denied") from None
    except OSError as err:
        raise IngestError(name, f"cannot read file ({err.strerror or err})") from None

    fmt = sniff_format(path, head)
    if fmt is None:
        raise IngestError(name, f"unsupported format ({path.suffix or 'no extension'})")
    if fmt == "zip":
        raise IngestError(name, "zip archive that is not a DOCX document")
    if fmt in ("text", "markdown"):
        from policytext.ingest.text import read_text

        return read_text(path, limits, markdown=fmt == "markdown")
    if fmt == "html":
        from policytext.ingest.html import read_html

        return read_html(path, limits)
    if fmt == "docx":
        from policytext.ingest.docx import read_docx

        return read_docx(path, limits)
    from policytext.ingest.pdf import read_pdf

    return read_pdf(path, limits)


__all__ = ["DEFAULT_LIMITS", "SUPPORTED_SUFFIXES", "Limits", "read_file", "sniff_format"]
