"""What the page's Python runs inside: in the browser's Pyodide worker, and in CPython
(the tests, and coursekit/check_blocks.py). It runs one block's code in its session's
namespace and hands every piece of output to `emit(kind, payload)` (the kinds are named in
protocol.json, beside this file, which the page's JavaScript reads too):

    "stdout", "stderr"  text, in order, in batches (at most MAX_OUTPUT_CHARS per run)
    "html"              HTML of a value with _repr_html_, or of HTML(...), when the block allows HTML
    "text"              repr of the value of a last expression, or of display(value)
    "image"             a matplotlib figure, as base64 PNG
    "error"             a traceback, with the reader's own line numbers and frames only
    "notice"            a message from the runner itself (output capped, run stopped)

It also answers the page's widgets: `call(module, function, arguments)` calls a lesson
function by name with JSON arguments and returns a JSON reply, the function's value or an
error that names the argument it concerns.

The lesson modules a block or a widget imports are files the site serves (each page lists
them: coursekit/python_files.py); `files_needed` follows the code's imports through them,
the worker fetches what it says, and writes it under one folder (`use_python_files`). The
build uses the same `files_needed` to check each block's imports.
"""

import ast
import base64
import importlib
import importlib.util
import io
import json
import linecache
import os
import random
import sys
import time
import traceback
import warnings

with open(os.path.join(os.path.dirname(__file__), "protocol.json"), encoding="utf-8") as protocol:
    PROTOCOL = json.load(protocol)
OUTPUT, REPLY, ERROR = PROTOCOL["output"], PROTOCOL["reply"], PROTOCOL["error"]

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


def after_snapshot():
    """Draw and read again what Python's start-up drew at random or read from the machine,
    when it started from the snapshot made at setup (see snapshot.mjs): without this every
    reader would share one random seed, and the snapshot machine's time zone. The worker has
    already set C's time zone to the browser's; `time` keeps copies, computed here as CPython
    computes them where C's tzname is not at hand (from the zones of January and July)."""
    random.seed()
    year = (365 * 24 + 6) * 3600
    start = int(time.time()) // year * year
    january, july = time.localtime(start), time.localtime(start + year // 2)
    standard, summer = (july, january) if january.tm_gmtoff > july.tm_gmtoff else (january, july)
    time.timezone, time.altzone = -standard.tm_gmtoff, -summer.tm_gmtoff
    time.daylight = int(time.timezone != time.altzone)
    time.tzname = (standard.tm_zone, summer.tm_zone)


PAGE_NAMES = {"document", "window", "alert", "confirm", "prompt", "localStorage", "sessionStorage"}
"""What code reaching for the page would ask `js` for: the worker Python runs in has none of them."""

DEEP_STACK = 10_000
"""A traceback this deep, ending in a SystemError: Python could go no deeper, and did not
say why (seen here when the code had left little memory for more calls)."""


def _explanation(error, depth):
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


def _depth(trace):
    """How many calls deep a traceback goes (counted, not copied)."""
    depth = 0
    while trace is not None:
        depth, trace = depth + 1, trace.tb_next
    return depth


def _user_traceback(error, filename):
    """The traceback from the first frame of the reader's code on: no runner frames above it;
    then, where Python's own message would puzzle, what happened. Where the code left too
    little memory to write tens of thousands of frames out, the error without them."""
    depth = _depth(error.__traceback__)
    explanation = _explanation(error, depth)
    try:
        frames = traceback.extract_tb(error.__traceback__)
        first = next((i for i, frame in enumerate(frames) if frame.filename == filename), len(frames))
        report = traceback.TracebackException.from_exception(error)
        report.stack = traceback.StackSummary.from_list(frames[first:])
        text = "".join(report.format())
    except MemoryError:
        text = (f"{type(error).__name__}: {error}\n(its traceback, {depth:,} calls deep, "
                "did not fit in the memory the code left)\n")
    return text + (f"\n{explanation}\n" if explanation else "")


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
        emit(OUTPUT["notice"], "Stopped.")
    except BaseException as error:  # SystemExit too: the reader's exit() ends the run, not Python
        run.flush()
        if isinstance(error, SystemExit) and error.code in (None, 0):
            pass
        else:
            emit(OUTPUT["error"], _user_traceback(error, filename))
    finally:
        sys.stdout, sys.stderr = saved
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.show = _show_figures
        run.flush()
        if run.dropped:
            emit(OUTPUT["notice"], f"Output was cut after {MAX_OUTPUT_CHARS:,} characters: "
                           f"{run.dropped:,} more were not shown.")
        _current = None


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
    needed files not read yet; read them and ask again, until none is missing."""
    files = {module_of(path): path for path in paths}
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


def call(module, function, arguments):
    """`module.function(**arguments)`, arguments and reply in JSON: {"value": what it
    returned} or {"error": {"argument", "message"}}. A ValueError whose `argument`
    attribute names an argument is about that argument (the widget shows the message next
    to its field); any other error is about none in particular."""
    try:
        target = importlib.import_module(module)
        for name in function.split("."):
            target = getattr(target, name)
        value = target(**json.loads(arguments))
    except KeyboardInterrupt:
        return _error(None, "Stopped.")
    except ValueError as error:
        argument = getattr(error, "argument", None)
        return _error(argument if isinstance(argument, str) else None, str(error))
    except Exception as error:
        return _error(None, "".join(traceback.format_exception_only(error)).strip())
    try:
        return json.dumps({REPLY["value"]: value}, allow_nan=False, default=_plain)
    except (TypeError, ValueError) as error:
        return _error(None, f"{module}.{function} returned what JSON cannot carry: {error}")


def _error(argument, message):
    return json.dumps({REPLY["error"]: {ERROR["argument"]: argument, ERROR["message"]: message}})


def _plain(value):
    """numpy's numbers and arrays as JSON's."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON")
