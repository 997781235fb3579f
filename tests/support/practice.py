"""Checking a lesson's questions against the oracle: what PyTorch computes with a mistaken
idea must be named by that misconception, on many readers' numbers."""

import re

import numpy as np

from coursekit.exercises import typed

SEEDS = range(30)
ENOUGH = 5
"""Each misconception must be tried on at least this many readers' inputs."""


def assert_misconceptions_recognised(question, oracle, seeds=SEEDS):
    """For each seed: oracle(**inputs) gives {None: the right answer, mistake: its answer
    or None where it does not apply}, each computed with PyTorch. The right answer, typed,
    is accepted; each mistaken one is named by its mistake: alone, or as a perhaps where
    something else explains it as well, and alone on some readers' numbers."""
    tried = {mistake: 0 for mistake in question.mistakes}
    stated = dict(tried)
    for seed in seeds:
        answers = oracle(**question.inputs(seed))
        assert question.check(seed, typed(np.asarray(answers.pop(None), dtype=float), question.kind))["correct"]
        assert set(answers) == set(question.mistakes), "the oracle knows each of the question's mistakes"
        for mistake, value in answers.items():
            if value is None:
                continue
            verdict = question.check(seed, typed(np.asarray(value, dtype=float), question.kind))
            assert not verdict["correct"] and named(verdict, mistake), (seed, mistake, verdict)
            tried[mistake] += 1
            stated[mistake] += verdict["mistake"] == mistake
    assert all(count >= ENOUGH for count in tried.values()), f"misconceptions tried too rarely: {tried}"
    assert all(stated.values()), f"misconceptions never named alone, only as a perhaps: {stated}"


def named(verdict, mistake):
    """Whether a verdict names `mistake`: as the diagnosis, or among what it may be (where a
    slip or another idea explains the answer as well, or it is a placeholder such as 0)."""
    return verdict["mistake"] == mistake or {"key": f"mistake.{mistake}", "params": {}} in verdict["perhaps"]


STRUCTURE = {
    "terms": "labels of the question's terms, '; ' between them",
    "entries": "indices of entries: [i, j], ...",
    "rows": "indices of rows",
    "count": "how many entries are off, or how many terms the answer adds up",
    "of": "how many entries the answer has",
    "got": "the shape of the reader's answer",
    "expected": "the shape of the answer (a matrix's rows × columns, never its values)",
}
"""What a verdict on a wrong answer may carry in its messages: where, never how much."""
INDEX = r"\[\d+(, \d+)*\]"


def verdict_messages(verdict):
    return [verdict["message"], *verdict["perhaps"], *(said for hint in verdict["hints"] for said in hint)]


def assert_gives_nothing_away(question, inputs, verdict):
    """Every parameter of every message of `verdict` (its message, its perhaps, each hint)
    says where, never a value or a difference: each is one of STRUCTURE, in its form."""
    labels = {label for label, _ in question.terms(**inputs)} if question.terms else set()
    size = max(np.asarray(question.answer(**inputs)).size, len(labels))
    for said in verdict_messages(verdict):
        for name, value in said["params"].items():
            assert name in STRUCTURE, f"{said['key']} carries {name}={value!r}: not one of {sorted(STRUCTURE)}"
            if name == "terms":
                assert set(value.split("; ")) <= labels, f"{said['key']}: {value!r} are not terms' labels"
            elif name == "entries":
                assert re.fullmatch(rf"{INDEX}(, {INDEX})*", value), (said, "indices only")
            elif name == "rows":
                assert re.fullmatch(r"\d+(, \d+)*", value), (said, "row numbers only")
            elif name in ("count", "of"):
                assert isinstance(value, int) and 0 < value <= size, (said, "a count of entries or terms")
            else:
                assert re.fullmatch(r"\d+(×\d+)*", value), (said, "a shape")
