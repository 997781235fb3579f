"""Load a lesson's Python file, fresh at every build, so the page shows what the file says now."""

import importlib.util
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
