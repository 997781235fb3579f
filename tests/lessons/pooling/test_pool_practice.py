"""The pooling lesson's exercises recognise each misconception: on the inputs drawn for
many readers, the answer PyTorch computes for a mistaken idea is named by that mistake,
and PyTorch's own answer is accepted. What they show the reader (the question, its labels,
the code tests' cases) is worded by the lesson's catalog in every language."""

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.lessons.pooling.conftest import examples
from tests.support import said
from tests.support.practice import SEEDS, assert_misconceptions_recognised
from tests.support.said import Words, written_in
from tests.support.site import lesson

say = Words("pooling_site")

def tensor(A, grad=False):
    return torch.tensor(np.asarray(A, dtype=np.float64))[None, None].requires_grad_(grad)


def pooled(kind, X, window, stride):
    return {"max": F.max_pool2d, "average": F.avg_pool2d}[kind](tensor(X), window, stride)[0, 0]


def pooled_entry(X, window, stride, i, j, **_):
    larger = pooled("max", X, window + 1, stride) if window < min(X.shape) else None
    return {
        None: pooled("max", X, window, stride)[i, j],
        "stride-ignored": pooled("max", X, window, 1)[i, j] if stride > 1 else None,
        "average-not-max": pooled("average", X, window, stride)[i, j],
        "window-one-larger": larger[i, j] if larger is not None and i < larger.shape[0] and j < larger.shape[1]
        else None,
    }


def backward(kind, X, window, stride, dL_dY):
    x = tensor(X, True)
    {"max": F.max_pool2d, "average": F.avg_pool2d}[kind](x, window, stride)[0, 0].backward(torch.tensor(dL_dY))
    return x.grad[0, 0].numpy()


def every_tie(X, window, stride, dL_dY):
    """Every entry equal to its window's maximum gets the window's whole gradient (unfold, then fold back)."""
    columns = F.unfold(tensor(X), window, stride=stride)[0]
    ties = (columns == columns.max(dim=0).values).double() * torch.tensor(dL_dY).flatten()
    return F.fold(ties[None], X.shape, window, stride=stride)[0, 0].numpy()


def last_window_only(X, window, stride, dL_dY):
    """PyTorch's maxima, each given its window's gradient with `=`, in reading order."""
    _, indices = F.max_pool2d(tensor(X), window, stride, return_indices=True)
    dL_dX = np.zeros(X.size)
    for (i, j), flat in np.ndenumerate(indices[0, 0].numpy()):
        dL_dX[flat] = dL_dY[i, j]
    return dL_dX.reshape(X.shape)


def gradient_routing(X, window, stride, dL_dY, **_):
    return {
        None: backward("max", X, window, stride, dL_dY),
        "gradient-to-every-tie": every_tie(X, window, stride, dL_dY),
        "gradient-spread": backward("average", X, window, stride, dL_dY),
        "overlap-not-summed": last_window_only(X, window, stride, dL_dY),
    }


@pytest.mark.parametrize("name, oracle", [("pooled_entry", pooled_entry), ("gradient_routing", gradient_routing)])
def test_each_misconception_is_recognised(name, oracle):
    assert_misconceptions_recognised(getattr(lesson("pooling_site.practice"), name), oracle)


def test_gradient_questions_have_ties_and_overlaps():
    """Every reader's "where the gradient goes" has a tie and a shared maximum that matter:
    else the misconceptions about them would pass as right."""
    question = lesson("pooling_site.practice").gradient_routing
    for seed in SEEDS:
        inputs = question.inputs(seed)
        answers = gradient_routing(**inputs)
        right = answers.pop(None)
        for mistake, value in answers.items():
            assert not np.allclose(value, right), (seed, mistake)


def test_code_reference_agrees_with_pytorch():
    tests = lesson("pooling_site.practice").max_backward_tests
    for seed in range(3):
        for _, case in tests.cases(np.random.default_rng(seed)):
            np.testing.assert_array_equal(tests.reference(**case),
                                          backward("max", case["X"], case["window"], case["stride"], case["dL_dY"]))


@pytest.mark.parametrize("language", said.LANGUAGES)
@pytest.mark.parametrize("name, labels, ask", [
    ("pooled_entry", ["X", "given.window", "given.stride"], "ask.pooled-entry"),
    ("gradient_routing", ["X", "given.window", "given.stride", "dL/dY"], "ask.gradient-routing"),
])
def test_a_question_is_asked_in_the_readers_language(name, labels, ask, language):
    """Its labels and what it asks, from the catalog, as text the page's bridge carries (JSON)."""
    question = getattr(lesson("pooling_site.practice"), name)
    with written_in(language):
        for seed in SEEDS[:5]:
            inputs, shown = question.inputs(seed), json.loads(json.dumps(question.show(seed)))
            assert [given["label"] for given in shown["given"]] == [
                say(label) if label.startswith("given.") else label for label in labels]
            asked = said.read(say, ask, shown["ask"])
            assert {key: int(value) for key, value in asked.items()} == {key: inputs[key] for key in asked}


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_the_code_tests_cases_are_named_in_the_readers_language(pool, language):
    """The lesson's examples first, by name, then random cases named by their own sizes."""
    tests = lesson("pooling_site.practice").max_backward_tests
    with written_in(language):
        cases = tests.cases(np.random.default_rng(0))
        assert [label for label, _ in cases[:2]] == [say("case.worked-example"), say("case.overlap")]
        for (_, case), (X, window, stride, dL_dY) in zip(cases, examples(pool).values()):
            np.testing.assert_array_equal(case["X"], X)
            assert (case["window"], case["stride"]) == (window, stride)
            np.testing.assert_array_equal(case["dL_dY"], dL_dY)
        for label, case in cases[2:]:
            found = said.read(say, "case.random", label)
            assert (int(found["H"]), int(found["W"])) == case["X"].shape
            assert (int(found["window"]), int(found["stride"])) == (case["window"], case["stride"])
