"""convolutional_site/steps.py: every number the walkthroughs and the step table show, read back
as the reader reads it, against PyTorch; on the lesson's examples and on random ones, in every
language the site is written in (each sentence read by its template: tests/support/said.py)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.page import language as writing
from coursekit.page import steps as page_steps
from tests.support import text_numbers
from tests.support.oracle import channels_oracle, conv_oracle, forward_oracle
from tests.support.said import LANGUAGES, Words, read, written_in
from tests.support.shown import close
from tests.support.site import lesson

conv, steps = lesson("convolutional"), lesson("convolutional_site.steps")
say = Words("convolutional_site")
in_every_language = pytest.mark.parametrize("language", LANGUAGES)


def matrix(panel):
    return np.array(text_numbers.matrix(panel["cells"]))


def in_window(panel):
    top, left, height, width = panel["window"]
    return matrix(panel)[top:top + height, left:left + width]


def check_forward(X, K, b, stride=1, padding=0):
    """Each step: the window outlined on (padded) X, the products, Y's current entry, and a
    sentence whose products, bias and result are the window's, b and PyTorch's. (A template's
    parameters are read as short as they can be: the products and the bias, both sums, are
    read together, as the sentence writes them, `products + bias`.)"""
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
        said = read(say, "step.forward.output", step["sentence"])
        assert (int(said["i"]), int(said["j"])) == (i, j)
        assert close(text_numbers.products(f"{said['products']} + {said['bias']}"), [*zip(window.flat, K.flat), (b,)])
        assert text_numbers.number(said["value"]) == pytest.approx(Y[i, j], rel=1e-5, abs=1e-9)


@in_every_language
def test_forward_walkthrough_of_the_worked_example(language):
    X, K, b, _ = conv.worked_example()
    with written_in(language):
        check_forward(X, K, b)
        check_forward(np.asarray(X) / 4, K, b - 0.5, stride=2, padding=1)  # decimals: the language's mark


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


@in_every_language
@settings(max_examples=60, deadline=None)
@given(example=examples())
def test_forward_steps_show_the_oracles_numbers(language, example):
    X, K, b, _, stride, padding = example
    with written_in(language):
        check_forward(X, K, b, stride, padding)


def check_backward(X, K, b, dL_dY):
    """The last step's running sums are PyTorch's gradients; each step's sentence says which
    upstream gradient it sends back, into which window, and dL/db so far (PyTorch's at the
    end); each step of the other way round says dL/dX[p, q] as its products, and PyTorch's value."""
    _, dL_dX, dL_dK, dL_db = conv_oracle(X, K, b, dL_dY)
    dL_dY, K = np.asarray(dL_dY, dtype=float), np.asarray(K, dtype=float)
    kH, kW = K.shape
    walk = steps.backward_walkthrough(X, K, dL_dY)
    assert len(walk["steps"]) == np.size(dL_dY)
    for step, (i, j) in zip(walk["steps"], np.ndindex(dL_dY.shape)):
        said = read(say, "step.backward.upstream", step["sentence"])
        assert (int(said["i"]), int(said["j"])) == (i, j)
        assert (said["rows"], said["columns"]) == (f"{i}:{i + kH}", f"{j}:{j + kW}")
        assert text_numbers.number(said["gradient"]) == pytest.approx(dL_dY[i, j], rel=1e-5, abs=1e-9)
    assert text_numbers.number(said["bias_gradient"]) == pytest.approx(dL_db, rel=1e-5, abs=1e-9)
    last = walk["steps"][-1]["panels"]
    np.testing.assert_allclose(matrix(last[2]), dL_dX, rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(matrix(last[5]), dL_dK, rtol=1e-5, atol=1e-9)
    assert text_numbers.number(last[6]["cells"][0][0]) == pytest.approx(dL_db, rel=1e-5, abs=1e-9)
    other_way = steps.input_gradient_walkthrough(K, dL_dY)["steps"]
    padded, rotated = np.pad(dL_dY, ((kH - 1, kH - 1), (kW - 1, kW - 1))), np.rot90(K, 2)
    for step, (p, q) in zip(other_way, np.ndindex(dL_dX.shape)):
        said = read(say, "step.input-gradient.entry", step["sentence"])
        assert (int(said["p"]), int(said["q"])) == (p, q)
        assert close(text_numbers.products(said["products"]), zip(padded[p:p + kH, q:q + kW].flat, rotated.flat))
        assert text_numbers.number(said["value"]) == pytest.approx(dL_dX[p, q], rel=1e-5, abs=1e-9)
    np.testing.assert_allclose(matrix(other_way[-1]["panels"][3]), dL_dX, rtol=1e-5, atol=1e-9)


@in_every_language
def test_backward_walkthroughs_of_the_worked_example(language):
    X, K, b, dL_dY = conv.worked_example()
    with written_in(language):
        check_backward(X, K, b, dL_dY)
        check_backward(X, K, b, np.asarray(dL_dY) / 4)  # decimals: the language's mark


@in_every_language
@settings(max_examples=60, deadline=None)
@given(example=examples())
def test_backward_steps_add_up_to_the_oracles_gradients(language, example):
    X, K, b, dL_dY, _, _ = example
    with written_in(language):
        check_backward(X, K, b, dL_dY)


@in_every_language
def test_step_table_has_one_row_per_output(language):
    X, K, b, _ = conv.worked_example()
    X = np.asarray(X) / 4  # decimals: the language's mark
    with written_in(language):
        table = steps.step_table(X, K, b, stride=1, padding=1)
        columns = [say(f"column.{name}") for name in ("position", "window", "products", "sum", "bias", "output")]
    Y = forward_oracle(X, K, b, 1, 1)
    assert list(table.columns) == columns
    assert [text_numbers.number(v) for v in table[columns[-1]]] == pytest.approx(list(Y.flat), rel=1e-5, abs=1e-9)


@in_every_language
@pytest.mark.parametrize("numbers, field, key, said", [
    ({"X": np.ones((2, 2)), "K": np.ones((2, 3))}, "K", "error.kernel-larger-than-input",
     {"kernel": "(2, 3)", "input": "(2, 2)"}),
    ({"X": np.ones((2, 2)), "K": np.ones((1, 5)), "padding": 1}, "K", "error.kernel-larger-than-padded-input",
     {"kernel": "(1, 5)", "padding": "1", "padded": "(4, 4)"}),
    ({"dL_dY": np.ones((1, 2))}, "dL_dY", "error.upstream-shape", {"expected": "Y", "got": "(1, 2)"}),
    ({"X": np.ones((8, 8)), "dL_dY": np.ones((7, 7)), "padding": 5}, "padding", "error.padded-too-large",
     {"padding": "5", "shape": "(18, 18)", "largest": "LARGEST"}),
])
def test_the_editors_numbers_are_refused_in_the_pages_language(language, numbers, field, key, said):
    """What convolutional.py refuses (K outside X, dL/dY not of Y's shape), and X padded past
    what a walkthrough shows, are errors about their field, in the page's language."""
    X, K, b, dL_dY = (np.asarray(v, dtype=float) for v in conv.worked_example())
    arguments = {"X": X, "K": K, "b": float(b), "dL_dY": dL_dY, "stride": 1, "padding": 0, **numbers}
    with written_in(language), pytest.raises(ValueError) as refused:
        steps.widgets(**arguments)
    assert refused.value.argument == field
    # what the example and the kit declare, not today's numbers: Y's shape, a walkthrough's largest matrix
    said = {**said, **{name: str(conv.output_shape(X.shape, K.shape)) for name, value in said.items() if value == "Y"},
            **{name: str(page_steps.LARGEST) for name, value in said.items() if value == "LARGEST"}}
    with written_in(language):
        assert read(say, key, str(refused.value)) == said


def check_channels(X, W, b):
    """Each step of the channels walkthrough: every channel's window and partial sum, their
    total plus the bias in the sentence (each channel's products and sum in it too), and the
    feature maps, as PyTorch's conv2d has them."""
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
        said = read(say, "step.channels.output", step["sentence"])
        assert (int(said["f"]), int(said["i"]), int(said["j"])) == (f, i, j)
        partials = [np.sum(X[c, i:i + kH, j:j + kW] * W[f, c]) for c in range(C)]
        assert text_numbers.terms(f"{said['partials']} + {said['bias']}") == \
            pytest.approx([*partials, b[f]], rel=1e-5, abs=1e-9)
        assert text_numbers.number(said["value"]) == pytest.approx(Y[f, i, j], rel=1e-5, abs=1e-9)
        assert text_numbers.number(said["b"]) == pytest.approx(b[f], rel=1e-5, abs=1e-9)
        channel_sums = said["channel_sums"].split(writing.writing()["separator"])
        assert len(channel_sums) == C
        for c, channel_sum in enumerate(channel_sums):
            channel = read(say, "step.channels.channel-sum", channel_sum)
            assert int(channel["c"]) == c
            assert close(text_numbers.products(channel["products"]), zip(X[c, i:i + kH, j:j + kW].flat, W[f, c].flat))
            assert text_numbers.number(channel["partial"]) == pytest.approx(partials[c], rel=1e-5, abs=1e-9)
    last = walk["steps"][-1]["rows"][C]["panels"]
    for f in range(F):
        np.testing.assert_allclose(matrix(last[f]), Y[f], rtol=1e-5, atol=1e-9)


@in_every_language
def test_channels_walkthrough_of_the_lessons_example(language):
    with written_in(language):
        check_channels(conv.CHANNELS_X, conv.CHANNELS_W, conv.CHANNELS_B)
        check_channels(conv.CHANNELS_X, np.asarray(conv.CHANNELS_W) / 4, conv.CHANNELS_B)  # the language's mark


@st.composite
def channel_examples(draw):
    C, F = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    H, W = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    kH, kW = draw(st.integers(1, H)), draw(st.integers(1, W))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return (rng.integers(-5, 6, (C, H, W)), rng.integers(-3, 4, (F, C, kH, kW)), rng.integers(-3, 4, F))


@in_every_language
@settings(max_examples=40, deadline=None)
@given(example=channel_examples())
def test_channels_steps_show_the_oracles_numbers(language, example):
    with written_in(language):
        check_channels(*example)
