"""The traceback a reader sees: from the first frame of their own code on, with their own
line numbers (no frame of the runner above it), and, where Python's own message would
puzzle, a message that says what happened (worded by the page, in its language)."""

import sys
import traceback

PAGE_NAMES = {"document", "window", "alert", "confirm", "prompt", "localStorage", "sessionStorage"}
"""What code reaching for the page would ask `js` for: the worker Python runs in has none of them."""

DEEP_STACK = 10_000
"""A traceback this deep, ending in a SystemError: Python could go no deeper, and did not
say why (seen here when the code had left little memory for more calls)."""


def explanation(error, depth):
    """What to say of an error whose own message does not say what happened: a message of
    the site's catalog and its parameters (the page words it in its language), or None."""
    name = error.args[0] if isinstance(error, AttributeError) and error.args else None
    if isinstance(name, str) and name in PAGE_NAMES and "js" in sys.modules:
        return "runner.page-apart", {"name": name}
    if isinstance(error, SystemError) and depth > DEEP_STACK:
        return "runner.recursion-too-deep", {"depth": depth}
    return None


def stack_depth(trace):
    """How many calls deep a traceback goes (counted, not copied)."""
    depth = 0
    while trace is not None:
        depth, trace = depth + 1, trace.tb_next
    return depth


def user_traceback(error, filename):
    """The traceback from the first frame of the reader's code on: no runner frames above it;
    and the runner's messages on it (key, params): where Python's own message would puzzle,
    what happened; where the code left too little memory to write tens of thousands of
    frames out, that the error comes without them."""
    depth = stack_depth(error.__traceback__)
    said = [found] if (found := explanation(error, depth)) else []
    try:
        frames = traceback.extract_tb(error.__traceback__)
        first = next((i for i, frame in enumerate(frames) if frame.filename == filename), len(frames))
        report = traceback.TracebackException.from_exception(error)
        report.stack = traceback.StackSummary.from_list(frames[first:])
        text = "".join(report.format())
    except MemoryError:
        text = f"{type(error).__name__}: {error}\n"
        said.insert(0, ("runner.traceback-too-large", {"depth": depth}))
    return text, said
