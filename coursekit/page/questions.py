"""Questions with a numeric answer (a number, a matrix, a shape) that the reader computes
by hand, on inputs drawn for them from their seed; a wrong answer is named by the
misconception that gives it, else the feedback says where it is off, and by how much.

A lesson declares each question in its Python (NumberQuestion), with its misconceptions as
functions: given the same inputs, each computes what a reader who holds it would have
answered (the page explains it with the catalog's "mistake.<name>"). The page's exercise
widget asks show, check and reveal through the runner's bridge; at build time
coursekit/exercises.py checks each question on many seeds.

This module runs in the page's Python: standard library and numpy only.
"""

import numpy as np

from coursekit.page import answers
from coursekit.page.feedback import entry, message, same, shown, size
from coursekit.page.numbers import text

DRAWS = 100
"""Draws tried for inputs on which the answer and every misconception differ."""


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


class NumberQuestion:
    """A question with a numeric answer, on inputs drawn for each reader.

    draw       draw(rng, **settings) -> {name: value}: the reader's inputs (and, say, the
               entry asked for); settings (sizes, ranges) come from the page's declaration
    answer     answer(**inputs) -> the right answer (a number, a matrix, a shape)
    ask        what is asked, with the inputs' values: "Y[{i}, {j}]"
    shown      {label: input name}: the inputs the reader sees, in order
    kind       "number", "matrix" or "shape": how the reader types the answer (coursekit.page.answers)
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
        alike_on = {}  # (None or a misconception, a misconception) -> draws on which they were alike
        for _ in range(DRAWS):
            inputs = self.draw(rng, **(settings or {}))
            alike = self._alike(inputs)
            if not alike:
                return inputs
            for pair in alike:
                alike_on[pair] = alike_on.get(pair, 0) + 1
        raise ValueError(_never_apart(alike_on))

    def _alike(self, inputs):
        """The pairs of answers on these inputs that a reader could not tell apart: (None,
        name) where misconception `name` gives the right answer, (name, other) where two
        misconceptions agree (or two answers of one Either)."""
        values = [(None, self.answer(**inputs))]
        values += [(name, v) for name, value in self._mistaken(inputs).items() for v in candidates(value)]
        return {(a, b) for n, (a, x) in enumerate(values) for b, y in values[n + 1:] if same(x, y, 2 * self.tolerance)}

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
        where = [labels[index[0]] if labels else entry(index) for index in off]
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


def _never_apart(alike_on):
    """Why no draw will do, for the instructor: which answers are alike, and what to change.
    Wider ranges help only answers that differ on some draws."""
    always = [pair for pair, draws in alike_on.items() if draws == DRAWS]
    if always:
        return "; ".join(_alike_always(*pair) for pair in always)
    listed = ", ".join(f"{_pair(*pair)} on {draws}" for pair, draws in sorted(alike_on.items(), key=lambda p: -p[1]))
    return (f"none of {DRAWS} draws gave inputs on which the answer and every misconception differ ({listed} of "
            "them): widen the question's ranges (the settings of its draw) so that more draws tell them apart")


def _alike_always(first, second):
    if first is None:
        return (f"misconception {second!r} gives the right answer on all {DRAWS} draws: on these numbers it is no "
                "mistake. Either its declaration is wrong (its function computes the right answer: correct it), or "
                "the question cannot tell the two apart (take it out of the question's mistakes)")
    if first == second:
        return f"misconception {first!r} gives two equal answers (of its Either) on all {DRAWS} draws: give it one"
    return (f"misconceptions {first!r} and {second!r} give the same answer on all {DRAWS} draws: this question "
            "cannot tell them apart; check their functions, or keep one of them")


def _pair(first, second):
    if first is None:
        return f"{second!r} and the right answer"
    return f"two answers of {first!r}" if first == second else f"{first!r} and {second!r}"
