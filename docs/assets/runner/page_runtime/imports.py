"""Which of the site's Python files a block imports, and making them importable.

The lesson and kit modules a block or a widget imports are files the site serves (each page
lists them: coursekit/python_files.py); `files_needed` follows the code's imports through
them, the worker fetches what it says and writes it under one folder (`use_python_files`).
The build uses the same `files_needed` to check each block's imports.
"""

import ast
import importlib
import importlib.util
import os
import sys


def imported_names(source, package=None):
    """Every module name the source may import: `import a.b` gives a.b; `from a import b`
    gives a and a.b (b may be a module); relative imports are resolved against `package`."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # the reader's code: Python says what is wrong when it runs
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


def module_of(path):
    """The module a file is: "pkg/sub/mod.py" -> "pkg.sub.mod", "pkg/__init__.py" -> "pkg"."""
    parts = path[:-len(".py")].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def files_needed(code, paths, sources, modules=()):
    """The files (of `paths`, the site's Python files) that running `code`, or importing
    `modules` (names), imports, a module's packages first, following the imports of each
    file read so far (`sources`, {path: text}). Returns (needed, missing): missing are
    needed files not read yet; read them and ask again, until none is missing. A package's
    catalogs (its messages/*.json: coursekit.page.words) come with its __init__.py."""
    files = {module_of(path): path for path in paths if path.endswith(".py")}
    needed, missing = [], []
    pending = sorted(imported_names(code) | set(modules))
    while pending:
        name = pending.pop()
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):  # a module's packages are imported first
            path = files.get(".".join(parts[:depth]))
            if path is None:
                break
            if path not in needed:
                needed.append(path)
                if path.endswith("/__init__.py"):  # a package's catalogs come with it
                    catalogs = path[:-len("__init__.py")] + "messages/"
                    for data in (other for other in paths if other.startswith(catalogs) and other not in needed):
                        needed.append(data)
                        if data not in sources:
                            missing.append(data)
                if path in sources:
                    package = module_of(path) if path.endswith("/__init__.py") else module_of(path).rpartition(".")[0]
                    pending.extend(sorted(imported_names(sources[path], package)))
                else:
                    missing.append(path)
            if not path.endswith("/__init__.py"):  # what follows a module's name are its attributes
                break
    return needed, missing


def use_python_files(folder, rewritten=()):
    """Make the modules written under `folder` importable (first, before anything else of
    the same name). Where a file was `rewritten`, forget every module loaded from `folder`:
    the next imports read them again, and no module keeps what an old file defined."""
    if folder not in sys.path:
        sys.path.insert(0, folder)
    if rewritten:
        inside = os.path.join(os.path.abspath(folder), "")
        for name, module in list(sys.modules.items()):
            if os.path.abspath(getattr(module, "__file__", None) or "").startswith(inside):
                del sys.modules[name]
    importlib.invalidate_caches()
