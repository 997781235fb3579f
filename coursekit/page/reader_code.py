"""Running the reader's code: their function, defined by their code and called on a test's
arguments by name, with what it prints kept and any exception it raises reported from
their own code on, with their own line numbers (the kit's frames are not the reader's
business).

This module runs in the page's Python: standard library and numpy only.
"""

import contextlib
import inspect
import linecache
import traceback

import numpy as np

from coursekit.page.feedback import message

READER_FILE = "<your code>"
PRINTED = 2000
"""Characters of what the reader's code printed during a check that the report keeps."""


def copies(arguments):
    """The arguments as fresh arrays: a function that changes its inputs changes no other test."""
    return {name: np.array(value, dtype=float) if np.ndim(value) else value for name, value in arguments.items()}


def kept(printed):
    """What the reader's code printed (a StringIO), cut to PRINTED characters."""
    text = printed.getvalue()
    return text if len(text) <= PRINTED else text[:PRINTED] + "\n…"


def load(code, name, printed):
    """(the function `name` that the reader's code defines, None), or (None, the problem).
    What the code prints while it runs goes to `printed`."""
    # Where a traceback finds the reader's lines, as it finds a file's.
    linecache.cache[READER_FILE] = (len(code), None, code.splitlines(keepends=True), READER_FILE)
    try:
        compiled = compile(code, READER_FILE, "exec")
    except SyntaxError as error:
        return None, message("practice.code.syntax", line=error.lineno or 1, error=error.msg)
    namespace = {"__name__": "__exercise__", "__builtins__": __builtins__}
    try:
        with contextlib.redirect_stdout(printed):
            exec(compiled, namespace)
    except KeyboardInterrupt:  # Stop: it ends the check
        raise
    except BaseException as error:  # exit() too: it ends the reader's code, not Python
        return None, message("practice.code.exception", traceback=reader_traceback(error))
    function = namespace.get(name)
    if not callable(function):
        return None, message("practice.code.no-function", name=name)
    return function, None


def unmatched_parameters(function, arguments):
    """None where `function` takes each of `arguments` by its name; else its parameters, as
    its def line writes them ("X, kernel, b=0")."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # no signature to read (a builtin): calling it says what is wrong
        return None
    try:
        signature.bind(**arguments)
    except TypeError:
        return ", ".join(str(parameter) for parameter in signature.parameters.values())
    return None


def call(function, arguments, printed):
    """(what the reader's function returned on fresh copies of `arguments`, each passed by
    its name, None), or (None, the exception it raised)."""
    # By name, not in the order of a test's dict: a right function whose parameters come
    # in another order than the dict's passes.
    try:
        with contextlib.redirect_stdout(printed):
            return function(**copies(arguments)), None
    except KeyboardInterrupt:
        raise
    except BaseException as error:
        return None, message("practice.code.exception", traceback=reader_traceback(error))


def reader_traceback(error):
    """The traceback from the reader's own code on, with their line numbers."""
    frames = traceback.extract_tb(error.__traceback__)
    first = next((i for i, frame in enumerate(frames) if frame.filename == READER_FILE), len(frames))
    report = traceback.TracebackException.from_exception(error)
    report.stack = traceback.StackSummary.from_list(frames[first:])
    return "".join(report.format()).strip()
