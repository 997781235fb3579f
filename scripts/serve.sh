#!/usr/bin/env bash
# Set everything up, then serve the site at http://127.0.0.1:8000/ with live reload:
# saving a page or a lesson's Python rebuilds and reloads the open page (a change to
# coursekit/, the site's machinery, needs a restart).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# LIVE_RELOAD=1: the pages' policy lets the live reload, an inline script, run (coursekit/csp.py).
# `serve.sh pt-BR [options]` serves the Portuguese edition instead (coursekit/editions.py).
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
    edition="$1"; shift
    LIVE_RELOAD=1 exec .venv/bin/python -m coursekit.editions serve "$edition" "$@"
fi
LIVE_RELOAD=1 NO_MKDOCS_2_WARNING=1 exec .venv/bin/mkdocs serve --livereload "$@"
