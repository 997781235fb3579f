"""The exercises of both lessons in real Chromium, on the OFFLINE=1 site, done the way a
reader does them: typed answers, code in the editor, options clicked. What is right comes
from the lessons' declarations: each question's answer for the reader's own seed (computed
in CPython by the lesson's function, which the lesson tests check against PyTorch), each
code exercise's solution and the wrong answers it declares with their diagnoses, each
choice's right option. The words come from the message catalog."""

import json

import numpy as np
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from coursekit import editions, exercises, messages
from coursekit.messages import fill
from coursekit.page.numbers import text
from tests.support.practice import assert_gives_nothing_away
from tests.support.browser import open_page, save_screenshot
from tests.support.site import DOCS, LESSONS, lesson

PAGES = {page.stem: f"/{page.relative_to(DOCS).with_suffix('').as_posix()}/" for page in editions.pages(LESSONS)
         if exercises.declared_in(page.read_text(encoding="utf-8"))}
"""Every lesson page with exercises, by lesson name: its address."""
CATALOG = messages.catalog(DOCS)
PYTHON = 180_000  # ms: the first answer waits for Python to start


def said(key, exercise=None, **params):
    """The page's words for `key`: the site's, and the lesson's own where `exercise` (its
    declaration) says which lesson (its misconceptions)."""
    texts = messages.catalog_for(DOCS, exercises.module_of(exercise)) if exercise else CATALOG
    return fill(texts[key], key, params)


def declared(lesson_name, kind=None):
    """The exercises the lesson's page declares, in order."""
    found = [exercises.read(body) for body in
             exercises.declared_in((LESSONS / f"{lesson_name}.md").read_text(encoding="utf-8"))]
    return [exercise for exercise in found if kind is None or exercise["kind"] == kind]


def target(exercise, field):
    module, _, name = exercise[field].partition(":")
    return getattr(lesson(module), name)


def kept(page):
    """What the page keeps of the reader's practice: {id: state}."""
    return page.evaluate("() => JSON.parse(localStorage.getItem('coursekit.practice:' + location.pathname))"
                         "?.exercises ?? {}")


def pin_seeds(page, address, exercises_of_page):
    """Open `address` as a reader whose numbers were drawn from fixed seeds (1, 2, ... in the
    order of `exercises_of_page`), kept in the browser as the page keeps them: the same
    numbers on every run."""
    page.goto(address)
    kept_state = {exercise["id"]: {"seed": number} for number, exercise in enumerate(exercises_of_page, start=1)}
    page.evaluate("(exercises) => localStorage.setItem('coursekit.practice:' + location.pathname, "
                  "JSON.stringify({ version: 1, exercises }))", kept_state)
    page.reload()


def section(page, identifier):
    found = page.locator(f"#exercise-{identifier}")
    found.scroll_into_view_if_needed()
    return found


def feedback_saying(box, *expected, timeout=PYTHON):
    """Wait until the exercise's feedback says each of `expected` (strings it contains); its text."""
    feedback = box.locator(".exercise-feedback")
    saying = feedback
    for words in expected:
        saying = saying.filter(has_text=words)
    saying.wait_for(timeout=timeout)
    return feedback.inner_text()


def numbers_shown(box):
    """The numbers a question shows the reader (asking for them, if Python has not started yet)."""
    start = box.get_by_role("button", name=said("practice.start"))
    if start.is_visible():
        try:
            start.click(timeout=5_000)
        except PlaywrightTimeout:  # Python became ready meanwhile: the numbers took the button's place
            pass
    box.locator(".exercise-given .exercise-value").first.wait_for(timeout=PYTHON)
    return [[[cell for cell in row.locator("td").all_text_contents()] for row in table.locator("tr").all()]
            if table.locator("table").count() else table.locator("span").last.text_content()
            for table in box.locator(".exercise-given .exercise-value").all()]


def shown(value):
    value = np.asarray(value, dtype=float)
    return text(value) if value.ndim == 0 else [[text(v) for v in row] for row in np.atleast_2d(value)]


def answer(box, typed):
    """Type an answer and check it; back once the page has its verdict (while Python answers,
    Check is disabled)."""
    box.locator(".exercise-input").fill(typed)
    check = box.get_by_role("button", name=said("practice.check"), exact=True)
    check.click()
    box.page.wait_for_function("(button) => !button.disabled", arg=check.element_handle(), timeout=PYTHON)


@pytest.mark.parametrize("lesson_name", PAGES)
def test_numbers_by_hand_are_the_readers_own_and_checked_with_a_diagnosis(watched, site_url, lesson_name):
    page = watched.page
    page.goto(site_url + PAGES[lesson_name])
    for exercise in declared(lesson_name):  # scrolled past, the exercises start no Python
        section(page, exercise["id"])
        page.wait_for_timeout(100)
    assert watched.pyodide_requests() == []
    for exercise in declared(lesson_name, "number"):
        question, settings = target(exercise, "question"), exercise.get("settings") or {}
        box = section(page, exercise["id"])
        on_screen = numbers_shown(box)
        seed = kept(page)[exercise["id"]]["seed"]
        inputs = question.inputs(seed, settings)
        assert on_screen == [shown(inputs[name]) for name in question.shown.values()], \
            "the page shows the numbers the lesson's Python draws for the reader's seed"
        assert box.locator("label").inner_text() == said(f"practice.ask.{question.kind}",
                                                         ask=question.ask.format(**inputs))
        name, mistake = next((n, value) for n, values in question.mistaken(inputs).items() for value in values)
        typed = exercises.typed(mistake, question.kind)
        answer(box, typed)
        said_there = feedback_saying(box, said(f"mistake.{name}", exercise))
        assert said_there.startswith(said("practice.verdict.wrong"))
        if question.check(seed, typed, settings)["mistake"] != name:  # something else explains it as well
            assert said("practice.perhaps") in said_there
        assert box.get_attribute("data-status") == "tried"
        answer(box, exercises.typed(question.answer(**inputs), question.kind))
        feedback_saying(box, said("practice.correct"))
        assert box.get_attribute("data-status") == "done"
    answer(box, "1,,2" if question.kind == "matrix" else "twelve")
    feedback_saying(box, said("practice.verdict.unread"))
    assert box.get_attribute("data-status") == "done", "a typo after a right answer does not undo it"
    save_screenshot(page, f"exercises-{lesson_name}-number")


def code_editor(box):
    content = box.locator(".cm-content")
    content.wait_for(timeout=60_000)
    return content


def check_code(box, code, expected):
    code_editor(box).fill(code)
    box.get_by_role("button", name=said("practice.check"), exact=True).click()
    return feedback_saying(box, expected)


@pytest.mark.parametrize("lesson_name", PAGES)
def test_code_exercises_pass_their_solution_and_name_each_declared_mistake(watched, site_url, lesson_name):
    page = watched.page
    page.goto(site_url + PAGES[lesson_name])
    for exercise in declared(lesson_name, "code"):
        box = section(page, exercise["id"])
        tests = target(exercise, "tests")
        cases = len(tests.cases(np.random.default_rng(0)))
        passed = check_code(box, exercise["solution"], said("practice.code.passed", cases=cases))
        assert passed.startswith(said("practice.verdict.right"))
        assert box.get_attribute("data-status") == "done"
        if tests.gradient:  # the reader's own gradients against finite differences
            box.get_by_role("button", name=said("practice.gradient-check")).click()
            feedback_saying(box, said("practice.gradient.passed"))
        assert exercise["wrong"], "each code exercise declares the wrong answers it recognises"
        for wrong in exercise["wrong"]:
            report = check_code(box, wrong["code"], said(f"mistake.{wrong['mistake']}", exercise))
            assert said("practice.likely-mistake") in report and report.startswith(said("practice.verdict.wrong"))
        if tests.gradient:
            box.get_by_role("button", name=said("practice.gradient-check")).click()
            feedback_saying(box, said("practice.gradient.failed"))


def test_a_shape_mismatch_an_exception_and_runaway_code_get_their_messages(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGES["convolutional"])
    box = section(page, "code-forward")
    X, K, _, _ = lesson("convolutional").worked_example()
    rows, cols = X.shape[0] - K.shape[0] + 1, X.shape[1] - K.shape[1] + 1
    check_code(box, "def conv_forward(X, K, b):\n    return X\n",
               said("practice.code.shape", output="Y", got="×".join(map(str, X.shape)), expected=f"{rows}×{cols}"))
    report = check_code(box, "import numpy as np\n\ndef conv_forward(X, K, b):\n    return X[0, 0] / undefined\n",
                        said("practice.code.exception.intro"))
    assert 'File "<your code>", line 4, in conv_forward' in report and "NameError" in report
    check_code(box, "def conv_forward(X, K, b)\n    return X\n", said("practice.code.syntax.intro", line=1))
    check_code(box, "def convolve(X, K, b):\n    return X\n", said("practice.code.no-function", name="conv_forward"))
    check_code(box, "def conv_forward(X, kernel, b):\n    return X\n",
               said("practice.code.parameters", name="conv_forward", expected="X, K, b", got="X, kernel, b"))
    # Runaway code: Stop ends it, and the page (and Python) stay usable.
    code_editor(box).fill("def conv_forward(X, K, b):\n    while True:\n        pass\n")
    box.get_by_role("button", name=said("practice.check"), exact=True).click()
    stop = box.get_by_role("button", name=said("practice.stop"), exact=True)
    stop.wait_for(state="visible")
    page.wait_for_function("(button) => !button.disabled", arg=stop.element_handle(), timeout=PYTHON)
    page.wait_for_timeout(500)
    stop.click()
    feedback_saying(box, "Stopped", timeout=30_000)
    exercise = declared("convolutional", "code")[0]
    reordered = exercise["solution"].replace("def conv_forward(X, K, b):", "def conv_forward(b, X, K):")
    assert reordered != exercise["solution"]
    check_code(box, reordered, said("practice.code.passed",
                                    cases=len(target(exercise, "tests").cases(np.random.default_rng(0)))))


def test_hints_come_one_at_a_time_and_the_solution_only_after_an_attempt(watched, site_url):
    page = watched.page
    response = page.goto(site_url + PAGES["pooling"])
    exercise = declared("pooling", "code")[0]
    source = response.text()
    solution_lines = [line.strip() for line in exercise["solution"].splitlines() if "dL_dX[" in line]
    assert solution_lines and not any(line in source for line in solution_lines), "no solution in the page's source"
    assert not any(hint[:30] in source for hint in exercise["hints"]), "no hint in the page's source"
    box = section(page, exercise["id"])
    hints = box.locator(".exercise-hints li")
    for shown_count in range(1, len(exercise["hints"]) + 1):
        box.get_by_role("button", name=said("practice.hint", left=len(exercise["hints"]) - shown_count + 1)).click()
        assert hints.count() == shown_count
    assert box.get_by_role("button", name=said("practice.hint", left=0)).is_disabled()
    assert box.locator(".exercise-solution-code").count() == 0
    solution = box.get_by_role("button", name=said("practice.show-solution"))
    assert not solution.is_visible(), "no solution before the reader has checked code of their own"
    wrong = exercise["wrong"][0]
    check_code(box, wrong["code"], said(f"mistake.{wrong['mistake']}", exercise))
    solution.click()
    assert box.locator(".exercise-solution-code").inner_text() == exercise["solution"].rstrip("\n")
    assert box.get_attribute("data-status") == "shown"
    cases = len(target(exercise, "tests").cases(np.random.default_rng(0)))
    check_code(box, exercise["solution"], said("practice.code.passed", cases=cases))
    assert box.get_attribute("data-status") == "shown", "passing with the solution shown is not done"
    page.reload()
    box = section(page, exercise["id"])
    assert hints.count() == len(exercise["hints"]) and box.locator(".exercise-solution-code").count() == 1, \
        "what was shown stays shown"


def test_concept_checks_explain_every_option_once_answered(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGES["pooling"])
    source = page.content()
    for exercise in declared("pooling", "choice"):
        right = next(option for option in exercise["options"] if option.get("right"))
        assert right["why"] not in source, "the explanations are not in the page before an answer"
        box = section(page, exercise["id"])
        wrong = next(option for option in exercise["options"] if not option.get("right"))
        box.locator(".exercise-option-button", has_text=wrong["text"]).click()
        feedback_saying(box, said("practice.choice.read-why"))
        whys = box.locator(".exercise-why")
        assert whys.count() == len(exercise["options"]) and all(whys.nth(n).is_visible() for n in range(whys.count()))
        chosen = box.locator(".exercise-option--chosen")
        assert said("practice.choice.yours") in chosen.inner_text() and wrong["why"] in chosen.inner_text()
        assert right["why"] in box.locator(".exercise-option--right").inner_text()
        assert box.get_attribute("data-status") == "tried"
        box.get_by_role("button", name=said("practice.try-again")).click()
        box.locator(".exercise-option-button", has_text=right["text"]).click()
        feedback_saying(box, said("practice.choice.well-done"))
        assert box.get_attribute("data-status") == "done"


def test_readers_get_their_own_numbers_and_option_orders(browser, site_url):
    """Readers (fresh browsers) come until two have been shown different numbers, and two
    different option orders, each drawn from the reader's seed: up to eight (the chance
    that eight readers' orders of n options all agree is 1 in n!**7)."""
    numbers, orders = set(), set()
    exercise = declared("convolutional", "choice")[0]
    for _ in range(8):
        if len(orders) > 1 and len(numbers) > 1:
            break
        watched = open_page(browser)
        page = watched.page
        page.goto(site_url + PAGES["convolutional"])
        box = section(page, exercise["id"])
        orders.add(tuple(box.locator(".exercise-option-button").all_inner_texts()))
        numbers.add(json.dumps(numbers_shown(section(page, "y-entry"))))
        watched.check()
        page.context.close()
    assert len(orders) > 1 and len(numbers) > 1


def test_progress_survives_reload_and_navigation_and_resets(watched, site_url):
    page = watched.page
    page.goto(site_url + PAGES["convolutional"])
    number = declared("convolutional", "number")[0]
    box = section(page, number["id"])
    numbers = numbers_shown(box)
    box.locator(".exercise-input").fill("12.5")  # typed, not checked: kept all the same
    code = declared("convolutional", "code")[0]
    code_box = section(page, code["id"])
    check_code(code_box, code["wrong"][0]["code"], said(f"mistake.{code['wrong'][0]['mistake']}", code))
    choice = declared("convolutional", "choice")[0]
    choice_box = section(page, choice["id"])
    right = next(option for option in choice["options"] if option.get("right"))
    choice_box.locator(".exercise-option-button", has_text=right["text"]).click()
    total = len(declared("convolutional"))
    counts = said("practice.progress.counts", done=1, shown=0, tried=1, none=total - 2)
    assert page.locator(".practice-summary").inner_text().count(counts) == 1
    record = page.locator(".practice-summary li", has_text=code["title"]).locator(".practice-summary-record")
    met = said(f"mistake.{code['wrong'][0]['mistake']}.short", code)
    assert said("practice.progress.tries", tries=1) in record.text_content() and met in record.text_content()

    page.reload()
    box = section(page, number["id"])
    assert numbers_shown(box) == numbers and box.locator(".exercise-input").input_value() == "12.5"
    assert kept(page)[code["id"]]["code"] == code["wrong"][0]["code"]
    last_line = code["wrong"][0]["code"].strip().splitlines()[-1].strip()
    assert last_line in code_editor(section(page, code["id"])).inner_text(), "the editor shows the reader's code"
    assert section(page, code["id"]).get_attribute("data-status") == "tried"
    assert section(page, choice["id"]).locator(".exercise-option--chosen").count() == 1
    assert counts in page.locator(".practice-summary").inner_text()

    # Instant navigation to the other lesson and back: its own practice, then this one as it was.
    page.evaluate("window.__same_document = true")
    page.locator("article a", has_text="pooling layer").last.click()
    page.wait_for_url("**/pooling/")
    pooling_counts = said("practice.progress.counts", done=0, shown=0, tried=0, none=len(declared("pooling")))
    page.locator(".practice-summary", has_text=pooling_counts).wait_for()
    page.go_back()
    page.wait_for_url("**/convolutional/")
    page.locator(".practice-summary", has_text=counts).wait_for()
    assert page.evaluate("window.__same_document") is True
    box = section(page, number["id"])
    assert numbers_shown(box) == numbers and box.locator(".exercise-input").input_value() == "12.5"
    assert counts in page.locator(".practice-summary").inner_text()

    # The record of mistakes cleared in one press; the progress stays.
    summary = page.locator(".practice-summary")
    summary.locator("summary").click()
    summary.get_by_role("button", name=said("practice.progress.clear-mistakes")).click()
    assert summary.locator(".practice-summary-record").count() == 0 and counts in summary.inner_text()
    assert not any({"tries", "answers", "mistakes"} & set(state) for state in kept(page).values())
    summary.locator("summary").click()

    # One exercise's reset, then the whole page's.
    choice_box = section(page, choice["id"])
    choice_box.get_by_role("button", name=said("practice.reset"), exact=True).click()
    assert choice_box.locator(".exercise-option--chosen").count() == 0
    assert not {"choice", "status"} & set(kept(page).get(choice["id"], {})), "a reset exercise starts afresh"
    summary = page.locator(".practice-summary")
    summary.locator("summary").click()
    summary.get_by_role("button", name=said("practice.progress.reset")).click()
    summary.get_by_role("button", name=said("practice.progress.reset-confirm")).click()
    assert said("practice.progress.counts", done=0, shown=0, tried=0, none=total) in summary.inner_text()
    box = section(page, number["id"])
    page.wait_for_function("(box) => box.querySelector('.exercise-input') && box.querySelector('.exercise-input')"
                           ".value === ''", arg=box.element_handle(), timeout=PYTHON)
    assert all("status" not in state for state in kept(page).values())
    page.reload()
    assert said("practice.progress.counts", done=0, shown=0, tried=0, none=total) in page.locator(".practice-summary").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots(browser, site_url, scheme, width):
    """Pictures to look at (test-artifacts/): a diagnosed code exercise and an answered concept check."""
    watched = open_page(browser, width=width, height=900, color_scheme=scheme)
    page = watched.page
    page.goto(site_url + PAGES["pooling"])
    exercise = declared("pooling", "code")[0]
    box = section(page, exercise["id"])
    check_code(box, exercise["wrong"][0]["code"], said(f"mistake.{exercise['wrong'][0]['mistake']}", exercise))
    box.scroll_into_view_if_needed()
    save_screenshot(page, f"exercises-code-{width}-{scheme}")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    watched.check()
    page.context.close()


def verdict_said(verdict, exercise):
    """What the page says for a verdict of the lesson's Python: its message, then each thing
    it may be; and each of its hints."""
    def words(message):
        return said(message["key"], exercise, **message["params"])
    return ([words(verdict["message"])] + [words(m) for m in verdict["perhaps"]],
            [" ".join(words(m) for m in hint) for hint in verdict["hints"]])


def placeholder_and_tries(question, inputs, rng):
    """What a reader may type who has not worked it out (zeros), then answers of their own
    that are wrong: the same value everywhere and random numbers, each typed."""
    expected = np.asarray(question.answer(**inputs), dtype=float)
    tries = [("zero", np.zeros_like(expected)), ("constant", np.full_like(expected, 7.0)),
             ("random", rng.integers(1, 15, size=expected.shape).astype(float))]
    return [(what, exercises.typed(value, question.kind)) for what, value in tries
            if not np.allclose(value, expected, atol=2 * question.tolerance)]


@pytest.mark.parametrize("lesson_name", PAGES)
def test_wrong_answers_are_told_where_with_hints_and_the_answer_after_an_attempt(watched, site_url, lesson_name):
    """On every number and matrix exercise: a zero, a constant and a random answer each get
    the verdict the lesson's Python gives (which says where, never how much: checked on its
    parameters), and its hints one at a time. The answer is offered only after an answer of
    the reader's own, and showing it marks the exercise "shown", which a right answer typed
    after it does not make "done". Then, where a question adds up terms, a gap equal to one
    term is offered as "perhaps"."""
    page = watched.page
    pin_seeds(page, site_url + PAGES[lesson_name], declared(lesson_name, "number"))
    rng = np.random.default_rng(0)
    hint_label = said("practice.hint", left=0).split("(")[0].strip()
    for exercise in declared(lesson_name, "number"):
        question, settings = target(exercise, "question"), exercise.get("settings") or {}
        box = section(page, exercise["id"])
        numbers_shown(box)
        seed = kept(page)[exercise["id"]]["seed"]
        inputs = question.inputs(seed, settings)
        reveal = box.get_by_role("button", name=said("practice.show-answer"))
        for what, typed in placeholder_and_tries(question, inputs, rng):
            verdict = question.check(seed, typed, settings)
            assert_gives_nothing_away(question, inputs, verdict)
            message, hints = verdict_said(verdict, exercise)
            answer(box, typed)
            text = feedback_saying(box, *message)  # all of it: the verdict before may have begun the same
            assert text.startswith(said("practice.verdict.wrong")), what
            hint_button = box.locator("button", has_text=hint_label)
            for shown_count, hint in enumerate(hints, start=1):
                hint_button.click()
                assert box.locator(".exercise-hints li").nth(shown_count - 1).inner_text() == hint
            assert not hints or hint_button.is_disabled(), "every hint shown"
            if not kept(page)[exercise["id"]].get("attempted"):
                assert not verdict["attempt"]
                assert not reveal.is_visible(), f"{what}: no answer before an attempt of the reader's own"
                assert box.get_by_text(said("practice.answer-after-attempt")).is_visible()
        assert reveal.is_visible(), "an answer of the reader's own was tried"
        reveal.click()
        box.locator(".exercise-feedback--revealed").wait_for(timeout=PYTHON)
        assert box.get_attribute("data-status") == "shown"
        assert box.locator(".exercise-badge").inner_text() == said("practice.status.shown")
        answer(box, exercises.typed(question.answer(**inputs), question.kind))
        feedback_saying(box, said("practice.correct-after-answer"))
        assert box.get_attribute("data-status") == "shown", "right after seeing the answer is not done"
    shown = len(declared(lesson_name, "number"))
    assert said("practice.progress.counts", done=0, shown=shown, tried=0, none=len(declared(lesson_name)) - shown) \
        in page.locator(".practice-summary").inner_text()
    adding_up = [e for e in declared(lesson_name, "number") if target(e, "question").terms]
    if adding_up:  # the first question whose answer adds up terms: a coincidental gap
        offer_a_gap_equal_to_a_term(page, adding_up[0])


def offer_a_gap_equal_to_a_term(page, exercise):
    """An answer one term short, where no misconception alone explains it: the page offers
    "perhaps a term left out", naming the term, never its value (on the reader's numbers,
    else on new ones)."""
    question, settings = target(exercise, "question"), exercise.get("settings") or {}
    box = section(page, exercise["id"])
    for _ in range(10):
        numbers_shown(box)
        seed = kept(page)[exercise["id"]]["seed"]
        inputs = question.inputs(seed, settings)
        right = float(question.answer(**inputs))
        for label, value in question.terms(**inputs):
            typed = exercises.typed(right - value, question.kind)
            verdict = question.check(seed, typed, settings)
            slip = [m for m in verdict["perhaps"] if m["key"] == "practice.slip.term-left-out"]
            if value and right - value and verdict["mistake"] is None and slip:
                answer(box, typed)
                text = feedback_saying(box, said("practice.perhaps"))
                assert said("practice.slip.term-left-out", terms=slip[0]["params"]["terms"]) in text
                assert label in slip[0]["params"]["terms"].split("; ")
                assert_gives_nothing_away(question, inputs, verdict)
                return
        box.get_by_role("button", name=said("practice.new-numbers")).click()  # its numbers are drawn again
        page.wait_for_function("(box) => !box.querySelector('.exercise-status').textContent",
                               arg=box.element_handle(), timeout=PYTHON)
    pytest.fail("on ten readers' numbers, no term whose omission only a slip explains")
