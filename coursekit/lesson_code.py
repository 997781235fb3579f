"""Load a lesson's Python file, fresh at every build, so the page shows what the file says now."""

import importlib.util
import sys
from pathlib import Path


def load_lesson_code(path):
    """Execute the lesson file at `path` (relative to the folder mkdocs runs in) as a new module.

    It is not put in sys.modules: under `mkdocs serve` each rebuild reads the file again.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"lesson code {path} not found (paths are relative to {Path.cwd()}, "
            f"the folder mkdocs runs in)")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_lesson_modules(*paths):
    """Execute several lesson files in order, each registered in sys.modules under its name
    (replacing the copy of an earlier build), so that later ones can import earlier ones,
    as they do in the browser. Returns the modules, in order."""
    modules = []
    for path in paths:
        module = load_lesson_code(path)
        sys.modules[module.__name__] = module
        modules.append(module)
    return modules
