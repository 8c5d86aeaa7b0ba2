"""Resource limits for ingestion, so one hostile file cannot exhaust a worker."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds applied while reading a file.

    ``max_bytes``: size of the file on disk; ``max_pages``: PDF pages read (the rest is
    skipped with a warning); ``max_unpacked_bytes``: total uncompressed size of the parts
    of a DOCX (zip) archive, which refuses zip bombs; ``max_chars``: characters of
    document text kept.
    """

    max_bytes: int = 512 * 1024 * 1024
    max_pages: int = 5000
    max_unpacked_bytes: int = 256 * 1024 * 1024
    max_chars: int = 50_000_000


DEFAULT_LIMITS = Limits()
