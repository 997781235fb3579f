"""dense_site/steps.py: what the walkthroughs show, read back as the reader reads it, in each
language of the site, against PyTorch: each output's products and value, each sample's
dL/dx, and dL/dW and dL/db as they add up over the batch. The sentences are read by their
templates (tests/support/said.py), so the Portuguese ones are checked like the English."""

import numpy as np
import pytest
from hypothesis import given, settings

from tests.lessons.dense.conftest import linear_oracle
from tests.lessons.dense.test_dense_against_pytorch import layers
from tests.support import said, text_numbers
from tests.support.said import Words, written_in
from tests.support.shown import close
from tests.support.site import lesson

dense, steps = lesson("dense"), lesson("dense_site.steps")
words = Words("dense_site")


def example():
    """The lesson's example as the editor hands it over: b as one row."""
    X, W, b, dL_dY = dense.worked_example()
    return X, W, b[None], dL_dY


def matrix(panel):
    return np.array(text_numbers.matrix(panel["cells"]))


def vector(text, language):
    """'[1, −0.5]' (pt-BR: '[1; −0,5]') -> [1, -0.5]."""
    assert text.startswith("[") and text.endswith("]"), text
    return text_numbers.listing(text[1:-1], language)


def rows(text, language):
    """'[1, 2]; [3, 4]' -> [[1, 2], [3, 4]]: a matrix as the walkthrough writes it, row by row."""
    return [vector(f"[{row}]", language) for row in text[1:-1].split("]; [")]


def check_walkthroughs(X, W, b, dL_dY, language):
    Y, dL_dX, dL_dW, dL_db = linear_oracle(X, W, b, dL_dY)
    forward = steps.forward_walkthrough(X, W, b)["steps"]
    assert len(forward) == Y.size
    for step, (n, j) in zip(forward, np.ndindex(Y.shape)):
        x_panel, w_panel, b_panel, y_panel = step["panels"]
        assert x_panel["window"] == [n, 0, 1, X.shape[1]] and w_panel["window"] == [j, 0, 1, W.shape[1]]
        assert b_panel["current"] == [0, j] and y_panel["current"] == [n, j]
        read = said.read(words, "step.forward.output", step["sentence"])
        assert (int(read["n"]), int(read["j"])) == (n, j)
        # the sum read whole: where the products end and the bias starts, the template cannot tell
        terms = text_numbers.products(f"{read['products']} + {read['bias']}")
        assert [len(term) for term in terms] == [2] * X.shape[1] + [1]
        expected = [v for k in range(X.shape[1]) for v in (X[n, k], W[j, k])] + [b[j]]
        assert close([v for term in terms for v in term], expected)
        assert close([text_numbers.number(read["value"])], [Y[n, j]])
        assert close([text_numbers.number(y_panel["cells"][n][j])], [Y[n, j]])
    backward = steps.backward_walkthrough(X, W, dL_dY)["steps"]
    assert len(backward) == X.shape[0]
    for n, step in enumerate(backward):
        dy_panel, x_panel, dx_panel, dw_panel, db_panel = step["panels"]
        assert dy_panel["window"] == [n, 0, 1, dL_dY.shape[1]] and x_panel["window"] == [n, 0, 1, X.shape[1]]
        assert close(text_numbers.matrix([dx_panel["cells"][n]])[0], dL_dX[n])
        dW_so_far, db_so_far = dL_dY[:n + 1].T @ X[:n + 1], dL_dY[:n + 1].sum(axis=0)  # the samples so far
        assert close(matrix(dw_panel).flat, dW_so_far.flat)
        assert close(matrix(db_panel).flat, db_so_far)
        read = said.read(words, "step.backward.sample", step["sentence"])
        assert int(read["n"]) == n
        assert close(vector(read["dL_dy"], language), dL_dY[n])
        assert close(vector(read["dL_dx"], language), dL_dX[n])
        assert close(np.ravel(rows(read["dL_dW"], language)), dW_so_far.flat)
        assert close(vector(read["dL_db"], language), db_so_far)
    assert close(matrix(backward[-1]["panels"][3]).flat, dL_dW.flat)
    assert close(matrix(backward[-1]["panels"][4]).flat, dL_db.flat)


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_walkthroughs_of_the_lessons_example(language):
    with written_in(language):
        check_walkthroughs(*dense.worked_example(), language)


@pytest.mark.parametrize("language", said.LANGUAGES)
@settings(max_examples=100, deadline=None)
@given(layers())
def test_walkthroughs_of_random_batches(language, layer):
    with written_in(language):
        check_walkthroughs(*layer, language)


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_the_walkthroughs_titles_and_running_totals_are_the_catalogs(language):
    with written_in(language):
        shown = steps.widgets(*example())["walkthroughs"]
        assert shown["forward"]["title"] == words("walkthrough.forward")
        assert shown["backward"]["title"] == words("walkthrough.backward")
        titles = [panel["title"] for panel in shown["backward"]["steps"][0]["panels"][3:]]
        assert [said.read(words, "panel.so-far", title)["gradient"] for title in titles] == ["dL/dW", "dL/db"]


def test_widgets_take_b_as_one_row():
    assert set(steps.widgets(*example())["walkthroughs"]) == {"forward", "backward"}


def refused(**changed):
    """The InputError steps.widgets raises for the example with `changed` arguments."""
    arguments = dict(zip(("X", "W", "b", "dL_dY"), example()), **changed)
    with pytest.raises(ValueError) as raised:
        steps.widgets(**arguments)
    return raised.value


def shape(*sizes):
    return str(tuple(sizes))


def test_the_editors_refusals_say_what_dense_py_says():
    """In English, the editor words dense.py's own shape checks as dense.py does."""
    X, W, b, dL_dY = dense.worked_example()
    N, (n_out, n_in) = X.shape[0], W.shape
    wider_W, longer_b, wider_dL_dY = np.ones((n_out, n_in + 1)), np.ones(n_out + 1), np.ones((N, n_out + 1))
    cases = [({"W": wider_W}, lambda: dense.dense_forward(X, wider_W, b)),
             ({"b": longer_b[None]}, lambda: dense.dense_forward(X, W, longer_b)),
             ({"dL_dY": wider_dL_dY}, lambda: dense.dense_backward(wider_dL_dY, X, W))]
    with written_in("en"):
        for changed, call in cases:
            with pytest.raises(ValueError) as theirs:
                call()
            ours = refused(**changed)
            assert (ours.argument, str(ours)) == (theirs.value.argument, str(theirs.value))


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_the_editors_refusals_name_their_field_in_the_pages_language(language):
    X, W, _, _ = dense.worked_example()
    N, (n_out, n_in) = X.shape[0], W.shape
    cases = [  # (the arguments changed, the argument refused, its template, what the template says)
        ({"W": np.ones((n_out, n_in + 1))}, "W", "error.w-shape",
         {"features": str(n_in), "shape": shape(n_out, n_in + 1)}),
        ({"b": np.ones((2, n_out))}, "b", "error.b-one-row", {"rows": "2"}),
        ({"b": np.ones((1, n_out + 1))}, "b", "error.b-shape", {"outputs": str(n_out), "shape": shape(n_out + 1)}),
        ({"dL_dY": np.ones((N, n_out + 1))}, "dL_dY", "error.dl-dy-shape",
         {"expected": shape(N, n_out), "shape": shape(N, n_out + 1)}),
    ]
    with written_in(language):
        for changed, argument, key, expected in cases:
            error = refused(**changed)
            assert error.argument == argument
            assert said.read(words, key, str(error)) == expected
