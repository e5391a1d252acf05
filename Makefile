# Two entry points for a fresh machine (see README.md):
#   make kit    installs carddeck in .venv and builds the default kit into output/
#   make test   installs carddeck with its test tools in .venv and runs the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: kit test bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

kit: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/carddeck build --out output/

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	bash tests/ensure-tools.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The mutation fuzzer of tests/fuzz for a long run: FUZZ_RUNS cases from a fresh seed (set
# FUZZ_SEED to repeat a run); a failing case is kept in output/fuzz-failed/.
FUZZ_RUNS ?= 3000
fuzz: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	seed=$${FUZZ_SEED:-$$(date +%s)}; echo "fuzzing $(FUZZ_RUNS) cases, FUZZ_SEED=$$seed"; \
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SEED=$$seed FUZZ_KEEP=$(CURDIR)/output/fuzz-failed \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz -x

bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python bench/run.py
	$(BIN)/python bench/notes_scale.py

clean:
	rm -rf $(VENV) output/*.pdf
