"""The walkthroughs in real Chromium: every step's numbers against CPython and PyTorch,
the controls, the keyboard, the aria-live sentence, the number editor and its messages."""

import numpy as np
import pytest

from coursekit.lesson_code import load_lesson_modules
from tests.browser.conftest import open_page, save_screenshot
from tests.conftest import LESSON_CODE
from tests.oracle import conv_oracle, forward_oracle

LESSON = "/classes/deep-learning/convolutional/"
conv, steps = load_lesson_modules(LESSON_CODE, LESSON_CODE.with_name("convolutional_steps.py"))


def number(text):
    return float(text.replace("\u2212", "-"))


def walkthrough(page, name):
    return page.locator(f'.walkthrough[data-walkthrough="{name}"]')


def panel_cells(walk, index, selector="td"):
    return [number(t) for t in walk.locator(".walkthrough-panel").nth(index).locator(selector).all_text_contents()]


def step_count(walk):
    return int(walk.locator(".walkthrough-position").text_content().rsplit(" ", 1)[1])


def check_forward(walk, X, K, b, stride=1, padding=0):
    """Step through every output: the outlined window, the products, Y's current cell and
    the sentence show what PyTorch computes, and CPython's steps say the same words."""
    Y = forward_oracle(X, K, b, stride, padding)
    padded = np.pad(np.asarray(X, dtype=float), padding)
    expected = steps.forward_walkthrough(X, K, b, stride, padding)["steps"]
    assert step_count(walk) == Y.size
    walk.locator(".walkthrough-controls input[type=range]").fill("1")
    for n, (i, j) in enumerate(np.ndindex(Y.shape)):
        kH, kW = np.shape(K)
        window = padded[i * stride:i * stride + kH, j * stride:j * stride + kW]
        assert panel_cells(walk, 0, "td.in-window") == list(window.flat)
        assert panel_cells(walk, 2) == pytest.approx(list((window * np.asarray(K)).flat))
        assert number(walk.locator(".walkthrough-panel").nth(3).locator("td.current").text_content()) == \
            pytest.approx(Y[i, j], rel=1e-5)
        sentence = walk.locator(".walkthrough-sentence").text_content()
        assert sentence == expected[n]["sentence"]
        assert number(sentence.rsplit("= ", 1)[1]) == pytest.approx(Y[i, j], rel=1e-5)
        if n < Y.size - 1:
            walk.locator("button", has_text="Next").click()


def check_backward(page, X, K, dY):
    _, dX, dK, db = conv_oracle(X, K, 0, dY)
    scatter = walkthrough(page, "backward")
    expected = steps.backward_walkthrough(X, K, dY)["steps"]
    assert step_count(scatter) == np.size(dY)
    scatter.locator(".walkthrough-controls input[type=range]").fill("1")
    for n, (i, j) in enumerate(np.ndindex(np.shape(dY))):
        assert number(scatter.locator(".walkthrough-panel").nth(0).locator("td.current").text_content()) == dY[i][j]
        assert scatter.locator(".walkthrough-sentence").text_content() == expected[n]["sentence"]
        if n < np.size(dY) - 1:
            scatter.locator("button", has_text="Next").click()
    assert panel_cells(scatter, 2) == pytest.approx(list(dX.flat), abs=1e-9)
    assert panel_cells(scatter, 5) == pytest.approx(list(dK.flat), abs=1e-9)
    assert panel_cells(scatter, 6) == pytest.approx([db])
    other = walkthrough(page, "input_gradient")
    other.locator(".walkthrough-controls input[type=range]").fill(str(dX.size))
    assert panel_cells(other, 3) == pytest.approx(list(dX.flat), abs=1e-9)


def test_walkthroughs_work_with_python_blocked_and_match_the_oracle(watched, site_url):
    page = watched.page
    page.route("**/vendor/pyodide/**", lambda route: route.abort())
    page.goto(site_url + LESSON)
    X, K, b, dY = conv.worked_example()
    check_forward(walkthrough(page, "forward"), X, K, b)
    check_backward(page, X, K, dY)
    assert watched.pyodide_requests() == []


def test_keyboard_and_screen_reader_sentence(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    walk = walkthrough(page, "forward")
    live = walk.locator(".walkthrough-sentence")
    assert live.get_attribute("aria-live") == "polite"
    walk.focus()
    page.keyboard.press("ArrowRight")
    assert live.text_content() == "Y[0,1] = 2\u00b71 + 3\u00b70 + 5\u00b7(\u22121) + 6\u00b71 + 1 = 4"
    page.keyboard.press("ArrowLeft")
    assert live.text_content().startswith("Y[0,0] =")
    page.keyboard.press("End")
    assert walk.locator(".walkthrough-position").text_content() == "Step 4 of 4"
    page.keyboard.press("Home")
    page.keyboard.press(" ")
    assert walk.locator("button[aria-pressed=true]").text_content() == "Pause"
    walk.locator(".walkthrough-position", has_text="Step 2 of 4").wait_for(timeout=5000)
    page.keyboard.press(" ")
    assert walk.locator("button[aria-pressed=false]").text_content() == "Play"


def recompute(form):
    form.locator("button[type=submit]").click()
    status = form.locator(".walkthrough-editor-status")
    status.filter(has_text=__import__("re").compile("^(Recomputed|Not recomputed|Could not)")).wait_for(timeout=120_000)
    return status.text_content()


def test_invalid_edits_are_explained_by_their_field_and_keep_the_last_valid_state(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    form = page.locator(".walkthrough-editor")
    walk = walkthrough(page, "forward")
    before = walk.locator(".walkthrough-sentence").text_content()
    cases = [
        ("X", "1 2 x\n4 5 6\n7 8 9", 'X, row 1: "x" is not a number'),
        ("X", "1 2 3\n4 5\n7 8 9", "X: row 2 has 2 entries, row 1 has 3; every row needs the same number"),
        ("X", "\n".join(["1"] * 9), "X is 9×1: here it can be at most 8×8"),
        ("b", "one", 'b: "one" is not a number'),
    ]
    for field, text, message in cases:
        original = form.locator(f"#walkthrough-{field}").input_value()
        form.locator(f"#walkthrough-{field}").fill(text)
        assert recompute(form).startswith("Not recomputed")
        assert form.locator(f"#walkthrough-{field}-error").text_content() == message
        assert form.locator(f"#walkthrough-{field}").get_attribute("aria-invalid") == "true"
        assert form.locator(f"#walkthrough-{field}").input_value() == text, "what the reader typed stays"
        form.locator(f"#walkthrough-{field}").fill(original)
    # Errors only Python knows of: the lesson code's own ValueError, by the field it names.
    python_cases = [
        ("stride", "0", "the stride must be a whole number, at least 1, not 0"),
        ("K", "1 1 1 1\n1 1 1 1\n1 1 1 1\n1 1 1 1", "the kernel K (4, 4) is larger than the input X (3, 3)"),
    ]
    for field, text, message in python_cases:
        original = form.locator(f"#walkthrough-{field}").input_value()
        form.locator(f"#walkthrough-{field}").fill(text)
        assert recompute(form).startswith("Not recomputed")
        assert message in form.locator(f"#walkthrough-{field}-error").text_content()
        form.locator(f"#walkthrough-{field}").fill(original)
    assert walk.locator(".walkthrough-sentence").text_content() == before, "the last valid state stays"


def test_an_edited_example_recomputes_everything_and_restores(browser, site_url):
    for width, scheme in [(1280, "light"), (375, "dark")]:
        watched = open_page(browser, width=width, height=900, color_scheme=scheme)
        page = watched.page
        try:
            page.goto(site_url + LESSON)
            form = page.locator(".walkthrough-editor")
            X = [[2, 0, 1, -1], [1.5, 3, 0, 2], [0, 1, 4, 1], [-2, 1, 0, 3]]
            K = [[0.5, 1, 0], [1, -1, 2]]
            b, dY = -2, [[1, -1], [0.25, 2], [0, 1]]
            form.locator("#walkthrough-X").fill("\n".join(" ".join(str(v) for v in row) for row in X))
            form.locator("#walkthrough-K").fill("0.5 1 0; 1 -1 2")
            form.locator("#walkthrough-b").fill(str(b))
            form.locator("#walkthrough-dL_dY").fill("1, -1\n0.25, 2\n0, 1")
            form.locator("#walkthrough-stride").fill("2")
            form.locator("#walkthrough-padding").fill("1")
            assert recompute(form).startswith("Recomputed"), form.locator(".walkthrough-error").all_text_contents()
            check_forward(walkthrough(page, "forward"), X, K, b, stride=2, padding=1)
            check_backward(page, X, K, dY)
            table = page.locator(".walkthrough-table tbody tr")
            Y = forward_oracle(X, K, b, 2, 1)
            assert [number(v) for v in table.locator("td:last-child").all_text_contents()] == pytest.approx(list(Y.flat))
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            walkthrough(page, "forward").scroll_into_view_if_needed()
            save_screenshot(page, f"walkthrough-{width}-{scheme}")
            form.locator(".walkthrough-restore").click()
            assert walkthrough(page, "forward").locator(".walkthrough-position").text_content() == "Step 1 of 4"
            assert form.locator("#walkthrough-b").input_value() == "1"
            watched.check()
        finally:
            page.context.close()


@pytest.mark.parametrize("width, scheme", [(1280, "dark"), (375, "light")])
def test_walkthrough_screenshots(browser, site_url, width, scheme):
    watched = open_page(browser, width=width, height=900, color_scheme=scheme)
    try:
        watched.page.goto(site_url + LESSON)
        walk = walkthrough(watched.page, "backward")
        walk.locator("button", has_text="Next").click()
        walk.scroll_into_view_if_needed()
        assert watched.page.evaluate("document.documentElement.scrollWidth") <= width
        save_screenshot(watched.page, f"walkthrough-backward-{width}-{scheme}")
        watched.check()
    finally:
        watched.page.context.close()
