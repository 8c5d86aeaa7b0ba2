"""Resource limits for ingestion, so one hostile file cannot exhaust a worker."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds applied while reading a file.

    ``max_bytes``: size of the file on disk; ``max_pages``: PDF pages read (the rest is
    skipped with a warning); ``max_unpacked_bytes``: total uncompressed size of the parts
    of a DOCX (zip) archive, which refuses zip bombs; ``max_chars``: characters of
    document text kept; ``max_seconds``: wall-clock time for one document from reading to
    its last extractor (None: no limit; enforced in a process's main thread, see
    :func:`time_limit`).
    """

    max_bytes: int = 512 * 1024 * 1024
    max_pages: int = 5000
    max_unpacked_bytes: int = 256 * 1024 * 1024
    max_chars: int = 50_000_000
    max_seconds: float | None = None


DEFAULT_LIMITS = Limits()


class DocumentTimeout(BaseException):
    """A document ran past ``Limits.max_seconds``. A ``BaseException``, so that the
    handlers that keep one failing extractor from losing a document do not swallow it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the body after ``seconds`` of wall-clock time.

    Uses ``SIGALRM``, so it acts only in the main thread of a process on a system that
    has it (worker processes of ``policytext batch`` and ``extract``; not Dask's worker
    threads, where the body runs without a limit). A long call into C code is
    interrupted when it returns to Python."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
