"""Segmentation of plain text into headings, paragraphs, list items and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext.document import RawDocument
from policytext.ingest import read_file
from policytext.segment import segment
from tests.conftest import JAARVERSLAG, SAMPLE


@pytest.fixture(scope="module")
def jaarverslag():
    return segment(read_file(JAARVERSLAG), "jv")


def passage_containing(doc, needle: str):
    return next(p for p in doc.passages if needle in doc.passage_text(p))


def test_valpreventie_bullet_section_path(jaarverslag) -> None:
    p = passage_containing(jaarverslag, "valpreventietrainingen is uitgebreid")
    assert p.kind == "list_item"
    assert p.section[-2:] == ("1. Sociale basis en emancipatie", "Seniorvriendelijk Den Haag")


def test_every_bullet_is_its_own_passage(jaarverslag) -> None:
    bullets = [ln for ln in jaarverslag.text.splitlines() if ln.lstrip().startswith("•")]
    items = [p for p in jaarverslag.passages if p.kind == "list_item"]
    assert len(items) == len(bullets)
    assert all(jaarverslag.passage_text(p).count("•") == 1 for p in items)


@pytest.mark.parametrize(
    ("heading", "level"),
    [
        ("1. Sociale basis en emancipatie", 1),
        ("2. Toegang tot hulp en ondersteuning", 1),
        ("Seniorvriendelijk Den Haag", 2),
        ("Jeugdparticipatie", 2),
    ],
)
def test_headings_and_levels(jaarverslag, heading: str, level: int) -> None:
    p = next(p for p in jaarverslag.passages if jaarverslag.passage_text(p) == heading)
    assert p.kind == "heading"
    assert p.level == level


def test_flattened_financial_table_is_one_passage(jaarverslag) -> None:
    tables = [p for p in jaarverslag.passages if p.kind == "table"]
    assert len(tables) == 1
    text = jaarverslag.passage_text(tables[0])
    assert text.startswith("(incl. toevoegingen en onttrekkingen, bedragen x € 1.000)")
    assert text.rstrip().endswith("V")
    assert "Totaal" in text and "606.448" in text and "1. Sociale basis" not in text


@pytest.mark.parametrize("path", sorted(SAMPLE.glob("*.txt")), ids=lambda p: p.stem)
def test_passages_are_ordered_spans_of_the_text(path: Path) -> None:
    doc = segment(read_file(path), path.stem)
    assert doc.passages
    prev_end = 0
    for i, p in enumerate(doc.passages):
        assert p.index == i
        assert prev_end <= p.start < p.end <= len(doc.text)
        text = doc.passage_text(p)
        assert text == text.strip()
        prev_end = p.end
    # Nothing but white space is left outside passages.
    covered = "".join(doc.passage_text(p) for p in doc.passages)
    assert len("".join(covered.split())) == len("".join(doc.text.split()))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Titel\nEen zin die eindigt.\n", ["heading", "paragraph"]),
        ("Financier:\nCZ\n", ["paragraph", "paragraph"]),
        ("Wat is onze opdracht?\nWe creëren bewustwording.\n", ["heading", "paragraph"]),
        ("  • eerste punt;\n  • tweede punt.\n", ["list_item", "list_item"]),
        ("- punt een\n- punt twee\n", ["list_item", "list_item"]),
        ("Een zin die doorloopt\nop de volgende regel.\n", ["paragraph"]),
        ("1. Sociale basis en emancipatie\nTekst van de alinea.\n", ["heading", "paragraph"]),
        ("1. We gaan de sociale basis in de stad versterken, samen met partners.\n", ["list_item"]),
    ],
    ids=[
        "title",
        "label-value",
        "question-heading",
        "bullets",
        "dash-bullets",
        "wrapped",
        "numbered-heading",
        "numbered-item",
    ],
)
def test_line_kinds(text: str, kinds: list[str]) -> None:
    doc = segment(RawDocument(text=text, source_format="text"), "t")
    assert [p.kind for p in doc.passages] == kinds


def test_markdown_headings_and_paragraphs() -> None:
    text = "# Jaarverslag 2023\n\n## Jeugd\n\nEen alinea\nover twee regels.\n\n- punt een\n- punt twee\n"
    doc = segment(RawDocument(text=text, source_format="markdown"), "md")
    kinds = [(p.kind, p.level) for p in doc.passages]
    assert kinds == [
        ("heading", 1),
        ("heading", 2),
        ("paragraph", None),
        ("list_item", None),
        ("list_item", None),
    ]
    para = doc.passages[2]
    assert doc.passage_text(para) == "Een alinea\nover twee regels."
    assert para.section == ("# Jaarverslag 2023", "## Jeugd")


def test_passage_at(jaarverslag) -> None:
    p = passage_containing(jaarverslag, "RIS316587")
    offset = jaarverslag.text.index("RIS316587")
    assert jaarverslag.passage_at(offset) is p
