"""Shared fixtures: paths to the sample corpus and ../shared, one session-wide pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "sample"
SHARED = REPO.parent / "shared"
CORPUS_PDFS = SHARED / "corpus-pdfs"
JAARVERSLAG = SAMPLE / "denhaag_jaarverslag_2023_zorg_welzijn.txt"


@pytest.fixture(scope="session")
def nlp():
    from policytext.pipeline import load_pipeline

    return load_pipeline("blank")


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


def sample_text(name: str) -> str:
    with open(SAMPLE / name, encoding="utf-8", newline="") as fh:
        return fh.read()
