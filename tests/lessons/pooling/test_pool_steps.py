"""pooling_site/steps.py: what the walkthroughs show, read back as the reader reads it, in
every language the site is written in, against PyTorch: the windows, their maxima and where
PyTorch finds them, ties, Y, and dL/dX as it fills. A sentence is read by the template of
the lesson's catalog that PyTorch's numbers call for (a tie or not, a sum or not)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings

from tests.lessons.pooling.conftest import examples
from tests.lessons.pooling.test_pool_against_pytorch import pool_inputs
from tests.support import said, text_numbers
from tests.support.oracle import max_positions, pool_oracle
from tests.support.said import Words, written_in
from tests.support.shown import close
from tests.support.site import lesson

pool, steps = lesson("pooling"), lesson("pooling_site.steps")
say = Words("pooling_site")


def matrix(panel):
    return np.array(text_numbers.matrix(panel["cells"]))


def number(text):
    return text_numbers.number(text)


def check_walkthroughs(X, window, stride, dL_dY, language):
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    Y, dL_dX = pool_oracle("max", X, window, stride, dL_dY)
    where = max_positions(X, window, stride)
    walk = steps.forward_walkthrough(X, window, stride)
    assert walk["title"] == say("walkthrough.forward")
    assert len(walk["steps"]) == Y.size
    for step, (i, j) in zip(walk["steps"], np.ndindex(Y.shape)):
        x_panel, y_panel = step["panels"]
        top, left = stride * i, stride * j
        patch = X[top:top + window, left:left + window]
        assert x_panel["window"] == [top, left, window, window]
        assert x_panel["marked"] == [list(where[i, j])]
        assert y_panel["title"] == say("panel.maxima") and y_panel["current"] == [i, j]
        assert close([number(y_panel["cells"][i][j])], [Y[i, j]])
        tied = int(np.sum(patch == Y[i, j]))
        found = said.read(say, "step.forward.tie" if tied > 1 else "step.forward.maximum", step["sentence"])
        assert (int(found["i"]), int(found["j"])) == (i, j) and (int(found["p"]), int(found["q"])) == where[i, j]
        assert close(text_numbers.listing(found["values"], language), patch.flat)
        assert close([number(found["value"])], [Y[i, j]])
        assert tied == 1 or int(found["ties"]) == tied
    walk = steps.backward_walkthrough(X, window, stride, dL_dY)
    assert walk["title"] == say("walkthrough.backward")
    assert len(walk["steps"]) == dL_dY.size
    received = {}  # position -> the upstream gradients it has received so far, from PyTorch's maxima
    for step, (i, j) in zip(walk["steps"], np.ndindex(dL_dY.shape)):
        dy_panel, x_panel, dx_panel = step["panels"]
        p, q = where[i, j]
        received.setdefault((p, q), []).append(dL_dY[i, j])
        assert dy_panel["current"] == [i, j] and x_panel["marked"] == [[p, q]]
        assert dx_panel["title"] == say("panel.gradient-so-far") and dx_panel["current"] == [p, q]
        patch = X[stride * i:stride * i + window, stride * j:stride * j + window]
        tied, added = int(np.sum(patch == Y[i, j])), len(received[p, q]) > 1
        key = {(False, False): "step.backward.maximum", (True, False): "step.backward.tie",
               (False, True): "step.backward.maximum-added", (True, True): "step.backward.tie-added"}[tied > 1, added]
        found = said.read(say, key, step["sentence"])
        assert (int(found["i"]), int(found["j"]), int(found["p"]), int(found["q"])) == (i, j, p, q)
        assert close([number(found["gradient"]), number(found["value"])], [dL_dY[i, j], Y[i, j]])
        if tied > 1:
            assert int(found["ties"]) == tied
        if added:
            assert int(found["count"]) == len(received[p, q])
            assert close([number(found["total"])], [sum(received[p, q])])
    assert close(matrix(walk["steps"][-1]["panels"][2]).flat, dL_dX.flat)


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_walkthroughs_of_the_lessons_examples(language):
    with written_in(language):
        for example in examples(pool).values():
            check_walkthroughs(*example, language)


@pytest.mark.parametrize("language", said.LANGUAGES)
@settings(max_examples=100, deadline=None)
@given(pool_inputs())
def test_walkthroughs_of_random_inputs_with_ties(language, inputs):
    with written_in(language):
        check_walkthroughs(*inputs, language)


def test_widgets_are_both_walkthroughs():
    X, window, stride, dL_dY = pool.worked_example()
    assert set(steps.widgets(X, window, stride, dL_dY)["walkthroughs"]) == {"forward", "backward"}


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_the_editors_numbers_are_refused_in_the_readers_language(language):
    """A window larger than X, or a dL/dY of another shape than Y: refused, next to its field,
    in the reader's language, with the shapes PyTorch has for them."""
    X = np.zeros((2, 3))
    with written_in(language):
        with pytest.raises(ValueError) as raised:
            steps.widgets(X, 3, 1, np.zeros((1, 1)))
        assert raised.value.argument == "window"
        found = said.read(say, "error.window-too-large", str(raised.value))
        assert (found["window"], found["shape"]) == ("3", str(X.shape))
        Y = F.max_pool2d(torch.zeros((1, 1, *X.shape)), 2, 1)[0, 0]
        dL_dY = np.zeros((Y.shape[0] + 1, Y.shape[1]))
        with pytest.raises(ValueError) as raised:
            steps.widgets(X, 2, 1, dL_dY)
        assert raised.value.argument == "dL_dY"
        found = said.read(say, "error.upstream-shape", str(raised.value))
        assert (found["expected"], found["shape"]) == (str(tuple(Y.shape)), str(dL_dY.shape))
