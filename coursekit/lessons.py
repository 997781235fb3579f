"""Lesson packages: the Python of each lesson, in a folder beside its page.

    docs/classes/<section>/<lesson>.md        the page
    docs/classes/<section>/<lesson>/          its package, `<lesson>`: __init__.py, steps.py, page.py, ...

A folder under the docs folder (assets/ aside) that holds an `__init__.py`, in a folder
that does not, is a lesson package named after the folder. Lessons import each other and
the kit by absolute names (`from <lesson>.layer import forward`,
`from coursekit.steps import panel`), so that two lessons may each have a `steps` module.

The names mean the same files everywhere: at build time and in the tests (`use`, below),
and in the page, where the runner writes the files a block needs under one folder on
the page's sys.path (coursekit.python_files says which).
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


class LessonError(Exception):
    """A lesson package that cannot be imported as it stands: the build stops with this message."""


@dataclass(frozen=True)
class Lesson:
    name: str      # the package's name: its folder's
    folder: Path   # docs/classes/<section>/<lesson>

    def source(self, module):
        """The file of `module` (a dotted name inside this package), or None: a package's
        __init__.py, else a module's .py."""
        base = self.folder.joinpath(*module.split(".")[1:])
        for candidate in (base / "__init__.py", base.with_name(base.name + ".py")):
            if candidate.is_file() and (candidate.name == "__init__.py" or base != self.folder):
                return candidate
        return None


def find_lessons(docs_dir):
    """{name: Lesson} for every lesson package under docs_dir; a LessonError for a folder
    whose name is no Python name, two lessons of one name, or a name Python already has."""
    docs_dir = Path(docs_dir)
    lessons = {}
    for folder, subfolders, files in os.walk(docs_dir):
        folder = Path(folder)
        if folder == docs_dir:
            subfolders[:] = [name for name in subfolders if name != "assets"]  # the site's machinery
            continue
        subfolders.sort()
        if "__init__.py" not in files:
            continue
        subfolders[:] = []  # what is inside a lesson package is the lesson's
        name = folder.name
        if not name.isidentifier():
            raise LessonError(f"lesson package {folder}: '{name}' is not a Python name (use letters, digits and _)")
        if name in lessons:
            raise LessonError(f"two lesson packages are named '{name}': {lessons[name].folder} and {folder}")
        if name == KIT or name in sys.builtin_module_names or importlib.machinery.PathFinder.find_spec(name):
            raise LessonError(f"lesson package {folder}: Python already has a module named '{name}'; rename the folder")
        lessons[name] = Lesson(name, folder)
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

    def find_spec(self, name, path=None, target=None):
        lesson = self.lessons.get(name.partition(".")[0])
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
    """Make the lesson packages under docs_dir importable, and forget every lesson module
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
