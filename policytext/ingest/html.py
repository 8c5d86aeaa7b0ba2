"""Saved web pages: the main content as headings, paragraphs, list items and tables.

A saved municipal page is mostly chrome: menus, cookie banners, scripts, footers. The
page is decoded (byte-order mark, else the declared ``<meta charset>``, else UTF-8, else
windows-1252 as browsers do, else detected), parsed with lxml and stripped of what is
never content: scripts, styles, form controls, cookie/consent banners, page-level
navigation, header and footer (a header holding the page's ``<h1>`` stays, and that
title is put first if trafilatura leaves it out). Collapsed accordion panels inside
``<main>``/``<article>`` are un-hidden and ``<time>`` unwrapped, since trafilatura would
drop them with their text ("op 12 april 2023"). trafilatura then finds the main content
and returns it as XML (``<head rend="h2">``, ``<p>``, ``<list><item>``,
``<table><row><cell>``), which becomes the blocks.

On pages with little text trafilatura falls back to a flat dump of the page; there a
plain walk of ``<body>`` minus menus and banners keeps the structure and is used instead
(with a warning). Markup-shaped text that survives (``&lt;img&gt;`` written out, the
content of a ``<textarea>``) is removed, so the text never carries markup.

The shared helpers (:func:`clean_text`, :func:`table_text`, :func:`assemble`) serve the
DOCX reader too: both build the text as the block texts joined by a blank line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from policytext.document import Block, IngestError, PassageKind, RawDocument
from policytext.ingest.limits import Limits
from policytext.ingest.text import decode_bom, decode_bytes

# Bytes searched for a <meta charset> or XML declaration (browsers use 1024; saved pages
# often have long <head>s with inline styles before the meta).
CHARSET_SNIFF_BYTES = 16384
RE_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
RE_XML_ENCODING = re.compile(
    rb"""^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""", re.IGNORECASE
)
# What browsers do (WHATWG Encoding): latin-1 and ASCII labels mean windows-1252, and a
# UTF-16 label on bytes without a BOM means UTF-8.
CHARSET_OVERRIDES: dict[str, str] = {
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
# A page that declares no charset and is not UTF-8 is read as windows-1252, as browsers
# do for Dutch pages; detection on short Dutch text is unreliable ("ï" → "ď" as cp1250).
DEFAULT_WEB_ENCODING = "cp1252"
RE_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,300}\?>")

# Column spans are clamped to this (trafilatura pads a spanning cell with empty cells, so
# colspan=99999 would blow a few bytes up into a huge row). Word tables have at most 63.
MAX_SPAN = 64

# Elements that never hold page content.
ALWAYS_DROP_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "button", "label", "select", "textarea", "input", "dialog", "link", "meta",
)  # fmt: skip
# Inline elements whose text belongs to the sentence but that trafilatura deletes with
# their text; unwrapped (tag gone, text kept). Buttons and labels inside headings are
# accordion titles ("<h3><button>Wat heeft de gemeente bereikt?</button></h3>").
UNWRAP_TAGS: tuple[str, ...] = ("time", "data")
TITLE_TAGS: tuple[str, ...] = ("h1", "h2", "h3", "h4", "h5", "h6", "summary")
RE_HIDING_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*;?", re.IGNORECASE)
# Page chrome by tag; page-level only (a <header> inside <article> holds its title).
CHROME_TAGS: tuple[str, ...] = ("nav", "header", "footer")
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"})
# id/class/aria-label of cookie and consent banners (Cookiebot, cookieconsent "cc-window").
RE_CONSENT = re.compile(r"cookie|consent|gdpr|\bcc-(?:window|banner|revoke)\b", re.IGNORECASE)
# Further chrome removed only in the plain body walk, where trafilatura does not judge.
RE_MENU = re.compile(
    r"(?<![a-z])(?:menu|nav|navbar|navigation|breadcrumbs?|skip-?links?|banner|sidebar"
    r"|share|social|toolbar|pagination)(?![a-z])",
    re.IGNORECASE,
)
WALK_DROP_TAGS: tuple[str, ...] = ("aside", "form")
# A matched element is only dropped when small: at most this many characters of text, or
# at most this share of the page's text (so a page *about* cookies keeps its article).
SMALL_CHROME_CHARS = 1000
SMALL_CHROME_SHARE = 0.5
PROTECTED_TAGS = frozenset({"html", "body", "main", "article"})

# trafilatura's main text below this many characters means it fell back to its rescue
# extractors (same figure as its MIN_EXTRACTED_SIZE); the body walk is then preferred.
MIN_MAIN_TEXT_CHARS = 250

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_TAGS = frozenset({"ul", "ol", "dl", "menu"})
ITEM_TAGS = frozenset({"li", "dt", "dd"})
PARAGRAPH_TAGS = frozenset({"p", "blockquote", "pre", "address", "figcaption", "summary", "legend"})
CONTAINER_TAGS = frozenset({
    "body", "div", "section", "article", "main", "figure", "details", "fieldset", "center",
    "hgroup", "header", "footer", "nav", "aside", "form",
})  # fmt: skip
# Any element holding one of these is walked as a container, not read as inline text
# (an <a> around a card, a <span> around paragraphs, custom elements).
BLOCK_TAGS: tuple[str, ...] = (
    *HEADING_TAGS, *LIST_TAGS, *ITEM_TAGS, *PARAGRAPH_TAGS, *CONTAINER_TAGS, "table",
)  # fmt: skip
BREAK_TAGS = frozenset({"br", "hr", "lb"})
# Tags whose content starts a new line inside a block's text.
LINE_TAGS = frozenset({
    "p", "div", "head", "item", "row", "list", "quote", "li", "tr", "ul", "ol", "table",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "dt", "dd",
})  # fmt: skip
TRAFILATURA_HEAD_DEFAULT_LEVEL = 3  # its level for a <head> without rend (e.g. <summary>)
RE_REND_LEVEL = re.compile(r"^h([1-6])$")

# Markup-shaped text (a tag, comment or CDATA written out as text, e.g. inside
# <textarea> or escaped as &lt;img&gt;); removed so the text never carries markup.
# Comment and CDATA delimiters go on their own (matching whole comments would not be
# linear in the text length).
RE_MARKUP = re.compile(
    r"<!--|-->|<!\[CDATA\[|\]\]>"
    r"|</?[A-Za-z][A-Za-z0-9:-]{0,40}(?:\s[^<>]{0,2000})?/?>"
)
# Invisible characters dropped from text: zero-width space/joiners, word joiner, BOM,
# soft hyphen ("jeugd\u00adhulp" → "jeugdhulp"), and C0 controls other than tab/newline.
RE_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
RE_SPACES = re.compile(r"[^\S\n]+")
RE_NEWLINES = re.compile(r"\s*\n\s*")
CELL_SEPARATOR = " | "


@dataclass(slots=True)
class Part:
    """A block before offsets are known: kind, text and heading level."""

    kind: PassageKind
    text: str
    level: int | None = None


# --------------------------------------------------------------------------- shared helpers


def clean_text(text: str, *, single_line: bool = False) -> str:
    """Collapse white space within lines, drop empty lines and invisible characters.

    ``"  Jeugd\u00adhulp\xa0 2023 \n\n  (RIS316587 ) "`` → ``"Jeugdhulp 2023\n(RIS316587 )"``.
    """
    text = RE_INVISIBLE.sub("", text)
    text = RE_SPACES.sub(" ", text)
    text = RE_NEWLINES.sub(" " if single_line else "\n", text)
    return text.strip()


def table_text(rows: Iterable[list[str]]) -> str:
    """One line per row, cells joined by ``" | "``; trailing empty cells and empty rows
    are dropped, inner and leading empty cells kept so columns still line up when the
    line is split on ``"|"``."""
    lines = []
    for row in rows:
        cells = [clean_text(cell, single_line=True) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append(CELL_SEPARATOR.join(cells).strip())
    return "\n".join(lines)


def assemble(
    parts: list[Part],
    *,
    source_format: str,
    limits: Limits,
    warnings: list[str],
    encoding: str | None = None,
    title: str | None = None,
) -> RawDocument | None:
    """Join the part texts with a blank line into a :class:`RawDocument` with exact block
    offsets; ``None`` when no part has text. Text beyond ``limits.max_chars`` is cut."""
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for part in parts:
        text = part.text.strip()
        if not text:
            continue
        if pieces:
            pos += 2
        start, end = pos, pos + len(text)
        if end > limits.max_chars:
            text = text[: max(limits.max_chars - start, 0)].rstrip()
            if text:
                pieces.append(text)
                blocks.append(Block(start, start + len(text), part.kind, level=part.level))
            warnings.append(f"text truncated to {limits.max_chars} characters")
            break
        pieces.append(text)
        blocks.append(Block(start, end, part.kind, level=part.level))
        pos = end
    if not blocks:
        return None
    return RawDocument(
        text="\n\n".join(pieces),
        source_format=source_format,
        blocks=blocks,
        warnings=warnings,
        encoding=encoding,
        title=title,
    )


def one_line(err: BaseException) -> str:
    """``"XMLSyntaxError: Premature end of data, line 1"``: an exception as one short line."""
    message = " ".join(str(err).split())
    if len(message) > 200:
        message = message[:197] + "..."
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def read_limited_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, refusing files over ``limits.max_bytes``."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise IngestError(name, f"file is {size} bytes, over the limit of {limits.max_bytes}")
        return path.read_bytes()
    except OSError as err:
        raise IngestError(name, f"cannot read file ({err.strerror or err})") from None


# --------------------------------------------------------------------------------- decoding


def _codec(label: bytes) -> str | None:
    """Python codec for a charset label, with the browsers' overrides; None if unknown."""
    try:
        name = codecs.lookup(label.decode("ascii").strip()).name
    except (LookupError, UnicodeDecodeError):
        return None
    return CHARSET_OVERRIDES.get(name, name)


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 with replacements, if valid multi-byte characters
    outnumber the invalid bytes (UTF-8 with stray bytes, not another encoding)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return text if good > bad else None


def decode_html(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode page bytes; returns ``(text, encoding, warnings)``.

    Order: byte-order mark, declared charset (``<meta charset>``, ``http-equiv``, XML
    declaration), UTF-8, windows-1252, detection (charset-normalizer); the last two with a
    warning. Declared UTF-8 with a few stray bytes stays UTF-8, the bytes replaced by "�".
    """
    if (decoded := decode_bom(data, name)) is not None:
        return *decoded, []
    warnings: list[str] = []
    head = data[:CHARSET_SNIFF_BYTES]
    match = RE_XML_ENCODING.match(head) or RE_META_CHARSET.search(head)
    if match:
        label = match.group(1)
        codec = _codec(label)
        shown = label.decode("ascii", "replace")
        if codec is None:
            warnings.append(f"unknown charset {shown!r} declared; ignored")
        else:
            try:
                return data.decode(codec), codec, warnings
            except UnicodeDecodeError:
                pass
            if codec == "utf-8" and (text := _mostly_utf8(data)) is not None:
                bad = text.count("\ufffd")
                return text, codec, [*warnings, f"{bad} invalid UTF-8 byte sequence(s) replaced"]
            warnings.append(f"declared charset {shown!r} does not fit the bytes; ignored")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode(DEFAULT_WEB_ENCODING)
    except UnicodeDecodeError:
        text, encoding, more = decode_bytes(data, name)
        return text, encoding, warnings + more
    note = f"no fitting charset declared and not UTF-8; decoded as {DEFAULT_WEB_ENCODING}"
    return text, DEFAULT_WEB_ENCODING, [*warnings, note]


# ---------------------------------------------------------------------------------- pruning


def _span(value: str | None) -> int:
    """A colspan value as 1..MAX_SPAN (browsers read "2;" or " 3" too)."""
    match = re.match(r"\s*(\d{1,6})", value or "")
    return min(max(int(match.group(1)), 1), MAX_SPAN) if match else 1


def _unhide(el: lxml_html.HtmlElement) -> None:
    """Show collapsed content (accordion and tab panels) under ``el``."""
    for inner in el.iter():
        if not isinstance(inner.tag, str):
            continue
        inner.attrib.pop("hidden", None)
        if inner.get("aria-hidden") == "true":
            del inner.attrib["aria-hidden"]
        if (style := inner.get("style")) and RE_HIDING_STYLE.search(style):
            inner.set("style", RE_HIDING_STYLE.sub("", style))


def _attr_text(el: lxml_html.HtmlElement) -> str:
    return " ".join(filter(None, (el.get("id"), el.get("class"), el.get("aria-label"))))


def _holds_content(el: lxml_html.HtmlElement) -> bool:
    """True for elements that are or contain the page's main content or title."""
    if el.tag in PROTECTED_TAGS or el.get("role") == "main":
        return True
    return next(el.iterdescendants("main", "article", "h1"), None) is not None


def _inside_content(el: lxml_html.HtmlElement) -> bool:
    return any(a.tag in ("main", "article") or a.get("role") == "main" for a in el.iterancestors())


def _is_small(el: lxml_html.HtmlElement, page_chars: int) -> bool:
    chars = len(el.text_content())
    return chars <= SMALL_CHROME_CHARS or chars <= SMALL_CHROME_SHARE * page_chars


def _is_chrome(el: lxml_html.HtmlElement, page_chars: int, *, walk: bool) -> bool:
    """Whether ``el`` is page chrome (see :func:`prune`)."""
    if _holds_content(el):
        return False
    if el.tag in CHROME_TAGS or el.get("role") in CHROME_ROLES:
        return not _inside_content(el)
    attrs = _attr_text(el)
    if RE_CONSENT.search(attrs) or (
        walk and (el.tag in WALK_DROP_TAGS or RE_MENU.search(attrs) is not None)
    ):
        return _is_small(el, page_chars)
    return False


def prune(root: lxml_html.HtmlElement, *, walk: bool = False) -> None:
    """Remove what is never content, in place; with ``walk`` also menus, asides, forms and
    banners by class (for the plain body walk, which has no content judgement of its own)."""
    # Unwrap before dropping, so a button inside a heading keeps its text.
    unwrap = list(root.iter(*UNWRAP_TAGS))
    unwrap += [el for title in root.iter(*TITLE_TAGS) for el in title.iter("button", "label")]
    for el in unwrap:
        if el.getparent() is not None:
            el.drop_tag()
    for el in list(root.iter(*ALWAYS_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for content in root.iter("main", "article"):
        _unhide(content)
    for cell in root.iter("td", "th"):
        if (span := cell.get("colspan")) is not None:
            cell.set("colspan", str(_span(span)))
    body = root.find("body")
    page_chars = len((body if body is not None else root).text_content())
    doomed = [
        el
        for el in root.iter()
        if isinstance(el.tag, str) and _is_chrome(el, page_chars, walk=walk)
    ]
    for el in doomed:
        # Skip elements already gone with a removed ancestor.
        if el.getparent() is not None and el.getroottree().getroot() is root:
            el.drop_tree()


# ------------------------------------------------------------------------ trafilatura's XML


def inline_text(el: etree._Element, *, skip: frozenset[str] = frozenset()) -> str:
    """All text under ``el`` with line breaks at ``<br>``/``<lb>`` and block children;
    children whose tag is in ``skip`` are left out (their tail text is kept)."""
    out: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in skip:
                if tag in BREAK_TAGS:
                    out.append("\n")
                elif tag in LINE_TAGS:
                    out.append("\n")
                    visit(child)
                    out.append("\n")
                elif tag in ("cell", "td", "th"):
                    out.append(" ")
                    visit(child)
                    out.append(" ")
                else:
                    visit(child)
            if child.tail:
                out.append(child.tail)

    visit(el)
    return "".join(out)


def outermost(el: etree._Element, tags: frozenset[str]) -> Iterable[etree._Element]:
    """Descendants of ``el`` with a tag in ``tags``, not looking inside those: the rows of
    a table but not of the tables nested in its cells."""
    for child in el:
        if child.tag in tags:
            yield child
        elif isinstance(child.tag, str):
            yield from outermost(child, tags)


def _xml_table(table: etree._Element) -> Part:
    rows = [
        [inline_text(cell) for cell in row if cell.tag == "cell"]
        for row in outermost(table, frozenset({"row"}))
    ]
    return Part("table", table_text(rows))


def _xml_list(lst: etree._Element, parts: list[Part]) -> None:
    for child in lst:
        if child.tag == "item":
            parts.append(
                Part("list_item", clean_text(inline_text(child, skip=frozenset({"list", "table"}))))
            )
            for nested in child:
                if nested.tag == "list":
                    _xml_list(nested, parts)
                elif nested.tag == "table":
                    parts.append(_xml_table(nested))
        else:
            _xml_element(child, parts)


def _xml_element(el: etree._Element, parts: list[Part]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "head":
        match = RE_REND_LEVEL.match(el.get("rend", ""))
        level = int(match.group(1)) if match else TRAFILATURA_HEAD_DEFAULT_LEVEL
        parts.append(Part("heading", clean_text(inline_text(el), single_line=True), level))
    elif tag == "list":
        _xml_list(el, parts)
    elif tag == "table":
        parts.append(_xml_table(el))
    elif tag in ("div", "main", "body", "doc"):
        for child in el:
            _xml_element(child, parts)
    elif tag and tag != "graphic":
        parts.append(Part("paragraph", clean_text(inline_text(el))))
    if el.tail and el.tail.strip():
        parts.append(Part("paragraph", clean_text(el.tail)))


def parts_from_trafilatura(xml: str) -> list[Part]:
    """Blocks from trafilatura's XML output (``<doc><main>...</main></doc>``)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(xml.encode("utf-8"), parser=parser)
    main = root.find("main")
    parts: list[Part] = []
    for el in main if main is not None else root:
        _xml_element(el, parts)
    return [p for p in parts if p.text]


# ------------------------------------------------------------------------- plain body walk


def _walk_table(table: lxml_html.HtmlElement) -> Part:
    rows: list[list[str]] = []
    for tr in outermost(table, frozenset({"tr"})):
        row: list[str] = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            row.append(inline_text(cell))
            row.extend([""] * (_span(cell.get("colspan")) - 1))
        rows.append(row)
    caption = table.find("caption")
    if caption is not None:
        rows.insert(0, [inline_text(caption)])
    return Part("table", table_text(rows))


def _walk(el: lxml_html.HtmlElement, parts: list[Part]) -> None:
    """Blocks of a container: block children become blocks, runs of inline content
    between them become paragraphs."""
    run: list[str] = [el.text or ""]

    def flush() -> None:
        text = clean_text("".join(run))
        if text:
            parts.append(Part("paragraph", text))
        run.clear()

    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in HEADING_TAGS:
            flush()
            parts.append(
                Part("heading", clean_text(inline_text(child), single_line=True), int(tag[1]))
            )
        elif tag in LIST_TAGS:
            flush()
            _walk_list(child, parts)
        elif tag == "table":
            flush()
            parts.append(_walk_table(child))
        elif tag in PARAGRAPH_TAGS:
            flush()
            parts.append(Part("paragraph", clean_text(inline_text(child))))
        elif (
            tag in CONTAINER_TAGS
            or tag in ITEM_TAGS
            or (tag and next(child.iterdescendants(*BLOCK_TAGS), None) is not None)
        ):
            flush()
            _walk(child, parts)
        elif tag:
            run.append(inline_text(child))
        if child.tail:
            run.append(child.tail)
    flush()


def _walk_list(lst: lxml_html.HtmlElement, parts: list[Part]) -> None:
    for item in lst:
        if item.tag in ITEM_TAGS:
            text = clean_text(inline_text(item, skip=LIST_TAGS | {"table"}))
            if text:
                parts.append(Part("list_item", text))
            for nested in outermost(item, LIST_TAGS | {"table"}):
                if nested.tag == "table":
                    parts.append(_walk_table(nested))
                else:
                    _walk_list(nested, parts)
        elif isinstance(item.tag, str):
            _walk(item, parts)


def parts_from_body(root: lxml_html.HtmlElement) -> list[Part]:
    """Blocks of the whole (pruned) ``<body>``."""
    body = root.find("body")
    parts: list[Part] = []
    _walk(body if body is not None else root, parts)
    return [p for p in parts if p.text]


# ------------------------------------------------------------------------------------ main


def _title(root: lxml_html.HtmlElement) -> str | None:
    for el in (root.find(".//title"), root.find(".//h1")):
        if el is not None:
            text = clean_text(RE_MARKUP.sub("", el.text_content()), single_line=True)
            if text:
                return text
    return None


def _page_h1(root: lxml_html.HtmlElement) -> str | None:
    """Text of the pruned page's first ``<h1>`` unless it is a link (a site logo)."""
    h1 = root.find(".//h1")
    if h1 is None or h1.find(".//a") is not None or next(h1.iterancestors("a"), None) is not None:
        return None
    return clean_text(inline_text(h1), single_line=True) or None


def _strip_markup(parts: list[Part]) -> int:
    """Remove markup-shaped text from the parts; returns how many fragments went."""
    removed = 0
    for part in parts:
        text, n = RE_MARKUP.subn(" ", part.text)
        if n:
            removed += n
            part.text = clean_text(text, single_line=part.kind == "heading")
    return removed


def _parse(page: str) -> lxml_html.HtmlElement:
    # Comments and processing instructions go at parse time, so their tail text stays
    # (trafilatura drops a comment node together with the text after it).
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    return lxml_html.document_fromstring(page, parser=parser)


def extract_parts(page: str) -> tuple[list[Part], str | None, list[str]]:
    """Blocks, title and warnings of a decoded page."""
    import trafilatura  # heavy import, only when a page is read

    page = RE_XML_DECLARATION.sub("", page, count=1)
    page = RE_INVISIBLE.sub("", page)
    if not page.strip():
        return [], None, []
    try:
        root = _parse(page)
    except etree.ParserError:  # "Document is empty"
        return [], None, []
    title = _title(root)
    warnings: list[str] = []
    prune(root)
    xml = trafilatura.extract(
        root,
        output_format="xml",
        include_tables=True,
        include_formatting=False,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
        with_metadata=False,
    )
    parts = parts_from_trafilatura(xml) if xml else []
    if (
        parts
        and (h1 := _page_h1(root))
        and not any(p.kind == "heading" and p.level == 1 for p in parts)
    ):
        parts.insert(0, Part("heading", h1, 1))  # the page title in a hero header
    if sum(len(p.text) for p in parts) < MIN_MAIN_TEXT_CHARS:
        walk_root = _parse(page)  # fresh: trafilatura was given root
        prune(walk_root, walk=True)
        walked = parts_from_body(walk_root)
        if walked:
            parts = walked
            warnings.append(
                "little main content recognised; read the page body without navigation, "
                "header, footer, scripts and banners"
            )
    removed = _strip_markup(parts)
    if removed:
        warnings.append(f"removed {removed} markup-like text fragment(s)")
    return [p for p in parts if p.text], title, warnings


def read_html(path: Path, limits: Limits) -> RawDocument:
    """Read a saved web page into its main content (see the module docstring)."""
    name = str(path)
    data = read_limited_bytes(path, limits)
    text, encoding, warnings = decode_html(data, name)
    try:
        parts, title, more = extract_parts(text)
    except IngestError:
        raise
    except Exception as err:  # lxml/trafilatura internals: report, never a traceback
        raise IngestError(name, f"cannot parse HTML ({one_line(err)})") from None
    if title is None:
        title = next((p.text for p in parts if p.kind == "heading" and p.level == 1), None)
    doc = assemble(
        parts,
        source_format="html",
        limits=limits,
        warnings=warnings + more,
        encoding=encoding,
        title=title,
    )
    if doc is None:
        raise IngestError(name, "no text content found")
    return doc
