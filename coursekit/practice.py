"""Exercises that check the reader's own work, and name the mistake behind a wrong answer.

A lesson declares them in its Python (numpy only: this module runs in the page's Python,
where the page's exercise widget calls them through the runner's bridge, and at build
time, where coursekit/exercises.py checks them):

    NumberQuestion   a number (a matrix, a shape) the reader computes by hand, on inputs
                     drawn for them from their seed
    CodeTests        the tests a reader's function must pass: the lesson's reference
                     function on the worked example and on random cases

Both know the lesson's misconceptions as functions: given the same inputs, each computes
what a reader who holds that misconception would have answered. A wrong answer that
equals one of them is named by it (the page says "mistake.<name>" from the site's message
catalog); else the feedback says where the answer is off, and by how much.

Every message is a catalog key and its parameters ({"key", "params"}): the page words it.
Every number in a reply is text, written by coursekit.numbers.
"""

import contextlib
import io
import linecache
import traceback
from dataclasses import dataclass

import numpy as np

from coursekit import answers
from coursekit.numbers import text

DRAWS = 100
"""Draws tried for inputs on which the answer and every misconception differ."""
READER_FILE = "<your code>"
PRINTED = 2000
"""Characters of what the reader's code printed during a check that the report keeps."""


def message(key, **params):
    return {"key": key, "params": params}


def shown(value):
    """A value as the page shows it: a number as text, a matrix as rows of text."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return text(array)
    if array.ndim == 1:
        return [[text(v) for v in array]]
    return [[text(v) for v in row] for row in array]


def size(value):
    """A shape in words: 3×4 (rows by columns), or "a single number"."""
    shape = np.shape(value)
    return "×".join(str(n) for n in shape) if shape else "1"


def same(a, b, tolerance):
    """Equal shapes and every entry within `tolerance`."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tolerance))


class Either:
    """What a misconception may answer, where it can go more than one way (which term a
    reader kept, which way an index slipped): each value is named by it."""

    def __init__(self, *values):
        self.values = [value for value in values if value is not None]


def candidates(value):
    """The answers a misconception's function gave: none (None), one, or those of an Either."""
    if value is None:
        return []
    return value.values if isinstance(value, Either) else [value]


def _entry(index):
    return "[" + ", ".join(str(i) for i in index) + "]"


class NumberQuestion:
    """A question with a numeric answer, on inputs drawn for each reader.

    draw       draw(rng, **settings) -> {name: value}: the reader's inputs (and, say, the
               entry asked for); settings (sizes, ranges) come from the page's declaration
    answer     answer(**inputs) -> the right answer (a number, a matrix, a shape)
    ask        what is asked, with the inputs' values: "Y[{i}, {j}]"
    shown      {label: input name}: the inputs the reader sees, in order
    kind       "number", "matrix" or "shape": how the reader types the answer (coursekit.answers)
    mistakes   {name: function(**inputs)}: what each misconception answers (None where it
               does not apply, an Either where it may answer several ways); the page
               explains it with the catalog's "mistake.<name>"
    terms      terms(**inputs) -> [(label, value)]: the terms the answer adds up, to say
               which one was left out, counted twice or given the wrong sign
    tolerance  how far from the answer an answer may be, entry by entry
    """

    def __init__(self, draw, answer, ask, shown, kind="number", mistakes=None, terms=None, tolerance=1e-3):
        if kind not in answers.KINDS:
            raise ValueError(f"a question's kind is one of {answers.KINDS}, not {kind!r}")
        self.draw, self.answer, self.ask, self.shown = draw, answer, ask, dict(shown)
        self.kind, self.mistakes, self.terms, self.tolerance = kind, dict(mistakes or {}), terms, tolerance

    def inputs(self, seed, settings=None):
        """The inputs of `seed`: the first draw on which the answer and every misconception
        that applies give answers a reader can tell apart (else a wrong idea would pass)."""
        rng = np.random.default_rng(int(seed))
        for _ in range(DRAWS):
            inputs = self.draw(rng, **(settings or {}))
            mistaken = [v for value in self._mistaken(inputs).values() for v in candidates(value)]
            values = [self.answer(**inputs), *mistaken]
            if all(not same(a, b, 2 * self.tolerance) for n, a in enumerate(values) for b in values[n + 1:]):
                return inputs
        raise ValueError(f"{DRAWS} draws gave no inputs on which the answer and every misconception differ: "
                         "widen the question's ranges")

    def _mistaken(self, inputs):
        return {name: mistake(**inputs) for name, mistake in self.mistakes.items()}

    def show(self, seed, settings=None):
        """What the reader sees: their inputs and what is asked."""
        inputs = self.inputs(seed, settings)
        return {"given": [{"label": label, "value": shown(inputs[name])} for label, name in self.shown.items()],
                "ask": self.ask.format(**inputs), "kind": self.kind, "tolerance": text(self.tolerance)}

    def check(self, seed, typed, settings=None):
        """{"correct", "message", "mistake"}: whether the typed answer is right, and if not,
        the misconception it matches (its name) or where it is off."""
        inputs = self.inputs(seed, settings)
        try:
            given = answers.read(self.kind, typed)
        except answers.Problem as problem:
            return {"correct": False, "unread": True, "message": message(problem.key, **problem.params),
                    "mistake": None}
        expected = np.asarray(self.answer(**inputs), dtype=float)
        if same(given, expected, self.tolerance):
            return {"correct": True, "message": message("practice.correct"), "mistake": None}
        for name, value in self._mistaken(inputs).items():
            if any(same(given, v, self.tolerance) for v in candidates(value)):
                return {"correct": False, "message": message(f"mistake.{name}"), "mistake": name}
        return {"correct": False, "message": self._off(given, expected, inputs), "mistake": None}

    def _off(self, given, expected, inputs):
        """Where a wrong answer that matches no misconception is off, and by how much."""
        if given.shape != expected.shape:
            return message("practice.answer.wrong-shape", got=size(given), expected=size(expected))
        difference = given - expected
        if expected.ndim == 0:
            terms = [(label, value) for label, value in (self.terms(**inputs) if self.terms else []) if value]
            # A term left out, else counted twice, else of the wrong sign: the likeliest slip first.
            for key, times in (("practice.term-left-out", -1), ("practice.term-twice", 1), ("practice.term-sign", -2)):
                for label, value in terms:
                    if abs(difference - times * value) <= self.tolerance:
                        return message(key, term=label, value=text(value))
            return message("practice.too-large" if difference > 0 else "practice.too-small", by=text(abs(difference)))
        off = [index for index in np.ndindex(expected.shape) if abs(difference[index]) > self.tolerance]
        labels = ["rows", "columns"] if self.kind == "shape" else None
        where = [labels[index[0]] if labels else _entry(index) for index in off]
        listed = ", ".join(f"{w} ({'+' if difference[i] > 0 else '−'}{text(abs(difference[i]))})"
                           for w, i in zip(where, off))
        if self.kind == "shape":
            return message("practice.size-off", entries=listed)
        if len(off) == 1:
            return message("practice.entry-off", entries=listed)
        return message("practice.entries-off", count=len(off), entries=listed)

    def reveal(self, seed, settings=None):
        """The answer, for a reader who asks for it."""
        return {"answer": shown(self.answer(**self.inputs(seed, settings)))}


@dataclass(frozen=True)
class Gradient:
    """How to check a backward function by finite differences.

    loss   loss(**arguments) -> the number L whose gradients the backward function returns
           (for instance sum(forward(X, K, b) * dL_dY)), from a case's arguments
    wrt    {output name: argument name}: which argument each returned gradient belongs to
           (an argument the case does not have, such as a bias, starts at 0)
    """

    loss: object
    wrt: dict


class CodeTests:
    """What a reader's function must do: what the lesson's `reference` does, on every case.

    function   the name the reader's code defines
    reference  the lesson's function, with the same arguments
    cases      cases(rng) -> [(label, {argument: value})]: the worked example first, then
               random cases (stride > 1, padding, non-square shapes, ties, ...)
    outputs    the names of what it returns, in order: ("Y",) or ("dL/dX", "dL/dK", "dL/db")
    mistakes   {name: function}: what each misconception's function returns (the catalog's
               "mistake.<name>" explains it)
    gradient   a Gradient: the reader may check their backward function by finite differences
    """

    def __init__(self, function, reference, cases, outputs, mistakes=None, gradient=None, tolerance=1e-6):
        self.function, self.reference, self.cases = function, reference, cases
        self.outputs, self.mistakes, self.gradient = tuple(outputs), dict(mistakes or {}), gradient
        self.tolerance = tolerance

    def _returned(self, value):
        """What a function returned as one array per output, or None if it is not that."""
        values = [value] if len(self.outputs) == 1 else value
        if len(self.outputs) > 1 and (not isinstance(values, (tuple, list)) or len(values) != len(self.outputs)):
            return None
        try:
            return [np.asarray(v, dtype=float) for v in values]
        except (TypeError, ValueError):
            return None

    def check(self, code, seed=0):
        """Run the reader's code and test its function on every case, in order: {"passed":
        True, "cases": n}, or the first failure (its case, its problem, the misconception
        its output matches, what the code printed)."""
        printed = io.StringIO()
        function, problem = _load(code, self.function, printed)
        if problem:
            return {"passed": False, "case": None, "problem": problem, "mistake": None, "printed": _kept(printed)}
        cases = self.cases(np.random.default_rng(int(seed)))
        for number, (label, arguments) in enumerate(cases, start=1):
            case = {"label": label, "number": number, "of": len(cases),
                    "inputs": {name: shown(value) for name, value in arguments.items()}}
            expected = self._returned(self.reference(**_copies(arguments)))
            got, problem = _call(function, arguments, printed)
            if problem is None:
                got, problem = self._compare(got, expected)
            if problem:
                mistake = None if got is None else self._diagnose(got, arguments)
                return {"passed": False, "case": case, "problem": problem, "mistake": mistake,
                        "printed": _kept(printed)}
        return {"passed": True, "cases": len(cases), "printed": _kept(printed)}

    def _compare(self, got, expected):
        """(what it returned, as arrays, the first difference from what was expected, or None)."""
        returned = self._returned(got)
        if returned is None:
            return None, message("practice.code.returns", count=len(self.outputs), names=", ".join(self.outputs))
        for name, mine, right in zip(self.outputs, returned, expected):
            if mine.shape != right.shape:
                return returned, message("practice.code.shape", output=name, got=size(mine), expected=size(right))
            if not np.all(np.isfinite(mine)):
                return returned, message("practice.code.not-finite", output=name)
            wrong = np.abs(mine - right) > self.tolerance
            if wrong.any():
                index = tuple(int(i) for i in np.argwhere(wrong)[0])
                if index:
                    return returned, message("practice.code.entry", output=name, entry=_entry(index),
                                             got=text(mine[index]), expected=text(right[index]))
                return returned, message("practice.code.value", output=name, got=text(mine), expected=text(right))
        return returned, None

    def _diagnose(self, got, arguments):
        """The first misconception that explains what the reader's function returned: each
        output is either the one it gives or the right one (a reader may get dL/dK right
        and dL/dX wrong)."""
        expected = self._returned(self.reference(**_copies(arguments)))
        for name, mistake in self.mistakes.items():
            try:
                theirs = self._returned(mistake(**_copies(arguments)))
            except Exception:  # a misconception that cannot happen on these inputs explains nothing
                continue
            if theirs is not None and all(same(mine, wrong, self.tolerance) or same(mine, right, self.tolerance)
                                          for mine, wrong, right in zip(got, theirs, expected)):
                return name
        return None

    def gradient_check(self, code, seed=0):
        """The reader's gradients against centred finite differences of the lesson's loss,
        on the last (random) case: {"results": [{"output", "error", "ok"}], "passed"}, or a
        problem with their code. The relative error of a right gradient is about 1e-10."""
        if self.gradient is None:
            raise ValueError(f"{self.function}: no Gradient is declared for these tests")
        printed = io.StringIO()
        function, problem = _load(code, self.function, printed)
        label, arguments = self.cases(np.random.default_rng(int(seed)))[-1]
        case = {"label": label, "inputs": {name: shown(value) for name, value in arguments.items()}}
        if problem is None:
            got, problem = _call(function, arguments, printed)
        if problem is None:
            got = self._returned(got)
            problem = None if got is not None else message("practice.code.returns", count=len(self.outputs),
                                                           names=", ".join(self.outputs))
        if problem:
            return {"passed": False, "case": case, "problem": problem, "printed": _kept(printed)}
        results = []
        for name, mine in zip(self.outputs, got):
            numeric = numeric_gradient(self.gradient.loss, arguments, self.gradient.wrt[name])
            error = relative_error(mine, numeric)
            results.append({"output": name, "error": text(error), "ok": bool(error < 1e-6)})
        return {"passed": all(r["ok"] for r in results), "case": case, "results": results,
                "printed": _kept(printed)}


def numeric_gradient(loss, arguments, name, h=1e-5):
    """dL/d(argument `name`) by centred differences: (L(a + h) - L(a - h)) / 2h, entry by entry."""
    arguments = _copies(arguments)
    value = np.array(arguments.get(name, 0.0), dtype=float)
    gradient = np.zeros_like(value)
    for index in np.ndindex(value.shape):
        original = value[index]
        value[index] = original + h
        above = loss(**{**arguments, name: value.copy() if value.ndim else float(value)})
        value[index] = original - h
        below = loss(**{**arguments, name: value.copy() if value.ndim else float(value)})
        value[index] = original
        gradient[index] = (above - below) / (2 * h)
    return gradient


def relative_error(a, b):
    """max |a - b| / max(|a| + |b|): 0 for equal arrays, about 1 for unrelated ones."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return float("inf")
    scale = np.max(np.abs(a) + np.abs(b)) if a.size else 0.0
    return float(np.max(np.abs(a - b)) / scale) if scale > 0 else 0.0


def _copies(arguments):
    """The arguments as fresh arrays: a function that changes its inputs changes no other test."""
    return {name: np.array(value, dtype=float) if np.ndim(value) else value for name, value in arguments.items()}


def _kept(printed):
    kept = printed.getvalue()
    return kept if len(kept) <= PRINTED else kept[:PRINTED] + "\n…"


def _load(code, name, printed):
    """(the function `name` that the reader's code defines, None), or (None, the problem)."""
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
        return None, message("practice.code.exception", traceback=_reader_traceback(error))
    function = namespace.get(name)
    if not callable(function):
        return None, message("practice.code.no-function", name=name)
    return function, None


def _call(function, arguments, printed):
    """(what the reader's function returned, None), or (None, the exception it raised)."""
    try:
        with contextlib.redirect_stdout(printed):
            return function(*_copies(arguments).values()), None
    except KeyboardInterrupt:
        raise
    except BaseException as error:
        return None, message("practice.code.exception", traceback=_reader_traceback(error))


def _reader_traceback(error):
    """The traceback from the reader's own code on, with their line numbers."""
    frames = traceback.extract_tb(error.__traceback__)
    first = next((i for i, frame in enumerate(frames) if frame.filename == READER_FILE), len(frames))
    report = traceback.TracebackException.from_exception(error)
    report.stack = traceback.StackSummary.from_list(frames[first:])
    return "".join(report.format()).strip()
