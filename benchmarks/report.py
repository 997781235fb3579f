"""The benchmarks' last results, written into benchmarks/README.md by the benchmarks themselves.

A benchmark ends with record(name, results): the results go to benchmarks/results/<name>.json
and its section of benchmarks/README.md is written again from them (what it measures, the
medians, the ratios against the run's named baseline, the date, the machine); the other
sections stay as they are. There is no history: a section is its benchmark's last run
(git keeps the earlier ones).

    .venv/bin/python -m benchmarks.report           # every section again from results/*.json, nothing rerun
    .venv/bin/python -m benchmarks.report --check   # fails if benchmarks/README.md is not what they give
"""

import argparse
import json
import os
import platform
import re
import sys
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
RESULTS = HERE / "results"

INTRO = """# Benchmarks

What the site costs a reader, and how fast the lessons' code is, each measured against a
named baseline. Every section below is written by its benchmark when it runs, from that
run's results (`benchmarks/results/<name>.json`): it is the last run, not a history (git
keeps the earlier ones). Do not edit the sections by hand; run the benchmark again, or
`.venv/bin/python -m benchmarks.report` to write them again from the results files.
Run them after `bash scripts/setup.sh test`, on a machine doing nothing else if you can.
"""

# The runner issue's targets: metric -> (what is compared, its limit). They hold on 127.0.0.1.
RUNNER_TARGETS = {
    "bytes_before_first_output": ("ratio", 1 / 3),
    "seconds_to_first_output": ("ratio", 1 / 2),
    "warm_rerun_ms": ("value", 50),
    "longest_main_thread_task_ms": ("value", 200),
}
CONV_TARGET = 2  # the full layer's time, at most this many times PyTorch's


def machine():
    """The machine a run is on, in a few words: processor, cores, system, Python."""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or platform.machine()
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {system}, Python {platform.python_version()}"


def when_and_where(results):
    """The run's date and machine (and browser, and line), as a section says them."""
    browser = f"; {results['browser']}" if results.get("browser") else ""
    line = f"; a {results['mbits']:g} Mbit/s line" if results.get("mbits") else ""
    date, machine_ = results.get("date") or "date not recorded", results.get("machine") or "machine not recorded"
    return f"{date}; {machine_}{browser}{line}"


def prose(*sentences):
    return textwrap.fill(" ".join(sentences), 96, break_long_words=False, break_on_hyphens=False)


def megabytes(value):
    return "–" if value is None else f"{value / 1e6:.2f} MB"


def shown(metric, value):
    return megabytes(value) if "bytes" in metric else f"{value:.2f}"


def runner(name, results):
    medians, slow = results["medians"], bool(results.get("mbits"))
    ours, theirs, scratch = medians["candidate"], medians["baseline"], medians["from scratch"]
    if slow:
        lines = [f"## The runner on a {results['mbits']:g} Mbit/s line", "",
                 prose("The benchmark above, every page on a slow line (Chromium's network emulation, 20 ms "
                       "latency): what readers on classroom Wi-Fi or a phone see. The targets apply on 127.0.0.1 "
                       "only.")]
    else:
        lines = ["## The runner against markdown-exec's pyodide fence", "",
                 prose("`benchmarks/runner.py` opens the convolutional lesson's page, presses Run as soon as the "
                       "page has loaded, waits for the first output, then times five warm re-runs; each run in a "
                       "fresh browser context, the pages served on 127.0.0.1 as a CDN serves them. Three versions "
                       "of the page: this site's `pyodide` fence, markdown-exec's (the baseline, on the same "
                       "Pyodide), and this site's without its Python snapshot (from scratch). The targets are the "
                       "runner issue's.")]
    lines += ["", prose(f"`.venv/bin/python benchmarks/runner.py --runs {results['runs']}"
                        f"{' --mbits %g' % results['mbits'] if slow else ''}`: medians of {results['runs']} runs, "
                        f"{when_and_where(results)}. Ratio: this site / markdown-exec."), "",
              "| metric | this site | markdown-exec | ratio | target | met |",
              "| --- | ---: | ---: | ---: | --- | --- |"]
    for metric, value in ours.items():
        ratio = value / theirs[metric] if theirs[metric] else float("nan")
        kind, limit = RUNNER_TARGETS.get(metric, (None, None))
        target = met = ""
        if kind and not slow:
            target = f"ratio ≤ {limit:.2f}" if kind == "ratio" else f"≤ {limit}"
            met = "yes" if (ratio if kind == "ratio" else value) <= limit else "NO"
        lines.append(f"| {metric.replace('_', ' ')} | {shown(metric, value)} | {shown(metric, theirs[metric])} "
                     f"| {ratio:.3f} | {target} | {met} |")
    lines += ["", "What the Python snapshot buys, and costs (ratio: with it / from scratch):", "",
              "| metric | with the snapshot | from scratch | ratio |", "| --- | ---: | ---: | ---: |"]
    for metric in ("bytes_before_first_output", "seconds_to_first_output"):
        lines.append(f"| {metric.replace('_', ' ')} | {shown(metric, ours[metric])} | {shown(metric, scratch[metric])} "
                     f"| {ours[metric] / scratch[metric]:.3f} |")
    return "\n".join(lines)


def page_bytes(name, results):
    budgets, twice = results["budgets"], results["files_sent_twice"]
    ratio = lambda value, metric: "–" if value is None else f"{value / budgets[metric]:.3f}"  # noqa: E731
    if results.get("mbits"):
        lines = [f"## What each page costs on a {results['mbits']:g} Mbit/s line", "",
                 prose("The benchmark above, every page on a slow line (Chromium's network emulation, 20 ms "
                       "latency).")]
    else:
        lines = ["## What each page costs in bytes", "",
                 prose("`benchmarks/page_bytes.py` builds the `OFFLINE=1` site, serves it on 127.0.0.1 as a CDN "
                       "serves it, and visits every page cold, in a fresh browser context: the bytes it takes before "
                       "the reader does anything (until the network is quiet), and before its first Python block's "
                       "first output (Run pressed once the page is quiet); and the files sent twice on that visit. "
                       "The baseline is the budget (`tests/support/page_bytes.py`, which "
                       "`tests/browser/test_page_bytes.py` holds every page to): "
                       + ", ".join(f"{metric.replace('_', ' ')} {megabytes(limit)}"
                                   for metric, limit in budgets.items()) + ".")]
    lines += ["", prose(f"`.venv/bin/python benchmarks/page_bytes.py --runs {results['runs']}"
                        f"{' --mbits %g' % results['mbits'] if results.get('mbits') else ''}`: medians of "
                        f"{results['runs']} visits per page, {when_and_where(results)}. Ratio: the page / its "
                        "budget."), "",
              "| page | bytes before intent | ratio | bytes before first output | ratio | files sent twice |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for page, medians in results["medians"].items():
        intent, output = medians["bytes_before_intent"], medians["bytes_before_first_output"]
        lines.append(f"| {page} | {megabytes(intent)} | {ratio(intent, 'bytes_before_intent')} | {megabytes(output)} "
                     f"| {ratio(output, 'bytes_before_first_output')} | {twice[page]} |")
    return "\n".join(lines)


def conv_layer(name, results):
    rows, first = results["rows"], results["rows"][0]
    threads = f"{results['threads']} thread{'s' if results['threads'] != 1 else ''}"
    lines = ["## The full convolutional layer against PyTorch", "",
             prose("`benchmarks/conv_layer.py` times the lesson's full layer, `conv2d_forward` then "
                   "`conv2d_backward`, against PyTorch's `conv2d` forward and backward (autograd), in float32, "
                   "both on the same number of threads, each the median after a warm-up. The naive loops are "
                   "timed on the first case only; with `--in-browser`, the first case is also timed in Pyodide, "
                   "in Chromium, through a block of the lesson's page."), "",
             prose(f"`.venv/bin/python benchmarks/conv_layer.py --repeats {results['repeats']}"
                   f"{' --in-browser' if 'pyodide_s' in first else ''}`: {threads}, median of "
                   f"{results['repeats']}, {when_and_where(results)}. Ratio: the layer / PyTorch, to be at most "
                   f"{CONV_TARGET}."), "",
             f"| case | layer | PyTorch | ratio | ratio ≤ {CONV_TARGET} |", "| --- | ---: | ---: | ---: | --- |"]
    for row in rows:
        lines.append(f"| {row['case']} | {row['ours_s'] * 1e3:.1f} ms | {row['pytorch_s'] * 1e3:.1f} ms "
                     f"| {row['ratio']:.2f} | {'yes' if row['ratio'] <= CONV_TARGET else 'NO'} |")
    lines += ["", f"Naive loops, first case: {first['naive_s']:.2f} s, {first['naive_ratio']:.0f}× PyTorch."]
    if "pyodide_s" in first:
        lines.append(f"In the page (Pyodide, Chromium), first case: {first['pyodide_s'] * 1e3:.0f} ms, "
                     f"{first['pyodide_s'] / first['ours_s']:.1f}× the same code in CPython.")
    return "\n".join(lines)


SECTIONS = {"runner": runner, "page_bytes": page_bytes, "conv_layer": conv_layer}  # in the README's order
MARK = re.compile(r"<!-- section: (?P<name>[\w.-]+) -->\n(?P<text>.*?)\n<!-- end section -->\n", re.S)


def section(name, results):
    """A results file's section: <benchmark>.json, or <benchmark>-<variant>.json (`runner-20mbits`)."""
    return SECTIONS[name.split("-")[0]](name, results)


def compose(sections):
    """The whole README: the introduction, then the sections {name: text} in the benchmarks' order."""
    order = lambda name: (list(SECTIONS).index(name.split("-")[0]), name)  # noqa: E731
    return INTRO + "".join(f"\n<!-- section: {name} -->\n{sections[name]}\n<!-- end section -->\n"
                           for name in sorted(sections, key=order))


def record(name, results, readme=README, results_dir=RESULTS):
    """Keep a run's results (the date and the machine added) and write its section again;
    returns the section, for the benchmark to print."""
    results = {**results, "date": results.get("date") or time.strftime("%Y-%m-%d"),
               "machine": results.get("machine") or machine()}
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    sections = {m["name"]: m["text"] for m in MARK.finditer(readme.read_text(encoding="utf-8"))} \
        if readme.is_file() else {}
    sections[name] = section(name, results)
    readme.write_text(compose(sections), encoding="utf-8")
    return sections[name]


def from_results(results_dir=RESULTS):
    """The README that results_dir's files give, without running anything."""
    return compose({path.stem: section(path.stem, json.loads(path.read_text(encoding="utf-8")))
                    for path in results_dir.glob("*.json")})


def main():
    parser = argparse.ArgumentParser(description="Write benchmarks/README.md again from benchmarks/results/*.json.")
    parser.add_argument("--check", action="store_true", help="only check that it is up to date")
    args = parser.parse_args()
    text = from_results()
    if args.check:
        if not README.is_file() or README.read_text(encoding="utf-8") != text:
            sys.exit("benchmarks/README.md is not what benchmarks/results/*.json give: "
                     "run `.venv/bin/python -m benchmarks.report`")
        return
    README.write_text(text, encoding="utf-8")
    print(f"wrote {README.relative_to(HERE.parent)} from {len(list(RESULTS.glob('*.json')))} results files")


if __name__ == "__main__":
    main()
