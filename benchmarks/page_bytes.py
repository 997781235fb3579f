"""Benchmark: what each page of the site costs a reader in bytes, against the budgets.

The OFFLINE=1 site, built from this checkout, served on 127.0.0.1 as a CDN serves it
(tests/support/cdn.py: gzip where it pays, cacheable for a year). For every page, a cold
visit in a fresh browser context (tests/support/page_bytes.py):

    bytes before intent        the page and what it loads by itself, until the network is quiet
    bytes before first output  Run pressed on its first Python block, until its first output
    files sent twice           on that visit (none, by the runner's design)

Sizes barely vary between runs; the medians are reported, with each page's ratio to the
budget that tests/browser/test_page_bytes.py holds it to.

Usage: .venv/bin/python benchmarks/page_bytes.py [--runs N] [--mbits N]

The run's results go to benchmarks/results/page_bytes.json (page_bytes-<N>mbits.json with
--mbits), and its section of benchmarks/README.md is written again from them
(benchmarks/report.py).
"""

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks import report  # noqa: E402
from tests.support import cdn  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.support.page_bytes import BUDGETS, measure  # noqa: E402
from tests.support.site import build_site, site_pages  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mbits", type=float, help="a line of this many Mbit/s for every page")
    args = parser.parse_args()
    if not (ROOT / "docs/assets/vendor/pyodide/pyodide.asm.wasm").is_file():
        sys.exit("benchmark: no local Pyodide runtime: run `bash scripts/setup.sh test` first")

    with tempfile.TemporaryDirectory() as work:
        site = build_site(ROOT, Path(work) / "site", languages=["en"], OFFLINE="1")
        server, url, counter = cdn.serve(site)
        pages = site_pages(site)
        runs = {page: [] for page in pages}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            version = f"Chromium {browser.version}"
            for i in range(args.runs):
                for page in pages:
                    runs[page].append(measure(browser, url, counter, page, mbits=args.mbits))
                    print(f"run {i + 1} {page}: {json.dumps(runs[page][-1])}", file=sys.stderr)
            browser.close()
        server.shutdown()

    median = lambda values: None if None in values else statistics.median(values)  # noqa: E731
    medians = {page: {metric: median([run[metric] for run in results]) for metric in BUDGETS}
               for page, results in runs.items()}
    twice = {page: sum(len(run["sent_twice"]) for run in results) for page, results in runs.items()}
    recorded = f"page_bytes-{args.mbits:g}mbits" if args.mbits else "page_bytes"
    print("\n" + report.record(recorded, {"runs": args.runs, "mbits": args.mbits, "browser": version,
                                          "budgets": BUDGETS, "medians": medians, "files_sent_twice": twice}))


if __name__ == "__main__":
    main()
