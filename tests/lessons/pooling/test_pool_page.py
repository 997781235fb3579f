"""The built pooling page shows exactly the oracle's numbers, for whatever examples the
lesson declares: every matrix and every expansion, read back as the reader sees them; its
sentences on ties, read by their templates, in every language the site is written in."""

import numpy as np
import pytest
from bs4 import BeautifulSoup

from tests.conftest import built_page
from tests.lessons.pooling.conftest import examples
from tests.support import said
from tests.support.oracle import max_positions, pool_oracle
from tests.support.page_math import parse_call, parse_fraction, parse_number, parse_products, parse_symbols
from tests.support.said import Words, written_in
from tests.support.shown import close
from tests.support.site import lesson, page_path
from tests.support.text_numbers import number as parse_text

PAGE = page_path("classes/deep-learning/pooling.md")
DL_DY = "\\partial L / \\partial Y"
say = Words("pooling_site")


@pytest.fixture(scope="module")
def page(built_site, edition):
    return built_page(built_site, edition, PAGE)


def check_example(page, prefix, X, window, stride, dL_dY, average=True):
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    Y, dL_dX = pool_oracle("max", X, window, stride, dL_dY)
    where = max_positions(X, window, stride)
    name = lambda n: prefix + n  # noqa: E731
    assert close(page.matrix(name("X")).flat, X.flat)
    assert close(page.matrix(name("dL/dY")).flat, dL_dY.flat)
    assert close(page.matrix(name("Y")).flat, Y.flat)
    assert close(page.matrix(name("dL/dX")).flat, dL_dX.flat)

    forward = page.expansions(name("Y"))
    assert set(forward) == set(np.ndindex(Y.shape)), "one expansion per output"
    for (i, j), (maximum, value) in forward.items():
        patch = X[stride * i:stride * i + window, stride * j:stride * j + window]
        assert close(parse_call(maximum, "max"), patch.flat), f"Y[{i},{j}] takes the max of its window"
        assert close([parse_number(value)], [Y[i, j]])

    routes = page.expansions(name("dL/dX"))
    receiving = {position for position in where.values()}
    assert set(routes) == receiving, "an expansion for each entry that receives a gradient, and no other"
    for (p, q), (symbols, values, total) in routes.items():
        windows = parse_symbols(symbols, DL_DY)
        assert sorted(windows) == sorted(index for index, position in where.items() if position == (p, q))
        assert close(parse_products(values), [(dL_dY[index],) for index in windows])
        assert close([parse_number(total)], [dL_dX[p, q]])

    if average:
        Y_average, dL_dX_average = pool_oracle("average", X, window, stride, dL_dY)
        assert close(page.matrix(name("Y (average)")).flat, Y_average.flat)
        assert close(page.matrix(name("dL/dX (average)")).flat, dL_dX_average.flat)
        for (i, j), (mean, value) in page.expansions(name("Y (average)")).items():
            values, count = parse_fraction(mean)
            patch = X[stride * i:stride * i + window, stride * j:stride * j + window]
            assert count == window ** 2 and close(values, patch.flat)
            assert close([parse_number(value)], [Y_average[i, j]])
        spread = page.expansions(name("dL/dX (average)"))
        for (p, q), (share, value) in spread.items():
            values, count = parse_fraction(share)
            windows = [(i, j) for i, j in np.ndindex(Y.shape)
                       if 0 <= p - stride * i < window and 0 <= q - stride * j < window]
            assert count == window ** 2 and close(values, [dL_dY[index] for index in windows])
            assert close([parse_number(value)], [dL_dX_average[p, q]])
        assert set(spread) == {(p, q) for p, q in np.ndindex(X.shape) if
                               any(0 <= p - stride * i < window and 0 <= q - stride * j < window
                                   for i, j in np.ndindex(Y.shape))}


def test_page_shows_the_oracles_numbers(page, pool):
    found = examples(pool)
    check_example(page, "", *found["worked"])
    check_example(page, "overlap ", *found["overlap"], average=False)


def check_ties(soup, X, window, stride, dL_dY):
    """The tie card (parsed HTML: the card, or the page that shows it), read by its templates
    in the language being written: one sentence per window whose maximum PyTorch finds tied,
    naming the tied entries, the one PyTorch gives the gradient to and that gradient; else
    the sentence that there is none."""
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    Y, _ = pool_oracle("max", X, window, stride, dL_dY)
    where = max_positions(X, window, stride)
    tied = {}
    for i, j in where:
        top, left = stride * i, stride * j
        patch = X[top:top + window, left:left + window]
        if np.sum(patch == Y[i, j]) > 1:
            tied[i, j] = [f"X[{top + r},{left + c}]" for r, c in np.argwhere(patch == Y[i, j])]
    sentences = soup.select("[data-tie]")
    assert {tuple(int(v) for v in s["data-tie"].split(",")) for s in sentences} == set(tied)
    if not tied:
        assert [p for p in soup.select("p") if p.get_text() == say("card.no-tie")]
    for sentence in sentences:
        index = tuple(int(v) for v in sentence["data-tie"].split(","))
        assert tuple(int(v) for v in sentence["data-position"].split(",")) == where[index]
        found = said.read(say, "card.tie", sentence.get_text())
        assert (int(found["i"]), int(found["j"])) == index and (int(found["p"]), int(found["q"])) == where[index]
        assert found["places"].split(", ") == tied[index] and int(found["count"]) == len(tied[index])
        assert close([parse_text(found["maximum"]), parse_text(found["gradient"])], [Y[index], dL_dY[index]])


def test_ties_name_the_entry_pytorch_picks(page, pool):
    with written_in(page.language):
        check_ties(page.soup, *pool.worked_example())


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_the_tie_cards_in_every_language(pool, language):
    cards = lesson("pooling_site.cards")
    with written_in(language):
        check_ties(BeautifulSoup(cards.example.ties(), "html.parser"), *pool.worked_example())
        check_ties(BeautifulSoup(cards.overlap.ties(), "html.parser"), *pool.overlap_example())


def test_page_shows_the_lessons_code(page, pool):
    code = [code for code in page.code_blocks() if "def max_pool_backward(" in code]
    assert len(code) == 1, "one block shows the lesson's code"
    assert code[0].strip() == open(pool.__file__, encoding="utf-8").read().strip()


def test_page_links_the_previous_lesson(page):
    assert page.soup.select_one('article a[href="../convolutional/"]')
