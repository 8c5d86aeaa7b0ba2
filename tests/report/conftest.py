"""Fixtures of the report tests: a hostile document and its rows."""

from __future__ import annotations

import pytest

HOSTILE = "<img src=x onerror=alert(1)>"

HOSTILE_TEXT = f"""Jaarverslag 2023 {HOSTILE}

We stellen hiervoor per jaar € 6,4 miljoen beschikbaar {HOSTILE} via GGD Haaglanden.

Zie RIS316587 en <script>alert(2)</script> 95% van de 500 deelnemers "quoted" & 'single'.
"""


@pytest.fixture(scope="session")
def hostile_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile_doc.txt"
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    return path
