"""What the page's Python runs inside: in the browser's Pyodide worker (worker.mjs fetches
these files and imports this package), and in CPython (the tests, the build's check of each
block's imports: coursekit/python_files.py, and coursekit/check_blocks.py). One module a job:

    running.py     runs one block's code in its session's namespace and streams its output
    tracebacks.py  the reader's traceback: their own frames and line numbers, and a sentence
                   where Python's own message would puzzle
    calls.py       the widgets' bridge: a lesson function called by name, JSON in and out;
                   the page's language, which lesson modules write in (written_in)
    imports.py     which of the site's Python files a block imports (files_needed), and
                   making those the worker wrote importable (use_python_files)
    startup.py     what Python must draw again when it started from the snapshot
    protocol.py    the message kinds and error fields, from protocol.json (beside this
                   package), which the page's JavaScript reads too

The worker and the build call only what this package exports.
"""

from .calls import call, written_in
from .imports import files_needed, imported_names, module_of, use_python_files
from .protocol import ERROR, OUTPUT, REPLY
from .running import HTML, MAX_OUTPUT_CHARS, display, new_namespace, run
from .startup import after_snapshot

__all__ = ["ERROR", "HTML", "MAX_OUTPUT_CHARS", "OUTPUT", "REPLY", "after_snapshot", "call", "display",
           "files_needed", "imported_names", "module_of", "new_namespace", "run", "use_python_files", "written_in"]
