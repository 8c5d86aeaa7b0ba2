"""The column declaration shared by every dataset's schema (see :mod:`policytext.dataset`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    """A dataset column: ``type`` is one of string, int, float, bool, list, json."""

    name: str
    type: str
    doc: str
