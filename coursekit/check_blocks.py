"""Run every runnable block of every page in CPython, exactly as the page gives it to the
browser, and say which one fails.

    .venv/bin/python -m coursekit.check_blocks               # builds the site first
    .venv/bin/python -m coursekit.check_blocks --site site/  # a site already built

For each built page, its `pyodide` blocks in order: their code as the page holds it
(snippets expanded), their session (blocks of one session share their globals; every
page starts with none, as a reader who opens it first: in the browser a named session
lives on under instant navigation, and a page must not count on that), the lesson and kit files they import, taken from the built site
as the browser fetches them (the page's index of them, followed by the page's own
runner, assets/runner/page_runtime/, which runs them too).
A block that raises, or runs longer than --timeout seconds, is reported with its page,
its number and its first line, and its traceback; the command then fails (exit status 1).

Then every exercise of every page (the ```exercise fences of the Markdown under the docs
folder), checked as the build checks it (coursekit.exercises.verify): its solution passes
its tests, each declared wrong answer gets its diagnosis, and so on.
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from coursekit.python_files import RUNTIME, load_runtime


class BlockTimeout(Exception):
    pass


def load_site_runtime(site):
    """The built site's page runtime (its copy of docs/assets/runner/page_runtime/), as a module."""
    return load_runtime(site / RUNTIME, "page_runtime")


def read_page(page):
    """The runnable blocks of a built page, in order, as (code, session, html), and the
    index of the Python files it lists ({path: address})."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    blocks = [(block.select_one(".pyodide-code").get_text().removesuffix("\n"), block.get("data-session", ""),
               block.get("data-html") == "1") for block in soup.select(".pyodide-block")]
    index = soup.select_one(".python-files")
    return blocks, json.loads(index["data-json"]) if index else {}


def source_of(site, page, docs_dir):
    """The Markdown a built page came from, where it can be found."""
    folder = page.parent.relative_to(site)
    for candidate in (docs_dir / f"{folder}.md", docs_dir / folder / "index.md"):
        if candidate.is_file():
            return candidate
    return folder


def run_block(runtime, code, namespace, name, html, timeout):
    """Run one block; returns (what it printed, its traceback or None)."""
    printed, errors = [], []
    kinds = runtime.OUTPUT

    def emit(kind, text):
        (errors if kind == kinds["error"] else printed).append(text)

    def too_long(signum, frame):
        raise BlockTimeout(f"the block ran longer than {timeout} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(timeout)
    try:
        asyncio.run(runtime.run(code, namespace, name, emit, html))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return "".join(printed), ("".join(errors) or None)


def check_site(site, docs_dir=Path("docs"), timeout=300, out=sys.stdout):
    """Run every block of the built site; returns the failures as (page, block number, first line, traceback)."""
    site, docs_dir = Path(site), Path(docs_dir)
    runtime = load_site_runtime(site)
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        written = set()
        runtime.use_python_files(folder)
        for page in sorted(site.rglob("index.html")):
            if page.relative_to(site).parts[0] in _other_editions(docs_dir):
                continue  # the same runnable blocks as the English pages (tests/site/test_editions.py)
            blocks, index = read_page(page)
            if not blocks:
                continue
            source, sessions = source_of(site, page, docs_dir), {}
            files = {path: site / urlsplit(address).path for path, address in index.items()}
            sources = {path: file.read_text(encoding="utf-8") for path, file in files.items()}
            for number, (code, session, html) in enumerate(blocks, start=1):
                needed, _ = runtime.files_needed(code, list(files), sources)
                for path in needed:
                    if path not in written:
                        (Path(folder) / path).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(files[path], Path(folder) / path)
                        written.add(path)
                namespace = sessions.setdefault(session or "page", runtime.new_namespace())
                started = time.monotonic()
                _, error = run_block(runtime, code, namespace, f"<block {number}>", html, timeout)
                first = next((line for line in code.splitlines() if line.strip()), "")
                status = "FAILED" if error else "ok"
                print(f"{source}, block {number} ({first[:60]}): {status} in {time.monotonic() - started:.1f} s",
                      file=out, flush=True)
                if error:
                    failures.append((str(source), number, first, error))
        forget(folder)
    return failures


def forget(folder):
    """No module stays loaded from `folder`, nor it on sys.path: what runs next (the exercises'
    check) imports the lessons from the docs, where their catalogs are."""
    inside = os.path.join(os.path.abspath(folder), "")
    for name, module in list(sys.modules.items()):
        if os.path.abspath(getattr(module, "__file__", None) or "").startswith(inside):
            del sys.modules[name]
    while folder in sys.path:
        sys.path.remove(folder)


def _other_editions(docs_dir):
    """The folders of a built site that hold its other editions (pt), where docs_dir is a project's."""
    from coursekit.editions import EditionError, editions

    try:
        return {edition.link.strip("/") for edition in editions(Path(docs_dir).resolve().parent) if edition.link}
    except (EditionError, FileNotFoundError):
        return set()


def check_exercises(docs_dir=Path("docs"), out=sys.stdout):
    """Check every exercise declared in the docs' Markdown; returns the failures as (page, id, message)."""
    from coursekit import exercises, lessons, messages

    docs_dir = Path(docs_dir)
    lessons.use(docs_dir)
    failures = []
    for page in sorted(docs_dir.rglob("*.md")):
        if Path(page.stem).suffix:
            continue  # another edition's page (<layer>.pt.md), whose exercises its build checks in its language
        for body in exercises.declared_in(page.read_text(encoding="utf-8")):
            started, identifier, error = time.monotonic(), "?", None
            try:
                declared = exercises.read(body)
                identifier = declared["id"]
                exercises.verify(declared, messages.catalog_for(docs_dir, exercises.module_of(declared)))
            except (exercises.ExerciseError, messages.CatalogError) as problem:
                error = str(problem)
            except Exception as problem:  # a lesson's question or tests that crash
                error = f"{type(problem).__name__}: {problem}"
            print(f"{page}, exercise {identifier}: {'FAILED' if error else 'ok'} in "
                  f"{time.monotonic() - started:.1f} s", file=out, flush=True)
            if error:
                failures.append((str(page), identifier, error))
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one, with mkdocs build --strict)")
    parser.add_argument("--docs-dir", type=Path, default=Path("docs"), help="where the pages' Markdown is")
    parser.add_argument("--timeout", type=int, default=300, help="seconds a block may run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as built:
        site = args.site
        if site is None:
            site = Path(built)
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                     "--site-dir", str(site)])
            if result.returncode:
                sys.exit("check_blocks: the site did not build (mkdocs build --strict): see above")
        failures = check_site(site, args.docs_dir, args.timeout)
    for source, number, first, error in failures:
        print(f"\n{source}, block {number}, which starts `{first}`, failed:\n{error}", file=sys.stderr)
    failed_exercises = check_exercises(args.docs_dir)
    for source, identifier, error in failed_exercises:
        print(f"\n{source}, exercise {identifier}, failed:\n{error}", file=sys.stderr)
    if failures or failed_exercises:
        sys.exit(f"check_blocks: {len(failures)} block(s) and {len(failed_exercises)} exercise(s) failed")
    print("check_blocks: every block ran, every exercise passed its checks")


if __name__ == "__main__":
    main()
