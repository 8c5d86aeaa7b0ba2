"""HTML ingest: main content of saved municipal pages, structure, charsets, hostile markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext.document import IngestError, RawDocument
from policytext.ingest import read_file
from policytext.ingest.html import MAX_SPAN, read_html
from policytext.ingest.limits import DEFAULT_LIMITS, Limits
from tests.fixtures_build import (
    BOILERPLATE_MARKERS,
    BULLET,
    COOKIE_TEXT,
    JAARVERSLAG_NAME,
    SAMPLE_NAMES,
    build_html,
    content_html,
    page_title,
    sample_elements,
    sample_text,
    wrap_page,
)

COALITIE = "denhaag_coalitieakkoord_2022_preventie.txt"
# Real sentences from the sample corpus.
HEADING = "Preventie en een sterke sociale basis"
SENTENCE = (
    "Het meldpunt straatintimidatie is verbeterd in toegankelijkheid en gebruiksvriendelijkheid."
)
ACCENTS = "Er is geïnvesteerd in ‘Naar een toegankelijke buitenruimte’ – € 6,4 miljoen per jaar."


def blocks(doc: RawDocument) -> list[tuple[str, int | None, str]]:
    assert doc.blocks is not None
    return [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.blocks]


def assert_offsets(doc: RawDocument) -> None:
    """Blocks tile the text exactly: block texts joined by a blank line."""
    texts = [text for _kind, _level, text in blocks(doc)]
    assert doc.text == "\n\n".join(texts)
    assert all(t and t == t.strip() for t in texts)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.fixture(scope="module")
def jaarverslag(tmp_path_factory: pytest.TempPathFactory) -> RawDocument:
    page, _elements = build_html(JAARVERSLAG_NAME)
    return read_html(
        write(tmp_path_factory.mktemp("html"), "jaarverslag.html", page), DEFAULT_LIMITS
    )


@pytest.mark.parametrize("name", SAMPLE_NAMES, ids=lambda n: n.removesuffix(".txt"))
def test_sample_page_structure(tmp_path: Path, name: str) -> None:
    page, elements = build_html(name)
    doc = read_html(write(tmp_path, "page.html", page), DEFAULT_LIMITS)
    assert blocks(doc) == [(e.kind, e.level, e.text) for e in elements]
    assert_offsets(doc)
    assert doc.source_format == "html"
    assert doc.title == page_title(elements)
    assert doc.encoding == "utf-8"
    assert doc.warnings == []
    assert all(b.page is None for b in doc.blocks or [])


@pytest.mark.parametrize(
    ("heading", "level"),
    [
        ("Jaarverslag", 1),
        ("Zorg, welzijn, jeugd en volksgezondheid", 2),
        ("1. Sociale basis en emancipatie", 2),
        ("5.Volksgezondheid", 2),
        ("Seniorvriendelijk Den Haag", 3),
        ("Emancipatie – Queer personen", 3),
    ],
    ids=["h1", "h2-chapter-title", "h2-numbered", "h2-no-space", "h3", "h3-dash"],
)
def test_heading_levels(jaarverslag: RawDocument, heading: str, level: int) -> None:
    assert ("heading", level, heading) in blocks(jaarverslag)


def test_one_list_item_per_bullet(jaarverslag: RawDocument) -> None:
    bullets = [
        ln for ln in sample_text(JAARVERSLAG_NAME).splitlines() if ln.startswith(f"  {BULLET}")
    ]
    items = [text for kind, _level, text in blocks(jaarverslag) if kind == "list_item"]
    assert len(items) == len(bullets) == 138
    assert items[0] == (
        "De communicatieaanpak voor Haags Ontmoeten is verbeterd zodat de bekendheid van het "
        "aanbod toeneemt onder potentiële deelnemers en locaties."
    )


@pytest.mark.parametrize(
    "row",
    [
        "| Begroting |  | Rekening 2023 |  |  |  | Resultaat",
        "Activiteiten in 2023 | saldo 2023 |  | Lasten | Baten | Saldo |  | 2023",
        "Sociale basis | 59.484 | N | 61.847 | 6.713 | 55.134 | N | 4.350 | V",
        "Opgave Nieuwkomers | 0 | - | 45.146 | 45.146 | 0 | - | 0 | -",
        "Totaal | 606.448 | N | 738.397 | 139.287 | 599.111 | N | 7.337 | V",
    ],
    ids=["header-spans", "header-2", "first-row", "zero-row", "total-row"],
)
def test_financial_table_rows(jaarverslag: RawDocument, row: str) -> None:
    tables = [text for kind, _level, text in blocks(jaarverslag) if kind == "table"]
    assert len(tables) == 1
    assert row in tables[0].split("\n")
    assert len(tables[0].split("\n")) == 9


def test_table_sits_between_its_neighbours(jaarverslag: RawDocument) -> None:
    kinds = [(kind, text[:20]) for kind, _level, text in blocks(jaarverslag)]
    at = next(i for i, (kind, _text) in enumerate(kinds) if kind == "table")
    assert kinds[at - 1] == ("paragraph", "(incl. toevoegingen ")
    assert kinds[at + 1] == ("heading", "1. Sociale basis en ")


@pytest.mark.parametrize("marker", BOILERPLATE_MARKERS)
def test_boilerplate_removed(jaarverslag: RawDocument, marker: str) -> None:
    assert marker not in jaarverslag.text


COOKIE_BANNERS = {
    "cookiebot": '<div id="CybotCookiebotDialog"><h2>Deze website gebruikt cookies</h2>'
    f"<p>{COOKIE_TEXT}</p></div>",
    "cookieconsent": f'<div class="cc-window cc-banner" role="dialog"><span>{COOKIE_TEXT}</span>'
    "<a>Akkoord</a></div>",
    "aria-label": f'<section aria-label="Cookiemelding"><p>{COOKIE_TEXT}</p></section>',
    "consent-class": f'<div class="consent-bar"><p>{COOKIE_TEXT}</p></div>',
}


@pytest.mark.parametrize("banner", COOKIE_BANNERS.values(), ids=COOKIE_BANNERS.keys())
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_cookie_banner_variants_removed(tmp_path: Path, banner: str, where: str) -> None:
    page, elements = build_html(COALITIE)
    anchor = "<body" if where == "top" else "</main>"
    at = page.index(anchor) + (page[page.index(anchor) :].index(">") + 1 if where == "top" else 0)
    page = page[:at] + banner + page[at:]
    doc = read_html(write(tmp_path, "page.html", page), DEFAULT_LIMITS)
    assert "cookies" not in doc.text
    assert blocks(doc) == [(e.kind, e.level, e.text) for e in elements]


def test_page_about_cookies_keeps_its_content(tmp_path: Path) -> None:
    body = (
        '<article class="cookie-policy"><h1>Cookies op deze website</h1>'
        f"<p>{SENTENCE}</p></article>"
    )
    doc = read_html(write(tmp_path, "cookies.html", wrap_page(body, "Cookies")), DEFAULT_LIMITS)
    assert blocks(doc) == [("heading", 1, "Cookies op deze website"), ("paragraph", None, SENTENCE)]


HOSTILE = {
    "img-onerror": "<img src=x onerror=alert(1)>",
    "script": "<script>alert('xss')</script>",
    "svg-onload": "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "iframe": '<iframe src="javascript:alert(1)">alert</iframe>',
    "style": "<style>p { background: url(javascript:alert(1)) }</style>",
    "comment": "<!-- <script>alert(1)</script> -->",
    "textarea": "<textarea><img src=x onerror=alert(1)></textarea>",
    "escaped-tag": "&lt;img src=x onerror=alert(1)&gt;",
    "event-attr": '<span onmouseover="alert(1)"></span>',
    "object": '<object data="evil.swf"><embed src="evil.swf"></object>',
}


@pytest.mark.parametrize("markup", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("page_kind", ["full-page", "short-page"])
def test_hostile_markup_yields_only_text(tmp_path: Path, markup: str, page_kind: str) -> None:
    first, rest = SENTENCE.split(" is ", 1)
    hostile = f"<p>{first} {markup} is {rest}</p>"
    if page_kind == "full-page":
        elements = sample_elements(JAARVERSLAG_NAME)
        body = content_html(elements).replace(f"<li>{SENTENCE}</li>", f"<li>{hostile}</li>")
        assert hostile in body
    else:
        body = f"<h1>{HEADING}</h1>{hostile}"
    doc = read_html(write(tmp_path, "page.html", wrap_page(body, HEADING)), DEFAULT_LIMITS)
    assert SENTENCE in [text for _kind, _level, text in blocks(doc)]
    for bad in ("<", ">", "alert", "onerror", "javascript"):
        assert bad not in doc.text
    assert_offsets(doc)


@pytest.mark.parametrize(
    "hiding",
    ["hidden", 'aria-hidden="true"', 'style="display: none"', 'class="is-hidden" hidden'],
    ids=["hidden", "aria-hidden", "display-none", "class-and-hidden"],
)
def test_accordion_panels_and_time_elements_are_kept(tmp_path: Path, hiding: str) -> None:
    elements = sample_elements(JAARVERSLAG_NAME)
    body = content_html(elements)
    for old, new in [
        (
            "<h3>Jeugdparticipatie</h3>",
            '<h3 class="accordion"><button aria-expanded="false">Jeugdparticipatie</button></h3>'
            f'<div class="accordion-panel" {hiding}>',
        ),
        ("<h3>Emancipatie – Vrouwen</h3>", "</div><h3>Emancipatie – Vrouwen</h3>"),
        ("is op 12 april een", 'is op <time datetime="2023-04-12">12 april</time> een'),
    ]:
        assert body.count(old) == 1
        body = body.replace(old, new)
    doc = read_html(write(tmp_path, "p.html", wrap_page(body, HEADING)), DEFAULT_LIMITS)
    assert blocks(doc) == [(e.kind, e.level, e.text) for e in elements]


@pytest.mark.parametrize("logo", [False, True], ids=["hero-title", "logo-link"])
def test_page_title_h1_in_hero_header_without_main(tmp_path: Path, logo: bool) -> None:
    elements = sample_elements("denhaag_regiobeeld.txt")
    h1 = f"<h1>{elements[0].text}</h1>"
    if logo:
        h1 = f'<h1><a href="/">{elements[0].text}</a></h1>'
    page = wrap_page(content_html(elements[1:]), "Regiobeeld")
    for old, new in [
        (
            '<header class="site-header">',
            f'<header class="site-header"><div class="hero">{h1}</div>',
        ),
        ('<main id="main">', '<div id="content">'),
        ("</main>", "</div>"),
        ('<article class="content">', '<div class="tekst">'),
        ("</article>", "</div>"),
    ]:
        page = page.replace(old, new)
    doc = read_html(write(tmp_path, "p.html", page), DEFAULT_LIMITS)
    expected = [(e.kind, e.level, e.text) for e in elements]
    assert blocks(doc) == (expected[1:] if logo else expected)


def test_short_page_uses_body_walk(tmp_path: Path) -> None:
    body = f"<h1>{HEADING}</h1><p>{SENTENCE}</p>"
    doc = read_html(write(tmp_path, "kort.html", wrap_page(body, HEADING)), DEFAULT_LIMITS)
    assert blocks(doc) == [("heading", 1, HEADING), ("paragraph", None, SENTENCE)]
    assert any("little main content" in w for w in doc.warnings)


def test_short_page_keeps_lists_and_tables(tmp_path: Path) -> None:
    body = (
        f"<div class='intro'><h2>{HEADING}</h2><ul><li>Jeugdhulp<ul><li>Jeugdbescherming</li></ul>"
        "</li></ul><table><tr><th colspan='2'>Lasten</th></tr><tr><td>Jeugdhulp</td>"
        "<td>180.473</td></tr></table>Losse tekst <b>met</b> opmaak</div>"
    )
    doc = read_html(write(tmp_path, "kort.html", wrap_page(body, HEADING)), DEFAULT_LIMITS)
    assert blocks(doc) == [
        ("heading", 2, HEADING),
        ("list_item", None, "Jeugdhulp"),
        ("list_item", None, "Jeugdbescherming"),
        ("table", None, "Lasten\nJeugdhulp | 180.473"),
        ("paragraph", None, "Losse tekst met opmaak"),
    ]


def test_title_falls_back_to_first_h1(tmp_path: Path) -> None:
    page = f"<html><body><h1>{HEADING}</h1><p>{SENTENCE}</p></body></html>"
    doc = read_html(write(tmp_path, "p.html", page), DEFAULT_LIMITS)
    assert doc.title == HEADING


def _accents_page(charset: str | None) -> str:
    return wrap_page(f"<h1>{HEADING}</h1><p>{ACCENTS}</p>", HEADING, charset=charset)


@pytest.mark.parametrize(
    ("data", "encoding", "warning"),
    [
        (_accents_page("windows-1252").encode("cp1252"), "cp1252", None),
        (_accents_page("iso-8859-1").encode("cp1252"), "cp1252", None),
        (_accents_page(None).encode("utf-8"), "utf-8", None),
        (b"\xef\xbb\xbf" + _accents_page(None).encode("utf-8"), "utf-8", None),
        (_accents_page("utf-8").encode("cp1252"), "cp1252", "does not fit"),
        (_accents_page("klingon-8").encode("utf-8"), "utf-8", "unknown charset"),
        (
            _accents_page("utf-8").encode("utf-8").replace(b"<h1>", b"<h1>\xe9 "),
            "utf-8",
            "1 invalid UTF-8 byte sequence(s) replaced",
        ),
    ],
    ids=[
        "cp1252-meta",
        "latin1-label-means-cp1252",
        "utf8-no-meta",
        "utf8-bom",
        "wrong-meta",
        "bogus-meta",
        "utf8-stray-byte",
    ],
)
def test_charset(tmp_path: Path, data: bytes, encoding: str, warning: str | None) -> None:
    doc = read_html(write(tmp_path, "p.html", data), DEFAULT_LIMITS)
    assert ACCENTS in doc.text
    assert doc.encoding == encoding
    if warning is None:
        assert not any("charset" in w or "UTF-8" in w for w in doc.warnings)
    else:
        assert any(warning in w for w in doc.warnings)


@pytest.mark.parametrize("name", [COALITIE, "kort"], ids=["long-page", "short-page"])
def test_cp1252_without_meta_is_read_as_cp1252(tmp_path: Path, name: str) -> None:
    if name == "kort":
        page = wrap_page(f"<h1>{HEADING}</h1><p>{ACCENTS}</p>", HEADING, charset=None)
        expected = [("heading", 1, HEADING), ("paragraph", None, ACCENTS)]
    else:
        page, elements = build_html(name, charset=None)
        expected = [(e.kind, e.level, e.text) for e in elements]
    doc = read_html(write(tmp_path, "p.html", page.encode("cp1252")), DEFAULT_LIMITS)
    assert blocks(doc) == expected
    assert doc.encoding == "cp1252"
    assert any("not UTF-8; decoded as cp1252" in w for w in doc.warnings)


def test_bytes_outside_cp1252_fall_back_to_detection(tmp_path: Path) -> None:
    # 0x81 and 0x8d are undefined in windows-1252; charset-normalizer decides.
    page = wrap_page(f"<h1>{HEADING}</h1><p>{ACCENTS}</p>", HEADING, charset=None)
    data = page.encode("cp1252").replace(b"<p>", b"<p>\x81\x8d ")
    doc = read_html(write(tmp_path, "p.html", data), DEFAULT_LIMITS)
    assert HEADING in doc.text
    assert any("(detected)" in w for w in doc.warnings)


def test_huge_colspan_is_clamped(tmp_path: Path) -> None:
    cells = "<td colspan=99999>Jeugdhulp</td>" * 3
    page = wrap_page(f"<h1>{HEADING}</h1><p>{SENTENCE}</p><table><tr>{cells}</tr></table>", HEADING)
    doc = read_html(write(tmp_path, "p.html", page), DEFAULT_LIMITS)
    table = next(text for kind, _level, text in blocks(doc) if kind == "table")
    assert table.count("|") == 2 * MAX_SPAN


@pytest.mark.parametrize(
    "content",
    [
        "<html><head><title>Leeg</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
        "<!-- alleen commentaar -->",
        "   \n  ",
    ],
    ids=["empty-body", "only-chrome", "only-comment", "white-space"],
)
def test_empty_page_is_a_clear_error(tmp_path: Path, content: str) -> None:
    with pytest.raises(IngestError, match="no text content found"):
        read_html(write(tmp_path, "leeg.html", content), DEFAULT_LIMITS)


@pytest.mark.parametrize(
    "content",
    [bytes(range(256)) * 40, b"\x00" * 100 + b"<html>", b"\xff\xfe" + b"\x00\xd8" * 10],
    ids=["binary", "nul-bytes", "broken-utf16"],
)
def test_garbage_is_an_ingest_error(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(IngestError):
        read_html(write(tmp_path, "rommel.html", content), DEFAULT_LIMITS)


def test_unclosed_markup_still_reads(tmp_path: Path) -> None:
    page = f"<html><body><h2>{HEADING}<p>{SENTENCE} <b>Onafgesloten <i>opmaak"
    doc = read_html(write(tmp_path, "p.html", page), DEFAULT_LIMITS)
    assert doc.text.startswith(HEADING)
    assert SENTENCE in doc.text


def test_max_chars_truncates_with_warning(jaarverslag: RawDocument, tmp_path: Path) -> None:
    page, _elements = build_html(JAARVERSLAG_NAME)
    doc = read_html(write(tmp_path, "p.html", page), Limits(max_chars=1000))
    assert len(doc.text) <= 1000
    assert doc.text == jaarverslag.text[: len(doc.text)]
    assert_offsets(doc)
    assert any("truncated" in w for w in doc.warnings)


def test_read_file_dispatches_html(tmp_path: Path) -> None:
    page, elements = build_html(COALITIE)
    doc = read_file(write(tmp_path, "pagina.htm", page))
    assert doc.source_format == "html"
    assert blocks(doc) == [(e.kind, e.level, e.text) for e in elements]
