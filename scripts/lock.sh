#!/usr/bin/env bash
# Lock the Python packages: requirements/site.txt (what the site needs) and
# requirements/test.txt (and what its tests need), with the versions of everything that
# pyproject.toml's pins pull in, and the sha256 of every file of each of those releases, for
# every platform, which `pip install --require-hashes` (scripts/setup.sh) checks.
#
# Run it after changing a pin in pyproject.toml; a pin already in a lock stays as it is
# unless `--upgrade` is passed (it goes to pip-compile). Made on a machine like CI's:
# torch's CPU build comes from the file pip finds on this machine's disk (pip's find-links).
set -euo pipefail
cd "$(dirname "$0")/.."
# The locks are for the Python that CI and the workflow run: 3.11 (a wheel built for it,
# torch's CPU build, is found only by a 3.11).
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    echo "lock: the locks are made with Python 3.11; '$python' is $("$python" --version 2>&1) (PYTHON= to choose)" >&2
    exit 1
fi
tools=.cache/pip-tools
[ -x "$tools/bin/pip-compile" ] || { "$python" -m venv "$tools" && "$tools/bin/pip" install --quiet pip-tools==7.6.2; }
compile=("$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras
         --build-deps-for editable --no-emit-find-links --no-emit-index-url "$@")
# The header says how the file was made; pip-compile would write its own command there.
export CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh"
"${compile[@]}" --output-file requirements/site.txt pyproject.toml
# The test lock keeps every version the site lock chose.
"${compile[@]}" --extra test --constraint requirements/site.txt --output-file requirements/test.txt pyproject.toml
