"""Jupyter: the notebooks name the kernel `make setup` registers, JupyterLab is in the dev
environment, and the README's papermill route (papermill, then `python -m analysis export`)
gives the report `python -m analysis report` gives."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from analysis.report import render
from conftest import PROJECT_KERNEL
from report_fixtures import seed_tables, write_tables

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


@pytest.mark.parametrize("name", ["region", "overview"])
def test_notebooks_name_the_project_kernel(name):
    meta = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["metadata"]
    assert meta["kernelspec"] == {"display_name": "Python (ru-kz-analysis)", "language": "python",
                                  "name": PROJECT_KERNEL}


def test_setup_registers_that_kernel_inside_the_venv_and_installs_jupyterlab():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"KERNEL_NAME := {PROJECT_KERNEL}" in makefile
    assert "KERNEL_DISPLAY := Python (ru-kz-analysis)" in makefile
    assert ('$(PY) -m ipykernel install --sys-prefix --name $(KERNEL_NAME) '
            '--display-name "$(KERNEL_DISPLAY)"') in makefile
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"]["dev"]
    assert any(spec.startswith("jupyterlab") for spec in dev)


def test_reports_run_in_a_kernel_every_install_has():
    """`analysis report` does not depend on `make setup` having registered the named kernel."""
    assert render.KERNEL == "python3"


def _comparable(page: str) -> str:
    """A report page without what differs by design between the two routes: the link back to
    the index and the CSV links (`analysis report` only), the build time."""
    page = re.sub(r'<nav class="crumbs">.*?</nav>', "", page)
    page = re.sub(r'<p class="more">Full table: .*?</p>', "", page)
    return re.sub(r'<footer class="colophon">.*?</footer>', "", page)


@pytest.mark.e2e
def test_papermill_then_export_matches_the_cli_report(tmp_path, kernel_env):
    data_dir = write_tables(tmp_path / "data", seed_tables())
    exe = shutil.which("papermill", path=str(Path(PY).parent)) or "papermill"
    out_nb = tmp_path / "by-hand" / "out.ipynb"
    out_nb.parent.mkdir()
    run = subprocess.run([exe, str(ROOT / "notebooks" / "region.ipynb"), str(out_nb),
                          "-p", "region", "Leningrad Oblast", "-p", "lang", "en",
                          "-p", "data_dir", str(data_dir), "--no-progress-bar"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, env=kernel_env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(out_nb.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"] == PROJECT_KERNEL
    run = subprocess.run([PY, "-m", "analysis", "export", str(out_nb), "--format", "html"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == str(out_nb.with_suffix(".html"))
    by_hand = out_nb.with_suffix(".html").read_text(encoding="utf-8")

    render.build_reports(data_dir, tmp_path / "reports", regions=["Ленинградская область"], lang="en",
                         formats=["html"], progress=False)
    cli = (tmp_path / "reports" / "leningrad-oblast.en.html").read_text(encoding="utf-8")
    assert "<title>Leningrad Oblast and Kazakhstan" in by_hand
    assert _comparable(by_hand) == _comparable(cli)


def test_export_names_a_missing_notebook_and_a_bad_format(tmp_path):
    from analysis.__main__ import main

    assert main(["export", str(tmp_path / "nope.ipynb")]) == 2
    assert main(["export", str(tmp_path / "nope.ipynb"), "--format", "docx"]) == 2
