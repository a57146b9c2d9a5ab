# Two commands do everything on a fresh machine:
#   make report   set up, extract $(ARTICLES) and render every report into reports/
#   make test     set up and run the test suite
PYTHON ?= python3
VENV := .venv
# The Jupyter kernel the notebooks' metadata names, registered inside .venv.
KERNEL_NAME := ru-kz-analysis
KERNEL_DISPLAY := Python (ru-kz-analysis)
PY := $(VENV)/bin/python
ARTICLES ?= seeds
DATA ?= data
LANG_ARG ?= ru

.PHONY: setup system-deps extract report test fuzz bench lab clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL_NAME) --display-name "$(KERNEL_DISPLAY)"
	touch $@

system-deps:
	./scripts/install-system-deps.sh

setup: system-deps $(VENV)/.installed

extract: setup
	$(PY) -m analysis extract $(ARTICLES) --out $(DATA)

report: extract
	$(PY) -m analysis report --data $(DATA) --out reports --lang $(LANG_ARG)

test: setup
	$(PY) -m pytest -q

# The property tests at 10,000 examples each (opt-in: about an hour on 2 cores).
fuzz: setup
	FUZZ_EXAMPLES=10000 $(PY) -m pytest -q tests/test_properties.py

# JupyterLab from the project's environment, with its kernel.
lab: setup
	$(VENV)/bin/jupyter lab notebooks

N ?= 2000
bench: setup
	$(PY) -m analysis bench --n $(N) --out reports

clean:
	rm -rf $(DATA) reports/*.html reports/*.pdf reports/*.ipynb reports/*.json reports/*/
