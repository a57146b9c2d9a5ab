"""Reports: the extracted tables as parameterised notebooks, rendered to HTML and PDF.

`from analysis.report import open_report` is what a notebook needs; it is looked up
on first use, so importing the package (as the CLI does for its error type) loads
neither pandas nor matplotlib.
"""
from __future__ import annotations


def __getattr__(name: str):
    if name == "open_report":
        from analysis.report.sections import open_report  # noqa: PLC0415

        return open_report
    raise AttributeError(f"module 'analysis.report' has no attribute {name!r}")
