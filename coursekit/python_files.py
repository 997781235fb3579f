"""The files a page's Python needs before it runs some code: the lesson modules the code
imports, and what those import in turn (lesson modules, and the kit's page modules).

Each is [address on the site, path under the page's Python folder], for instance
["classes/<section>/<lesson>/layer.py?v=3f2a…", "<lesson>/layer.py"]. The runner
fetches each address once (the ?v= is the file's hash: an old copy in a cache is never
taken for a new one) and writes it at its path, in a folder on the page's sys.path; a
block or a widget then imports the modules by the names it uses at build time
(coursekit.lessons). Found by following `import` statements: a module imported inside a
function counts too, and nothing is fetched that no import names.
"""

import ast
import hashlib
import importlib.util
from pathlib import Path

from coursekit.lessons import KIT, LessonError, find_lessons

KIT_FOLDER = Path(__file__).parent
KIT_PAGE_MODULES = ("numbers", "steps")
"""The kit's modules the page's Python has (standard library and numpy only). setup copies
them, with the package's __init__.py, to KIT_URL in the docs, for the site to serve."""
KIT_URL = "assets/vendor/coursekit/"


def kit_page_files():
    """The kit's files the site serves to the page's Python."""
    return [KIT_FOLDER / "__init__.py"] + [KIT_FOLDER / f"{name}.py" for name in KIT_PAGE_MODULES]


def imported_names(source, package=None):
    """Every module name the source may import: `import a.b` gives a.b; `from a import b`
    gives a and a.b (b may be a module); relative imports are resolved against `package`."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # the reader's code: Python will say what is wrong when it runs
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level and not package:
                continue
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) \
                if node.level else node.module
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


class PythonFiles:
    """The page-side Python files of one site (its docs folder), and the closure of a
    module's imports over them."""

    def __init__(self, docs_dir, lessons=None):
        self.docs_dir = Path(docs_dir)
        self.lessons = find_lessons(self.docs_dir) if lessons is None else lessons

    def source(self, module):
        """(file, address, path) of a module the page's Python can import, None if the
        page's Python does not serve it (numpy, the standard library, a misspelt name)."""
        top = module.partition(".")[0]
        if top == KIT:
            return self._kit_source(module)
        lesson = self.lessons.get(top)
        file = lesson.source(module) if lesson else None
        if file is None:
            return None
        path = file.relative_to(lesson.folder.parent).as_posix()
        return file, lesson.url + file.relative_to(lesson.folder).as_posix(), path

    def _kit_source(self, module):
        rest = module.split(".")[1:]
        name = "__init__" if not rest else rest[0]
        if name not in ("__init__", *KIT_PAGE_MODULES):
            if not (KIT_FOLDER / f"{name}.py").is_file() and not (KIT_FOLDER / name).is_dir():
                return None
            raise LessonError(f"{module} is not one of the kit's page modules (coursekit."
                              f"{', coursekit.'.join(KIT_PAGE_MODULES)}): the page's Python does not have it")
        file = KIT_FOLDER / f"{name}.py"
        served = self.docs_dir / KIT_URL / file.name
        if not served.is_file() or served.read_bytes() != file.read_bytes():
            raise LessonError(f"{served} is not a copy of {file}: run `bash scripts/setup.sh` (it copies the kit's "
                              "page modules into the docs)")
        return file, KIT_URL + file.name, f"{KIT}/{file.name}"

    def for_code(self, code):
        """[[address, path], ...] for the modules `code` imports, and theirs, in path order."""
        found = {}
        pending = sorted(imported_names(code))
        while pending:
            module = pending.pop()
            parts = module.split(".")
            for depth in range(1, len(parts) + 1):  # a module's packages are imported first
                name = ".".join(parts[:depth])
                located = self.source(name)
                if located is None:
                    break
                file, address, path = located
                if path not in found:
                    found[path] = address
                    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
                    pending.extend(imported_names(file.read_text(encoding="utf-8"), package))
                if file.name != "__init__.py":  # what follows a module's name are its attributes
                    break
        return [[f"{found[path]}?v={_version(self.docs_dir, found[path])}", path] for path in sorted(found)]

    def for_module(self, module):
        """The files that importing `module` takes."""
        return self.for_code(f"import {module}")


def _version(docs_dir, address):
    """The first 12 hex digits of the served file's sha256."""
    return hashlib.sha256((Path(docs_dir) / address).read_bytes()).hexdigest()[:12]
