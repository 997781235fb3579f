"""The built convolution page shows exactly the oracle's numbers, for whatever example the
lesson declares: every matrix and every expansion, read back as the reader sees them."""

import json

import numpy as np
import pytest

from tests.conftest import built_page
from tests.support import text_numbers
from tests.support.oracle import channels_oracle, conv_oracle
from tests.support.shown import close
from tests.support.page_math import parse_number, parse_products
from tests.support.site import page_path

PAGE = page_path("classes/deep-learning/convolutional.md")
SHOWN = dict(rtol=1e-5, atol=1e-9)  # the page shows 6 significant digits


@pytest.fixture(scope="module")
def page(built_site, edition):
    return built_page(built_site, edition, PAGE)


def window_at(A, i, j, shape):
    return A[i:i + shape[0], j:j + shape[1]]


def check_page_against_oracle(page, X, K, b, dL_dY):
    """Every result the page shows equals PyTorch's; every expansion multiplies the right
    numbers (taken here with the test's own slicing) and adds up to its stated value."""
    Y, dL_dX, dL_dK, dL_db = conv_oracle(X, K, b, dL_dY)
    X, K, dL_dY = (np.asarray(v, dtype=float) for v in (X, K, dL_dY))
    np.testing.assert_allclose(page.matrix("X"), X, **SHOWN)
    np.testing.assert_allclose(page.matrix("K"), K, **SHOWN)
    assert page.scalar("b") == pytest.approx(b, rel=1e-5)
    np.testing.assert_allclose(page.matrix("dL/dY"), dL_dY, **SHOWN)
    for name, expected in [("Y", Y), ("dL/dX", dL_dX), ("dL/dK", dL_dK)]:
        np.testing.assert_allclose(page.matrix(name), expected, **SHOWN, err_msg=name)

    kH, kW = K.shape
    padded = np.pad(dL_dY, ((kH - 1, kH - 1), (kW - 1, kW - 1)))
    rotated = np.rot90(K, 2)
    np.testing.assert_allclose(page.matrix("rot180(K)"), rotated, **SHOWN)
    np.testing.assert_allclose(page.matrix("padded dL/dY"), padded, **SHOWN)
    cases = [
        ("Y", Y, lambda i, j: (window_at(X, i, j, K.shape), K), b),
        ("dL/dX", dL_dX, lambda i, j: (window_at(padded, i, j, K.shape), rotated), None),
        ("dL/dK", dL_dK, lambda i, j: (window_at(X, i, j, dL_dY.shape), dL_dY), None),
    ]
    for name, expected, factors, bias in cases:
        expansions = page.expansions(name)
        assert set(expansions) == set(np.ndindex(expected.shape)), f"{name}: one expansion per entry"
        for (i, j), (products, value) in expansions.items():
            A, B = factors(i, j)
            wanted = [(a, k) for a, k in zip(A.flat, B.flat)] + ([(bias,)] if bias is not None else [])
            assert close(parse_products(products), wanted), f"{name}[{i},{j}] multiplies"
            assert parse_number(value) == pytest.approx(expected[i, j], **{"rel": 1e-5, "abs": 1e-9}), \
                f"{name}[{i},{j}] value"

    terms, total = page.result("dL/db").split("=")[1:]
    assert [parse_number(t) for t in terms.split(" + ")] == pytest.approx(list(dL_dY.flat), rel=1e-5)
    assert parse_number(total) == pytest.approx(dL_db, rel=1e-5, abs=1e-9)


def check_channels_against_oracle(page, X, W, b):
    """The example of channels and filters, as the page lists it."""
    X, W, b = (np.asarray(v, dtype=float) for v in (X, W, b))
    for c in range(X.shape[0]):
        np.testing.assert_allclose(page.matrix(f"channels X[{c}]"), X[c], **SHOWN)
    for f, c in np.ndindex(W.shape[:2]):
        np.testing.assert_allclose(page.matrix(f"channels W[{f},{c}]"), W[f, c], **SHOWN)
    np.testing.assert_allclose(page.matrix("channels b"), b[None], **SHOWN)
    walk = json.loads(page.soup.select_one('.walkthrough[data-walkthrough="channels"]')["data-json"])
    Y = channels_oracle(X, W, b)
    assert len(walk["steps"]) == Y.size
    feature_maps = walk["steps"][-1]["rows"][-1]["panels"]
    for f, panel in enumerate(feature_maps):
        np.testing.assert_allclose(text_numbers.matrix(panel["cells"]), Y[f], **SHOWN)


def test_page_shows_the_oracles_numbers(page, conv):
    check_page_against_oracle(page, *conv.worked_example())
    check_channels_against_oracle(page, conv.CHANNELS_X, conv.CHANNELS_W, conv.CHANNELS_B)


def test_page_shows_the_lessons_code(page, conv):
    code = [code for code in page.code_blocks() if "def conv_backward(dL_dY, X, K):" in code]
    assert len(code) == 1, "one block shows the lesson's code"
    assert code[0].strip() == open(conv.__file__, encoding="utf-8").read().strip()


def test_page_links_the_next_lesson(page):
    assert page.soup.select_one('article a[href="../pooling/"]'), "the page links the pooling lesson"
