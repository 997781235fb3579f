"""Lesson packages (coursekit.lessons) and the files a page's Python needs
(coursekit.python_files): found by convention, imported by their names, read again when
they change, never writing bytecode into the docs; and the closure of a block's imports."""

import importlib
import shutil
import sys

import pytest

from coursekit import lessons
from coursekit.lessons import LessonError, find_lessons
from coursekit.python_files import KIT_URL, PythonFiles
from tests.support.site import DOCS, REPOSITORY, load_module

runtime = load_module(DOCS / "assets/runner/page_runtime.py")
from coursekit.python_files import KIT_PAGE_MODULES

KIT_FILES = ["coursekit/__init__.py", *(f"coursekit/{name}.py" for name in sorted(KIT_PAGE_MODULES))]


def make_docs(tmp_path, packages):
    """A docs folder with the site's machinery (the runner, the message catalog, the kit's
    page modules) and these packages: {"section/name": {file: text}}."""
    docs = tmp_path / "docs"
    for folder, files in packages.items():
        for name, text in files.items():
            (docs / folder / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / folder / name).write_text(text)
    shutil.copytree(DOCS / KIT_URL, docs / KIT_URL)
    shutil.copytree(DOCS / "assets/runner", docs / "assets/runner")
    shutil.copytree(DOCS / "assets/messages", docs / "assets/messages")
    return docs


@pytest.fixture
def restore_lessons():
    yield
    lessons.use(DOCS)


def test_lessons_are_folders_with_an_init_under_the_docs(tmp_path):
    docs = make_docs(tmp_path, {"a/alpha": {"__init__.py": "", "sub/__init__.py": "", "data/inner/__init__.py": ""},
                                "b/c/beta": {"__init__.py": ""}, "a/not_a_package": {"x.py": ""},
                                ".": {"__init__.py": ""}, "assets/tool": {"__init__.py": ""}})
    found = find_lessons(docs)
    assert sorted(found) == ["alpha", "beta"], "what is inside a lesson, the docs folder itself and assets/ are not lessons"
    assert found["beta"].folder == docs / "b/c/beta" and found["alpha"].folder == docs / "a/alpha"


@pytest.mark.parametrize("packages, message", [
    ({"a/twice": {"__init__.py": ""}, "b/twice": {"__init__.py": ""}}, "two lesson packages are named 'twice'"),
    ({"a/random": {"__init__.py": ""}}, "Python already has a module named 'random'"),
    ({"a/numpy": {"__init__.py": ""}}, "Python already has a module named 'numpy'"),
    ({"a/batch-norm": {"__init__.py": ""}}, "'batch-norm' is not a Python name"),
])
def test_a_lesson_that_cannot_be_imported_as_it_stands_is_refused(tmp_path, packages, message):
    with pytest.raises(LessonError, match=message):
        find_lessons(make_docs(tmp_path, packages))


def test_lessons_import_each_other_by_name_and_are_read_again_when_changed(tmp_path, restore_lessons, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # as Python is by default: it would write bytecode
    docs = make_docs(tmp_path, {"s/first": {"__init__.py": "", "steps.py": "VALUE = 1\n"},
                                "s/second": {"__init__.py": "", "steps.py": "from first.steps import VALUE\n"
                                                                            "TWICE = 2 * VALUE\n"}})
    lessons.use(docs)
    assert importlib.import_module("second.steps").TWICE == 2
    assert importlib.import_module("first.steps") is not importlib.import_module("second.steps"), "two steps modules"
    (docs / "s/first/steps.py").write_text("VALUE = 5\n")
    lessons.use(docs)
    assert importlib.import_module("second.steps").TWICE == 10, "a changed file is read again, and what imports it"
    lessons.use(docs)
    assert importlib.import_module("second.steps") is sys.modules["second.steps"], "unchanged: not imported again"
    assert not list(docs.rglob("__pycache__")), "no bytecode in the docs: the site would publish it"


def test_imported_names_follow_every_import():
    code = ("import a.b\nfrom c import d, e\nfrom . import sibling\nfrom .mod import f\n"
            "def later():\n    import g\n")
    assert runtime.imported_names(code, package="pkg.sub") == {"a.b", "c", "c.d", "c.e", "pkg.sub", "pkg.sub.sibling",
                                                               "pkg.sub.mod", "pkg.sub.mod.f", "g"}
    assert runtime.imported_names("this is not Python") == set()


def test_files_needed_follow_the_imports_of_what_is_read():
    paths = ["a/__init__.py", "a/core.py", "a/extra.py", "b/__init__.py", "b/steps.py"]
    code = "from b.steps import run\nimport numpy"
    assert runtime.files_needed(code, paths, {}) == (["b/__init__.py", "b/steps.py"],) * 2
    sources = {"b/__init__.py": "", "b/steps.py": "from a.core import x\nfrom . import helpers\n"}
    assert runtime.files_needed(code, paths, sources) == (
        ["b/__init__.py", "b/steps.py", "a/__init__.py", "a/core.py"], ["a/__init__.py", "a/core.py"])
    assert runtime.files_needed("", paths, sources, ["b.steps"])[0] == ["b/__init__.py", "b/steps.py", "a/__init__.py",
                                                                         "a/core.py"], "importing a module by name"
    sources.update({"a/__init__.py": "", "a/core.py": "import numpy\n"})
    needed, missing = runtime.files_needed(code, paths, sources)
    assert missing == [] and "a/extra.py" not in needed, "nothing that no import names"


def test_the_index_and_the_files_of_a_module(tmp_path):
    docs = make_docs(tmp_path, {"s/first": {"__init__.py": "", "core.py": "import numpy\n", "extra.py": ""},
                                "s/second": {"__init__.py": "", "steps.py": "from first.core import x\n"
                                                                            "from coursekit.steps import panel\n"}})
    files = PythonFiles(docs)
    assert sorted(files.for_module("second.steps")) == [
        "coursekit/__init__.py", "coursekit/numbers.py", "coursekit/steps.py", "first/__init__.py", "first/core.py",
        "second/__init__.py", "second/steps.py"]
    index = files.index()
    assert sorted(index) == [*KIT_FILES,
                             "first/__init__.py", "first/core.py", "first/extra.py", "second/__init__.py",
                             "second/steps.py"]
    assert index["first/core.py"].startswith("s/first/core.py?v=")
    assert index["coursekit/steps.py"].startswith(KIT_URL + "steps.py?v=")
    (docs / "s/first/core.py").write_text("import numpy  # changed\n")
    assert PythonFiles(docs).index()["first/core.py"] != index["first/core.py"], \
        "a changed file has a new address: no cache serves the old one"


def test_the_kits_page_modules_import_only_each_other_numpy_and_the_standard_library():
    """The page's Python has numpy, the standard library and, of the kit, its page modules:
    a page module that imports any other module of the kit fails in the page."""
    for name in KIT_PAGE_MODULES:
        source = (REPOSITORY / "coursekit" / f"{name}.py").read_text(encoding="utf-8")
        for imported in runtime.imported_names(source, "coursekit"):
            top, _, rest = imported.partition(".")
            if top == "coursekit":
                assert not rest or rest.split(".")[0] in KIT_PAGE_MODULES, f"coursekit.{name} imports {imported}"
            else:
                assert top == "numpy" or top in sys.stdlib_module_names, f"coursekit.{name} imports {imported}"


def test_a_stale_copy_of_the_kit_stops_the_build(tmp_path):
    docs = make_docs(tmp_path, {"s/first": {"__init__.py": "import coursekit.numbers\n"}})
    (docs / KIT_URL / "numbers.py").write_text("# an old copy\n")
    with pytest.raises(LessonError, match="is not a copy of .*run `bash scripts/setup.sh`"):
        PythonFiles(docs)
