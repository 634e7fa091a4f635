# Two commands matter: `make run` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export QT_LOGGING_RULES ?= qt.multimedia.symbolsresolver.warning=false;qt.multimedia.ffmpeg.info=false

.PHONY: setup run test bench sample bundle install-desktop clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(PY) -m subtitler models prepare
	@touch $@

setup: $(STAMP)

## Start Subtitler on the bundled sample (headless machines transcribe it instead).
run: $(STAMP)
	$(PY) -m subtitler $(ARGS)

## Run the whole test suite (offscreen Qt, real bundled models).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

## Print the benchmark figures (needs espeak-ng and sox for the synthetic-speech ones).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

## Regenerate resources/samples (needs espeak-ng).
sample: $(STAMP)
	$(PY) scripts/make_sample.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
