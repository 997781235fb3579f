#!/usr/bin/env bash
# Set everything up, then run the whole test suite (arguments go to pytest).
# The browser tests drive Debian's Chromium: installed here if missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test: installing Debian's chromium for the browser tests"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "test: the browser tests need Chromium at /usr/bin/chromium (Debian: sudo apt-get install chromium)" >&2
        exit 1
    fi
fi
bash scripts/setup.sh test
# One worker per core (TEST_WORKERS to choose; 0: none), each taking whole test files, so
# that a file's module fixtures (a clone, a server) are made once; the session's (the built
# sites, Chromium) are made once per worker.
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" --dist loadfile "$@"
