"""The built lesson page shows exactly the oracle's numbers, and follows its one source."""

import shutil

import numpy as np
import pytest

from tests.conftest import LESSON_PAGE, ROOT, build_site, set_example
from tests.oracle import conv_oracle
from tests.page_math import Page, parse_number


@pytest.fixture(scope="module")
def page(built_site):
    return Page(built_site / LESSON_PAGE)


def window(A, i, j, shape):
    return A[i:i + shape[0], j:j + shape[1]]


def check_page_against_oracle(page, X, K, b, dL_dY):
    """Every result the page shows equals PyTorch's; every expansion multiplies the right
    numbers (taken here with the test's own slicing) and adds up to its stated value."""
    Y, dL_dX, dL_dK, dL_db = conv_oracle(X, K, b, dL_dY)
    X, K, dL_dY = (np.asarray(v, dtype=float) for v in (X, K, dL_dY))
    np.testing.assert_array_equal(page.matrix("X"), X)
    np.testing.assert_array_equal(page.matrix("K"), K)
    assert parse_number(page.result("b").split("=")[1]) == b
    np.testing.assert_array_equal(page.matrix("dL/dY"), dL_dY)
    for name, expected in [("Y", Y), ("dL/dX", dL_dX), ("dL/dK", dL_dK)]:
        np.testing.assert_allclose(page.matrix(name), expected, rtol=1e-9, atol=1e-12, err_msg=name)

    kH, kW = K.shape
    padded = np.pad(dL_dY, ((kH - 1, kH - 1), (kW - 1, kW - 1)))
    rotated = np.rot90(K, 2)
    np.testing.assert_array_equal(page.matrix("rot180(K)"), rotated)
    np.testing.assert_array_equal(page.matrix("padded dL/dY"), padded)
    cases = [
        ("Y", Y, lambda i, j: (window(X, i, j, K.shape), K), b),
        ("dL/dX", dL_dX, lambda i, j: (window(padded, i, j, K.shape), rotated), None),
        ("dL/dK", dL_dK, lambda i, j: (window(X, i, j, dL_dY.shape), dL_dY), None),
    ]
    for name, expected, factors, bias in cases:
        expansions = page.expansions(name)
        assert set(expansions) == set(np.ndindex(expected.shape)), f"{name}: one expansion per entry"
        for (i, j), (products, value) in expansions.items():
            A, B = factors(i, j)
            wanted = [(a, k) for a, k in zip(A.flat, B.flat)] + ([(bias,)] if bias is not None else [])
            assert products == wanted, f"{name}[{i},{j}] multiplies the wrong numbers"
            assert np.isclose(sum(np.prod(p) for p in products), value, rtol=1e-9), f"{name}[{i},{j}] sum"
            assert np.isclose(value, expected[i, j], rtol=1e-9, atol=1e-12), f"{name}[{i},{j}] value"

    terms, total = page.result("dL/db").split("=")[1:]
    assert [parse_number(t) for t in terms.split(" + ")] == list(dL_dY.flat)
    assert np.isclose(parse_number(total), dL_db)


def test_page_shows_the_oracles_numbers(page, conv):
    check_page_against_oracle(page, *conv.worked_example())


def test_page_fixes_the_seeds_wrong_numbers(page):
    """The seed page claimed Y = [[3, 3], [-1, -1]]; the right answer is on the page."""
    assert not np.array_equal(page.matrix("Y"), [[3, 3], [-1, -1]])
    np.testing.assert_array_equal(page.matrix("Y"), [[3, 4], [6, 7]])


def lesson_code_block(page):
    """The code of the page's block that holds convolutional.py."""
    blocks = [b.get_text() for b in page.soup.select(".pyodide-block .pyodide-code")]
    found = [code for code in blocks if "def conv_backward(dL_dY, X, K):" in code]
    assert len(found) == 1, "one block shows the lesson's code"
    return found[0]


def test_page_shows_the_lessons_code(page):
    code = lesson_code_block(page)
    source = (ROOT / "docs/classes/deep-learning/convolutional.py").read_text()
    assert code.strip() == source.strip()


def test_changing_the_example_in_one_place_changes_the_page(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    new = dict(EXAMPLE_X=[[2, 0, 1, -1], [1.5, 3, 0, 2], [0, 1, 4, 1], [-2, 1, 0, 3]],
               EXAMPLE_K=[[0.5, 1, 0], [1, -1, 2]], EXAMPLE_B=-2,
               EXAMPLE_DL_DY=[[1, -1], [0.25, 2], [0, 1]])
    lesson = project / "docs/classes/deep-learning/convolutional.py"
    lesson.write_text(set_example(lesson.read_text(), **new))

    page = Page(build_site(project, tmp_path / "site") / LESSON_PAGE)
    check_page_against_oracle(page, new["EXAMPLE_X"], new["EXAMPLE_K"], new["EXAMPLE_B"], new["EXAMPLE_DL_DY"])
    assert "EXAMPLE_B = -2" in lesson_code_block(page)
