"""Checking a lesson's questions against the oracle: what PyTorch computes with a mistaken
idea must be named by that misconception, on many readers' numbers."""

import numpy as np

from coursekit.exercises import typed

SEEDS = range(30)
ENOUGH = 5
"""Each misconception must be tried on at least this many readers' inputs."""


def assert_misconceptions_recognised(question, oracle, seeds=SEEDS):
    """For each seed: oracle(**inputs) gives {None: the right answer, mistake: its answer
    or None where it does not apply}, each computed with PyTorch. The right answer, typed,
    is accepted; each mistaken one is named by its mistake."""
    tried = {mistake: 0 for mistake in question.mistakes}
    for seed in seeds:
        answers = oracle(**question.inputs(seed))
        assert question.check(seed, typed(np.asarray(answers.pop(None), dtype=float), question.kind))["correct"]
        assert set(answers) == set(question.mistakes), "the oracle knows each of the question's mistakes"
        for mistake, value in answers.items():
            if value is None:
                continue
            verdict = question.check(seed, typed(np.asarray(value, dtype=float), question.kind))
            assert not verdict["correct"] and verdict["mistake"] == mistake, (seed, mistake, verdict)
            tried[mistake] += 1
    assert all(count >= ENOUGH for count in tried.values()), f"misconceptions tried too rarely: {tried}"
