"""The HTML report: one self-contained page (inline CSS and JS, no external assets).

Per document: a summary (mentions per label, organisations, amounts, themes), the
commitments found (what, amounts, target dates, status in later documents, with the
passages that report on them), the financial tables, and the text passage by passage
with every mention highlighted in a ``<mark class="m m-LABEL">`` whose ``title`` gives
the normalised value, each passage's section path and themes. All text from documents
is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import json
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from policytext.dataset import atomic_open
from policytext.extract.mention import EXTRA_FIELDS, LABEL_COLOURS, LABELS

DATASETS = ("documents", "passages", "mentions", "tables", "table_cells", "commitments", "links")


def e(value: Any) -> str:
    """Escaped text for element content and (double-quoted) attributes."""
    return escape("" if value is None else str(value), quote=True)


def template(name: str) -> str:
    return resources.files("policytext.report").joinpath("templates", name).read_text("utf-8")


def parse_json_field(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_rows(
    path_or_rows: Any, *, nlp: Any = None, theme_model: Any = None
) -> dict[str, list[dict[str, Any]]]:
    """Rows by dataset from: a mapping (``process_file``/``run_extract`` rows), a
    ``RunResult``, an ``extract`` output folder holding ``passages.jsonl`` and
    ``mentions.jsonl``, or document paths (run through the pipeline here)."""
    if hasattr(path_or_rows, "datasets"):
        path_or_rows = path_or_rows.datasets
    if isinstance(path_or_rows, Mapping):
        return {name: list(path_or_rows.get(name) or []) for name in DATASETS}
    paths = [path_or_rows] if isinstance(path_or_rows, (str, Path)) else list(path_or_rows)
    paths = [Path(p) for p in paths]
    if len(paths) == 1 and (paths[0] / "passages.jsonl").is_file():
        folder = paths[0]
        return {
            name: read_jsonl(folder / f"{name}.jsonl")
            if (folder / f"{name}.jsonl").is_file()
            else []
            for name in DATASETS
        }
    from policytext.run import run_extract

    if nlp is None:
        from policytext.pipeline import load_pipeline

        nlp = load_pipeline()
    if theme_model is None:
        from policytext.themes.component import load_model

        theme_model = load_model(None, None)
    result = run_extract(paths, nlp, theme_model=theme_model, keep_documents=True)
    rows = {name: result.datasets.get(name) or [] for name in DATASETS}
    rows.update(commitment_rows(rows, nlp, result.documents))
    return rows


def commitment_rows(
    rows: Mapping[str, list[dict[str, Any]]],
    nlp: Any,
    documents: Mapping[str, Any] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """``commitments`` and ``links`` of the documents processed without error, tracked
    from earlier to later ones, from the mentions and themes ``extract`` already found.

    ``documents``: the documents ``extract`` loaded, by id (else they are read again)."""
    from policytext.commitments.track import analysis_from_rows, track_documents
    from policytext.process import load_document

    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for name in ("mentions", "passages"):
        for r in rows.get(name) or []:
            by_doc[r["doc_id"]][name].append(r)
    loaded, analyses = [], {}
    for d in rows.get("documents") or []:
        if d.get("status") != "ok":
            continue
        document = (documents or {}).get(d["doc_id"])
        if document is None:
            meta = {k: d[k] for k in ("doc_id", "doc_type", "place", "year", "title") if d.get(k)}
            document = load_document(Path(d["path"]), doc_id=d["doc_id"], manifest_row=meta)
        loaded.append(document)
        analyses[document.doc_id] = analysis_from_rows(
            document, by_doc[document.doc_id]["mentions"], by_doc[document.doc_id]["passages"]
        )
    if not loaded:
        return {"commitments": [], "links": []}
    tracked = track_documents(loaded, nlp=nlp, analyses=analyses)
    return {"commitments": tracked["commitments"], "links": tracked["links"]}


def value_title(m: Mapping[str, Any]) -> str:
    parts = [f"{m['label']}: {json.dumps(m.get('value'), ensure_ascii=False)}"]
    parts += [f"{k}={m[k]}" for k in EXTRA_FIELDS if m.get(k) not in (None, False, "", [])]
    return " · ".join(parts)


def mark(m: Mapping[str, Any], text: str) -> str:
    label = m["label"] if m["label"] in LABELS else "OTHER"
    return (
        f'<mark class="m m-{e(label)}" data-label="{e(m["label"])}" '
        f'title="{e(value_title(m))}">{e(text)}</mark>'
    )


def render_passage(p: Mapping[str, Any], mentions: list[Mapping[str, Any]]) -> str:
    """The passage text with its mentions marked. Mentions overlapping an earlier one
    (the pipeline does not produce them; edited rows might) are listed after the text,
    still as marks, so every mention appears exactly once."""
    text = p.get("text") or ""
    base = p["start"]
    out: list[str] = []
    extra: list[str] = []
    cursor = 0
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        s, t = m["start"] - base, m["end"] - base
        if s < cursor or t > len(text) or s < 0:
            extra.append(mark(m, m.get("text") or text[max(s, 0) : t]))
            continue
        out.append(e(text[cursor:s]))
        out.append(mark(m, text[s:t]))
        cursor = t
    out.append(e(text[cursor:]))
    kind = p.get("kind") or "paragraph"
    themes = parse_json_field(p.get("themes")) or []
    section = parse_json_field(p.get("section")) or []
    head = ""
    if section and kind != "heading":
        head += f'<span class="section-path">{e(" › ".join(map(str, section)))}</span>'
    tail = ""
    if themes:
        tail += (
            '<span class="themes">'
            + "".join(f'<span class="theme">{e(t)}</span>' for t in themes)
            + "</span>"
        )
    if extra:
        tail += '<span class="overlaps">overlapping: ' + " ".join(extra) + "</span>"
    cls = f"passage {e(kind)}" + (" themed" if themes else "")
    return (
        f'<div class="{cls}" id="{e(p.get("passage_id") or "")}" data-start="{int(base)}">'
        f"{head}{''.join(out)}{tail}</div>"
    )


def fmt_num(x: Any) -> str:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return e(x)
    return e(f"{x:,.0f}".replace(",", ".")) if float(x).is_integer() else e(f"{x:,.2f}")


def render_table(t: Mapping[str, Any]) -> str:
    columns = parse_json_field(t.get("columns")) or []
    rows = parse_json_field(t.get("rows")) or []
    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    body = []
    for r in rows:
        values = r.get("values") or {}
        flags = r.get("flags") or {}
        cells = "".join(
            f'<td class="num">{fmt_num(values.get(c))}'
            + (f" {e(flags[c])}" if flags.get(c) else "")
            + "</td>"
            for c in columns
        )
        body.append(f"<tr><th>{e(r.get('label'))}</th>{cells}</tr>")
    caption = t.get("caption") or t.get("table_id") or ""
    checks = parse_json_field(t.get("checks"))
    checks_html = ""
    if isinstance(checks, list) and checks and all(isinstance(c, dict) for c in checks):
        failed = [c for c in checks if not c.get("passed")]
        keys = ("name", "row", "column", "expected", "found", "passed")
        checks_html = (
            f"<details><summary>checks: {len(checks) - len(failed)} of {len(checks)} passed"
            f"</summary>{summary_table(keys, [[c.get(k) for k in keys] for c in checks], (3, 4))}"
            "</details>"
        )
    elif checks:
        checks_html = f"<p>checks: {e(json.dumps(checks, ensure_ascii=False))}</p>"
    return (
        f'<table class="fin" id="{e(t.get("table_id") or "")}"><caption>{e(caption)} '
        f"(amounts in euros)</caption><thead><tr><th>{e(t.get('label_header') or '')}</th>{head}"
        f"</tr></thead><tbody>{''.join(body)}</tbody></table>{checks_html}"
    )


def summary_table(headers: Iterable[str], rows: Iterable[Iterable[Any]], num_cols=()) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{fmt_num(c)}</td>' if i in num_cols else f"<td>{e(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_commitments(
    commitments: list[Mapping[str, Any]], links: Mapping[str, list[Mapping[str, Any]]]
) -> str:
    """The commitments of a document, each with its status and the later passages that
    report on it."""
    parts = [f"<details open><summary>Commitments ({len(commitments)})</summary>"]
    parts.append(
        '<table class="commitments"><thead><tr><th>commitment</th><th>what</th>'
        "<th>amounts</th><th>target dates</th><th>status</th><th>reported in</th>"
        "</tr></thead><tbody>"
    )
    for c in commitments:
        reports = "".join(
            f"<li>{e(k.get('doc_id'))} ({e(k.get('year'))}), {e(k.get('status'))}: "
            f"<q>{e(k.get('evidence'))}</q></li>"
            for k in links.get(c.get("commitment_id"), [])
        )
        notes = parse_json_field(c.get("notes")) or []
        parts.append(
            "<tr>"
            f"<td>{e(c.get('text'))}</td>"
            f"<td>{e(c.get('what'))}</td>"
            f"<td>{e(', '.join(map(str, parse_json_field(c.get('amounts')) or [])))}</td>"
            f"<td>{e(', '.join(map(str, parse_json_field(c.get('target_dates')) or [])))}</td>"
            f"<td>{e(c.get('status'))}"
            + "".join(f'<br><span class="note">{e(n)}</span>' for n in notes)
            + "</td>"
            f"<td>{f'<ul>{reports}</ul>' if reports else ''}</td>"
            "</tr>"
        )
    parts.append("</tbody></table></details>")
    return "".join(parts)


def render_document(
    doc: Mapping[str, Any],
    passages: list[Mapping[str, Any]],
    mentions: list[Mapping[str, Any]],
    tables: list[Mapping[str, Any]],
    commitments: Sequence[Mapping[str, Any]] = (),
    links: Mapping[str, list[Mapping[str, Any]]] | None = None,
) -> str:
    doc_id = doc.get("doc_id")
    title = doc.get("title") or doc_id
    meta = ", ".join(
        f"{k}: {doc[k]}" for k in ("doc_type", "place", "year", "source_format") if doc.get(k)
    )
    parts = [f'<section class="doc" id="doc-{e(doc_id)}"><h2>{e(title)}</h2>']
    parts.append(f"<p>{e(doc_id)} — {e(meta)}</p>")
    if doc.get("status") == "error":
        parts.append(f'<p class="error">error: {e(doc.get("error"))}</p></section>')
        return "".join(parts)
    by_label = Counter(m["label"] for m in mentions)
    parts.append('<details open><summary>Summary</summary><div class="summary">')
    parts.append(
        summary_table(
            ["label", "mentions"], [(lab, by_label.get(lab, 0)) for lab in LABELS], num_cols=(1,)
        )
    )
    orgs = Counter(str(m.get("value") or m.get("text")) for m in mentions if m["label"] == "ORG")
    if orgs:
        parts.append(summary_table(["organisation", "mentions"], orgs.most_common(), num_cols=(1,)))
    amounts = [m for m in mentions if m["label"] == "AMOUNT"]
    if amounts:
        parts.append(
            summary_table(
                ["amount", "euros", "period"],
                [(m.get("text"), m.get("value"), m.get("period") or "") for m in amounts],
                num_cols=(1,),
            )
        )
    theme_counts: Counter[str] = Counter()
    for p in passages:
        theme_counts.update(parse_json_field(p.get("themes")) or [])
    if theme_counts:
        parts.append(
            summary_table(["theme", "passages"], theme_counts.most_common(), num_cols=(1,))
        )
    parts.append("</div></details>")
    if commitments:
        parts.append(render_commitments(list(commitments), links or {}))
    if tables:
        parts.append("<details open><summary>Tables</summary>")
        parts.extend(render_table(t) for t in tables)
        parts.append("</details>")
    parts.append('<details open><summary>Text</summary><div class="text">')
    ordered = sorted(passages, key=lambda p: (p["start"], p["end"]))
    starts = [p["start"] for p in ordered]
    assigned: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    unplaced = []
    from bisect import bisect_right

    for m in mentions:
        i = bisect_right(starts, m["start"]) - 1
        # a mention belongs to the last passage starting at or before it that holds it
        while i >= 0 and not (ordered[i]["start"] <= m["start"] and m["end"] <= ordered[i]["end"]):
            i -= 1
        if i < 0 or ordered[i].get("kind") == "table":
            unplaced.append(m)
        else:
            assigned[i].append(m)
    for i, p in enumerate(ordered):
        if p.get("kind") == "table" and not assigned.get(i):
            continue  # shown under Tables
        parts.append(render_passage(p, assigned.get(i, [])))
    if unplaced:
        parts.append(
            '<p class="overlaps">outside the passages: '
            + " ".join(mark(m, m.get("text") or "") for m in unplaced)
            + "</p>"
        )
    parts.append("</div></details></section>")
    return "".join(parts)


def render_report(
    rows: Mapping[str, list[dict[str, Any]]], title: str = "policytext report"
) -> str:
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for name in ("passages", "mentions", "tables", "commitments"):
        for r in rows.get(name) or []:
            by_doc[r.get("doc_id")][name].append(r)
    links: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows.get("links") or []:
        links[r["commitment_id"]].append(r)
    documents = list(rows.get("documents") or [])
    known = {d.get("doc_id") for d in documents}
    documents += [{"doc_id": d, "status": "ok"} for d in by_doc if d not in known]
    n_mentions = sum(
        len(by_doc[d.get("doc_id")]["mentions"]) for d in documents if d.get("status") != "error"
    )
    run_rows = [
        (
            d.get("doc_id"),
            d.get("status"),
            d.get("doc_type") or "",
            d.get("year") or "",
            len(by_doc[d.get("doc_id")]["passages"]),
            len(by_doc[d.get("doc_id")]["mentions"]),
            len(by_doc[d.get("doc_id")]["tables"]),
        )
        for d in documents
    ]
    summary = "<h2>Documents</h2>" + summary_table(
        ["document", "status", "type", "year", "passages", "mentions", "tables"],
        run_rows,
        num_cols=(4, 5, 6),
    )
    legend = "".join(
        f'<label><input type="checkbox" checked data-toggle-label="{lab}"> '
        f'<span class="swatch" style="background:{LABEL_COLOURS[lab]}"></span> {lab}</label>'
        for lab in LABELS
    )
    body = "\n".join(
        render_document(
            d,
            by_doc[d.get("doc_id")]["passages"],
            by_doc[d.get("doc_id")]["mentions"],
            by_doc[d.get("doc_id")]["tables"],
            by_doc[d.get("doc_id")]["commitments"],
            links,
        )
        for d in documents
    )
    return string.Template(template("report.html")).substitute(
        title=e(title),
        css=template("report.css"),
        js=template("report.js").replace("</", "<\\/"),
        legend=legend,
        n_mentions=n_mentions,
        summary=summary,
        documents=body,
    )


def write_report(
    path_or_rows: Any,
    out_html: str | Path,
    *,
    nlp: Any = None,
    theme_model: Any = None,
    title: str = "policytext report",
) -> dict[str, int]:
    """Write the report for ``path_or_rows`` (see :func:`load_rows`) to ``out_html``.
    Returns counts (documents, mentions, highlighted) for the caller to print."""
    rows = load_rows(path_or_rows, nlp=nlp, theme_model=theme_model)
    page = render_report(rows, title=title)
    out_html = Path(out_html)
    out_html.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(out_html, "w", encoding="utf-8") as fh:
        fh.write(page)
    return {
        "documents": len(rows["documents"]),
        "mentions": len(rows["mentions"]),
        "highlighted": page.count('<mark class="m '),
    }
