"""What every lesson's questions tell a wrong answer, on every number and matrix exercise
the pages declare (found, not listed): where it is off, never a value or a difference from
which the answer follows; a misconception named alone only where nothing else explains the
answer; a placeholder (0, one value everywhere) never diagnosed for sure and no attempt.
And each lesson's misconceptions in its own sentences: shared ideas share code, not words."""

import json

import numpy as np
import pytest

from coursekit import editions, exercises, lessons, messages
from coursekit.exercises import typed
from coursekit.page.questions import NumberQuestion
from coursekit.page.slips import placeholder, slips
from tests.support.practice import assert_gives_nothing_away, verdict_messages
from tests.support.site import DOCS, LESSONS as LESSON_PAGES

SEEDS = range(30)


def questions():
    """(exercise id, question, settings) of every number exercise of every lesson page."""
    lessons.use(DOCS)
    found = []
    for page in editions.pages(LESSON_PAGES):
        for body in exercises.declared_in(page.read_text(encoding="utf-8")):
            declared = exercises.read(body)
            if declared["kind"] == "number":
                question = exercises.target(declared, "question", NumberQuestion)[2]
                found.append(pytest.param(question, declared.get("settings") or {}, id=declared["id"]))
    return found


def wrong_answers(question, inputs, rng):
    """A zero answer, a constant one, a random one (all wrong), and each misconception's."""
    expected = np.asarray(question.answer(**inputs), dtype=float)
    random = rng.integers(-9, 10, size=expected.shape).astype(float)
    if question.kind == "shape":
        random = rng.integers(1, 15, size=2).astype(float)
    tries = {"zero": np.zeros_like(expected), "constant": np.full_like(expected, 7.0), "random": random}
    tries.update((f"mistake {name}", value) for name, values in question.mistaken(inputs).items() for value in values)
    return {what: value for what, value in tries.items() if not np.allclose(value, expected, atol=2 * question.tolerance)}


def assert_nothing_else_explains(question, inputs, settings, named, value):
    """A misconception named alone: the answer is no placeholder, no other misconception
    gives it, and every slip that explains it is one the misconception shows on every draw
    (itself in other words: "bias forgotten" is the term b left out)."""
    given = np.asarray(value, dtype=float)
    assert not placeholder(question.kind, given), (named, value)
    others = [name for name, values in question.mistaken(inputs).items() if name != named
              and any(np.allclose(given, v, atol=question.tolerance) for v in values)]
    assert not others, f"{named}: {others} give the same answer"
    expected = np.asarray(question.answer(**inputs), dtype=float)
    terms = list(question.terms(**inputs)) if question.terms else []
    itself = question._slips_of(named, settings)
    other_slips = [slip for slip in slips(question.kind, given, expected, terms, question.tolerance)
                   if slip.idea not in itself]
    assert not other_slips, f"{named} is named alone, but {other_slips} explain the answer as well"


@pytest.mark.parametrize("question, settings", questions())
def test_a_wrong_answer_is_told_where_never_how_much(question, settings):
    rng = np.random.default_rng(0)
    kinds = set()
    for seed in SEEDS:
        inputs = question.inputs(seed, settings)
        for what, value in wrong_answers(question, inputs, rng).items():
            verdict = question.check(seed, typed(value, question.kind), settings)
            assert not verdict["correct"], (seed, what)
            assert_gives_nothing_away(question, inputs, verdict)
            if verdict["mistake"]:
                assert_nothing_else_explains(question, inputs, settings, verdict["mistake"], value)
            if what == "zero" and question.kind != "shape" or what == "constant" and question.kind == "matrix":
                assert not verdict["attempt"] and verdict["mistake"] is None, (seed, what, verdict)
            if verdict["mistake"] is None and not verdict["perhaps"]:
                assert verdict["hints"], "an answer nothing explains gets hints to ask for"
            kinds.update(said["key"] for said in verdict_messages(verdict))
    assert any(key.startswith("practice.off.") for key in kinds), "a guard: answers nothing explains were tried"


def test_each_lesson_says_its_misconceptions_in_its_own_sentences():
    """A shared idea (the stride ignored, overlaps not added up) is worded by each lesson for
    its own objects, windows and maxima or kernels: no sentence is in two lessons' catalogs."""
    said_by = {}
    for lesson in lessons.find_lessons(DOCS).values():
        for key, text in messages.lesson_catalog(lesson).items():
            if not key.startswith("mistake.") or key.endswith(".short"):
                continue  # a label in the summary ("bias left out"), or a lesson's other words: no explanation
            said_by.setdefault(text, []).append(f"{lesson.name}: {key}")
    shared = {text: where for text, where in said_by.items() if len({w.partition(':')[0] for w in where}) > 1}
    assert not shared, "sentences two lessons share:\n" + json.dumps(shared, indent=2, ensure_ascii=False)


def test_each_misconception_of_a_lesson_has_its_own_short_name():
    """The practice summary lists the misconceptions a reader met by their short names."""
    for lesson in lessons.find_lessons(DOCS).values():
        shorts = [text for key, text in messages.lesson_catalog(lesson).items() if key.endswith(".short")]
        assert len(shorts) == len(set(shorts)), f"{lesson.name}: two misconceptions share a short name"
