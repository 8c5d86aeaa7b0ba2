"""Den Haag council references: ``RIS316587``, ``RIS 316343`` → ``RIS316343``.

Each reference of a list ``(RIS314485, RIS316086)`` is its own mention.
"""

from __future__ import annotations

import re

from policytext.extract.mention import Mention

# "RIS", an optional space, then 4 to 9 digits; not glued to other letters or digits.
RE_RIS = re.compile(r"(?<![A-Za-z0-9])RIS[ \u00a0]?(?P<num>[0-9]{4,9})(?![0-9A-Za-z])")


def find_ris(text: str) -> list[Mention]:
    """``"(RIS 316343)"`` → one RIS mention with value ``"RIS316343"``."""
    return [
        Mention(m.start(), m.end(), "RIS", "RIS" + m.group("num")) for m in RE_RIS.finditer(text)
    ]
