"""The convolution page's widgets in real Chromium: every step of every walkthrough read off
the screen and compared with PyTorch (and with steps.py in CPython), the channels and
filters walkthrough, the controls, the keyboard, the aria-live sentence, the number editor
and its messages; expectations from the lesson's declared examples, never today's numbers."""

import re

import numpy as np
import pytest

from coursekit.page import numbers
from tests.browser.widgets import read_number, recompute, step_count, walkthrough
from tests.support.browser import open_page, save_screenshot
from tests.support.oracle import channels_oracle, conv_oracle, forward_oracle
from tests.support.site import lesson

PAGE = "/classes/deep-learning/convolutional/"
conv, steps = lesson("convolutional"), lesson("convolutional_site.steps")


def panel_cells(walk, index, selector="td"):
    return [read_number(t) for t in walk.locator(".walkthrough-panel").nth(index).locator(selector).all_text_contents()]


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
        assert panel_cells(walk, 0, "td.in-window") == pytest.approx(list(window.flat), rel=1e-5)
        assert panel_cells(walk, 2) == pytest.approx(list((window * np.asarray(K)).flat), rel=1e-5, abs=1e-9)
        assert read_number(walk.locator(".walkthrough-panel").nth(3).locator("td.current").text_content()) == \
            pytest.approx(Y[i, j], rel=1e-5, abs=1e-9)
        sentence = walk.locator(".walkthrough-sentence").text_content()
        assert sentence == expected[n]["sentence"]
        assert read_number(sentence.rsplit("= ", 1)[1]) == pytest.approx(Y[i, j], rel=1e-5, abs=1e-9)
        if n < Y.size - 1:
            walk.locator("button", has_text="Next").click()


def check_backward(page, X, K, dL_dY):
    _, dL_dX, dL_dK, dL_db = conv_oracle(X, K, 0, dL_dY)
    scatter = walkthrough(page, "convolution", "backward")
    expected = steps.backward_walkthrough(X, K, dL_dY)["steps"]
    assert step_count(scatter) == np.size(dL_dY)
    scatter.locator(".walkthrough-controls input[type=range]").fill("1")
    for n, (i, j) in enumerate(np.ndindex(np.shape(dL_dY))):
        current = scatter.locator(".walkthrough-panel").nth(0).locator("td.current").text_content()
        assert read_number(current) == pytest.approx(np.asarray(dL_dY, dtype=float)[i, j], rel=1e-5)
        assert scatter.locator(".walkthrough-sentence").text_content() == expected[n]["sentence"]
        if n < np.size(dL_dY) - 1:
            scatter.locator("button", has_text="Next").click()
    assert panel_cells(scatter, 2) == pytest.approx(list(dL_dX.flat), rel=1e-5, abs=1e-9)
    assert panel_cells(scatter, 5) == pytest.approx(list(dL_dK.flat), rel=1e-5, abs=1e-9)
    assert panel_cells(scatter, 6) == pytest.approx([dL_db], rel=1e-5, abs=1e-9)
    other = walkthrough(page, "convolution", "input_gradient")
    other.locator(".walkthrough-controls input[type=range]").fill(str(dL_dX.size))
    assert panel_cells(other, 3) == pytest.approx(list(dL_dX.flat), rel=1e-5, abs=1e-9)


def test_walkthroughs_work_with_python_blocked_and_match_the_oracle(watched, site_url):
    page = watched.page
    page.route("**/vendor/pyodide/**", lambda route: route.abort())
    page.goto(site_url + PAGE)
    X, K, b, dL_dY = conv.worked_example()
    check_forward(walkthrough(page, "convolution", "forward"), X, K, b)
    check_backward(page, X, K, dL_dY)
    assert watched.pyodide_requests() == []


def test_channels_walkthrough_read_off_the_screen_matches_conv2d(watched, site_url):
    """Every step: each channel's window and partial sum, the filter's bias and total, and
    the entry it fills in that filter's feature map, against PyTorch's conv2d."""
    page = watched.page
    page.goto(site_url + PAGE)
    X, W, b = (np.asarray(v, dtype=float) for v in (conv.CHANNELS_X, conv.CHANNELS_W, conv.CHANNELS_B))
    Y = channels_oracle(X, W, b)
    F, C, kH, kW = W.shape
    walk = walkthrough(page, "channels", "channels")
    walk.scroll_into_view_if_needed()
    assert step_count(walk) == Y.size
    for n, (f, i, j) in enumerate(np.ndindex(Y.shape)):
        rows = walk.locator(".walkthrough-row")
        assert rows.count() == C + 1
        for c in range(C):
            row = rows.nth(c)
            window = [read_number(t) for t in row.locator(".walkthrough-panel").nth(0).locator(
                "td.in-window").all_text_contents()]
            assert window == pytest.approx(list(X[c, i:i + kH, j:j + kW].flat), rel=1e-5)
            partial = np.sum(X[c, i:i + kH, j:j + kW] * W[f, c])
            assert read_number(row.locator(".walkthrough-row-caption").text_content().rsplit(": ", 1)[1]) == \
                pytest.approx(partial, rel=1e-5, abs=1e-9)
        maps = rows.nth(C).locator(".walkthrough-panel")
        assert read_number(maps.nth(f).locator("td.current").text_content()) == pytest.approx(Y[f, i, j], rel=1e-5,
                                                                                                abs=1e-9)
        sentence = walk.locator(".walkthrough-sentence").text_content()
        assert sentence.startswith(f"Y[{f},{i},{j}] = ")
        assert read_number(re.match(r"[^=]+= [^=]+ = (\S+)", sentence).group(1)) == pytest.approx(Y[f, i, j], rel=1e-5,
                                                                                                   abs=1e-9)
        if n == 1:
            save_screenshot(page, "walkthrough-channels-1280")
        if n < Y.size - 1:
            walk.locator("button", has_text="Next").click()
    last = walk.locator(".walkthrough-row").nth(C).locator(".walkthrough-panel")
    for f in range(F):
        cells = [read_number(t) for t in last.nth(f).locator("td").all_text_contents()]
        assert cells == pytest.approx(list(Y[f].flat), rel=1e-5, abs=1e-9)


def test_keyboard_and_screen_reader_sentence(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGE)
    X, K, b, _ = conv.worked_example()
    expected = [step["sentence"] for step in steps.forward_walkthrough(X, K, b)["steps"]]
    walk = walkthrough(page, "convolution", "forward")
    live = walk.locator(".walkthrough-sentence")
    assert live.get_attribute("aria-live") == "polite"
    walk.focus()
    page.keyboard.press("ArrowRight")
    assert live.text_content() == expected[1]
    page.keyboard.press("ArrowLeft")
    assert live.text_content() == expected[0]
    page.keyboard.press("End")
    assert walk.locator(".walkthrough-position").text_content() == f"Step {len(expected)} of {len(expected)}"
    assert live.text_content() == expected[-1]
    page.keyboard.press("Home")
    page.keyboard.press(" ")
    assert walk.locator("button[aria-pressed=true]").text_content() == "Pause"
    walk.locator(".walkthrough-position", has_text=f"Step 2 of {len(expected)}").wait_for(timeout=5000)
    page.keyboard.press(" ")
    assert walk.locator("button[aria-pressed=false]").text_content() == "Play"


def test_invalid_edits_are_explained_by_their_field_and_keep_the_last_valid_state(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGE)
    form = page.locator('.number-editor[data-group="convolution"]')
    walk = walkthrough(page, "convolution", "forward")
    before = walk.locator(".walkthrough-sentence").text_content()
    cases = [  # caught as the reader types, with no Python
        ("X", "1 2 x\n4 5 6\n7 8 9", 'X: in row 1, "x" is not a number'),
        ("X", "1 2 3\n4 5\n7 8 9", "X: row 2 has 2 entries, row 1 has 3; every row needs the same number"),
        ("X", "\n".join(["1"] * 9), "X: 9×1 is too large: here it can be at most 8×8"),
        ("b", "one", 'b: "one" is not a number: write, for instance, 3, −0.5 or 1/2'),
        ("b", "0.5 " * 40, f'b: "{"0.5 " * 5}0.5…" is not a number: write, for instance, 3, −0.5 or 1/2'),  # a paste, quoted short
        ("stride", "0", 'stride (forward): "0" is not a whole number from 1 to 8'),
        ("padding", "1.5", 'padding (forward): "1.5" is not a whole number from 0 to 8'),
    ]
    for field, text, message in cases:
        original = form.locator(f"#convolution-{field}").input_value()
        form.locator(f"#convolution-{field}").fill(text)
        assert recompute(form).startswith("Not recomputed")
        assert form.locator(f"#convolution-{field}-error").text_content() == message
        assert form.locator(f"#convolution-{field}").get_attribute("aria-invalid") == "true"
        assert form.locator(f"#convolution-{field}").input_value() == text, "what the reader typed stays"
        form.locator(f"#convolution-{field}").fill(original)
    # Errors only the lesson's Python knows of: its own ValueError, by the field it names.
    python_cases = [
        ({"X": "1 2\n3 4", "K": "1 1 1\n1 1 1"}, "K", "the kernel K (2, 3) is larger than the input X (2, 2)"),
        ({"X": "1 2\n3 4", "K": "1", "dL_dY": "1 2"}, "dL_dY",
         "dL/dY must have the shape of the output Y, (2, 2), but it has shape (1, 2)"),
    ]
    originals = {name: form.locator(f"#convolution-{name}").input_value() for name in ("X", "K", "dL_dY")}
    for typed, field, message in python_cases:
        for name, text in typed.items():
            form.locator(f"#convolution-{name}").fill(text)
        assert recompute(form).startswith("Not recomputed: see the message by the field")
        assert message in form.locator(f"#convolution-{field}-error").text_content()
        for name, text in typed.items():
            assert form.locator(f"#convolution-{name}").input_value() == text
        for name, text in originals.items():
            form.locator(f"#convolution-{name}").fill(text)
    assert walk.locator(".walkthrough-sentence").text_content() == before, "the last valid state stays"


def test_an_edited_example_recomputes_everything_and_restores(browser, site_url):
    X = [[2, 0, 1, -1], [1.5, 3, 0, 2], [0, 1, 4, 1], [-2, 1, 0, 3]]
    K = [[0.5, 1, 0], [1, -1, 2]]
    b, dL_dY = -2, [[1, -1], [0.25, 2], [0, 1]]
    for width, scheme in [(1280, "light"), (375, "dark")]:
        watched = open_page(browser, width=width, height=900, color_scheme=scheme)
        page = watched.page
        try:
            page.goto(site_url + PAGE)
            form = page.locator('.number-editor[data-group="convolution"]')
            originals = {name: form.locator(f"#convolution-{name}").input_value()
                         for name in ("X", "K", "b", "dL_dY", "stride", "padding")}
            original_steps = step_count(walkthrough(page, "convolution", "forward"))
            form.locator("#convolution-X").fill("\n".join(" ".join(str(v) for v in row) for row in X))
            form.locator("#convolution-K").fill("0.5 1 0; 1 \u22121 2")
            form.locator("#convolution-b").fill(str(b))
            form.locator("#convolution-dL_dY").fill("1, -1\n0.25, 2\n0, 1")
            form.locator("#convolution-stride").fill("2")
            form.locator("#convolution-padding").fill("1")
            assert recompute(form).startswith("Recomputed"), form.locator(".number-editor-error").all_text_contents()
            check_forward(walkthrough(page, "convolution", "forward"), X, K, b, stride=2, padding=1)
            check_backward(page, X, K, dL_dY)
            table = page.locator('.walkthrough-table[data-group="convolution"] tbody tr')
            Y = forward_oracle(X, K, b, 2, 1)
            outputs = [read_number(v) for v in table.locator("td:last-child").all_text_contents()]
            assert outputs == pytest.approx(list(Y.flat), rel=1e-5, abs=1e-9)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            walkthrough(page, "convolution", "forward").scroll_into_view_if_needed()
            save_screenshot(page, f"walkthrough-{width}-{scheme}")
            form.locator(".number-editor-restore").click()
            assert step_count(walkthrough(page, "convolution", "forward")) == original_steps
            assert {name: form.locator(f"#convolution-{name}").input_value() for name in originals} == originals
            watched.check()
        finally:
            page.context.close()


@pytest.mark.parametrize("width, scheme", [(1280, "dark"), (375, "light")])
def test_walkthrough_screenshots(browser, site_url, width, scheme):
    watched = open_page(browser, width=width, height=900, color_scheme=scheme)
    try:
        watched.page.goto(site_url + PAGE)
        walk = walkthrough(watched.page, "convolution", "backward")
        walk.locator("button", has_text="Next").click()
        walk.scroll_into_view_if_needed()
        assert watched.page.evaluate("document.documentElement.scrollWidth") <= width
        save_screenshot(watched.page, f"walkthrough-backward-{width}-{scheme}")
        channels = walkthrough(watched.page, "channels", "channels")
        channels.scroll_into_view_if_needed()
        assert watched.page.evaluate("document.documentElement.scrollWidth") <= width
        save_screenshot(watched.page, f"walkthrough-channels-{width}-{scheme}")
        watched.check()
    finally:
        watched.page.context.close()


@pytest.mark.parametrize("value", [1 / 3, -2.5e-7, -0.5, 1234567890.0, -7.0])
def test_a_number_shows_the_same_in_a_formula_and_in_text(watched, site_url, value):
    """KaTeX sets the LaTeX of a number (cards, expansions) with the characters its text form
    (walkthroughs, tables, editor) has: the same digits, the same minus sign."""
    page = watched.page
    page.goto(site_url + PAGE)
    page.wait_for_function("() => typeof katex !== 'undefined'")  # a function: the policy refuses eval
    shown = page.evaluate("tex => { const box = document.createElement('div'); katex.render(tex, box); "
                          "return box.querySelector('.katex-html').textContent; }", numbers.latex(value))
    text = numbers.text(value).translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "−0123456789")).replace(" ", "")
    assert shown.replace(" ", "") == text
