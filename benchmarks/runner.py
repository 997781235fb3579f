"""Benchmark: the lesson page's Python block against markdown-exec's pyodide fence.

Both pages are the lesson page, built by this repository's MkDocs setup; they differ only
in the fence behind the Python block:

    candidate  this site's `pyodide` fence (coursekit/pyodide/fence.py + docs/assets/runner/)
    baseline   markdown-exec's pyodide fence, with the seed page's options and
               version="0.27.7", so that both run the same runtime

and a third, to show what the Python snapshot (docs/assets/runner/snapshot.mjs) buys:

    from scratch  the candidate's site without its snapshot: Python starts from scratch

Both are served by one local server on 127.0.0.1, from the same checked Pyodide runtime:
the candidate built with OFFLINE=1; the baseline built for the CDN, its CDN addresses for
Pyodide, Ace and highlight.js then rewritten to local copies of the same files (from
node_modules, pinned in package.json). The server caches and compresses as a CDN does
(cacheable for a year; gzip for HTML, CSS, JavaScript, WebAssembly and JSON; wheels and
zips go as they are). Each run is a fresh browser context (empty cache): open the page,
press Run as soon as it has loaded (again every 100 ms, where the page ignores presses
until it is ready), wait for the first output, then time a warm re-run. Measured per run:

    bytes before load          bytes sent until the page's load event (and uncompressed)
    bytes before first output  bytes sent until the output shows (and uncompressed)
    seconds to first output    from navigation to output
    warm re-run (ms)           in-page, from the click to the complete output
    longest main-thread task   in-page, the longest task the Long Tasks API reports (ms)

With --mbits N, every page gets a line of N Mbit/s (Chromium's network emulation, 20 ms
latency): what readers on a slow line see. Run with it, the table's targets do not apply.

Usage: .venv/bin/python benchmarks/runner.py [--runs N] [--mbits N]

The run's results go to benchmarks/results/runner.json (runner-<N>mbits.json with --mbits),
and its section of benchmarks/README.md is written again from them (benchmarks/report.py).
"""

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks import report  # noqa: E402
from coursekit.pyodide.runtime import CDN_URL, VERSION  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.support.cdn import Bytes, serve  # noqa: E402
from tests.support.site import build_site  # noqa: E402

MODULES = ROOT / "node_modules"
LESSON = "/classes/deep-learning/convolutional/"

# The baseline's CDN addresses -> where the local copies go, and what they are copied from.
CDN_COPIES = {
    CDN_URL: ("assets/vendor/pyodide/", None),  # the runtime: already in the site
    "https://cdnjs.cloudflare.com/ajax/libs/ace/1.16.0/": ("bench-cdn/ace/", MODULES / "ace-builds/src-min-noconflict"),
    "https://cdnjs.cloudflare.com/ajax/libs/highlight.js/11.7.0/highlight.min.js":
        ("bench-cdn/highlight.min.js", MODULES / "@highlightjs/cdn-assets/highlight.min.js"),
    "https://cdn.jsdelivr.net/npm/highlightjs-themes@1.0.0/tomorrow.min.css":
        ("bench-cdn/tomorrow.css", MODULES / "highlightjs-themes/tomorrow.css"),
    "https://cdn.jsdelivr.net/npm/highlightjs-themes@1.0.0/tomorrow-night-blue.min.css":
        ("bench-cdn/tomorrow-night-blue.css", MODULES / "highlightjs-themes/tomorrow-night-blue.css"),
}


def localize_baseline(site):
    """Point the baseline's CDN addresses at local copies of the same files."""
    for local, source in CDN_COPIES.values():
        if source is not None and source.is_dir():
            shutil.copytree(source, site / local)
        elif source is not None:
            (site / local).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, site / local)
    for page in site.rglob("*.html"):
        html = page.read_text()
        for address, (local, _) in CDN_COPIES.items():
            html = html.replace(address, "/" + local)
        page.write_text(html)
    lesson = (site / LESSON.strip("/") / "index.html").read_text()
    assert "https://" not in "".join(re.findall(r'<(?:script|link)[^>]*>', lesson)), "baseline still uses a CDN"


FENCE = '```pyodide install="pandas,scikit-learn" exec="on" html="1"'
LESSON_FILE = "docs/classes/deep-learning/convolutional.py"
LESSON_SNIPPET = f'--8<-- "{LESSON_FILE}"'


def project(directory, baseline):
    """A copy of the project for one side of the comparison.

    Both pages keep only the lesson's block. Both sides run the same code: the lesson file with its `if __name__ == "__main__":`
    made unconditional, because markdown-exec runs a block in a dict without __name__,
    where the lesson file as it stands prints nothing. The baseline's block is
    markdown-exec's pyodide fence, with version="0.27.7"."""
    shutil.copytree(ROOT / "docs", directory / "docs")
    shutil.copytree(ROOT / "overrides", directory / "overrides")
    lesson = (ROOT / LESSON_FILE).read_text()
    assert 'if __name__ == "__main__":' in lesson
    (directory / "docs/benchmark_lesson.py").write_text(lesson.replace('if __name__ == "__main__":', "if True:"))
    page = directory / "docs/classes/deep-learning/convolutional.md"
    text = page.read_text()
    assert FENCE in text and LESSON_SNIPPET in text
    text = text.replace(LESSON_SNIPPET, '--8<-- "docs/benchmark_lesson.py"')
    # The page's other Python blocks (the applications of the full layer) go: the seed page
    # had one block, and markdown-exec would give each its own editor.
    text = re.sub(r"```pyodide(?! install=)[^\n]*\n.*?\n```\n", "", text, flags=re.S)
    assert text.count("```pyodide") == 1
    # So do its exercises (the seed page had none): this compares the runners.
    text = re.sub(r"^## Practice\n.*?(?=^## )", "", text, flags=re.S | re.M)
    assert "```exercise" not in text
    config = (ROOT / "mkdocs.yml").read_text()
    if baseline:
        text = text.replace(FENCE, FENCE + f' version="{VERSION}"')
        ours = re.search(r"  - pymdownx.superfences:\n      custom_fences:\n        - name: pyodide\n"
                         r"(?:          .*\n|        #.*\n|        - name: .*\n)+", config)
        assert ours, "mkdocs.yml no longer declares the pyodide fence as the benchmark expects"
        config = config.replace(ours.group(0), "  - pymdownx.superfences\n")
        config = config.replace("languages: [python]", "languages: [python, pyodide]")
        # Our blocks go (markdown-exec's fence draws its own); the bridge stays, for the widgets.
        blocks = "  - path: assets/runner/blocks.mjs\n    type: module\n"
        assert blocks in config, "mkdocs.yml no longer loads the blocks' module as the benchmark expects"
        config = config.replace(blocks, "")
        config = config.replace("  - assets/runner/runner.css\n", "")
        # markdown-exec's fence runs inline scripts, which the pages' policy refuses.
        policy = re.search(r"\n  content_security_policy: .*\n", config)
        assert policy, "mkdocs.yml no longer sets the pages' policy as the benchmark expects"
        config = config.replace(policy.group(0), '\n  content_security_policy: ""\n')
    page.write_text(text)
    (directory / "mkdocs.yml").write_text(config)
    return directory


def rerun_script(run, watched, done):
    """In-page: press Run (the selector `run`) and resolve with the milliseconds until the
    element `watched` satisfies `done` (a JavaScript condition on `element`)."""
    return f"""() => new Promise((resolve) => {{
        const element = document.querySelector('{watched}');
        const start = performance.now();
        const observer = new MutationObserver(() => {{
            if ({done}) {{ observer.disconnect(); resolve(performance.now() - start); }}
        }});
        observer.observe(element, {{ childList: true, characterData: true, subtree: true }});
        document.querySelector('{run}').click();
    }})"""


PAGES = {
    "candidate": {
        "run": ".pyodide-run",
        # A function, not an expression: waiting on an expression evaluates a string, which
        # the page's policy refuses (coursekit/csp.py).
        "output_ready": "() => document.querySelector('.pyodide-output').textContent.includes('dL/db')",
        # A warm re-run ends when the status line says so.
        "rerun": rerun_script(".pyodide-run", ".pyodide-status", "element.textContent.startsWith('Done')"),
    },
    "baseline": {
        "run": "#exec-1--run",
        "output_ready": "() => document.querySelector('#exec-1--output').textContent.includes('dL/db')",
        # markdown-exec clears the output, runs, then writes it: done when dL/db is back.
        "rerun": rerun_script("#exec-1--run", "#exec-1--output", "element.textContent.includes('dL/db')"),
    },
}

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
"""


def measure(browser, name, url, counter, mbits=None):
    spec = PAGES["candidate" if name == "from scratch" else name]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LONG_TASKS)
    page = context.new_page()
    if mbits:
        network = context.new_cdp_session(page)
        network.send("Network.enable")
        network.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 20, "downloadThroughput": mbits * 125_000, "uploadThroughput": mbits * 125_000})
    # Watched, not routed: routing requests would turn the browser's HTTP cache off.
    outside = []
    page.on("request", lambda request: None if request.url.startswith("http://127.0.0.1") else outside.append(request.url))
    counter.reset()
    started = time.monotonic()
    page.goto(url + LESSON, wait_until="load")
    at_load = (counter.sent, counter.raw)
    run = page.locator(spec["run"])
    if name != "baseline":  # one press: the block loads Python, then runs
        run.click()
        page.wait_for_function(spec["output_ready"], timeout=300_000, polling=20)
        boot = page.evaluate("performance.getEntriesByName('python-ready')[0].detail.boot")
        assert boot == ("full" if name == "from scratch" else "snapshot"), f"{name}: Python started {boot}"
    else:  # markdown-exec ignores Run until Pyodide has loaded: press again every 100 ms
        while not page.evaluate(spec["output_ready"]):
            if time.monotonic() - started > 300:
                raise TimeoutError(f"{name}: no output after 300 s")
            run.click()
            page.wait_for_timeout(100)
    first_output = time.monotonic() - started
    at_output = (counter.sent, counter.raw)
    reruns = [page.evaluate(spec["rerun"]) for _ in range(5)]
    longest_task = max(page.evaluate("window.__longTasks"), default=0.0)
    context.close()
    assert not outside, f"{name} asked for something outside 127.0.0.1: {outside}"
    return {"bytes_before_load": at_load[0], "bytes_before_first_output": at_output[0],
            "seconds_to_first_output": first_output, "warm_rerun_ms": statistics.median(reruns),
            "longest_main_thread_task_ms": longest_task,
            "uncompressed_bytes_before_load": at_load[1], "uncompressed_bytes_before_first_output": at_output[1]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mbits", type=float, help="a line of this many Mbit/s for every page")
    args = parser.parse_args()
    if not (ROOT / "docs/assets/vendor/pyodide/pyodide.asm.wasm").is_file():
        sys.exit("benchmark: no local Pyodide runtime: run `bash scripts/setup.sh test` first")

    names = ["candidate", "baseline", "from scratch"]
    counters = {name: Bytes() for name in names}
    results = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        sites = {"candidate": build_site(project(work / "candidate", baseline=False), work / "candidate-site",
                                         languages=["en"], OFFLINE="1"),
                 "baseline": build_site(project(work / "baseline", baseline=True), work / "baseline-site",
                                        languages=["en"])}
        localize_baseline(sites["baseline"])
        sites["from scratch"] = work / "from-scratch-site"
        shutil.copytree(sites["candidate"], sites["from scratch"])
        shutil.rmtree(sites["from scratch"] / "assets/vendor/python-snapshot")
        servers = {name: serve(site, counters[name])[:2] for name, site in sites.items()}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            version = f"Chromium {browser.version}"
            for i in range(args.runs):
                for name in (names if i % 2 == 0 else names[::-1]):
                    results[name].append(measure(browser, name, servers[name][1], counters[name], args.mbits))
                    print(f"run {i + 1} {name}: {json.dumps(results[name][-1])}", file=sys.stderr)
            browser.close()
        for server, _ in servers.values():
            server.shutdown()

    medians = {name: {metric: statistics.median(run[metric] for run in runs) for metric in runs[0]}
               for name, runs in results.items()}
    recorded = f"runner-{args.mbits:g}mbits" if args.mbits else "runner"
    print("\n" + report.record(recorded, {"runs": args.runs, "mbits": args.mbits, "browser": version,
                                      "medians": medians, "all": results}))


if __name__ == "__main__":
    main()
