# briefgen — the two commands of the quick start, and the set-up they share.
#   make site   build the briefing site (and PDFs) from the articles in articles/
#   make test   run the whole test suite (what CI runs)
# Both install everything they need on a fresh Debian machine: system packages with apt-get,
# Python packages into .venv.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# chromium: browser tests; poppler-utils: PDF checks; fonts-noto-cjk: Hangul/Kanji glyphs in PDFs;
# libpango: WeasyPrint's text layout.
APT_PACKAGES := chromium poppler-utils fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test system python serve lint clean benchmark

site: python system
	$(BIN)/briefgen build

test: python system
	CI=$${CI:-true} $(BIN)/pytest -n 2 -q

serve: python
	$(BIN)/briefgen serve

lint: python
	$(BIN)/ruff check briefgen tests benchmarks
	$(BIN)/mypy briefgen

benchmark: python
	$(BIN)/python -m benchmarks

python: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

system:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:
	rm -rf site build dist .pytest_cache .mypy_cache .ruff_cache
