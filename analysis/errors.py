"""The errors the command line reports as a message, not a traceback.

Here, not beside the code that raises them, so that `python -m analysis` can name
them without importing the report stack (pandas, matplotlib, DuckDB) for an
`extract` run."""
from __future__ import annotations


class ReportError(ValueError):
    """A report parameter that cannot be honoured (unknown region, empty data, bad filter)."""
