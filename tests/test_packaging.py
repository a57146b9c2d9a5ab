"""The two ways of installing (pip via pyproject.toml, conda via environment.yml) stay in step."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _names(specs: list[str]) -> set[str]:
    return {re.split(r"[<>=!\[ ]", s.strip(), maxsplit=1)[0].lower() for s in specs}


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _names(project["dependencies"] + project["optional-dependencies"]["dev"])
    listed = set()
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"\s*-\s+([A-Za-z][\w.-]*)", line)
        if m and m.group(1) not in {"python", "pip"}:
            listed.add(m.group(1).lower())
    assert wanted == listed


def test_seeds_are_the_five_original_documents():
    assert sorted(p.name for p in (ROOT / "seeds").glob("*.txt")) == [
        "000_0c698b2cadf5fb37.txt", "001_dabe20f1408b024f.txt", "002_7fec1020505c673c.txt",
        "003_ac6e4927fc8ab90f.txt", "004_e93665f458d34241.txt"]
