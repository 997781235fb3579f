"""The Portuguese edition in real Chromium, as a Brazilian student uses it: the language
switch lands on the same page; the pooling page's walkthrough steps through PyTorch's
numbers in Portuguese, with decimal commas; the editor reads `0,5` and recomputes; an
exercise reads a comma, names a misconception and says it is right in Portuguese; the
lesson's file runs and prints as Python prints. Every word expected comes from the
catalogs, every number from the oracle or the lesson's declarations. The pages' layout,
keyboard and accessibility are checked in both editions by the other browser tests,
which find every page of the built site (tests/browser/site_pages.py)."""

import re

import numpy as np
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from coursekit import exercises, messages
from coursekit.messages import fill
from tests.browser.runner_page import stdout
from tests.browser.widgets import read_number, step_count, walkthrough
from tests.support.browser import open_page, save_screenshot
from tests.support.oracle import max_positions, pool_oracle
from tests.support.said import Words, read, written_in
from tests.support.site import DOCS, LESSONS, lesson, run_python
from tests.support.text_numbers import listing

LANGUAGE = "pt-BR"
ENGLISH_PAGE = "/classes/deep-learning/pooling/"
PAGE = "/pt/classes/deep-learning/pooling/"
CATALOG = messages.catalog(DOCS, LANGUAGE)
PYTHON = 180_000  # ms: the first call waits for Python to start
pool, practice, steps = lesson("pooling"), lesson("pooling_site.practice"), lesson("pooling_site.steps")
say = Words("pooling_site")


def t(key, **params):
    return fill(CATALOG[key], key, params)


def sentence_of(text, *keys):
    """The parameters of a walkthrough sentence, read by whichever of the lesson's templates made it."""
    with written_in(LANGUAGE):
        for key in keys:
            try:
                return read(say, key, text)
            except AssertionError:
                continue
    raise AssertionError(f"{text!r} is none of the lesson's {keys} in {LANGUAGE}")


def with_comma(typed):
    """A number typed with a decimal comma, whole or not: 3 -> 3,0."""
    return typed if "," in typed else typed + ",0"


def check_forward(page, X, window, stride):
    X = np.asarray(X, dtype=float)
    Y, _ = pool_oracle("max", X, window, stride, np.zeros(pool.output_shape(X.shape, window, stride)))
    where = max_positions(X, window, stride)
    walk = walkthrough(page, "pooling", "forward")
    walk.scroll_into_view_if_needed()
    walk.locator("input[type=range]").fill("1")
    assert step_count(walk) == Y.size
    for n, (i, j) in enumerate(np.ndindex(Y.shape)):
        said = sentence_of(walk.locator(".walkthrough-sentence").text_content(),
                           "step.forward.maximum", "step.forward.tie")
        patch = X[stride * i:stride * i + window, stride * j:stride * j + window]
        assert (int(said["i"]), int(said["j"]), int(said["p"]), int(said["q"])) == (i, j, *where[i, j])
        assert listing(said["values"], LANGUAGE) == pytest.approx(list(patch.flat))
        assert read_number(said["value"]) == pytest.approx(Y[i, j])
        assert walk.locator(".walkthrough-position").text_content() == t("walkthrough.position", step=n + 1,
                                                                         steps=Y.size)
        if n < Y.size - 1:
            walk.get_by_role("button", name=t("walkthrough.next-label")).click()
    cells = walk.locator(".walkthrough-panel").nth(1).locator("td").all_text_contents()
    assert [read_number(cell) for cell in cells] == pytest.approx(list(Y.flat))
    return cells


def test_the_switch_leads_to_the_same_page_in_portuguese_and_back(watched, site_url):
    page = watched.page
    page.route("**/vendor/pyodide/**", lambda route: route.abort())
    page.goto(site_url + ENGLISH_PAGE)
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='pt-BR']").click()
    page.wait_for_url(site_url + PAGE)
    assert page.evaluate("document.documentElement.lang") == LANGUAGE
    title = (LESSONS / "pooling.pt.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    assert page.locator("h1").inner_text().startswith(title), "the Portuguese page's own title"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    page.wait_for_url(site_url + ENGLISH_PAGE)
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_walkthrough_steps_pytorchs_numbers_in_portuguese_without_python(watched, site_url):
    page = watched.page
    page.route("**/vendor/pyodide/**", lambda route: route.abort())
    page.goto(site_url + PAGE)
    X, window, stride, _ = pool.worked_example()
    check_forward(page, X, window, stride)
    assert watched.pyodide_requests() == []


@pytest.fixture(scope="module")
def python_page(browser, site_url):
    """The Portuguese pooling page, its Python started once for the tests that use it."""
    watched = open_page(browser)
    watched.page.goto(site_url + PAGE)
    yield watched
    watched.check()
    watched.page.context.close()


def test_the_editor_reads_a_decimal_comma_and_recomputes_in_portuguese(python_page):
    page = python_page.page
    X = [[0.5, 2.25, -1, 3], [4, 0.5, 0.75, -2.5], [1.5, 1.5, 0, 2]]
    window, stride = 2, 1
    dL_dY = np.full(pool.output_shape((3, 4), window, stride), 0.5)
    form = page.locator('.number-editor[data-group="pooling"]')
    form.locator("#pooling-X").fill("\n".join(" ".join(f"{v:g}".replace(".", ",") for v in row) for row in X))
    form.locator("#pooling-window").fill(str(window))
    form.locator("#pooling-stride").fill(str(stride))
    form.locator("#pooling-dL_dY").fill("\n".join("; ".join("0,5" for _ in row) for row in dL_dY))
    form.get_by_role("button", name=t("editor.recompute")).click()
    status = form.locator(".number-editor-status")
    status.filter(has_text=t("editor.recomputed")).wait_for(timeout=PYTHON)
    cells = check_forward(page, X, window, stride)
    assert "2,25" in cells and not any("." in cell for cell in cells), "the walkthrough writes a decimal comma"
    largest = steps.EDIT_LIMIT
    form.locator("#pooling-window").fill(str(largest + 1))
    form.get_by_role("button", name=t("editor.recompute")).click()
    status.filter(has_text=t("editor.see-field")).wait_for(timeout=PYTHON)
    with written_in(LANGUAGE):
        label = say("label.window")
    assert form.locator("#pooling-window-error").text_content() == t(
        "editor.field-problem", label=label,
        problem=t("typed.count-from-to", text=str(largest + 1), smallest=1, largest=largest))
    assert form.locator("#pooling-window").input_value() == str(largest + 1), "what the reader typed stays"
    form.locator("#pooling-window").fill("4")  # within the limit, larger than X: the lesson's own message
    form.get_by_role("button", name=t("editor.recompute")).click()
    status.filter(has_text=t("editor.see-field")).wait_for(timeout=PYTHON)
    with written_in(LANGUAGE):
        told = read(say, "error.window-too-large", form.locator("#pooling-window-error").text_content())
    assert told["window"] == "4" and told["shape"] == "(3, 4)"
    save_screenshot(page, "portuguese-editor")


def test_an_exercise_reads_a_comma_and_answers_in_portuguese(python_page):
    page = python_page.page
    exercise = next(exercises.read(body) for body in
                    exercises.declared_in((LESSONS / "pooling.pt.md").read_text(encoding="utf-8"))
                    if exercises.read(body)["kind"] == "number")
    question = getattr(practice, exercise["question"].partition(":")[2])
    texts = messages.catalog_for(DOCS, exercises.module_of(exercise), LANGUAGE)
    box = page.locator(f"#exercise-{exercise['id']}")
    box.scroll_into_view_if_needed()
    start = box.get_by_role("button", name=t("practice.start"))
    if start.is_visible():
        try:
            start.click(timeout=5_000)
        except PlaywrightTimeout:  # Python, started by the editor, drew the numbers in the button's place
            pass
    box.locator(".exercise-given .exercise-value").first.wait_for(timeout=PYTHON)
    seed = page.evaluate("() => JSON.parse(localStorage.getItem('coursekit.practice:' + location.pathname))"
                         f".exercises[{exercise['id']!r}].seed")
    inputs = question.inputs(seed, exercise.get("settings") or {})
    with written_in(LANGUAGE):
        asked = t(f"practice.ask.{question.kind}", ask=question.ask.format(**inputs))
        assert box.locator("label").inner_text() == asked
        name, value = next((n, v) for n, values in question.mistaken(inputs).items() for v in values)
        # as a Brazilian student writes them: with a decimal comma (3,0 where the number is whole)
        typed_mistake, typed_answer = (with_comma(exercises.typed(v, question.kind))
                                       for v in (value, question.answer(**inputs)))
    check = box.get_by_role("button", name=t("practice.check"), exact=True)
    feedback = box.locator(".exercise-feedback")
    box.locator(".exercise-input").fill(typed_mistake)
    check.click()
    feedback.filter(has_text=texts[f"mistake.{name}"]).wait_for(timeout=PYTHON)
    box.locator(".exercise-input").fill(typed_answer)
    check.click()
    feedback.filter(has_text=t("practice.correct")).wait_for(timeout=PYTHON)
    box.locator(".exercise-input").fill("1,2,3")
    check.click()
    feedback.filter(has_text=t("practice.verdict.unread")).wait_for(timeout=PYTHON)
    assert box.get_attribute("data-status") == "done"


def test_the_lessons_file_runs_and_prints_as_python_prints(python_page):
    page = python_page.page
    block = page.locator(".pyodide-block").filter(
        has=page.locator(".pyodide-code", has_text="Max pooling and average pooling of one"))
    block.scroll_into_view_if_needed()
    block.locator(".pyodide-run").click()
    done = CATALOG["runner.done"].split("{")[0]  # "Concluído em "
    block.locator(".pyodide-status").filter(has_text=re.compile("^" + re.escape(done))).wait_for(timeout=PYTHON)
    assert stdout(block) == run_python(["pooling.py"], cwd=LESSONS), "Python's output as Python prints it: 0.5"
