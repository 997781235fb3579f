"""The Python files the site serves to the page's Python: every lesson's files and the
kit's page modules, as {path under the page's Python folder: address on the site}, for
instance {"<layer>.py": "classes/<section>/<layer>.py?v=3f2a…",
"<layer>_site/steps.py": "classes/<section>/<layer>_site/steps.py?v=…",
"coursekit/page/steps.py": "assets/vendor/coursekit/page/steps.py?v=…"}.

A page that runs Python carries this index (coursekit.site puts it at the end of the
page); the runner follows a block's imports through it (page_runtime.files_needed, the
same function here at build time), fetches each file once (the ?v= is the file's hash:
an old copy in a cache is never taken for a new one), and writes it under a folder on the
page's sys.path. So a block imports lesson modules by the names the build uses
(coursekit.lessons), and a reader's edited code may import any of them.
"""

import hashlib
import importlib.util
import sys
from functools import cached_property, lru_cache
from pathlib import Path

from coursekit.lessons import KIT, LessonError, find_lessons

KIT_FOLDER = Path(__file__).parent
PAGE_PACKAGE = "page"
"""The kit's subpackage the page's Python has: every module in it (coursekit/page/)."""
PAGE_FOLDER = KIT_FOLDER / PAGE_PACKAGE
KIT_PAGE_MODULES = tuple(sorted(path.stem for path in PAGE_FOLDER.glob("*.py") if path.stem != "__init__"))
"""The kit's modules the page's Python has (standard library and numpy only), by name under
coursekit.page. setup copies them, with the packages' __init__.py, under KIT_URL in the
docs, for the site to serve."""
KIT_URL = "assets/vendor/coursekit/"
RUNTIME = "assets/runner/page_runtime"
"""The page's Python runtime, a package in the docs: it decides which files a block needs."""


def kit_page_files():
    """The kit's files the site serves to the page's Python: each package's __init__.py,
    then the page modules."""
    return [KIT_FOLDER / "__init__.py", PAGE_FOLDER / "__init__.py",
            *(PAGE_FOLDER / f"{name}.py" for name in KIT_PAGE_MODULES)]


def served_path(file):
    """Where the site serves one of kit_page_files, under KIT_URL: "page/steps.py"."""
    return file.relative_to(KIT_FOLDER).as_posix()


def load_runtime(folder, name):
    """The page's Python runtime (the package in `folder`: docs/assets/runner/page_runtime,
    or a built site's copy) as a module `name`, read afresh: its modules, loaded before under
    that name, are forgotten first, so that none of them is an older file's."""
    for loaded in [loaded for loaded in sys.modules if loaded == name or loaded.startswith(name + ".")]:
        del sys.modules[loaded]
    folder = Path(folder)
    spec = importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its modules import each other relatively, through it
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


@lru_cache(maxsize=4)
def _runtime(folder, modified):
    return load_runtime(folder, "coursekit_page_runtime")


def page_runtime(docs_dir):
    """docs/assets/runner/page_runtime/, as a module (loaded again when one of its files changes)."""
    folder = Path(docs_dir) / RUNTIME
    return _runtime(folder, max(file.stat().st_mtime_ns for file in folder.glob("*.py")))


class PythonFiles:
    """The page-side Python files of one site (its docs folder)."""

    def __init__(self, docs_dir, lessons=None):
        self.docs_dir = Path(docs_dir)
        self.lessons = find_lessons(self.docs_dir) if lessons is None else lessons
        self.files = {}  # path under the page's Python folder -> the file in the docs
        for lesson in self.lessons.values():
            self.files.update(lesson.files())
        for file in kit_page_files():
            served = self.docs_dir / KIT_URL / served_path(file)
            if not served.is_file() or served.read_bytes() != file.read_bytes():
                raise LessonError(f"{served} is not a copy of {file}: run `bash scripts/setup.sh` (it copies the "
                                  "kit's page modules into the docs)")
            self.files[f"{KIT}/{served_path(file)}"] = served

    @cached_property
    def sources(self):
        """{path: text} of every file, read once."""
        return {path: file.read_text(encoding="utf-8") for path, file in self.files.items()}

    def index(self):
        """{path: address} of every file, each address with its file's hash."""
        return {path: f"{file.relative_to(self.docs_dir).as_posix()}?v={_version(file)}"
                for path, file in sorted(self.files.items())}

    def for_code(self, code, modules=()):
        """The paths of the files `code` (or importing `modules`) imports, and theirs (a
        module's packages first); a LessonError where one imports a kit module the page's
        Python does not have."""
        runtime = page_runtime(self.docs_dir)
        needed, _ = runtime.files_needed(code, list(self.files), self.sources, modules)
        for source in [code, *(self.sources[path] for path in needed)]:
            for name in runtime.imported_names(source):
                parts = name.split(".")
                # `from coursekit import page` names coursekit.page; a name that is no module
                # of the kit at all is left to Python, which says so when the code runs.
                if parts[0] == KIT and len(parts) > 1 and parts[1] != PAGE_PACKAGE \
                        and importlib.util.find_spec(f"{KIT}.{parts[1]}") is not None:
                    raise LessonError(f"{KIT}.{parts[1]} runs at build time only: it is not one of the kit's page "
                                      f"modules ({KIT}.{PAGE_PACKAGE}.{{{', '.join(KIT_PAGE_MODULES)}}}), "
                                      "and the page's Python does not have it")
        return needed

    def for_module(self, module):
        """The paths of the files that importing `module` takes."""
        return self.for_code("", [module])


def _version(file):
    """The first 12 hex digits of the file's sha256."""
    return hashlib.sha256(file.read_bytes()).hexdigest()[:12]
