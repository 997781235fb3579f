"""Lessons: a page, its main Python file beside it, and what only the site needs for it.

    docs/classes/<section>/<layer>.md       the page
    docs/classes/<section>/<layer>.py       the lesson's code as the course keeps it: its
                                            example at the top, numpy only, runs alone;
                                            imported as `<layer>`
    docs/classes/<section>/<layer>_site/    what only the site needs for it (cards, walkthroughs,
                                            practice, the full layer): a package, `<layer>_site`

A `.py` file under the docs folder (assets/ aside) with a `.md` of the same name beside it
is a lesson's main file; a folder `<layer>_site` with an `__init__.py` beside it is its
site package. The names mean the same files everywhere: at build time and in the tests
(`use`, below), and in the page, where the runner writes the files a block needs under one
folder on the page's sys.path (coursekit.python_files says which). A lesson imports the
kit (`from coursekit.page.steps import panel`) and its own files; no lesson imports another,
but an application that composes layers may import the lessons it composes.
"""

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

KIT = "coursekit"
SITE_SUFFIX = "_site"
"""`<layer>_site`: the package of what only the site needs for the lesson `<layer>`."""


class LessonError(Exception):
    """A lesson that cannot be imported as it stands: the build stops with this message."""


@dataclass(frozen=True)
class Lesson:
    name: str           # the main file's name: <layer>
    main: Path          # docs/classes/<section>/<layer>.py
    site: Path | None   # docs/classes/<section>/<layer>_site/, if the lesson has one

    @property
    def page(self):
        return self.main.with_suffix(".md")

    @property
    def site_name(self):
        return self.name + SITE_SUFFIX

    def modules(self):
        """{top-level module name: its file or folder}."""
        return {self.name: self.main, **({self.site_name: self.site} if self.site else {})}

    def files(self):
        """Every Python file of the lesson, and its catalogs (its words, which its modules
        read: coursekit.page.words), as {path under the folder of its page: file}."""
        found = {self.main.name: self.main}
        if self.site:
            for file in sorted([*self.site.rglob("*.py"), *self.site.glob("messages/*.json")]):
                if "__pycache__" not in file.parts:
                    found[file.relative_to(self.main.parent).as_posix()] = file
        return found

    def source(self, module):
        """The file of `module` (a dotted name of this lesson's), or None: a package's
        __init__.py, else a module's .py."""
        top, _, rest = module.partition(".")
        if top == self.name:
            return None if rest else self.main
        if top != self.site_name or self.site is None:
            return None
        base = self.site.joinpath(*rest.split(".")) if rest else self.site
        if (base / "__init__.py").is_file():
            return base / "__init__.py"
        return base.with_name(base.name + ".py") if rest and base.with_name(base.name + ".py").is_file() else None


RESERVED = {"js", "pyodide", "micropip", "pyodide_js", "page_runtime", "tests", "benchmarks", "scripts", "docs"}
"""Top-level names the page's Python or the project has already, whichever Python builds."""


def check_name(name, where):
    if not name.isidentifier():
        raise LessonError(f"{where}: '{name}' is not a Python name (use letters, digits and _)")
    if name in RESERVED:
        raise LessonError(f"{where}: the page's Python or the project has a module named '{name}' already; rename it")
    if name == KIT or name in sys.builtin_module_names or importlib.machinery.PathFinder.find_spec(name):
        raise LessonError(f"{where}: Python already has a module named '{name}'; rename it")


def find_lessons(docs_dir):
    """{name: Lesson} for every lesson under docs_dir; a LessonError for a name that is no
    Python name, two lessons of one name, a name Python already has, or a site package
    beside no lesson."""
    docs_dir = Path(docs_dir)
    lessons = {}
    for folder, subfolders, files in os.walk(docs_dir):
        folder = Path(folder)
        if folder == docs_dir:
            subfolders[:] = [name for name in subfolders if name != "assets"]  # the site's machinery
        subfolders.sort()
        for file in sorted(files):
            main = folder / file
            if main.suffix != ".py" or not main.with_suffix(".md").is_file():
                continue
            name = main.stem
            check_name(name, f"lesson {main}")
            if name.endswith(SITE_SUFFIX):
                raise LessonError(f"lesson {main}: a name ending in {SITE_SUFFIX} is a lesson's site package's; "
                                  f"rename it")
            if name in lessons:
                raise LessonError(f"two lessons are named '{name}': {lessons[name].main} and {main}")
            site = folder / (name + SITE_SUFFIX)
            if site.is_dir() and not (site / "__init__.py").is_file():
                raise LessonError(f"{site} has no __init__.py: a lesson's site folder is a package")
            if site.is_dir():
                check_name(site.name, f"lesson {main}")
            lessons[name] = Lesson(name, main, site if site.is_dir() else None)
        packages = [name for name in subfolders if (folder / name / "__init__.py").is_file()]
        for name in packages:
            owner = lessons.get(name.removesuffix(SITE_SUFFIX)) if name.endswith(SITE_SUFFIX) else None
            if owner is None or owner.main.parent != folder:
                raise LessonError(f"{folder / name} is a Python package beside no lesson: a lesson's own package is "
                                  f"<layer>{SITE_SUFFIX}/, next to <layer>.py and <layer>.md")
        subfolders[:] = [name for name in subfolders if name not in packages]  # a site package is its lesson's
    return lessons


class _SourceOnlyLoader(importlib.machinery.SourceFileLoader):
    """Loads a lesson file and writes no __pycache__ into the docs (the site would publish it),
    remembering what the file said, so that `use` can tell when it changed."""

    def set_data(self, path, data, **kwargs):
        pass

    def exec_module(self, module):
        _digests[module.__name__] = _digest(self.path)
        super().exec_module(module)


class _LessonFinder(importlib.abc.MetaPathFinder):
    def __init__(self, lessons):
        self.lessons = lessons
        self.modules = {module: lesson for lesson in lessons.values() for module in lesson.modules()}

    def find_spec(self, name, path=None, target=None):
        lesson = self.modules.get(name.partition(".")[0])
        source = lesson.source(name) if lesson else None
        if source is None:
            return None
        package = [str(source.parent)] if source.name == "__init__.py" else None
        return importlib.util.spec_from_file_location(
            name, source, loader=_SourceOnlyLoader(name, str(source)), submodule_search_locations=package)


_finder = None
_digests = {}  # module name -> sha256 of the file it was loaded from


def _digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).is_file() else None


def use(docs_dir):
    """Make the lessons under docs_dir importable, and forget every lesson module
    if one of their files changed since it was imported (the next import reads them again:
    `mkdocs serve` rebuilds pages from what the files say now). Returns {name: Lesson}."""
    global _finder
    lessons = find_lessons(docs_dir)
    if _finder is None or _finder.lessons != lessons:
        if _finder in sys.meta_path:
            sys.meta_path.remove(_finder)
        _finder = _LessonFinder(lessons)
        sys.meta_path.insert(0, _finder)
        _forget_all()
    elif any(_digest(sys.modules[name].__file__) != digest for name, digest in _digests.items() if name in sys.modules):
        _forget_all()
    return lessons


def _forget_all():
    for name in list(_digests):
        sys.modules.pop(name, None)
    _digests.clear()
