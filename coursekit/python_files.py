"""The Python files the site serves to the page's Python: every lesson's files and the
kit's page modules, as {path under the page's Python folder: address on the site}, for
instance {"<layer>.py": "classes/<section>/<layer>.py?v=3f2a…",
"<layer>_site/steps.py": "classes/<section>/<layer>_site/steps.py?v=…"}.

A page that runs Python carries this index (coursekit.site puts it at the end of the
page); the runner follows a block's imports through it (page_runtime.files_needed, the
same function here at build time), fetches each file once (the ?v= is the file's hash:
an old copy in a cache is never taken for a new one), and writes it under a folder on the
page's sys.path. So a block imports lesson modules by the names the build uses
(coursekit.lessons), and a reader's edited code may import any of them.
"""

import hashlib
import importlib.util
from functools import cached_property, lru_cache
from pathlib import Path

from coursekit.lessons import KIT, LessonError, find_lessons

KIT_FOLDER = Path(__file__).parent
KIT_PAGE_MODULES = ("numbers", "steps", "answers", "feedback", "questions", "code_tests", "finite_differences",
                    "reader_code", "values")
"""The kit's modules the page's Python has (standard library and numpy only). setup copies
them, with the package's __init__.py, to KIT_URL in the docs, for the site to serve."""
KIT_URL = "assets/vendor/coursekit/"
RUNTIME = "assets/runner/page_runtime.py"
"""The page's Python runtime, in the docs: it decides which files a block needs."""


def kit_page_files():
    """The kit's files the site serves to the page's Python."""
    return [KIT_FOLDER / "__init__.py"] + [KIT_FOLDER / f"{name}.py" for name in KIT_PAGE_MODULES]


@lru_cache(maxsize=4)
def _runtime(path, modified):
    spec = importlib.util.spec_from_file_location("coursekit_page_runtime", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_runtime(docs_dir):
    """docs/assets/runner/page_runtime.py, as a module (loaded again when it changes)."""
    path = Path(docs_dir) / RUNTIME
    return _runtime(path, path.stat().st_mtime_ns)


class PythonFiles:
    """The page-side Python files of one site (its docs folder)."""

    def __init__(self, docs_dir, lessons=None):
        self.docs_dir = Path(docs_dir)
        self.lessons = find_lessons(self.docs_dir) if lessons is None else lessons
        self.files = {}  # path under the page's Python folder -> the file in the docs
        for lesson in self.lessons.values():
            self.files.update(lesson.files())
        for file in kit_page_files():
            served = self.docs_dir / KIT_URL / file.name
            if not served.is_file() or served.read_bytes() != file.read_bytes():
                raise LessonError(f"{served} is not a copy of {file}: run `bash scripts/setup.sh` (it copies the "
                                  "kit's page modules into the docs)")
            self.files[f"{KIT}/{file.name}"] = served

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
                if parts[0] == KIT and len(parts) > 1 and f"{KIT}/{parts[1]}.py" not in self.files \
                        and importlib.util.find_spec(f"{KIT}.{parts[1]}") is not None:
                    raise LessonError(f"{KIT}.{parts[1]} is not one of the kit's page modules ({KIT}."
                                      f"{f', {KIT}.'.join(KIT_PAGE_MODULES)}): the page's Python does not have it")
        return needed

    def for_module(self, module):
        """The paths of the files that importing `module` takes."""
        return self.for_code("", [module])


def _version(file):
    """The first 12 hex digits of the file's sha256."""
    return hashlib.sha256(file.read_bytes()).hexdigest()[:12]
