"""Lessons (coursekit.lessons) and the files a page's Python needs
(coursekit.python_files): found by convention, imported by their names, read again when
they change, never writing bytecode into the docs; and the closure of a block's imports."""

import importlib
import shutil
import sys

import pytest

from coursekit import lessons
from coursekit.lessons import LessonError, find_lessons
from coursekit.python_files import KIT_PAGE_MODULES, KIT_URL, PythonFiles, page_runtime
from tests.support.site import DOCS, REPOSITORY

runtime = page_runtime(DOCS)

PAGE_PACKAGE = REPOSITORY / "coursekit" / "page"
KIT_FILES = ["coursekit/__init__.py", *sorted(path.relative_to(REPOSITORY).as_posix()
                                             for path in PAGE_PACKAGE.glob("*.py"))]
"""The kit's files a page's Python has: the kit's __init__.py and everything in coursekit/page/."""


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


def lesson(name, main="", **site):
    """A lesson's files: its page, its main file, and its site package's files."""
    return {f"{name}.md": "", f"{name}.py": main,
            **({f"{name}_site/__init__.py": ""} if site else {}), **{f"{name}_site/{k}.py": v for k, v in site.items()}}


def test_a_lesson_is_a_main_file_beside_its_page_with_its_site_package(tmp_path):
    docs = make_docs(tmp_path, {"a": lesson("alpha", steps="", cards=""), "b/c": lesson("beta"),
                                "a/notes": {"notes.py": ""}, ".": {"index.md": "", "tool.py": ""},
                                "assets/tool": {"tool.md": "", "tool.py": ""}})
    found = find_lessons(docs)
    assert sorted(found) == ["alpha", "beta"], "a .py beside no page of its name, and assets/, are not lessons"
    assert (found["alpha"].main, found["alpha"].site) == (docs / "a/alpha.py", docs / "a/alpha_site")
    assert (found["beta"].main, found["beta"].site) == (docs / "b/c/beta.py", None)
    assert sorted(found["alpha"].files()) == ["alpha.py", "alpha_site/__init__.py", "alpha_site/cards.py",
                                              "alpha_site/steps.py"]


@pytest.mark.parametrize("packages, message", [
    ({"a": lesson("twice"), "b": lesson("twice")}, "two lessons are named 'twice'"),
    ({"a": lesson("random")}, "Python already has a module named 'random'"),
    ({"a": lesson("numpy")}, "Python already has a module named 'numpy'"),
    ({"a": {"batch-norm.md": "", "batch-norm.py": ""}}, "'batch-norm' is not a Python name"),
    ({"a": {**lesson("alpha"), "helpers/__init__.py": ""}}, "is a Python package beside no lesson"),
    ({"a": {**lesson("alpha"), "alpha_site/steps.py": ""}}, "alpha_site has no __init__.py"),
    ({"a": {"alpha.py": "", "alpha_site/__init__.py": ""}}, "is a Python package beside no lesson"),
    ({"a": {**lesson("pool"), **lesson("pool_site")}}, "a name ending in _site is a lesson's site package's"),
    ({"a": lesson("js")}, "the page's Python or the project has a module named 'js' already"),
])
def test_a_lesson_that_cannot_be_imported_as_it_stands_is_refused(tmp_path, packages, message):
    with pytest.raises(LessonError, match=message):
        find_lessons(make_docs(tmp_path, packages))


def test_a_lesson_imports_its_own_files_by_name_and_they_are_read_again_when_changed(tmp_path, restore_lessons,
                                                                                     monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # as Python is by default: it would write bytecode
    docs = make_docs(tmp_path, {"s": {**lesson("first", "VALUE = 1\n", steps="from first import VALUE\n"
                                                                             "TWICE = 2 * VALUE\n"),
                                      **lesson("second", steps="")}})
    lessons.use(docs)
    assert importlib.import_module("first_site.steps").TWICE == 2
    assert importlib.import_module("first_site.steps") is not importlib.import_module("second_site.steps")
    (docs / "s/first.py").write_text("VALUE = 5\n")
    lessons.use(docs)
    assert importlib.import_module("first_site.steps").TWICE == 10, "a changed file is read again, and what imports it"
    lessons.use(docs)
    assert importlib.import_module("first_site.steps") is sys.modules["first_site.steps"], "unchanged: not again"
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


def test_a_package_brings_its_catalogs():
    paths = ["b/__init__.py", "b/steps.py", "b/messages/en.json", "b/messages/pt-BR.json", "b/other/data.json",
             "c/__init__.py", "c/messages/en.json"]
    needed, missing = runtime.files_needed("from b.steps import run", paths, {})
    assert needed == ["b/__init__.py", "b/messages/en.json", "b/messages/pt-BR.json", "b/steps.py"]
    assert sorted(missing) == sorted(needed), "the catalogs are fetched with the package"
    sources = {path: "" for path in needed}
    assert runtime.files_needed("from b.steps import run", paths, sources) == (needed, [])


def test_the_index_and_the_files_of_a_module(tmp_path):
    docs = make_docs(tmp_path, {"s": {**lesson("first", "import numpy\n", extra=""),
                                      **lesson("second", steps="from first import x\n"
                                                               "from coursekit.page.steps import panel\n")}})
    files = PythonFiles(docs)
    assert sorted(files.for_module("second_site.steps")) == [
        "coursekit/__init__.py", "coursekit/page/__init__.py", "coursekit/page/language.py", "coursekit/page/numbers.py",
        "coursekit/page/steps.py", "first.py", "second_site/__init__.py", "second_site/steps.py"], \
        "a package's __init__.py with its modules"
    index = files.index()
    assert sorted(index) == [*KIT_FILES, "first.py", "first_site/__init__.py", "first_site/extra.py", "second.py",
                             "second_site/__init__.py", "second_site/steps.py"]
    assert index["first.py"].startswith("s/first.py?v=")
    assert index["coursekit/page/steps.py"].startswith(KIT_URL + "page/steps.py?v=")
    (docs / "s/first.py").write_text("import numpy  # changed\n")
    assert PythonFiles(docs).index()["first.py"] != index["first.py"], \
        "a changed file has a new address: no cache serves the old one"


def test_the_kits_page_modules_import_only_each_other_numpy_and_the_standard_library():
    """The page's Python has numpy, the standard library and, of the kit, coursekit.page:
    anything under coursekit/page/ that imports any other module of the kit fails in the page."""
    files = sorted(PAGE_PACKAGE.rglob("*.py"))
    assert len(files) > 5 and set(KIT_PAGE_MODULES) == {path.stem for path in files} - {"__init__"}, \
        "every module under coursekit/page/ is served to the page"
    for path in files:
        source = path.read_text(encoding="utf-8")
        for imported in runtime.imported_names(source, "coursekit.page"):
            top, _, rest = imported.partition(".")
            if top == "coursekit":
                assert rest in ("", "page") or rest.startswith("page."), f"{path.name} imports {imported}"
            else:
                assert top == "numpy" or top in sys.stdlib_module_names, f"{path.name} imports {imported}"


def test_a_stale_copy_of_the_kit_stops_the_build(tmp_path):
    docs = make_docs(tmp_path, {"s": lesson("first", "import coursekit.page.numbers\n")})
    (docs / KIT_URL / "page/numbers.py").write_text("# an old copy\n")
    with pytest.raises(LessonError, match="is not a copy of .*run `bash scripts/setup.sh`"):
        PythonFiles(docs)
