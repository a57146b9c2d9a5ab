"""Where things are: the one home of the project's paths and file names.

Every module that needs a folder of the package or the project asks here, so a
move of the tree is one edit and no module computes `Path(__file__).parents[n]`.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
VOCAB_DIR = PACKAGE_DIR / "vocab"                      # vocabularies: data files only
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"   # nbconvert templates and CSS
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"             # the parameterised report notebooks
SEEDS_DIR = PROJECT_ROOT / "seeds"                     # the five original articles
DEV_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "dev"  # present on developers' machines only

CACHE_NAME = "cache.sqlite"                            # per-document cache, in the output folder
