# Two commands matter: `make run` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export QT_LOGGING_RULES ?= qt.multimedia.symbolsresolver.warning=false;qt.multimedia.ffmpeg.info=false

.PHONY: setup system-deps run test bench sample translations bundle install-desktop validate-desktop clean

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
test: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

## Programs the tests need beside Python: ffmpeg with libass and a font (burn-in). On CI (CI=true)
## Debian's ffmpeg is installed when missing; elsewhere imageio-ffmpeg's own ffmpeg serves.
system-deps:
	@command -v ffmpeg >/dev/null 2>&1 || [ "$(CI)" != true ] || ! command -v apt-get >/dev/null 2>&1 || \
		{ SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update -qq && \
		  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq ffmpeg fonts-dejavu-core; }

## Print the benchmark figures (needs espeak-ng and sox for the synthetic-speech ones).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

## Regenerate resources/samples (needs espeak-ng).
sample: $(STAMP)
	$(PY) scripts/make_sample.py

## Refresh the interface translations (French, English plurals: .ts and the shipped .qm); lists untranslated strings.
translations: $(STAMP)
	$(PY) scripts/update_translations.py

## Build the one-folder desktop bundle with PyInstaller (dist/subtitler/subtitler).
bundle: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bundle]'
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/subtitler.spec
	$(PY) benchmarks/bundle.py

APP_ID := io.github.subtitler.Subtitler
DATA_HOME ?= $(HOME)/.local/share
# The program the menu entry starts; for the bundle: make install-desktop EXEC=$(CURDIR)/dist/subtitler/subtitler
EXEC ?= $(abspath $(VENV))/bin/subtitler

## Install the menu entry, icon, AppStream metadata and the .subtitler MIME type for this user.
install-desktop: $(STAMP)
	install -Dm644 resources/icons/$(APP_ID).svg $(DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg
	install -Dm644 resources/desktop/$(APP_ID).mime.xml $(DATA_HOME)/mime/packages/$(APP_ID).xml
	install -Dm644 resources/desktop/$(APP_ID).metainfo.xml $(DATA_HOME)/metainfo/$(APP_ID).metainfo.xml
	mkdir -p $(DATA_HOME)/applications
	sed 's|^Exec=subtitler|Exec=$(EXEC)|' resources/desktop/$(APP_ID).desktop \
		> $(DATA_HOME)/applications/$(APP_ID).desktop
	-update-mime-database $(DATA_HOME)/mime
	-update-desktop-database $(DATA_HOME)/applications

## Validate the desktop files (needs Debian's desktop-file-utils and appstream).
validate-desktop:
	desktop-file-validate resources/desktop/$(APP_ID).desktop
	appstreamcli validate --no-net resources/desktop/$(APP_ID).metainfo.xml

clean:
	rm -rf $(VENV) build dist .pytest_cache
