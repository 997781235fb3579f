"""axe-core on every page of the site, in both palettes, at desktop and phone width: no
violation of serious or critical impact; and again once the widgets have been used (what
they show only then: a walkthrough's later steps, a field's error, explanations, hints, a
solution, Python's output and errors), with what they say in words, not colour alone.

Pages are found in the built site (tests/browser/site_pages.py), so a new lesson is
checked without a list to update. No axe rule is turned off."""

import pytest

from coursekit import messages
from tests.browser import runner_page
from tests.browser.site_pages import PALETTES, WIDTHS, html_file, pages_with, palette_page, shown_palette, site_pages
from tests.support.axe import axe_script, described, settle, violations
from tests.support.site import DOCS

CATALOG = messages.catalog(DOCS)


def said_on(page):
    """The catalog of the page's language (its <html lang>): the words its widgets say."""
    return messages.catalog(DOCS, page.evaluate("document.documentElement.lang"))
WIDGETS = ('class="walkthrough"', 'class="number-editor"', 'class="exercise"', 'class="pyodide-block"')
PYTHON = 180_000  # ms: the first run waits for Python to start


def check(page, address, scheme, failures):
    """axe on the page as it is now; its violations, described, added to `failures`."""
    settle(page)
    shown_palette(page, scheme)
    found = violations(page)
    if found:
        failures.append(f"{address}:\n{described(found)}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", PALETTES)
def test_every_page_passes_axe(browser, offline_site, scheme, width):
    site, url = offline_site
    failures = []
    with palette_page(browser, scheme, width, axe_script()) as watched:
        for address in site_pages(site):
            watched.page.goto(url + address)
            check(watched.page, address, scheme, failures)
    assert not failures, f"axe, {scheme} palette, {width} px:\n" + "\n".join(failures)


def use_widgets(page):
    """Do, without Python, what makes the widgets show more: each walkthrough at its last
    step, a number editor given a wrong entry, each concept check answered, each code
    exercise's hints and solution shown, the practice summary opened."""
    for walk in page.locator(".walkthrough").all():
        walk.focus()
        page.keyboard.press("End")
    for form in page.locator(".number-editor").all():
        form.locator("textarea, input").first.fill("?")
        form.locator("button[type=submit]").click()
        error = form.locator(".number-editor-error").first
        assert error.text_content(), "a field's error is said in words"
        assert form.locator("textarea, input").first.get_attribute("aria-invalid") == "true"
    for choice in page.locator('.exercise[data-kind="choice"]').all():
        choice.locator(".exercise-option-button").first.click()
    hint = said_on(page)["practice.hint"].split("{")[0].strip()
    for code in page.locator('.exercise[data-kind="code"]').all():
        button = code.locator("button", has_text=hint)
        while button.is_visible() and button.is_enabled():
            button.click()
        solution = code.get_by_role("button", name=said_on(page)["practice.show-solution"])
        if solution.is_visible():  # after code of the reader's own was checked (with Python: below)
            solution.click()
    summary = page.locator(".practice-summary summary")
    if summary.count():
        summary.click()


def statuses_in_words(page):
    """A status is said in words, not by its colour alone: each answered exercise's badge and
    verdict, and the summary's status of each exercise; a walkthrough's marked cells are bold."""
    for exercise in page.locator(".exercise[data-status]").all():
        status = exercise.get_attribute("data-status")
        assert exercise.locator(".exercise-badge").text_content() == said_on(page)[f"practice.status.{status}"]
        verdict = exercise.locator(".exercise-feedback strong").first
        if verdict.count():
            assert verdict.text_content() in {said_on(page)[f"practice.verdict.{kind}"] for kind in ("right", "wrong")}
    for status in page.locator(".practice-summary-status").all():
        assert status.text_content().strip(), "each exercise's status in the summary is a word"
    # A walkthrough's window, current output and marked entries: bold figures, beside their colour.
    light = page.evaluate("""() => [...document.querySelectorAll(
        "td.in-window, td.current, td.marked")].filter((cell) => Number(getComputedStyle(cell).fontWeight) < 600)
        .map((cell) => `${cell.className}: ${cell.textContent}`)""")
    assert not light, f"marked by colour alone: {light[:5]}"


@pytest.mark.parametrize(("scheme", "width"), list(zip(PALETTES, WIDTHS)))  # each palette, each width: once
def test_pages_pass_axe_with_their_widgets_used(browser, offline_site, scheme, width):
    site, url = offline_site
    pages = pages_with(site, *WIDGETS)
    assert pages, "a guard: the site has pages with widgets"
    failures = []
    with palette_page(browser, scheme, width, axe_script()) as watched:
        for address in pages:
            watched.page.goto(url + address)
            settle(watched.page)
            use_widgets(watched.page)
            statuses_in_words(watched.page)
            check(watched.page, address, scheme, failures)
    assert not failures, f"axe, widgets used, {scheme} palette, {width} px:\n" + "\n".join(failures)


@pytest.mark.parametrize("scheme", PALETTES)
def test_python_output_and_errors_pass_axe(browser, offline_site, scheme):
    """A block's error (its status and traceback) and a question's numbers, verdicts, hints
    and shown answer, which need Python in the page: one page that has both, at phone width
    (the narrowest)."""
    site, url = offline_site
    page_address = next(address for address in pages_with(site, 'class="pyodide-block"')
                        if 'data-kind="number"' in html_file(site, address).read_text(encoding="utf-8"))
    with palette_page(browser, scheme, 375, axe_script()) as watched:
        page = watched.page
        page.goto(url + page_address)
        settle(page)
        block = runner_page.block(page)
        runner_page.set_code(page, block, 'print("a line")\nraise ValueError("wrong on purpose")')
        status = runner_page.run(block, PYTHON)
        assert status.startswith("Error"), f"the error is said in words: {status!r}"
        assert block.locator(".pyodide-output .pyodide-error").text_content()
        question = page.locator('.exercise[data-kind="number"]').first
        question.scroll_into_view_if_needed()
        question.locator(".exercise-input").wait_for(timeout=PYTHON)
        question.locator(".exercise-input").fill("not an answer")
        question.locator("button[type=submit]").click()
        question.locator(".exercise-feedback strong").wait_for(timeout=PYTHON)
        # A wrong answer of the reader's own: its verdict, every hint, then the answer shown.
        answer_box = question.locator(".exercise-input")
        is_matrix = answer_box.evaluate("(box) => box.tagName === 'TEXTAREA'")
        is_shape = answer_box.get_attribute("inputmode") == "text"
        answer_box.fill("123 456\n789 1" if is_matrix else "123 × 456" if is_shape else "123456")
        question.locator("button[type=submit]").click()
        hint = question.locator("button", has_text=CATALOG["practice.hint"].split("{")[0].strip())
        hint.wait_for(timeout=PYTHON)
        while hint.is_enabled():
            hint.click()
        question.get_by_role("button", name=CATALOG["practice.show-answer"]).click()
        question.locator(".exercise-feedback--revealed").wait_for(timeout=PYTHON)
        failures = []
        check(page, page_address, scheme, failures)
        assert not failures, f"axe, Python's output, {scheme} palette, 375 px:\n" + "\n".join(failures)
