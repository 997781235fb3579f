"""The built dense page shows exactly PyTorch's numbers, for whatever example the lesson
declares: every matrix and every expansion, read back as the reader sees them, in each edition."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.conftest import built_page
from tests.lessons.dense.conftest import linear_oracle
from tests.support.page_math import parse_number, parse_products
from tests.support.shown import close
from tests.support.site import lesson, page_path

dense = lesson("dense")


@pytest.fixture(scope="module")
def page(built_site, edition):
    return built_page(built_site, edition, page_path("classes/deep-learning/dense.md"))


def check_sums(page, name, expected_terms, value):
    """Each expansion of `name`: its terms are expected_terms(index), its value value[index]."""
    found = page.expansions(name)
    assert set(found) == set(np.ndindex(value.shape)), f"one expansion per entry of {name}"
    for index, (terms, total) in found.items():
        shown = parse_products(terms)
        assert [len(term) for term in shown] == [len(term) for term in expected_terms(index)], (name, index)
        assert close([v for term in shown for v in term], [v for term in expected_terms(index) for v in term]), \
            (name, index)
        assert close([parse_number(total)], [value[index]]), (name, index)


def test_the_batch_shows_pytorchs_numbers(page):
    X, W, b, dL_dY = dense.worked_example()
    Y, dL_dX, dL_dW, dL_db = linear_oracle(X, W, b, dL_dY)
    for name, expected in [("X", X), ("W", W), ("b", b), ("dL/dY", dL_dY), ("Y", Y), ("dL/dX", dL_dX),
                           ("dL/dW", dL_dW), ("dL/db", dL_db)]:
        assert close(page.matrix(name).flat, expected.flat), name
    N, n_in = X.shape
    n_out = W.shape[0]
    check_sums(page, "Y", lambda i: [(X[i[0], k], W[i[1], k]) for k in range(n_in)] + [(b[i[1]],)], Y)
    check_sums(page, "dL/dX", lambda i: [(dL_dY[i[0], j], W[j, i[1]]) for j in range(n_out)], dL_dX)
    check_sums(page, "dL/dW", lambda i: [(dL_dY[n, i[0]], X[n, i[1]]) for n in range(N)], dL_dW)
    check_sums(page, "dL/db", lambda i: [(dL_dY[n, i[0]],) for n in range(N)], dL_db)


def test_one_sample_shows_pytorchs_numbers(page):
    X, W, b, dL_dY = dense.worked_example()
    Y, dL_dX, dL_dW, dL_db = linear_oracle(X[:1], W, b, dL_dY[:1])
    y, dL_dx = Y[0], dL_dX[0]
    x, dL_dy = X[0], dL_dY[0]
    for name, expected in [("x", x), ("y", y), ("dL/dy", dL_dy), ("dL/dx", dL_dx),
                           ("dL/dW (one sample)", dL_dW), ("dL/db (one sample)", dL_db)]:
        assert close(page.matrix(name).flat, np.ravel(expected)), name
    check_sums(page, "y", lambda i: [(W[i[0], k], x[k]) for k in range(x.size)] + [(b[i[0]],)], y)
    check_sums(page, "dL/dx", lambda i: [(W[j, i[0]], dL_dy[j]) for j in range(W.shape[0])], dL_dx)
    check_sums(page, "dL/dW (one sample)", lambda i: [(dL_dy[i[0]], x[i[1]])], dL_dW)


def test_the_one_by_one_convolution_is_pytorchs_conv2d(page):
    """The page's 1×1 convolution equals PyTorch's conv2d with W's rows as 1×1 kernels, and Y."""
    X, W, b, _ = dense.worked_example()
    conv = F.conv2d(torch.tensor(X)[:, :, None, None], torch.tensor(W)[:, :, None, None], torch.tensor(b))
    shown = page.matrix("Y (1×1 convolution)")
    assert close(shown.flat, conv[:, :, 0, 0].numpy().flat)
    assert close(shown.flat, linear_oracle(X, W, b, np.zeros((X.shape[0], W.shape[0])))[0].flat)


def test_page_shows_the_lessons_code(page):
    code = [code for code in page.code_blocks() if "def dense_backward(" in code]
    assert len(code) == 1, "one block shows the lesson's code"
    assert code[0].strip() == open(dense.__file__, encoding="utf-8").read().strip()


def test_page_links_the_convolution_lesson(page):
    assert page.soup.select_one('article a[href="../convolutional/"]')
