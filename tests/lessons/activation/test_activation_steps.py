"""activation_site/steps.py: what the walkthroughs show, read back as the reader reads it,
in every language the site is written in, against PyTorch: Y and dL/dX as they fill, and
each step's sentence, read by the lesson's template for it."""

import numpy as np
import pytest
from hypothesis import given, settings

from tests.lessons.activation.conftest import relu_oracle
from tests.lessons.activation.test_activation import relu_inputs
from tests.support import said, text_numbers
from tests.support.said import written_in
from tests.support.shown import close
from tests.support.site import lesson

activation, steps = lesson("activation"), lesson("activation_site.steps")
WORDS = said.Words("activation_site")


def matrix(panel):
    return np.array(text_numbers.matrix(panel["cells"]))


def numbers(told, *names):
    return [text_numbers.number(told[name]) for name in names]


def check_walkthroughs(X, dL_dY, language):
    """The walkthroughs of X and dL/dY, written in `language` (the caller's), against PyTorch.
    Which sentence a step says follows from X[i, j]: positive, negative or exactly 0."""
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    Y, dL_dX = relu_oracle(X, dL_dY)
    forward = steps.forward_walkthrough(X)
    assert forward["title"] == WORDS("walkthrough.forward")
    assert len(forward["steps"]) == X.size
    for step, (i, j) in zip(forward["steps"], np.ndindex(X.shape)):
        x_panel, y_panel = step["panels"]
        assert x_panel["current"] == y_panel["current"] == [i, j]
        assert close([text_numbers.number(y_panel["cells"][i][j])], [Y[i, j]])
        key = "step.forward.positive" if X[i, j] > 0 else "step.forward.not-positive"
        told = said.read(WORDS, key, step["sentence"])
        assert (int(told["i"]), int(told["j"])) == (i, j)
        assert close(text_numbers.listing(told["values"], language), [0, X[i, j]])
        assert close(numbers(told, "value"), [Y[i, j]])
    assert close(matrix(forward["steps"][-1]["panels"][1]).flat, Y.flat)

    backward = steps.backward_walkthrough(X, dL_dY)
    assert backward["title"] == WORDS("walkthrough.backward")
    assert len(backward["steps"]) == X.size
    for step, (i, j) in zip(backward["steps"], np.ndindex(X.shape)):
        assert [panel["current"] for panel in step["panels"]] == [[i, j]] * 3
        if X[i, j] > 0:  # the gradient passes: the sentence gives dL/dX = dL/dY, and X
            told = said.read(WORDS, "step.backward.positive", step["sentence"])
            assert close(numbers(told, "dx", "x"), [dL_dX[i, j], X[i, j]])
        else:  # it stops: the sentence gives dL/dX, X, and the dL/dY that stops there
            key = "step.backward.negative" if X[i, j] < 0 else "step.backward.zero"
            told = said.read(WORDS, key, step["sentence"])
            assert close(numbers(told, "dx", "x", "dy"), [dL_dX[i, j], X[i, j], dL_dY[i, j]])
        assert (int(told["i"]), int(told["j"])) == (i, j)
    assert close(matrix(backward["steps"][-1]["panels"][2]).flat, dL_dX.flat)


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_walkthroughs_of_the_lessons_example(language):
    with written_in(language):
        check_walkthroughs(*activation.worked_example(), language)


@pytest.mark.parametrize("language", said.LANGUAGES)
@settings(max_examples=100, deadline=None)
@given(relu_inputs())
def test_walkthroughs_of_random_matrices_with_zeros(language, inputs):
    X, dL_dY = inputs
    if X.ndim == 2:
        with written_in(language):
            check_walkthroughs(X, dL_dY, language)


def test_widgets_are_both_walkthroughs():
    X, dL_dY = activation.worked_example()
    assert set(steps.widgets(X, dL_dY)["walkthroughs"]) == {"forward", "backward"}


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_a_dL_dY_of_another_shape_is_refused_by_its_field(language):
    """In the page's language: the editor shows the message by the field of dL/dY, and the
    shapes it names are X's and the one typed."""
    X, _ = activation.worked_example()
    with written_in(language):
        with pytest.raises(ValueError) as raised:
            steps.widgets(X, np.ones((1, 1)))
        assert raised.value.argument == "dL_dY"
        told = said.read(WORDS, "error.upstream-shape", str(raised.value))
    for name, shape in [("expected", X.shape), ("got", (1, 1))]:
        assert told[name].startswith("(") and told[name].endswith(")"), told[name]
        assert [int(n) for n in told[name][1:-1].split(", ")] == list(shape), "a shape, in every language"
