"""The traceback a reader sees: from the first frame of their own code on, with their own
line numbers (no frame of the runner above it), and, where Python's own message would
puzzle, a sentence that says what happened."""

import sys
import traceback

PAGE_NAMES = {"document", "window", "alert", "confirm", "prompt", "localStorage", "sessionStorage"}
"""What code reaching for the page would ask `js` for: the worker Python runs in has none of them."""

DEEP_STACK = 10_000
"""A traceback this deep, ending in a SystemError: Python could go no deeper, and did not
say why (seen here when the code had left little memory for more calls)."""


def explanation(error, depth):
    """A sentence for an error whose own message does not say what happened, or None."""
    name = error.args[0] if isinstance(error, AttributeError) and error.args else None
    if isinstance(name, str) and name in PAGE_NAMES and "js" in sys.modules:
        return (f"`js.{name}` does not exist here: this Python runs in a Web Worker, "
                "apart from the page, so it cannot read or change the page. "
                "Show results with print(), display() or plt.show().")
    if isinstance(error, SystemError) and depth > DEEP_STACK:
        return (f"The recursion was {depth:,} calls deep when Python could go no deeper here, most likely "
                "for want of memory (sys.setrecursionlimit cannot add any): recurse less deeply, or use a loop.")
    return None


def stack_depth(trace):
    """How many calls deep a traceback goes (counted, not copied)."""
    depth = 0
    while trace is not None:
        depth, trace = depth + 1, trace.tb_next
    return depth


def user_traceback(error, filename):
    """The traceback from the first frame of the reader's code on: no runner frames above it;
    then, where Python's own message would puzzle, what happened. Where the code left too
    little memory to write tens of thousands of frames out, the error without them."""
    depth = stack_depth(error.__traceback__)
    sentence = explanation(error, depth)
    try:
        frames = traceback.extract_tb(error.__traceback__)
        first = next((i for i, frame in enumerate(frames) if frame.filename == filename), len(frames))
        report = traceback.TracebackException.from_exception(error)
        report.stack = traceback.StackSummary.from_list(frames[first:])
        text = "".join(report.format())
    except MemoryError:
        text = (f"{type(error).__name__}: {error}\n(its traceback, {depth:,} calls deep, "
                "did not fit in the memory the code left)\n")
    return text + (f"\n{sentence}\n" if sentence else "")
