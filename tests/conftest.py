"""Shared test helpers: where ../shared lives (absent in a user's checkout); the environment
papermill needs to find the notebooks' kernel."""
from __future__ import annotations

import os
import subprocess
import sys
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


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory) -> Path:
    """The report fixtures' seed tables written as the extractor writes them, once per test
    module (a module may add files to its folder)."""
    from report_fixtures import seed_tables, write_tables

    return write_tables(tmp_path_factory.mktemp("seed"), seed_tables())


#: The kernel the notebooks' metadata names and `make setup` registers.
PROJECT_KERNEL = "ru-kz-analysis"


@pytest.fixture(scope="session")
def kernel_env(tmp_path_factory) -> dict[str, str]:
    """The environment for running papermill as a user does (no -k: the notebook's kernel).
    `make setup` registers the kernel in .venv; where the test interpreter has none (an
    environment set up without make), it is registered the same way in a temporary prefix."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    env = dict(os.environ)
    try:
        KernelSpecManager().get_kernel_spec(PROJECT_KERNEL)
        return env
    except NoSuchKernel:
        pass
    prefix = tmp_path_factory.mktemp("kernel")
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", str(prefix),
                    "--name", PROJECT_KERNEL], check=True, capture_output=True)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(prefix / "share" / "jupyter"),
                                                        env.get("JUPYTER_PATH", "")]))
    return env
