"""The convolution lesson's exercises recognise each misconception: on the inputs drawn for
many readers, the answer PyTorch computes for a mistaken idea (the right computation with
one thing changed: the bias left out, the kernel flipped, ...) is named by that mistake,
and PyTorch's own answer is accepted."""

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from coursekit.exercises import typed
from tests.support.practice import assert_gives_nothing_away, assert_misconceptions_recognised
from tests.support.said import LANGUAGES, Words, read, written_in
from tests.support.site import lesson

say = Words("convolutional_site")



def tensor(A, grad=False):
    return torch.tensor(np.asarray(A, dtype=np.float64))[None, None].requires_grad_(grad)


def conv(X, K, b=0.0, **options):
    return F.conv2d(tensor(X), tensor(K), torch.tensor([float(b)], dtype=torch.float64), **options)[0, 0]


def gradients(X, K, b, dL_dY, only=None):
    """dL/dX, dL/dK, dL/db by autograd; with `only` = (i, j), of Y[i, j] · dL/dY[i, j] alone."""
    x, k = tensor(X, True), tensor(K, True)
    bias = torch.tensor([float(b)], dtype=torch.float64, requires_grad=True)
    y = F.conv2d(x, k, bias)[0, 0]
    upstream = torch.tensor(np.asarray(dL_dY, dtype=np.float64))
    if only is not None:
        mask = torch.zeros_like(upstream)
        mask[only] = 1
        upstream = upstream * mask
    y.backward(upstream)
    return x.grad[0, 0].numpy(), k.grad[0, 0].numpy(), float(bias.grad)


def covering(dL_dY, K, p, q):
    """The outputs whose window covers X[p, q], in reading order."""
    return [(i, j) for i, j in np.ndindex(dL_dY.shape) if 0 <= p - i < K.shape[0] and 0 <= q - j < K.shape[1]]


def y_entry(X, K, b, i, j, **_):
    Y = conv(X, K, b)
    return {
        None: Y[i, j],
        "bias-forgotten": conv(X, K, 0)[i, j],
        "true-convolution": conv(X, torch.flip(torch.tensor(K), (0, 1)).numpy(), b)[i, j],
        "window-off-by-one": shifted(Y, i, j),
    }


def shifted(Y, i, j):
    """Y one row and one column on from (i, j), or else one back; None if neither is in Y."""
    for step in (1, -1):
        if 0 <= i + step < Y.shape[0] and 0 <= j + step < Y.shape[1]:
            return Y[i + step, j + step]
    return None


def dx_entry(X, K, b, dL_dY, p, q, **_):
    dL_dX, _, _ = gradients(X, K, b, dL_dY)
    kH, kW = K.shape
    padded = F.pad(tensor(dL_dY), (kW - 1, kW - 1, kH - 1, kH - 1))
    return {
        None: dL_dX[p, q],
        "kernel-not-rotated": F.conv2d(padded, tensor(K))[0, 0, p, q],
        # what `=` for `+=` leaves: the last output's share alone (a sum of one term is no mistake)
        "overlap-not-summed": gradients(X, K, b, dL_dY, only=covering(dL_dY, K, p, q)[-1])[0][p, q]
        if len(covering(dL_dY, K, p, q)) > 1 else None,
        "bias-in-gradient": dL_dX[p, q] + b,
    }


def dk_entry(X, K, b, dL_dY, m, n, **_):
    _, dL_dK, _ = gradients(X, K, b, dL_dY)
    last = (dL_dY.shape[0] - 1, dL_dY.shape[1] - 1)
    return {
        None: dL_dK[m, n],
        "overlap-not-summed": gradients(X, K, b, dL_dY, only=last)[1][m, n] if dL_dY.size > 1 else None,
        "bias-in-gradient": dL_dK[m, n] + b,
        "kernel-value-not-input": float(torch.tensor(K)[m, n] * torch.tensor(dL_dY).sum()),
    }


def db(X, K, b, dL_dY, **_):
    _, _, dL_db = gradients(X, K, b, dL_dY)
    return {None: dL_db, "bias-gradient-mean": float(torch.tensor(dL_dY).mean()), "bias-gradient-one": 1.0,
            "bias-in-gradient": dL_db + b}


def shape_of(H, W, kH, kW, stride=1, padding=0, dilation=1, one_side=0):
    """Y's (rows, columns) as conv2d makes it; None where conv2d refuses (the kernel does not fit)."""
    x = F.pad(torch.zeros(1, 1, H, W, dtype=torch.float64), (one_side, 0, one_side, 0))
    try:
        Y = F.conv2d(x, torch.zeros(1, 1, kH, kW, dtype=torch.float64), stride=stride, padding=padding,
                     dilation=dilation)
    except RuntimeError:
        return None
    return np.array(Y.shape[-2:]) if min(Y.shape[-2:]) > 0 else None


def output_shape(H, W, kH, kW, stride, padding, dilation):
    right = shape_of(H, W, kH, kW, stride, padding, dilation)
    return {
        None: right,
        "stride-ignored": shape_of(H, W, kH, kW, 1, padding, dilation) if stride > 1 else None,
        "padding-ignored": shape_of(H, W, kH, kW, stride, 0, dilation) if padding else None,
        "padding-one-side": shape_of(H, W, kH, kW, stride, 0, dilation, one_side=padding) if padding else None,
        "dilation-ignored": shape_of(H, W, kH, kW, stride, padding, 1) if dilation > 1 else None,
        "plus-one-forgotten": right - 1,
    }


@pytest.mark.parametrize("name, oracle", [("output_entry", y_entry), ("input_gradient_entry", dx_entry),
                                          ("kernel_gradient_entry", dk_entry), ("bias_gradient", db),
                                          ("output_shape", output_shape)])
def test_each_misconception_is_recognised(name, oracle):
    assert_misconceptions_recognised(getattr(lesson("convolutional_site.practice"), name), oracle)


def test_a_term_left_out_is_offered_as_perhaps_naming_it():
    """An answer one product short (the product from PyTorch's output, by the kernel entry
    it used): offered as "perhaps" with that term's label, never its value; stated as a
    misconception only where one alone explains it."""
    question = lesson("convolutional_site.practice").output_entry
    offered = 0
    for seed in range(20):
        inputs = question.inputs(seed)
        X, K, b, i, j = (inputs[name] for name in ("X", "K", "b", "i", "j"))
        right = float(conv(X, K, b)[i, j])
        for m, n in np.ndindex(K.shape):
            term = X[i + m, j + n] * K[m, n]
            if not term or right - term == 0:
                continue
            verdict = question.check(seed, typed(right - term, "number"))
            if verdict["mistake"] is None:
                left_out = [said for said in verdict["perhaps"] if said["key"] == "practice.slip.term-left-out"]
                assert verdict["message"]["key"] == "practice.perhaps" and left_out, verdict
                assert f"X[{i + m}, {j + n}] · K[{m}, {n}]" in left_out[0]["params"]["terms"].split("; ")
                assert_gives_nothing_away(question, inputs, verdict)
                offered += 1
        far = question.check(seed, typed(right + 1000.5, "number"))
        assert far["message"] == {"key": "practice.off.terms", "params": {}} and far["perhaps"] == []
        assert far["hints"][0] == [{"key": "practice.hint.too-large", "params": {}}]
    assert offered, "a guard: answers one term short were tried"


@pytest.mark.parametrize("name", ["forward_tests", "backward_tests", "strided_tests"])
def test_code_references_agree_with_pytorch(name):
    """The tests' reference functions, on every case they check a reader's code on."""
    tests = getattr(lesson("convolutional_site.practice"), name)
    for seed in range(3):
        for _, case in tests.cases(np.random.default_rng(seed)):
            got = tests.reference(**case)
            if name == "forward_tests":
                np.testing.assert_allclose(got, conv(case["X"], case["K"], case["b"]).numpy(), atol=1e-12)
                continue
            stride, padding = case.get("stride", 1), case.get("padding", 0)
            x, k = tensor(case["X"], True), tensor(case["K"], True)
            bias = torch.zeros(1, dtype=torch.float64, requires_grad=True)
            F.conv2d(x, k, bias, stride=stride, padding=padding)[0, 0].backward(torch.tensor(case["dL_dY"]))
            for mine, theirs in zip(got, (x.grad[0, 0], k.grad[0, 0], bias.grad[0])):
                np.testing.assert_allclose(mine, theirs.numpy(), atol=1e-12)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_questions_are_worded_in_the_pages_language(language):
    """What a question shows crosses to the page as JSON: its labels and what it asks are
    text, the lesson's words in the page's language (symbols, X or dL/dY, as they are)."""
    practice = lesson("convolutional_site.practice")
    with written_in(language):
        for name in ("output_entry", "input_gradient_entry", "kernel_gradient_entry", "bias_gradient", "output_shape"):
            shown = json.loads(json.dumps(getattr(practice, name).show(0)))
            assert all(isinstance(given["label"], str) for given in shown["given"]), name
        shown = practice.output_shape.show(0)
        labels = [say(f"given.{name}") for name in ("stride", "padding", "dilation")]
        assert [given["label"] for given in shown["given"]] == ["H", "W", "kH", "kW", *labels]
        assert shown["ask"] == say("ask.output-shape")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["forward_tests", "backward_tests", "strided_tests"])
def test_the_code_tests_name_their_cases_in_the_pages_language(language, name):
    """Each case's label says its shapes (and stride and padding): those of the arguments it passes."""
    tests = getattr(lesson("convolutional_site.practice"), name)
    with written_in(language):
        cases = tests.cases(np.random.default_rng(0))
        first = "case.worked-example-strided" if name == "strided_tests" else "case.worked-example"
        assert read(say, first, cases[0][0]) == ({"stride": "1", "padding": "0"} if name == "strided_tests" else {})
        for label, case in cases[1:]:
            if name == "strided_tests":
                said = read(say, "case.random-strided", label)
                assert said == {"rows": str(case["X"].shape[0]), "columns": str(case["X"].shape[1]),
                                "stride": str(case["stride"]), "padding": str(case["padding"])}
            else:
                said = read(say, "case.random-layer", label)
                assert said == {"rows": str(case["X"].shape[0]), "columns": str(case["X"].shape[1]),
                                "kernel_rows": str(case["K"].shape[0]), "kernel_columns": str(case["K"].shape[1])}
