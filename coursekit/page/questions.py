"""Questions with a numeric answer (a number, a matrix, a shape) that the reader computes
by hand, on inputs drawn for them from their seed. A wrong answer is named by the
misconception that alone explains it; where a slip or several ideas explain it as well,
each is offered as "perhaps"; else the feedback says where it is off (never by how much,
coursekit.page.wrong_answers), with hints the reader asks for, each more specific.

A lesson declares each question in its Python (NumberQuestion), with its misconceptions as
functions: given the same inputs, each computes what a reader who holds it would have
answered (the page explains it with the catalog's "mistake.<name>"). The page's exercise
widget asks show, check and reveal through the runner's bridge; at build time
coursekit/exercises.py checks each question on many seeds.

This module runs in the page's Python: standard library and numpy only.
"""

import numpy as np

from coursekit.page import answers
from coursekit.page.language import current as written_in
from coursekit.page.feedback import message, same, shown
from coursekit.page.numbers import text
from coursekit.page.slips import placeholder, slip_messages, slips
from coursekit.page.wrong_answers import where_off

DRAWS = 100
"""Draws tried for inputs on which the answer and every misconception differ."""
CHOSEN_KEPT = 256
"""Readers' inputs kept, so that checking an answer does not draw them again."""
SAMPLE = 12
"""Seeds (0 to SAMPLE − 1) on whose draws a slip that a misconception always shows is found
to be the misconception itself."""


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
    terms      terms(**inputs) -> [(label, value)]: the terms the answer adds up, to offer
               which one may have been left out, counted twice or given the wrong sign
    tolerance  how far from the answer an answer may be, entry by entry
    """

    def __init__(self, draw, answer, ask, shown, kind="number", mistakes=None, terms=None, tolerance=1e-3):
        if kind not in answers.KINDS:
            raise ValueError(f"a question's kind is one of {answers.KINDS}, not {kind!r}")
        self.draw, self.answer, self.ask, self.shown = draw, answer, ask, dict(shown)
        self.kind, self.mistakes, self.terms, self.tolerance = kind, dict(mistakes or {}), terms, tolerance
        self._same_idea = {}  # (misconception, settings) -> the slips its answer always shows
        self._chosen = {}  # (seed, settings) -> the inputs chosen for it: a check asks for them again

    def inputs(self, seed, settings=None):
        """The inputs of `seed`: a draw on which the answer and every misconception that
        applies give answers a reader can tell apart (else a wrong idea would pass); of the
        first DRAWS, the first on which, besides, no misconception's answer is a placeholder
        or one a slip explains as well (so that each is named alone), else the first apart.
        (The same inputs each time: a dict of its own, its arrays shared, not to be changed.)"""
        key = (int(seed), repr(sorted((settings or {}).items())))
        if key not in self._chosen:
            if len(self._chosen) >= CHOSEN_KEPT:
                self._chosen.clear()
            self._chosen[key] = self._choose(seed, settings)
        return dict(self._chosen[key])

    def _choose(self, seed, settings):
        first, alike_on = None, {}  # alike_on: (None or a misconception, a misconception) -> draws alike
        for inputs, alike in self._draws(seed, settings):
            for pair in alike:
                alike_on[pair] = alike_on.get(pair, 0) + 1
            if alike:
                continue
            clear, applying = self._named_alone(inputs, settings)
            if first is None:
                first, least = inputs, applying
            if clear and applying >= least:  # not a draw on which fewer misconceptions apply
                return inputs
        if first is None:
            raise ValueError(_never_apart(alike_on))
        return first

    def _draws(self, seed, settings):
        """The draws of `seed`, in order, each with the pairs of its answers a reader could not tell apart."""
        rng = np.random.default_rng(int(seed))
        for _ in range(DRAWS):
            inputs = self.draw(rng, **(settings or {}))
            yield inputs, self._alike(inputs)

    def _first_apart(self, seed, settings):
        return next((inputs for inputs, alike in self._draws(seed, settings) if not alike), None)

    def _named_alone(self, inputs, settings):
        """(clear, applying): whether every misconception's answer on these inputs would be
        named alone (no placeholder, and no slip explains it but those that are the
        misconception itself), and how many misconceptions apply."""
        expected, terms = np.asarray(self.answer(**inputs), dtype=float), self._terms(inputs)
        mistaken = self.mistaken(inputs)
        clear = all(not placeholder(self.kind, value)
                    and not self._other_slips([name], value, expected, terms, settings)
                    for name, values in mistaken.items() for value in (np.asarray(v, dtype=float) for v in values))
        return clear, sum(bool(values) for values in mistaken.values())

    def _other_slips(self, ideas, given, expected, terms, settings):
        """The slips that explain `given`, but for those that are the misconceptions `ideas`
        themselves (_slips_of)."""
        itself = {idea for name in ideas for idea in self._slips_of(name, settings)}
        return [slip for slip in slips(self.kind, given, expected, terms, self.tolerance) if slip.idea not in itself]

    def _alike(self, inputs):
        """The pairs of answers on these inputs that a reader could not tell apart: (None,
        name) where misconception `name` gives the right answer, (name, other) where two
        misconceptions agree (or two answers of one Either)."""
        values = [(None, self.answer(**inputs))]
        values += [(name, v) for name, found in self.mistaken(inputs).items() for v in found]
        return {(a, b) for n, (a, x) in enumerate(values) for b, y in values[n + 1:] if same(x, y, 2 * self.tolerance)}

    def mistaken(self, inputs):
        """{name: [values]}: what each misconception answers on these inputs, those a reader
        could type (a shape of negative size is no answer); a value of another kind (a
        matrix for a number, NaN) is the lesson's bug, and an error that names it."""
        found = {}
        for name, mistake in self.mistakes.items():
            found[name] = []
            for value in candidates(mistake(**inputs)):
                try:
                    if answers.answerable(self.kind, value):
                        found[name].append(value)
                except ValueError as error:
                    raise ValueError(f"misconception {name!r} answers {value!r}: {error}") from None
        return found

    def _terms(self, inputs):
        return list(self.terms(**inputs)) if self.terms else []

    def _slips_of(self, name, settings):
        """The slips (their ideas, coursekit.page.slips.Slip) that misconception `name`'s
        answer shows on the first apart draw of each of SAMPLE seeds: the misconception in
        other words (a bias forgotten is the term b left out; an outer product reversed, a
        transpose), not another explanation of it."""
        key = (name, repr(sorted((settings or {}).items())))
        if key not in self._same_idea:
            shown_by = None
            for seed in range(SAMPLE):
                inputs = self._first_apart(seed, settings)
                if inputs is None:
                    continue
                expected = np.asarray(self.answer(**inputs), dtype=float)
                for value in self.mistaken(inputs)[name]:
                    if placeholder(self.kind, value):  # no slip explains a 0: it tells nothing here
                        continue
                    ideas = {slip.idea for slip in slips(self.kind, np.asarray(value, dtype=float), expected,
                                                          self._terms(inputs), self.tolerance)}
                    shown_by = ideas if shown_by is None else shown_by & ideas
            self._same_idea[key] = shown_by or set()
        return self._same_idea[key]

    def show(self, seed, settings=None):
        """What the reader sees: their inputs and what is asked."""
        inputs = self.inputs(seed, settings)
        return {"given": [{"label": str(label), "value": shown(inputs[name])} for label, name in self.shown.items()],
                "ask": self.ask.format(**inputs), "kind": self.kind, "tolerance": text(self.tolerance)}

    def check(self, seed, typed, settings=None, language=None):
        """The verdict on a typed answer: {"correct", "message", "mistake", "perhaps",
        "hints", "attempt"}. A misconception is named ("mistake") only when it alone explains
        the answer; where slips or several ideas do, each is offered under "perhaps"; else
        the message says where the answer is off, and "hints" (each a list of messages) say
        more, one at a time. "attempt": whether the answer is a try at the question, not a
        placeholder (0, a matrix of one value repeated), which a misconception explains only
        as "perhaps". No message holds a value from which the answer follows. `typed` is
        read by the rules of the page's `language` (coursekit.page.answers; by default, the
        language being written: coursekit.page.language)."""
        inputs = self.inputs(seed, settings)
        verdict = {"correct": False, "mistake": None, "perhaps": [], "hints": [], "attempt": False}
        try:
            given = answers.read(self.kind, typed, language or written_in())
        except answers.Problem as problem:
            return {**verdict, "unread": True, "message": message(problem.key, **problem.params)}
        expected = np.asarray(self.answer(**inputs), dtype=float)
        if same(given, expected, self.tolerance):
            return {**verdict, "correct": True, "message": message("practice.correct"), "attempt": True}
        ideas = [name for name, values in self.mistaken(inputs).items()
                 if any(same(given, value, self.tolerance) for value in values)]
        terms = self._terms(inputs)
        found_slips = slip_messages(self._other_slips(ideas, given, expected, terms, settings))
        # 0, or one value everywhere, is also what a reader types who did not compute: never a diagnosis for sure
        verdict["attempt"] = not placeholder(self.kind, given)
        verdict["message"], verdict["hints"] = where_off(self.kind, given, expected, terms, self.tolerance)
        if len(ideas) == 1 and not found_slips and verdict["attempt"]:
            return {**verdict, "mistake": ideas[0], "message": message(f"mistake.{ideas[0]}")}
        if ideas or found_slips:
            verdict["perhaps"] = [message(f"mistake.{name}") for name in ideas] + found_slips
            verdict["message"] = message("practice.perhaps")
        return verdict

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
