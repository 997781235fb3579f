"""Running one block's code in its session's namespace, as a script would, and handing every
piece of output to `emit(kind, payload)` (the kinds are named in protocol.json, which the
page's JavaScript reads too):

    "stdout", "stderr"  text, in order, in batches (at most MAX_OUTPUT_CHARS per run)
    "html"              HTML of a value with _repr_html_, or of HTML(...), when the block allows HTML
    "text"              repr of the value of a last expression, or of display(value)
    "image"             a matplotlib figure, as base64 PNG
    "error"             a traceback, with the reader's own line numbers and frames only
    "notice"            a message from the runner itself (output capped, run stopped, what an
                        error means), as a key of the site's catalog and its parameters: the
                        page words it in its language (protocol.notice)
"""

import ast
import base64
import io
import linecache
import os
import sys
import time
import warnings

from .protocol import OUTPUT, notice
from .tracebacks import user_traceback

MAX_OUTPUT_CHARS = 200_000
"""Beyond this, a run's printed output is dropped (and counted): a page stays usable after
`for i in range(10**6): print(i)`."""

FLUSH_SECONDS = 0.05
"""Printed output reaches the page at least this often while a long run goes on."""

os.environ.setdefault("MPLBACKEND", "AGG")  # figures are drawn to PNG, shown by the page
warnings.filterwarnings("ignore", message=".*non-interactive.*")  # plt.show() under AGG: the page shows them


class HTML:
    """Show a string as HTML in the output of a block that has html="1": display(HTML("<b>hi</b>"))."""

    def __init__(self, html):
        self.html = str(html)

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return self.html


class _Run:
    """The state of one run: where output goes, whether HTML is allowed, how much was printed."""

    def __init__(self, emit, allow_html):
        self.emit, self.allow_html = emit, allow_html
        self.printed = self.dropped = 0
        self.pending, self.pending_kind, self.last_flush = [], None, time.monotonic()

    def write(self, kind, text):
        room = MAX_OUTPUT_CHARS - self.printed
        if len(text) > room:
            self.dropped += len(text) - max(room, 0)
            text = text[:max(room, 0)]
        if not text:
            return
        self.printed += len(text)
        if kind != self.pending_kind:
            self.flush()
            self.pending_kind = kind
        self.pending.append(text)
        if time.monotonic() - self.last_flush > FLUSH_SECONDS:
            self.flush()

    def flush(self):
        if self.pending:
            self.emit(self.pending_kind, "".join(self.pending))
            self.pending = []
        self.last_flush = time.monotonic()

    def show(self, value):
        """A value as the page shows it: HTML where allowed and offered, else its repr."""
        self.flush()
        if self.allow_html and hasattr(value, "_repr_html_"):
            html = value._repr_html_()
            if html is not None:
                self.emit(OUTPUT["html"], html)
                return
        self.emit(OUTPUT["text"], repr(value))

    def show_figures(self):
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is None:
            return
        self.flush()
        for number in pyplot.get_fignums():
            figure = pyplot.figure(number)
            png = io.BytesIO()
            figure.savefig(png, format="png", bbox_inches="tight")
            self.emit(OUTPUT["image"], base64.b64encode(png.getvalue()).decode("ascii"))
            pyplot.close(figure)


class _Stream(io.TextIOBase):
    def __init__(self, run, kind):
        self.run, self.kind = run, kind

    def writable(self):
        return True

    def write(self, text):
        self.run.write(self.kind, text)
        return len(text)


_current = None  # the run under way: display() and plt.show() send their output to it


def display(*values):
    """Show each value in the block's output, as a notebook would (HTML where the block allows it)."""
    for value in values:
        _current.show(value)


def _show_figures():
    _current.show_figures()


def new_namespace():
    """The globals of a new session: a script's, plus display() and HTML."""
    return {"__name__": "__main__", "__builtins__": __builtins__, "display": display, "HTML": HTML}


async def run(code, namespace, filename, emit, allow_html=False):
    """Run `code` in `namespace` as a script would, showing the value of a last expression."""
    global _current
    run = _current = _Run(emit, allow_html)
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream(run, OUTPUT["stdout"]), _Stream(run, OUTPUT["stderr"])
    try:
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.show = _show_figures
        tree = ast.parse(code, filename)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        result = eval(compile(tree, filename, "exec", flags=flags), namespace)
        if result is not None:  # the code awaited something at top level
            await result
        if last is not None:
            value = eval(compile(ast.Expression(last.value), filename, "eval", flags=flags), namespace)
            if hasattr(value, "__await__"):
                value = await value
            if value is not None:
                run.show(value)
        run.show_figures()
    except KeyboardInterrupt:
        run.flush()
        emit(OUTPUT["notice"], notice("runner.stopped-run"))
    except BaseException as error:  # SystemExit too: the reader's exit() ends the run, not Python
        run.flush()
        if isinstance(error, SystemExit) and error.code in (None, 0):
            pass
        else:
            text, said = user_traceback(error, filename)
            emit(OUTPUT["error"], text)
            for key, params in said:
                emit(OUTPUT["notice"], notice(key, **params))
    finally:
        sys.stdout, sys.stderr = saved
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.show = _show_figures
        run.flush()
        if run.dropped:
            emit(OUTPUT["notice"], notice("runner.output-cut", shown=MAX_OUTPUT_CHARS, dropped=run.dropped))
        _current = None
