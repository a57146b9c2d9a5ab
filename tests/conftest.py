"""Shared test helpers: where ../shared lives (absent in a user's checkout)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """../shared, or skip the test cleanly when this checkout has none."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not available in this checkout")
    return SHARED
