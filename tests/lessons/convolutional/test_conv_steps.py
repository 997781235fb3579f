"""convolutional_site/steps.py: every number the walkthroughs and the step table show, read back
as the reader reads it, against PyTorch; on the lesson's examples and on random ones."""

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import text_numbers
from tests.support.oracle import channels_oracle, conv_oracle, forward_oracle
from tests.support.shown import close
from tests.support.site import lesson

conv, steps = lesson("convolutional"), lesson("convolutional_site.steps")
SENTENCE = re.compile(r"Y\[(\d+),(\d+)\] = (.+) \+ (\S+) = (\S+)")


def matrix(panel):
    return np.array(text_numbers.matrix(panel["cells"]))


def in_window(panel):
    top, left, height, width = panel["window"]
    return matrix(panel)[top:top + height, left:left + width]


def check_forward(X, K, b, stride=1, padding=0):
    """Each step: the window outlined on (padded) X, the products, Y's current entry, and a
    sentence whose products, bias and result are the window's, b and PyTorch's."""
    Y = forward_oracle(X, K, b, stride, padding)
    padded = np.pad(np.asarray(X, dtype=float), padding)
    K = np.asarray(K, dtype=float)
    walk = steps.forward_walkthrough(X, K, b, stride, padding)
    assert len(walk["steps"]) == Y.size
    for step, (i, j) in zip(walk["steps"], np.ndindex(Y.shape)):
        x_panel, k_panel, products, y_panel = step["panels"]
        assert x_panel["window"] == [i * stride, j * stride, *K.shape]
        window = padded[i * stride:i * stride + K.shape[0], j * stride:j * stride + K.shape[1]]
        np.testing.assert_allclose(in_window(x_panel), window, rtol=1e-5)
        np.testing.assert_allclose(matrix(k_panel), K, rtol=1e-5)
        np.testing.assert_allclose(matrix(products), window * K, rtol=1e-5, atol=1e-9)
        assert y_panel["current"] == [i, j]
        assert text_numbers.number(y_panel["cells"][i][j]) == pytest.approx(Y[i, j], rel=1e-5, abs=1e-9)
        index_i, index_j, sum_text, bias, result = SENTENCE.fullmatch(step["sentence"]).groups()
        assert (int(index_i), int(index_j)) == (i, j)
        assert close(text_numbers.products(sum_text), zip(window.flat, K.flat))
        assert text_numbers.number(bias) == pytest.approx(b, rel=1e-5)
        assert text_numbers.number(result) == pytest.approx(Y[i, j], rel=1e-5, abs=1e-9)


def test_forward_walkthrough_of_the_worked_example():
    X, K, b, _ = conv.worked_example()
    check_forward(X, K, b)


small = st.integers(-9, 9).map(float)


@st.composite
def examples(draw):
    H, W = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    padding, stride = draw(st.integers(0, 2)), draw(st.integers(1, 3))
    kH, kW = draw(st.integers(1, H)), draw(st.integers(1, W))
    X = np.array(draw(st.lists(st.lists(small, min_size=W, max_size=W), min_size=H, max_size=H)))
    K = np.array(draw(st.lists(st.lists(small, min_size=kW, max_size=kW), min_size=kH, max_size=kH)))
    dL_dY = np.array(draw(st.lists(st.lists(small, min_size=W - kW + 1, max_size=W - kW + 1),
                                min_size=H - kH + 1, max_size=H - kH + 1)))
    return X, K, draw(small), dL_dY, stride, padding


@settings(max_examples=60, deadline=None)
@given(examples())
def test_forward_steps_show_the_oracles_numbers(example):
    X, K, b, _, stride, padding = example
    check_forward(X, K, b, stride, padding)


def check_backward(X, K, b, dL_dY):
    _, dL_dX, dL_dK, dL_db = conv_oracle(X, K, b, dL_dY)
    walk = steps.backward_walkthrough(X, K, dL_dY)
    assert len(walk["steps"]) == np.size(dL_dY)
    last = walk["steps"][-1]["panels"]
    np.testing.assert_allclose(matrix(last[2]), dL_dX, rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(matrix(last[5]), dL_dK, rtol=1e-5, atol=1e-9)
    assert text_numbers.number(last[6]["cells"][0][0]) == pytest.approx(dL_db, rel=1e-5, abs=1e-9)
    other_way = steps.input_gradient_walkthrough(K, dL_dY)["steps"][-1]["panels"][3]
    np.testing.assert_allclose(matrix(other_way), dL_dX, rtol=1e-5, atol=1e-9)


def test_backward_walkthroughs_of_the_worked_example():
    check_backward(*conv.worked_example())


@settings(max_examples=60, deadline=None)
@given(examples())
def test_backward_steps_add_up_to_the_oracles_gradients(example):
    X, K, b, dL_dY, _, _ = example
    check_backward(X, K, b, dL_dY)


def test_step_table_has_one_row_per_output():
    X, K, b, _ = conv.worked_example()
    table = steps.step_table(X, K, b, stride=1, padding=1)
    Y = forward_oracle(X, K, b, 1, 1)
    assert list(table.columns) == ["position", "window", "products", "sum", "bias", "output"]
    assert [text_numbers.number(v) for v in table["output"]] == pytest.approx(list(Y.flat), rel=1e-5, abs=1e-9)


def check_channels(X, W, b):
    """Each step of the channels walkthrough: every channel's window and partial sum, their
    total plus the bias in the sentence, and the feature maps, as PyTorch's conv2d has them."""
    X, W, b = (np.asarray(v, dtype=float) for v in (X, W, b))
    Y = channels_oracle(X, W, b)
    F, C, kH, kW = W.shape
    walk = steps.channels_walkthrough(X, W, b)
    assert len(walk["steps"]) == Y.size
    for step, (f, i, j) in zip(walk["steps"], np.ndindex(Y.shape)):
        rows = step["rows"]
        assert len(rows) == C + 1
        for c in range(C):
            x_panel, w_panel, products = rows[c]["panels"]
            assert x_panel["window"] == [i, j, kH, kW]
            np.testing.assert_allclose(in_window(x_panel), X[c, i:i + kH, j:j + kW], rtol=1e-5)
            np.testing.assert_allclose(matrix(w_panel), W[f, c], rtol=1e-5)
            np.testing.assert_allclose(matrix(products), X[c, i:i + kH, j:j + kW] * W[f, c], rtol=1e-5, atol=1e-9)
        maps = rows[C]["panels"]
        assert len(maps) == F and maps[f]["current"] == [i, j]
        assert text_numbers.number(maps[f]["cells"][i][j]) == pytest.approx(Y[f, i, j], rel=1e-5, abs=1e-9)
        head = re.fullmatch(rf"Y\[{f},{i},{j}\] = (.+) \+ (\S+) = (\S+) \(.*\)", step["sentence"])
        partials = [np.sum(X[c, i:i + kH, j:j + kW] * W[f, c]) for c in range(C)]
        assert text_numbers.terms(head.group(1)) == pytest.approx(partials, rel=1e-5, abs=1e-9)
        assert text_numbers.number(head.group(2)) == pytest.approx(b[f], rel=1e-5, abs=1e-9)
        assert text_numbers.number(head.group(3)) == pytest.approx(Y[f, i, j], rel=1e-5, abs=1e-9)
    last = walk["steps"][-1]["rows"][C]["panels"]
    for f in range(F):
        np.testing.assert_allclose(matrix(last[f]), Y[f], rtol=1e-5, atol=1e-9)


def test_channels_walkthrough_of_the_lessons_example():
    check_channels(conv.CHANNELS_X, conv.CHANNELS_W, conv.CHANNELS_B)


@st.composite
def channel_examples(draw):
    C, F = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    H, W = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    kH, kW = draw(st.integers(1, H)), draw(st.integers(1, W))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return (rng.integers(-5, 6, (C, H, W)), rng.integers(-3, 4, (F, C, kH, kW)), rng.integers(-3, 4, F))


@settings(max_examples=40, deadline=None)
@given(channel_examples())
def test_channels_steps_show_the_oracles_numbers(example):
    check_channels(*example)
