"""The dense lesson's exercises recognise each misconception: on the inputs drawn for many
readers, the answer PyTorch computes for a mistaken idea is named by that mistake, and
PyTorch's own answer is accepted. The code tests' reference is PyTorch's too. What they
say (their cases' labels, what a question asks) is read by its template, in each language."""

import numpy as np
import pytest

from tests.lessons.dense.conftest import linear_oracle
from tests.support import said
from tests.support.practice import assert_misconceptions_recognised
from tests.support.said import Words, written_in
from tests.support.site import lesson

words = Words("dense_site")


def gradients(X, W, b, dL_dY):
    _, dL_dX, dL_dW, dL_db = linear_oracle(X, W, b, dL_dY)
    return dL_dX, dL_dW, dL_db


def output_entry(X, W, b, n, j, **_):
    Y = linear_oracle(X, W, b, np.zeros((X.shape[0], W.shape[0])))[0]
    no_bias = linear_oracle(X, W, np.zeros_like(b), np.zeros((X.shape[0], W.shape[0])))[0]
    return {None: Y[n, j], "bias-forgotten": no_bias[n, j] if b[j] != 0 else None}


def input_gradient(X, W, b, dL_dY, n, k, **_):
    # W not transposed: PyTorch's input gradient of the layer whose weights are Wᵀ
    return {None: gradients(X, W, b, dL_dY)[0][n, k],
            "w-not-transposed": gradients(X, W.T, b, dL_dY)[0][n, k]}


def weight_gradient(X, W, b, dL_dY, **_):
    dL_dW = gradients(X, W, b, dL_dY)[1]
    return {None: dL_dW, "outer-product-reversed": dL_dW.T,
            "batch-gradients-averaged": dL_dW / X.shape[0]}


def bias_gradient(X, W, b, dL_dY, j, **_):
    # not summed: the gradient of one sample alone (the last); averaged: the sum over N
    dL_db = gradients(X, W, b, dL_dY)[2]
    return {None: dL_db[j],
            "bias-gradient-not-summed": gradients(X[-1:], W, b, dL_dY[-1:])[2][j],
            "batch-gradients-averaged": dL_db[j] / X.shape[0]}


def weight_gradient_shape(X, W, b, dL_dY, **_):
    shape = gradients(X, W, b, dL_dY)[1].shape
    return {None: shape, "outer-product-reversed": shape[::-1]}


@pytest.mark.parametrize("name, oracle", [
    ("output_entry", output_entry), ("input_gradient", input_gradient), ("weight_gradient", weight_gradient),
    ("bias_gradient", bias_gradient), ("weight_gradient_shape", weight_gradient_shape)])
def test_each_misconception_is_recognised(name, oracle):
    assert_misconceptions_recognised(getattr(lesson("dense_site.practice"), name), oracle)


def test_code_references_agree_with_pytorch():
    practice = lesson("dense_site.practice")
    for seed in range(3):
        for _, case in practice.backward_tests.cases(np.random.default_rng(seed)):
            Y, *expected = linear_oracle(case["X"], case["W"], np.zeros(case["W"].shape[0]), case["dL_dY"])
            for ours, theirs in zip(practice.backward_tests.reference(**case), expected):
                np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
        for _, case in practice.forward_tests.cases(np.random.default_rng(seed)):
            Y = linear_oracle(case["X"], case["W"], case["b"], np.zeros((case["X"].shape[0], case["W"].shape[0])))[0]
            np.testing.assert_allclose(practice.forward_tests.reference(**case), Y, rtol=1e-12, atol=1e-12)


def test_the_code_exercises_misconceptions_are_told_apart_from_the_right_answer():
    """On every case where it applies, each misconception of the backward pass returns
    something else than PyTorch (else a reader holding it would pass)."""
    practice = lesson("dense_site.practice")
    tests = practice.backward_tests
    differs = {name: 0 for name in tests.mistakes}
    for _, case in tests.cases(np.random.default_rng(0)):
        right = gradients(case["X"], case["W"], np.zeros(case["W"].shape[0]), case["dL_dY"])
        for name, mistake in tests.mistakes.items():
            try:
                theirs = mistake(**case)
            except ValueError:
                continue
            if any(a.shape != b.shape or not np.allclose(a, b) for a, b in zip(theirs, right)):
                differs[name] += 1
    assert all(count >= 1 for count in differs.values()), differs
    assert tests.cases(np.random.default_rng(0))[0][1]["W"].shape[0] == tests.cases(np.random.default_rng(0))[0][1]["W"].shape[1]


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_the_code_tests_cases_are_named_in_the_pages_language(language):
    """Each case's label: the worked example, or a random batch of the sizes its arrays have."""
    practice = lesson("dense_site.practice")
    example = lesson("dense").worked_example()
    with written_in(language):
        for tests in (practice.forward_tests, practice.backward_tests):
            for label, case in tests.cases(np.random.default_rng(0)):
                if np.array_equal(case["X"], example[0]) and np.array_equal(case["W"], example[1]):
                    said.read(words, "case.worked-example", label)
                    continue
                (N, n_in), n_out = case["X"].shape, case["W"].shape[0]
                assert said.read(words, "case.random-batch", label) == \
                    {"samples": str(N), "inputs": str(n_in), "outputs": str(n_out)}


@pytest.mark.parametrize("language", said.LANGUAGES)
@pytest.mark.parametrize("name, key", [("weight_gradient", "ask.weight-gradient"),
                                       ("weight_gradient_shape", "ask.weight-gradient-shape")])
def test_a_question_asks_in_the_pages_language(name, key, language):
    """A question is declared once, at import, and asked in the language of the page that shows it."""
    question = getattr(lesson("dense_site.practice"), name)
    with written_in(language):
        for seed in range(3):
            said.read(words, key, question.show(seed)["ask"])
