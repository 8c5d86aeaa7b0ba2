"""One self-contained HTML page per run: the documents with their mentions highlighted."""

from policytext.report.html import render_report, write_report

__all__ = ["render_report", "write_report"]
