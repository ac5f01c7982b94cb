# Two commands on a fresh machine with python3 and make:  make run  |  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The system libraries PySide6 loads (packaging/debian-packages.txt, one package a line).
DEBIAN_PACKAGES := $(shell sed 's/\#.*//' packaging/debian-packages.txt)

.PHONY: run test lint layers typecheck pytest bench clean system-packages

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "WatchDesk needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || { \
		rm -rf $(VENV); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv \
				&& $(PYTHON) -m venv $(VENV); \
		else \
			echo "Python cannot create a virtual environment here. On Debian/Ubuntu run:"; \
			echo "    sudo apt-get install python3-venv"; \
			echo "then run make again."; exit 1; \
		fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-app

# On Debian/Ubuntu (dpkg): nothing when every package is installed (or one that provides it,
# e.g. Debian 13's libglib2.0-0t64 for libglib2.0-0); as root with apt, install
# the missing ones; otherwise print the one command that does and stop.
system-packages:
	@command -v dpkg-query >/dev/null || exit 0; \
	present=" $$(dpkg-query -W -f='$${db:Status-Abbrev} $${Package} $${Provides}\n' \
		| sed -n 's/^ii *//p' | sed 's/([^)]*)//g; s/,/ /g' | tr -s ' \n' '  ') "; \
	missing=""; \
	for package in $(DEBIAN_PACKAGES); do \
		case "$$present" in *" $$package "*) ;; *) missing="$$missing $$package";; esac; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing the system libraries WatchDesk needs:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing \
			>/dev/null; \
	else \
		echo "WatchDesk needs system libraries this machine lacks. Install them with:"; \
		echo "    sudo apt-get install$$missing"; \
		echo "then run make again."; exit 1; \
	fi

run: system-packages $(VENV)/.installed-app
	$(BIN)/watchdesk

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

layers: $(VENV)/.installed-test
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: system-packages $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox $(BIN)/pytest

test: system-packages lint layers typecheck pytest

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
