"""The dense page in Chromium: the editor recomputes both walkthroughs for new numbers, and
the lesson's own shape checks come back by the field they name."""

from tests.browser.widgets import recompute, step_count, walkthrough

PAGE = "/classes/deep-learning/dense/"


def test_the_editor_recomputes_and_explains_shapes_by_their_field(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGE)
    form = page.locator('.number-editor[data-group="dense"]')
    originals = {name: form.locator(f"#dense-{name}").input_value() for name in ("X", "W", "b", "dL_dY")}
    new = {"X": "1 2\n3 4\n5 6", "W": "1 0\n0 1\n1 1\n2 −1", "b": "0 1 2 3", "dL_dY": "1 0 0 1\n0 1 1 0\n1 1 1 1"}
    for name, text in new.items():
        form.locator(f"#dense-{name}").fill(text)
    assert recompute(form).startswith("Recomputed"), form.locator(".number-editor-error").all_text_contents()
    assert step_count(walkthrough(page, "dense", "forward")) == 3 * 4
    assert step_count(walkthrough(page, "dense", "backward")) == 3
    cases = [  # (what the reader types, the field whose message it gets, part of the message)
        ({"W": "1 2 3"}, "W", "W must have one row per output and one column per feature of X (2)"),
        ({"b": "1 2\n3 4"}, "b", "b must be one row"),
        ({"b": "1 2"}, "b", "b must have one entry per output, 4"),
        ({"dL_dY": "1 2 3 4"}, "dL_dY", "dL/dY must have the shape of the output Y, (3, 4)"),
    ]
    for typed, field, message in cases:
        for name, text in typed.items():
            form.locator(f"#dense-{name}").fill(text)
        assert recompute(form).startswith("Not recomputed: see the message by the field")
        assert message in form.locator(f"#dense-{field}-error").text_content()
        for name, text in new.items():
            form.locator(f"#dense-{name}").fill(text)
    form.locator(".number-editor-restore").click()
    assert {name: form.locator(f"#dense-{name}").input_value() for name in originals} == originals
    watched.check()
