"""The ReLU lesson's exercises recognise each misconception: on the inputs drawn for many
readers, the answer PyTorch computes for a mistaken idea is named by that mistake, and
PyTorch's own answer is accepted."""

import numpy as np
import pytest
import torch

from tests.lessons.activation.conftest import relu_oracle, tensor
from tests.support import said
from tests.support.practice import SEEDS, assert_misconceptions_recognised
from tests.support.said import written_in
from tests.support.site import lesson

practice = lesson("activation_site.practice")
WORDS = said.Words("activation_site")


def slope_one_at_zero(X, dL_dY):
    """The gradient of a ReLU whose slope at 0 is taken as 1: torch.where(x >= 0, x, 0)."""
    x = tensor(X, True)
    torch.where(x >= 0, x, torch.zeros_like(x)).backward(tensor(dL_dY))
    return x.grad.numpy()


def identity_gradient(X, dL_dY):
    """The gradient of x itself: ReLU's mask forgotten."""
    x = tensor(X, True)
    (x * 1.0).backward(tensor(dL_dY))
    return x.grad.numpy()


def relu_output(X, **_):
    """Y, and the slope (the gradient of relu for dL/dY = 1) taken for it."""
    Y, slope = relu_oracle(X, np.ones_like(X))
    return {None: Y, "slope-as-output": slope}


def relu_gradient(X, dL_dY):
    Y, dL_dX = relu_oracle(X, dL_dY)
    return {None: dL_dX, "gradient-through-negative": identity_gradient(X, dL_dY), "output-as-gradient": Y,
            "gradient-at-zero": slope_one_at_zero(X, dL_dY)}


def test_each_misconception_of_the_output_is_recognised():
    assert_misconceptions_recognised(practice.relu_output, relu_output)


def test_each_misconception_of_the_gradient_is_recognised():
    assert_misconceptions_recognised(practice.relu_gradient, relu_gradient)


def test_every_readers_gradient_question_has_a_zero_and_a_negative_that_matter():
    """Each reader's X has an exact 0 and a negative entry (with dL/dY not 0 there): else
    "gradient-at-zero" or "gradient-through-negative" would pass as right."""
    for seed in SEEDS:
        inputs = practice.relu_gradient.inputs(seed)
        X, dL_dY = inputs["X"], inputs["dL_dY"]
        assert np.any((X == 0) & (dL_dY != 0)) and np.any((X < 0) & (dL_dY != 0)), seed


def test_code_reference_agrees_with_pytorch():
    tests = practice.relu_backward_tests
    for seed in range(5):
        cases = tests.cases(np.random.default_rng(seed))
        assert any(np.any(case["X"] == 0) for _, case in cases), "the cases hold exact zeros"
        for _, case in cases:
            np.testing.assert_array_equal(tests.reference(**case), relu_oracle(case["X"], case["dL_dY"])[1])


def test_code_misconceptions_are_told_apart_on_the_random_cases():
    """On the random cases the reader's function runs on, each misconception gives other
    numbers than PyTorch's."""
    tests = practice.relu_backward_tests
    cases = tests.cases(np.random.default_rng(0))[1:]
    for name, mistake in tests.mistakes.items():
        assert any(not np.allclose(mistake(**case), relu_oracle(case["X"], case["dL_dY"])[1])
                   for _, case in cases), name


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_the_questions_and_the_cases_are_asked_in_the_pages_language(language):
    """What each question asks, and each code case's name (with its batch's size), are the
    lesson's templates in the page's language."""
    with written_in(language):
        for question, key in [(practice.relu_output, "ask.relu-output"), (practice.relu_gradient, "ask.relu-gradient")]:
            said.read(WORDS, key, question.show(0)["ask"])
        (first, _), *batches = practice.relu_backward_tests.cases(np.random.default_rng(0))
        said.read(WORDS, "case.worked-example", first)
        for label, case in batches:
            told = said.read(WORDS, "case.random-batch", label)
            assert (int(told["samples"]), int(told["units"])) == case["X"].shape
