"""Plain-text ingest: decoding, byte-order marks, offsets equal file offsets."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policytext.document import IngestError
from policytext.ingest import read_file
from tests.conftest import JAARVERSLAG, SAMPLE

SENTENCE = "De gemeente heeft in augustus 2023 een vernieuwd waarderingsprogramma gelanceerd. € 6,4 miljoen."


@pytest.mark.parametrize("path", sorted(SAMPLE.glob("*.txt")), ids=lambda p: p.stem)
def test_sample_text_is_the_decoded_file(path: Path) -> None:
    raw = read_file(path)
    assert raw.text == path.read_bytes().decode("utf-8")
    assert raw.encoding == "utf-8"
    assert raw.warnings == []


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_byte_order_marks(tmp_path: Path, encoding: str, bom: bytes) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(bom + SENTENCE.encode(encoding))
    raw = read_file(f)
    assert raw.text == SENTENCE
    assert raw.warnings == []


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoding_detected_with_warning(tmp_path: Path, encoding: str) -> None:
    text = JAARVERSLAG.read_text(encoding="utf-8")[:4000].replace("€", "EUR").replace("–", "-")
    text = text.encode(encoding, errors="ignore").decode(encoding)
    f = tmp_path / "oud.txt"
    f.write_bytes(text.encode(encoding))
    raw = read_file(f)
    assert raw.text == text
    assert any("not UTF-8" in w for w in raw.warnings)


def test_cp1252_euro_sign(tmp_path: Path) -> None:
    text = "We stellen hiervoor per jaar € 6,4 miljoen beschikbaar voor de preventieaanpak. " * 20
    f = tmp_path / "euro.txt"
    f.write_bytes(text.encode("cp1252"))
    assert read_file(f).text == text


def test_nul_characters_keep_offsets(tmp_path: Path) -> None:
    f = tmp_path / "nul.txt"
    f.write_bytes(
        b"Jaarverslag 2023\x00 tekst met een nul-teken." + b" En verder gewone tekst." * 50
    )
    raw = read_file(f)
    assert "\x00" not in raw.text
    assert len(raw.text) == f.stat().st_size
    assert any("NUL" in w for w in raw.warnings)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n\t ", "no text content"),
        (bytes(range(256)) * 64, "binary file"),
    ],
    ids=["empty", "whitespace", "binary"],
)
def test_bad_text_files(tmp_path: Path, content: bytes, reason: str) -> None:
    f = tmp_path / "slecht.txt"
    f.write_bytes(content)
    with pytest.raises(IngestError) as info:
        read_file(f)
    assert reason in str(info.value)
    assert str(f) in str(info.value)


def test_unknown_extension(tmp_path: Path) -> None:
    f = tmp_path / "tabel.xyz"
    f.write_text("inhoud")
    with pytest.raises(IngestError, match="unsupported format"):
        read_file(f)


def test_pdf_named_txt_is_sniffed(tmp_path: Path) -> None:
    f = tmp_path / "eigenlijk-pdf.txt"
    f.write_bytes(b"%PDF-1.4\n% truncated")
    with pytest.raises(IngestError, match="PDF"):
        read_file(f)


def test_markdown_format(tmp_path: Path) -> None:
    f = tmp_path / "notitie.md"
    f.write_text(
        "# Titel\n\nEen alinea\nover twee regels.\n\n- punt een\n- punt twee\n", encoding="utf-8"
    )
    raw = read_file(f)
    assert raw.source_format == "markdown"
    assert raw.text == f.read_text(encoding="utf-8")
