"""The built ReLU page shows exactly PyTorch's numbers, for whatever examples the lesson
declares: every matrix and every expansion, read back as the reader sees them."""

import re

import numpy as np
import pytest

from tests.lessons.activation.conftest import batch_oracle, dead_by_oracle, leaky_oracle, relu_oracle
from tests.support.page_math import Page, parse_call, parse_number, parse_products
from tests.support.shown import close
from tests.support.site import lesson, page_path

PAGE = page_path("classes/deep-learning/activation.md")
STEP = re.compile(r"\\mathbb\{1\}\[(.+) > 0\] \\cdot (.+)")

activation = lesson("activation")


@pytest.fixture(scope="module")
def page(built_site):
    return Page(built_site / PAGE)


def test_the_worked_example_is_pytorchs(page):
    X, dL_dY = np.asarray(activation.EXAMPLE_X, dtype=float), np.asarray(activation.EXAMPLE_DL_DY, dtype=float)
    Y, dL_dX = relu_oracle(X, dL_dY)
    for name, expected in [("X", X), ("Y", Y), ("dL/dY", dL_dY), ("dL/dX", dL_dX)]:
        assert close(page.matrix(name).flat, expected.flat), name

    forward = page.expansions("Y")
    assert set(forward) == set(np.ndindex(X.shape)), "one expansion per entry"
    for (i, j), (maximum, value) in forward.items():
        assert close(parse_call(maximum, "max"), [0, X[i, j]])
        assert close([parse_number(value)], [Y[i, j]])

    backward = page.expansions("dL/dX")
    assert set(backward) == set(np.ndindex(X.shape)), "one expansion per entry"
    for (i, j), (indicator, product, value) in backward.items():
        x, dy = STEP.fullmatch(indicator).groups()
        assert close([parse_number(x), parse_number(dy)], [X[i, j], dL_dY[i, j]])
        # The slope the gradient passes with: PyTorch's, the gradient of relu for dL/dY = 1.
        slope = relu_oracle([X[i, j]], [1.0])[1][0]
        assert close(parse_products(product), [(slope, dL_dY[i, j])])
        assert close([parse_number(value)], [dL_dX[i, j]])


def test_leaky_relu_on_the_worked_example_is_pytorchs(page):
    slope = activation.LEAKY_SLOPE
    Y, dL_dX = leaky_oracle(activation.EXAMPLE_X, activation.EXAMPLE_DL_DY, slope)
    assert close([page.scalar("leaky slope")], [slope])
    assert close(page.matrix("leaky Y").flat, Y.flat)
    assert close(page.matrix("leaky dL/dX").flat, dL_dX.flat)


def test_each_zero_of_x_is_explained_with_pytorchs_gradient(page):
    X, dL_dY = activation.worked_example()
    _, dL_dX = relu_oracle(X, dL_dY)
    sentences = page.soup.select("[data-zero]")
    zeros = {tuple(int(v) for v in s["data-zero"].split(",")) for s in sentences}
    assert zeros == {index for index, x in np.ndenumerate(X) if x == 0}
    for sentence in sentences:
        i, j = (int(v) for v in sentence["data-zero"].split(","))
        assert dL_dX[i, j] == 0
        assert re.search(rf"dL/dX\[{i},{j}\] = 0[,. (]", sentence.get_text())


def test_the_dead_units_are_pytorchs(page):
    Z, dL_dZ, dL_db = batch_oracle(activation.BATCH_XW, activation.BATCH_B, activation.BATCH_DL_DY)
    assert close(page.matrix("batch b").flat, activation.BATCH_B)
    assert close(page.matrix("batch Z").flat, Z.flat)
    assert close(page.matrix("batch dL/dY").flat, np.ravel(activation.BATCH_DL_DY))
    assert close(page.matrix("batch dL/dZ").flat, dL_dZ.flat)
    assert close(page.matrix("batch dL/db").flat, dL_db.flat)
    verdict = page.soup.select("[data-dead]")
    assert len(verdict) == 1
    shown = [int(d) for d in verdict[0]["data-dead"].split(",") if d]
    dead = dead_by_oracle(Z)
    assert shown == dead
    for d in dead:
        assert not dL_dZ[:, d].any() and dL_db[d] == 0, "a dead unit gets nothing, whatever dL/dY is"


def test_page_shows_the_lessons_code(page):
    code = [code for code in page.code_blocks() if "def relu_backward(" in code]
    assert len(code) == 1, "one block shows the lesson's code"
    assert code[0].strip() == open(activation.__file__, encoding="utf-8").read().strip()


def test_page_links_the_convolutional_lesson(page):
    assert page.soup.select_one('article a[href="../convolutional/"]')
