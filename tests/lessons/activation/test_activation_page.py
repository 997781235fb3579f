"""The ReLU page shows exactly PyTorch's numbers, for whatever examples the lesson
declares: every matrix, every expansion and every sentence, read back as the reader sees
them, on the built page of each edition and in the cards as cards.py writes them in each language
the site is written in (its sentences read by the lesson's templates)."""

import re

import numpy as np
import pytest
from bs4 import BeautifulSoup

from tests.conftest import EDITIONS, built_page
from tests.lessons.activation.conftest import batch_oracle, dead_by_oracle, leaky_oracle, relu_oracle
from tests.support import said
from tests.support.page_math import Page, parse_call, parse_number, parse_products
from tests.support.said import written_in
from tests.support.shown import close
from tests.support.site import lesson, page_path
from tests.support.text_numbers import number

PAGE = page_path("classes/deep-learning/activation.md")
STEP = re.compile(r"\\mathbb\{1\}\[(.+) > 0\] \\cdot (.+)")

activation, cards = lesson("activation"), lesson("activation_site.cards")
WORDS = said.Words("activation_site")
CARDS = [cards.example.parameters, cards.example.forward, cards.example.upstream, cards.example.backward,
         cards.example.zeros, cards.example.leaky, cards.dead.batch, cards.dead.gradients, cards.dead.verdict]
"""What the page prints of the lesson's examples, in its order (activation.md)."""


@pytest.fixture(scope="module")
def built(built_site, edition):
    return built_page(built_site, edition, PAGE)


@pytest.fixture(scope="module", params=[*(("built", e) for e in EDITIONS), *(("cards", e) for e in said.LANGUAGES)],
                ids=lambda param: f"{param[0]} {getattr(param[1], 'language', param[1])}")
def page(request, tmp_path_factory):
    """The built page of an edition, else the cards alone as cards.py writes them in a
    language; its `language`, the one a test reads its sentences in."""
    kind, which = request.param
    if kind == "built":
        return built_page(request.getfixturevalue("built_site"), which, PAGE)
    with written_in(which):
        path = tmp_path_factory.mktemp("cards") / "cards.html"
        path.write_text("".join(card() for card in CARDS), encoding="utf-8")
    shown = Page(path)
    shown.language = which
    return shown


def soup(html):
    return BeautifulSoup(html, "html.parser")


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


def check_zeros(shown, X, dL_dY):
    """A sentence for each entry of X that is exactly 0 (`shown`: the HTML they are in), with
    PyTorch's dL/dX there; and dL/dY, where it is not 0 too (else: how to see them differ)."""
    _, dL_dX = relu_oracle(X, dL_dY)
    sentences = shown.select("[data-zero]")
    zeros = {tuple(int(v) for v in s["data-zero"].split(",")) for s in sentences}
    assert zeros == {index for index, x in np.ndenumerate(X) if x == 0}
    for sentence in sentences:
        i, j = (int(v) for v in sentence["data-zero"].split(","))
        key = "card.zero.stopped" if dL_dY[i, j] != 0 else "card.zero.upstream-zero"
        told = said.read(WORDS, key, sentence.get_text())
        assert (int(told["i"]), int(told["j"])) == (i, j)
        assert close([number(told["dx"])], [dL_dX[i, j]])
        if dL_dY[i, j] != 0:
            assert close([number(told["dy"])], [dL_dY[i, j]])


def check_verdict(shown, Z):
    """The batch's dead units, PyTorch's, named in the sentence, with the batch's size."""
    verdict = shown.select("[data-dead]")
    assert len(verdict) == 1
    dead = dead_by_oracle(Z)
    assert [int(d) for d in verdict[0]["data-dead"].split(",") if d] == dead
    N, D = Z.shape
    if dead:
        told = said.read(WORDS, "card.dead", verdict[0].get_text())
        units = [said.read(WORDS, "card.dead-unit", name)["unit"] for name in told["names"].split(", ")]
        assert [int(unit) for unit in units] == dead
    else:
        told = said.read(WORDS, "card.none-dead", verdict[0].get_text())
        assert int(told["units"]) == D
    assert int(told["samples"]) == N


def test_each_zero_of_x_is_explained_with_pytorchs_gradient(page):
    with written_in(page.language):
        check_zeros(page.soup, *activation.worked_example())


def test_the_dead_units_are_pytorchs(page):
    Z, dL_dZ, dL_db = batch_oracle(activation.BATCH_XW, activation.BATCH_B, activation.BATCH_DL_DY)
    assert close(page.matrix("batch b").flat, activation.BATCH_B)
    assert close(page.matrix("batch Z").flat, Z.flat)
    assert close(page.matrix("batch dL/dY").flat, np.ravel(activation.BATCH_DL_DY))
    assert close(page.matrix("batch dL/dZ").flat, dL_dZ.flat)
    assert close(page.matrix("batch dL/db").flat, dL_db.flat)
    with written_in(page.language):
        check_verdict(page.soup, Z)
    for d in dead_by_oracle(Z):
        assert not dL_dZ[:, d].any() and dL_db[d] == 0, "a dead unit gets nothing, whatever dL/dY is"


@pytest.mark.parametrize("language", said.LANGUAGES)
def test_the_cards_other_sentences_are_pytorchs(language):
    """On other numbers than the lesson's: a 0 of X where dL/dY is 0 too, an X with no 0,
    a batch with no dead unit."""
    X, dL_dY = np.array([[0.0, -1, 2], [0, 0.5, 0]]), np.array([[0.0, 1, -2], [1.5, 0, -3]])
    alive = np.array([[1.0, -2], [-0.5, 0], [0, 3]])
    cards = lesson("activation_site.cards")  # as imported now: another test may have made the lessons anew
    with written_in(language):
        check_zeros(soup(cards.ReluExample(X, dL_dY).zeros()), X, dL_dY)
        said.read(WORDS, "card.no-zero", soup(cards.ReluExample(X + 5, dL_dY).zeros()).get_text())
        check_verdict(soup(cards.DeadUnits(alive, np.ones_like(alive), b=np.zeros(2)).verdict()), alive)


def test_page_shows_the_lessons_code(built):
    code = [code for code in built.code_blocks() if "def relu_backward(" in code]
    assert len(code) == 1, "one block shows the lesson's code"
    assert code[0].strip() == open(activation.__file__, encoding="utf-8").read().strip()


def test_page_links_the_convolutional_lesson(built):
    assert built.soup.select_one('article a[href="../convolutional/"]')
