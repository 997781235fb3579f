"""The project the tests check, building its site, and copies of it to change.

COURSE_PROJECT names another copy of the project to check instead of this checkout: the
example-change test runs the lesson tests on a copy whose examples it rewrote.
COURSE_BUILDER=zensical builds every site the tests build with Zensical instead of MkDocs:
tests/site/test_zensical.py runs the page and browser tests so."""

import ast
import importlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from coursekit import editions, lessons

REPOSITORY = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("COURSE_PROJECT", REPOSITORY)).resolve()
DOCS = ROOT / "docs"
BUILDER = os.environ.get("COURSE_BUILDER", "mkdocs")
LESSONS = DOCS / "classes" / "deep-learning"


def lesson(module):
    """A lesson module of the project under test, by its name ("pooling"), imported as
    the build imports it (coursekit.lessons)."""
    lessons.use(DOCS)
    return importlib.import_module(module)


def page_path(markdown):
    """Where the built site has the page of docs/<markdown> (classes/deep-learning/pooling.md
    -> classes/deep-learning/pooling/index.html)."""
    return Path(markdown).with_suffix("") / "index.html"


def build_site(project_dir, site_dir, builder=None, languages=(), **env):
    """Every edition of project_dir (coursekit.editions: English in site_dir, Portuguese in
    site_dir/pt/), or those of `languages`, each built by `mkdocs build --strict` (or
    `zensical build --strict`, with builder="zensical" or COURSE_BUILDER=zensical); fails the
    test on any error or warning."""
    builder = builder or BUILDER
    chosen = [option for language in languages for option in ("--edition", language)]
    result = subprocess.run([sys.executable, "-m", "coursekit.editions", "build", "--builder", builder,
                             "--site-dir", str(site_dir), *chosen],
                            cwd=project_dir, capture_output=True, text=True, env={**os.environ, **env})
    log = ANSI_COLOUR.sub("", result.stdout + result.stderr)
    assert result.returncode == 0, f"{builder} build failed:\n{log}"
    warned = WARNED[builder].findall(log)
    assert not warned, f"{builder} build warned:\n{log}"
    return Path(site_dir)


ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
WARNED = {
    "mkdocs": re.compile(r"^.*WARNING.*$", re.M),
    # What --strict may let through under Zensical: a warning or an error of a logger (an
    # extension's: coursekit.editions has Zensical print each record's level), of Zensical's
    # own ("Warning: ..."), or validation issues ("2 issues found", which stop it now).
    "zensical": re.compile(r"^\s*(?:warning|error)\b.*$|^\s*[1-9]\d* issues? found.*$", re.M | re.I),
}


def copy_project(destination, runtime=False):
    """A copy of the project's site sources (docs/, the theme's overrides/, mkdocs.yml, the
    editions' words) to
    change and build; the 60 MB Pyodide runtime only with `runtime` (an OFFLINE=1 build needs it)."""
    ignore = None if runtime else shutil.ignore_patterns("pyodide")
    shutil.copytree(DOCS, destination / "docs", ignore=ignore)
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    shutil.copytree(ROOT / "editions", destination / "editions")
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def set_assignments(path, **values):
    """Rewrite the top-level assignments NAME = ... of a Python file (found by parsing it)
    with the given values; every name must be assigned there once."""
    source = Path(path).read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    spans = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id in values:
            spans.append((node.lineno - 1, node.end_lineno, f"{node.targets[0].id} = {values[node.targets[0].id]!r}\n"))
    assert len(spans) == len(values), f"each of {sorted(values)} is assigned once in {path}"
    for start, end, text in sorted(spans, reverse=True):
        lines[start:end] = [text]
    Path(path).write_text("".join(lines), encoding="utf-8")


def load_module(path, name=None):
    """A Python file that is no package's module (a script, a benchmark), as a module."""
    spec = importlib.util.spec_from_file_location(name or Path(path).stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_python(arguments, cwd):
    """`python <arguments>` in cwd (where it finds the lessons); no bytecode written
    into the docs. Returns what it printed; fails the test if it fails."""
    return subprocess.run([sys.executable, *arguments], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}).stdout



def elsewhere(url):
    """Whether an address a page or a file of the site loads is of another origin."""
    return urlsplit(url).scheme in ("http", "https") or url.startswith("//")


NOT_THE_COURSE = ("assets", "checks")
"""Folders of a built site that hold no page of the course: its assets, and checks/, the
runner's test pages (tests/pages/, built into the tests' site only, never published)."""


def page_files(site_dir, exclude=NOT_THE_COURSE):
    """The HTML file of every page of a built site, of every edition, but for those under the
    folders `exclude` names (in the site's root, or in an edition's: pt/checks/)."""
    links = {edition.link.strip("/") for edition in editions.editions(ROOT) if edition.link}
    return [path for path in sorted(Path(site_dir).rglob("*.html"))
            if not _excluded(path.relative_to(site_dir).parts, exclude, links)]


def _excluded(parts, exclude, links):
    """Whether a page's path is under a folder `exclude` names, in the root or in an edition's."""
    return parts[0] in exclude or (parts[0] in links and len(parts) > 2 and parts[1] in exclude)


def site_pages(site_dir, exclude=NOT_THE_COURSE):
    """The address of every page of a built site (its 404 page included), from its HTML
    files, found rather than listed: a new lesson is checked the day it is added."""
    found = ["/" + path.relative_to(site_dir).as_posix().removesuffix("index.html")
             for path in page_files(site_dir, exclude)]
    assert "/" in found, f"no home page in {site_dir}"
    return found
