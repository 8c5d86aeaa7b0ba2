"""Plain text and Markdown: the document text is exactly the decoded file text.

Offsets into the document therefore equal offsets into the decoded file, which gold
files and annotation tools rely on. UTF-8 is expected; UTF-8/UTF-16/UTF-32 byte-order
marks are honoured (the BOM itself is not part of the text); anything else is detected
with charset-normalizer and reported as a warning on the document.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from policytext.document import IngestError, RawDocument
from policytext.ingest.limits import Limits

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
WESTERN = ("cp1252", "latin_1", "iso8859_15")
# Share of NUL bytes above which a file without a BOM is taken to be binary.
BINARY_NUL_SHARE = 0.01


def decode_bom(data: bytes, name: str) -> tuple[str, str] | None:
    """``(text, encoding)`` when ``data`` starts with a byte-order mark, else None.

    Without one, data with many NUL bytes is refused as binary."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise IngestError(
                    name, f"invalid {encoding} after byte-order mark ({err.reason})"
                ) from None
    sample = data[:65536]
    if sample.count(0) > BINARY_NUL_SHARE * len(sample):
        raise IngestError(name, "binary file, not text (NUL bytes, no byte-order mark)")
    return None


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode file bytes to text; returns ``(text, encoding, warnings)``."""
    if (decoded := decode_bom(data, name)) is not None:
        return *decoded, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data[: 4 * 1024 * 1024]))
    if not matches:
        raise IngestError(name, "binary file or unknown text encoding")
    # Dutch text is Western European: among the plausible decodings, prefer cp1252
    # (the usual Windows one) over look-alikes such as cp1250 that differ in a few letters.
    encoding = next((m.encoding for m in matches if m.encoding in WESTERN), matches[0].encoding)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise IngestError(name, f"cannot decode as {encoding}") from None
    return text, encoding, [f"not UTF-8; decoded as {encoding} (detected)"]


def read_text(path: Path, limits: Limits, *, markdown: bool = False) -> RawDocument:
    """Read a ``.txt`` or ``.md`` file. Structure is found later by the segmenter."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(name, f"cannot read file ({err.strerror or err})") from None
    text, encoding, warnings = decode_bytes(data, name)
    if "\x00" in text:
        # Keep offsets stable: a NUL becomes a space rather than being dropped.
        text = text.replace("\x00", " ")
        warnings.append("NUL characters replaced by spaces")
    if len(text) > limits.max_chars:
        warnings.append(f"text truncated to {limits.max_chars} characters")
        text = text[: limits.max_chars]
    if not text.strip():
        raise IngestError(name, "no text content (only white space)")
    return RawDocument(
        text=text,
        source_format="markdown" if markdown else "text",
        encoding=encoding,
        warnings=warnings,
    )
