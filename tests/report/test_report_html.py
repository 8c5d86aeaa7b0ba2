"""The HTML report: escaping, one highlight per mention, self-contained."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policytext.report import render_report, write_report

HOSTILE = "<img src=x onerror=alert(1)>"  # as in conftest.py

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora" / "sample"


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str | None]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "mark" and "m" in (a.get("class") or "").split():
            self.marks.append(a)
        if tag == "script":
            self.scripts += 1


def parse(page: str) -> Collect:
    c = Collect()
    c.feed(page)
    return c


@pytest.fixture(scope="module")
def sample_report(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    counts = write_report(SAMPLE, out, nlp=nlp)
    return out, counts


def test_sample_report_highlights_every_mention(sample_report):
    out, counts = sample_report
    page = out.read_text("utf-8")
    c = parse(page)
    assert counts["documents"] == 5 and counts["mentions"] > 100
    assert len(c.marks) == counts["mentions"] == counts["highlighted"]
    assert all(m.get("title") and m.get("data-label") for m in c.marks)
    # the normalised value is in the title
    assert any(m["title"].startswith("AMOUNT: 6400000.0") for m in c.marks)
    assert "<table" in page and 'class="fin"' in page  # the jaarverslag's financial table
    assert 'class="theme"' in page


def test_sample_report_shows_commitments_and_their_reports(sample_report):
    page = sample_report[0].read_text("utf-8")
    assert page.count('class="commitments"') >= 2  # coalitieakkoord and jaarverslag at least
    # the coalitieakkoord's preventieaanpak, reported on in the 2023 jaarverslag
    row = next(r for r in page.split("<tr>") if "We verstevigen de Haagse preventieaanpak" in r)
    assert "€ 6,4 miljoen" in row and "denhaag_jaarverslag_2023_zorg_welzijn" in row
    assert "started" in row


def test_self_contained(sample_report):
    page = sample_report[0].read_text("utf-8")
    c = parse(page)
    assert c.scripts == 1
    for tag, a in c.tags:
        for attr in ("src", "href"):
            if a.get(attr):
                assert a[attr].startswith(("data:", "#")), (tag, a)
        assert not (tag == "link" and a.get("rel") == "stylesheet")
    assert not re.search(r"https?://", page.split("<main>")[0])  # head and header


def test_hostile_text_is_escaped(nlp, hostile_file, tmp_path):
    out = tmp_path / "r.html"
    counts = write_report(hostile_file, out, nlp=nlp)
    page = out.read_text("utf-8")
    assert HOSTILE not in page
    assert "<script>alert(2)" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    c = parse(page)
    assert not any(tag == "img" for tag, _ in c.tags)
    assert c.scripts == 1  # only the report's own
    assert counts["mentions"] >= 3
    assert len(c.marks) == counts["mentions"]


def test_hostile_rows_everywhere(tmp_path):
    """Text in every field a row can carry (ids, titles, labels, values, themes,
    table captions) is escaped, also in attributes."""
    h = HOSTILE + '"><svg onload=alert(3)>'
    text = f"{h} € 5"
    rows = {
        "documents": [{"doc_id": h, "status": "ok", "title": h, "doc_type": h, "year": 2023}],
        "passages": [
            {
                "doc_id": h,
                "passage_id": h,
                "kind": h,
                "start": 10,
                "end": 10 + len(text),
                "text": text,
                "section": [h],
                "themes": [h],
            },
        ],
        "mentions": [
            {
                "doc_id": h,
                "start": 10 + len(h) + 1,
                "end": 10 + len(text),
                "label": "AMOUNT",
                "text": "€ 5",
                "value": h,
                "unit": h,
            },
            {"doc_id": h, "start": 10, "end": 15, "label": "ORG", "text": h[:5], "value": h},
        ],
        "tables": [
            {
                "doc_id": h,
                "table_id": h,
                "caption": h,
                "label_header": h,
                "columns": [h],
                "rows": [{"label": h, "values": {h: 1000.0}, "flags": {h: h}}],
            },
        ],
    }
    rows["commitments"] = [
        {
            "commitment_id": h,
            "doc_id": h,
            "text": h,
            "what": h,
            "amounts": [h],
            "target_dates": [h],
            "status": h,
            "notes": [h],
        }
    ]
    rows["links"] = [{"commitment_id": h, "doc_id": h, "year": h, "status": h, "evidence": h}]
    page = render_report(rows, title=h)
    c = parse(page)
    assert 'class="commitments"' in page
    assert not any(tag in ("img", "svg") for tag, _ in c.tags)
    assert c.scripts == 1
    assert len(c.marks) == 2
    assert "onload=alert(3)" not in page.replace("&quot;&gt;&lt;svg onload=alert(3)&gt;", "")


def test_rows_and_extract_folder_give_the_same_marks(nlp, tmp_path):
    from policytext.run import run_extract

    result = run_extract(
        [SAMPLE / "denhaag_coalitieakkoord_2022_preventie.txt"],
        nlp,
        outdir=tmp_path / "out",
        formats=["jsonl"],
    )
    a = render_report({k: result.datasets[k] for k in result.datasets})
    counts = write_report(tmp_path / "out", tmp_path / "r.html")
    assert 'class="commitments"' not in (tmp_path / "r.html").read_text("utf-8")
    # commitments written by `policytext track` into the same folder are shown too
    from policytext.commitments.track import track

    track([SAMPLE / "denhaag_coalitieakkoord_2022_preventie.txt"], tmp_path / "out", nlp=nlp)
    write_report(tmp_path / "out", tmp_path / "r2.html")
    assert 'class="commitments"' in (tmp_path / "r2.html").read_text("utf-8")
    b = (tmp_path / "r.html").read_text("utf-8")
    assert len(parse(a).marks) == len(parse(b).marks) == counts["mentions"]
    assert counts["mentions"] == len(result.datasets["mentions"]) > 0


def test_overlapping_rows_still_one_mark_each():
    text = "GGD Haaglanden 2023"
    rows = {
        "passages": [
            {"doc_id": "d", "start": 0, "end": len(text), "text": text, "kind": "paragraph"}
        ],
        "mentions": [
            {"doc_id": "d", "start": 0, "end": 14, "label": "ORG", "value": "GGD Haaglanden"},
            {"doc_id": "d", "start": 4, "end": 19, "label": "DATE", "value": "x"},
            {"doc_id": "d", "start": 15, "end": 19, "label": "DATE", "value": "2023"},
        ],
    }
    assert len(parse(render_report(rows)).marks) == 3


def test_error_document(tmp_path):
    rows = {"documents": [{"doc_id": "bad", "status": "error", "error": "<b>broken</b>"}]}
    page = render_report(rows)
    assert "&lt;b&gt;broken&lt;/b&gt;" in page


def test_report_reads_each_document_once(nlp, monkeypatch, tmp_path):
    """Commitment tracking reuses the documents extract loaded: no second read."""
    import policytext.process as process
    import policytext.run as run

    calls: list[str] = []
    real = process.load_document

    def counting(path, *args, **kwargs):
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(run, "load_document", counting)
    monkeypatch.setattr(process, "load_document", counting)
    write_report(SAMPLE, tmp_path / "r.html", nlp=nlp)
    assert sorted(calls) == sorted(p.name for p in SAMPLE.iterdir() if p.suffix == ".txt")
