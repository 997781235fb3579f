"""The Python side of the in-page runner, in CPython: output, values, HTML, tracebacks, caps,
and the widgets' bridge (a lesson function called by name, JSON in and out)."""

import asyncio
import base64
import json
import random
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from coursekit.python_files import RUNTIME, page_runtime
from tests.support.site import DOCS

CATALOG = json.loads((DOCS / "assets/messages/en.json").read_text(encoding="utf-8"))

runtime = page_runtime(DOCS)


def test_the_worker_fetches_every_file_of_the_runtime():
    """worker.mjs writes the package into the page's Python file by file: a module it does not
    list would be missing in the page alone (CPython, here, reads the whole folder)."""
    worker = (DOCS / "assets/runner/worker.mjs").read_text(encoding="utf-8")
    listed = re.search(r"const RUNTIME_FILES = \[(.*?)\];", worker, re.DOTALL)
    assert listed, "worker.mjs names the runtime's files in RUNTIME_FILES"
    assert sorted(re.findall(r'"([^"]+)"', listed[1])) == sorted(path.name for path in (DOCS / RUNTIME).glob("*.py"))


def run(code, namespace=None, allow_html=False):
    out = []
    namespace = runtime.new_namespace() if namespace is None else namespace
    coroutine = runtime.run(code, namespace, "<block 1>", lambda kind, text: out.append((kind, text)), allow_html)
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, coroutine).result()
    return out


def test_prints_in_order_and_shows_the_last_value():
    assert run("print('a')\nimport sys\nprint('b', file=sys.stderr)\n1 + 1") == [
        ("stdout", "a\n"), ("stderr", "b\n"), ("text", "2")]


def test_runs_as_a_script():
    assert run("print(__name__)") == [("stdout", "__main__\n")]


def test_sessions_keep_their_globals():
    namespace = runtime.new_namespace()
    run("x = 41", namespace)
    assert run("x + 1", namespace) == [("text", "42")]
    assert run("x + 1")[0][0] == "error"


def test_traceback_has_the_readers_line_numbers_and_no_runner_frames():
    (kind, text), = run("a = 1\n\ndef f():\n    return 1 / 0\nf()")
    assert kind == "error"
    assert text.startswith("Traceback (most recent call last):\n")
    assert 'File "<block 1>", line 5, in <module>' in text
    assert 'File "<block 1>", line 4, in f\n    return 1 / 0' in text
    assert "page_runtime" not in text and text.endswith("ZeroDivisionError: division by zero\n")


def test_syntax_error_points_at_the_line():
    (kind, text), = run("x = 1\ny = (")
    assert kind == "error" and 'File "<block 1>", line 2' in text and "SyntaxError" in text


class Table:
    def _repr_html_(self):
        return "<table><tr><td>1</td></tr></table>"

    def __repr__(self):
        return "Table(1)"


def test_html_only_where_the_block_allows_it():
    namespace = runtime.new_namespace()
    namespace["Table"] = Table
    assert run("Table()", namespace, allow_html=True) == [("html", "<table><tr><td>1</td></tr></table>")]
    assert run("Table()", namespace, allow_html=False) == [("text", "Table(1)")]
    assert run("display(HTML('<b>x</b>'))", allow_html=True) == [("html", "<b>x</b>")]


def test_pandas_dataframe_is_a_table():
    out = run("import pandas as pd\npd.DataFrame({'a': [1, 2]})", allow_html=True)
    assert out[0][0] == "html" and "<table" in out[0][1]


def test_output_flood_is_capped_with_a_notice():
    out = run("for i in range(1_000_000): print(i)")
    printed = "".join(text for kind, text in out if kind == "stdout")
    assert len(printed) == runtime.MAX_OUTPUT_CHARS
    assert out[-1] == ("notice", json.dumps({"key": "runner.output-cut", "params": {
        "shown": runtime.MAX_OUTPUT_CHARS,
        "dropped": sum(len(f"{i}\n") for i in range(1_000_000)) - runtime.MAX_OUTPUT_CHARS}}))


def test_memory_error_is_reported_and_the_next_run_works():
    (kind, text), = run("raise MemoryError('too big')")
    assert kind == "error" and "MemoryError: too big" in text
    assert run("1") == [("text", "1")]


class PyodideJs:
    """Pyodide's `js` in a worker, as far as this test goes: a missing global raises
    AttributeError with its bare name."""

    def __getattr__(self, name):
        raise AttributeError(name)


def test_code_reaching_for_the_page_is_told_it_runs_apart_from_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "js", PyodideJs())
    (kind, text), explained = run("import js\njs.document.body.innerHTML = ''")
    assert kind == "error" and "AttributeError: document" in text
    assert explained == ("notice", json.dumps({"key": "runner.page-apart", "params": {"name": "document"}}))
    assert CATALOG["runner.page-apart"].startswith("`js.{name}` does not exist here: this Python runs in a Web Worker")
    (kind, text), = run("import js\njs.no_such_thing")
    assert "Web Worker" not in text, "only the page's own names are explained"
    (kind, text), = run("raise AttributeError(['document'])")
    assert kind == "error" and text.endswith("AttributeError: ['document']\n"), "any error's explanation is safe"


def test_a_traceback_too_large_for_the_memory_left_is_the_error_without_it(monkeypatch):
    def no_memory_left(*args, **kwargs):
        raise MemoryError
    monkeypatch.setattr(runtime.tracebacks.traceback.TracebackException, "from_exception", no_memory_left)
    (kind, text), said = run("def f(n):\n    return 1 / n\nf(0)")
    assert kind == "error" and text == "ZeroDivisionError: division by zero\n"
    assert said == ("notice", json.dumps({"key": "runner.traceback-too-large", "params": {"depth": 3}})), \
        "the runner's frame, the block's, f's"


def test_a_recursion_python_could_not_take_deeper_is_named_as_such():
    deep = runtime.tracebacks.DEEP_STACK + 1
    explained = runtime.tracebacks.explanation(SystemError("error return without exception set"), deep)
    assert explained == ("runner.recursion-too-deep", {"depth": deep}) and "could go no deeper" in CATALOG[explained[0]]
    assert runtime.tracebacks.explanation(SystemError("error return without exception set"), 3) is None
    (kind, text), = run("def f(n):\n    return f(n + 1)\nf(0)")
    assert text.endswith("RecursionError: maximum recursion depth exceeded\n"), "Python's own message is clear"


def test_keyboard_interrupt_is_a_stop_not_a_traceback():
    assert run("raise KeyboardInterrupt") == [("notice", json.dumps({"key": "runner.stopped-run", "params": {}}))]


def test_exit_ends_the_run_quietly():
    assert run("print(1)\nraise SystemExit") == [("stdout", "1\n")]


def test_matplotlib_figures_become_png_images():
    out = run("import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()")
    kinds = [kind for kind, _ in out]
    assert kinds == ["image"]
    assert base64.b64decode(out[0][1]).startswith(b"\x89PNG")


@pytest.fixture
def time_zone(monkeypatch):
    """Set the process's time zone (CPython: TZ, then time.tzset); put back after the test."""
    def set_zone(name):
        monkeypatch.setenv("TZ", name)
        time.tzset()
    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "America/Santiago", "Asia/Kolkata"])
def test_after_snapshot_computes_the_time_zone_as_cpython_does(time_zone, zone):
    time_zone(zone)
    cpython = (time.timezone, time.altzone, time.daylight, time.tzname)
    time.timezone, time.altzone, time.daylight, time.tzname = 0, 0, 0, ("UTC", "UTC")  # the snapshot's
    runtime.after_snapshot()
    assert (time.timezone, time.altzone, time.daylight, time.tzname) == cpython


def test_after_snapshot_draws_a_new_random_seed():
    random.seed(1)
    first = random.random()
    random.seed(1)  # as every snapshot would start
    runtime.after_snapshot()
    assert random.random() != first


@pytest.fixture
def module_folder(tmp_path):
    """A folder of modules for the bridge to import, put first on sys.path as the worker does."""
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo/__init__.py").write_text("")
    (tmp_path / "demo/calc.py").write_text(
        "import numpy as np\n"
        "class InputError(ValueError):\n"
        "    def __init__(self, argument, message):\n"
        "        super().__init__(message)\n"
        "        self.argument = argument\n"
        "def double(X, k=1):\n"
        "    if k < 0:\n"
        "        raise InputError('k', f'k must not be negative, not {k}')\n"
        "    return {'twice': np.asarray(X) * 2 * k}\n"
        "def plain_error():\n"
        "    raise ValueError('no argument named')\n"
        "def broken():\n"
        "    return 1 / 0\n"
        "def not_json():\n"
        "    return float('nan')\n")
    runtime.use_python_files(str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("demo", "demo.calc", "demo.uses"):
        sys.modules.pop(name, None)


def call(module, function, **arguments):
    return json.loads(runtime.call(module, function, json.dumps(arguments)))


def test_a_call_returns_the_functions_value_as_json(module_folder):
    assert call("demo.calc", "double", X=[[1, 2]], k=3) == {"value": {"twice": [[6, 12]]}}


def test_an_error_about_an_argument_names_it(module_folder):
    assert call("demo.calc", "double", X=[[1]], k=-1) == {
        "error": {"argument": "k", "message": "k must not be negative, not -1"}}
    assert call("demo.calc", "plain_error") == {"error": {"argument": None, "message": "no argument named"}}


def test_other_failures_are_errors_about_no_argument(module_folder):
    assert call("demo.calc", "broken")["error"] == {"argument": None, "message": "ZeroDivisionError: division by zero"}
    assert "unexpected keyword argument 'Z'" in call("demo.calc", "double", Z=1)["error"]["message"]
    assert call("demo.nothing", "f")["error"]["message"].startswith("ModuleNotFoundError")
    assert "JSON cannot carry" in call("demo.calc", "not_json")["error"]["message"]


def test_a_rewritten_file_is_imported_again_and_so_is_what_imports_it(module_folder):
    (module_folder / "demo/uses.py").write_text("from demo.calc import double\ndef quadruple(X):\n"
                                                "    return {'four': double(X)['twice']}\n")
    runtime.use_python_files(str(module_folder), ["demo/uses.py"])
    assert call("demo.uses", "quadruple", X=1) == {"value": {"four": 2}}
    (module_folder / "demo/calc.py").write_text("def double(X):\n    return {'twice': 'new'}\n")
    runtime.use_python_files(str(module_folder), ["demo/calc.py"])
    assert call("demo.calc", "double", X=1) == {"value": {"twice": "new"}}
    assert call("demo.uses", "quadruple", X=1) == {"value": {"four": "new"}}, "no module keeps the old function"
