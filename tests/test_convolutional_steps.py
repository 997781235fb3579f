"""convolutional_steps.py: every number the walkthroughs show, against PyTorch."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.lesson_code import load_lesson_modules
from tests.conftest import LESSON_CODE
from tests.oracle import conv_oracle, forward_oracle

conv, steps = load_lesson_modules(LESSON_CODE, LESSON_CODE.with_name("convolutional_steps.py"))


def shown(text):
    """A number as the page shows it, read back."""
    return float(text.replace("\u2212", "-"))


def matrix(panel):
    return np.array([[shown(v) if v else np.nan for v in row] for row in panel["cells"]])


def in_window(panel):
    top, left, height, width = panel["window"]
    return matrix(panel)[top:top + height, left:left + width]


def test_sentence_reads_like_the_issue_asks(conv_example=conv.worked_example()):
    forward = steps.forward_walkthrough(*conv_example[:3])
    assert forward["steps"][1]["sentence"] == "Y[0,1] = 2\u00b71 + 3\u00b70 + 5\u00b7(\u22121) + 6\u00b71 + 1 = 4"


small = st.integers(-9, 9).map(float)


@st.composite
def examples(draw):
    H, W = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    padding, stride = draw(st.integers(0, 2)), draw(st.integers(1, 3))
    kH, kW = draw(st.integers(1, H)), draw(st.integers(1, W))
    X = np.array(draw(st.lists(st.lists(small, min_size=W, max_size=W), min_size=H, max_size=H)))
    K = np.array(draw(st.lists(st.lists(small, min_size=kW, max_size=kW), min_size=kH, max_size=kH)))
    dY = np.array(draw(st.lists(st.lists(small, min_size=W - kW + 1, max_size=W - kW + 1),
                                min_size=H - kH + 1, max_size=H - kH + 1)))
    return X, K, draw(small), dY, stride, padding


@settings(max_examples=60, deadline=None)
@given(examples())
def test_forward_steps_show_the_oracles_numbers(example):
    X, K, b, dY, stride, padding = example
    Y = forward_oracle(X, K, b, stride, padding)
    padded = np.pad(X, padding)
    walk = steps.forward_walkthrough(X, K, b, stride, padding)
    assert len(walk["steps"]) == Y.size
    for step, (i, j) in zip(walk["steps"], np.ndindex(Y.shape)):
        x_panel, k_panel, products, y_panel = step["panels"]
        assert x_panel["window"] == [i * stride, j * stride, *K.shape]
        window = padded[i * stride:i * stride + K.shape[0], j * stride:j * stride + K.shape[1]]
        np.testing.assert_allclose(in_window(x_panel), window)
        np.testing.assert_allclose(matrix(k_panel), K)
        np.testing.assert_allclose(matrix(products), window * K, rtol=1e-5)
        assert y_panel["current"] == [i, j]
        assert shown(y_panel["cells"][i][j]) == pytest.approx(Y[i, j], rel=1e-5, abs=1e-9)
        assert shown(step["sentence"].rsplit("= ", 1)[1]) == pytest.approx(Y[i, j], rel=1e-5, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(examples())
def test_backward_steps_add_up_to_the_oracles_gradients(example):
    X, K, b, dY, _, _ = example
    _, dX, dK, db = conv_oracle(X, K, b, dY)
    walk = steps.backward_walkthrough(X, K, dY)
    last = walk["steps"][-1]["panels"]
    np.testing.assert_allclose(matrix(last[2]), dX, rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(matrix(last[5]), dK, rtol=1e-5, atol=1e-9)
    assert shown(last[6]["cells"][0][0]) == pytest.approx(db, rel=1e-5, abs=1e-9)
    other_way = steps.input_gradient_walkthrough(K, dY)["steps"][-1]["panels"][3]
    np.testing.assert_allclose(matrix(other_way), dX, rtol=1e-5, atol=1e-9)


def test_step_table_has_one_row_per_output():
    X, K, b, _ = conv.worked_example()
    table = steps.step_table(X, K, b, stride=1, padding=1)
    Y = forward_oracle(X, K, b, 1, 1)
    assert list(table.columns) == ["position", "window", "products", "sum", "bias", "output"]
    assert [shown(v) for v in table["output"]] == pytest.approx(list(Y.flat))
