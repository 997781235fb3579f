"""Anything typed into any field: every field of every number editor and every exercise of
every lesson page gets random and hostile text (huge numbers, NaN, inf, nothing, unicode,
10,000 characters, ragged pasted matrices, markup). Each time: no uncaught error, a clear
message where the text cannot be used, the text left as typed, the last valid state kept,
and the reader's other work untouched. The texts are drawn from FUZZ_SEED (default 0):
FUZZ_SEED=7 pytest ... tries others."""

import os
import random

import pytest

from coursekit import editions, exercises, messages
from tests.browser.widgets import FINISHED
from tests.support.site import DOCS, LESSONS, lesson

SEED = int(os.environ.get("FUZZ_SEED", "0"))
CATALOG = messages.catalog(DOCS)
LESSON_PAGES = {f"/{page.relative_to(DOCS).with_suffix('').as_posix()}/": page.read_text(encoding="utf-8")
                for page in editions.pages(LESSONS)}
EDITOR_PAGES = [path for path, markdown in LESSON_PAGES.items() if ".editor()" in markdown]
"""Pages with a number editor (the lesson's cards.py renders it where the page prints `example.editor()`)."""
EXERCISE_PAGES = [path for path, markdown in LESSON_PAGES.items() if exercises.declared_in(markdown)]
PYTHON = 180_000  # ms: the first call waits for Python to start

HOSTILE = [
    "", "   ", "\n\n\n", "NaN", "nan", "inf", "-Infinity", "1e308", "1e309", "-1e400", "1e-400", "-0",
    "9" * 400, "0x1F", "1/0", "0/0", "--1", "1..2", "½", "٣", "𝟙", "🙂", "\u202e1 2", "1\u00a02", "null",
    "[[1, 2], [3]]", "1 2\n3", "1, 2; 3", ";;;", ",", "1,,2", "<img src=x onerror=alert(1)>", "'\"\\",
    "x" * 10_000, "1 " * 5_000, "\n".join(["1 2 3"] * 3 + ["1 2"]),
]
ALPHABET = "0123456789 .,;-+eE\n\t/×xX()[]−–NaInf½٣𝟙é∞\u200b\u00a0"


def fuzz_texts(rng, count):
    """`count` texts: some from HOSTILE, the others random (characters, or ragged matrices)."""
    texts = rng.sample(HOSTILE, count // 2)
    while len(texts) < count:
        if rng.random() < 0.5:
            texts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60))))
        else:
            rows = [" ".join(rng.choice(["1", "-2.5", "1e300", "nan", "3/4", "0"]) for _ in range(rng.randint(1, 5)))
                    for _ in range(rng.randint(1, 5))]
            texts.append(rng.choice(["\n", ";", "; "]).join(rows))
    return texts


def practice_kept(page):
    return page.evaluate("() => JSON.parse(localStorage.getItem('coursekit.practice:' + location.pathname))"
                         "?.exercises ?? {}")


@pytest.mark.parametrize("path", EDITOR_PAGES)
def test_every_number_editor_field_takes_anything(watched, site_url, path):
    page = watched.page
    page.goto(site_url + path)
    rng = random.Random(f"{SEED}{path}")
    forms = page.locator(".number-editor")
    assert forms.count(), f"{path} prints an editor"
    for form in forms.all():
        fields = form.locator("input, textarea").all()
        originals = [field.input_value() for field in fields]
        group = form.get_attribute("data-group")
        sentences = page.locator(f'.walkthrough[data-group="{group}"] .walkthrough-sentence')
        for field, original in zip(fields, originals):
            for typed in fuzz_texts(rng, 8):
                before = sentences.all_text_contents()
                field.fill(typed)
                held = field.input_value()  # an <input> drops line breaks as the reader types them
                form.locator("button[type=submit]").click()
                status = form.locator(".number-editor-status")
                status.filter(has_text=FINISHED).wait_for(timeout=PYTHON)
                said = status.text_content()
                where = f"{field.get_attribute('id')} = {typed[:60]!r}"
                assert said.startswith(("Recomputed", "Not recomputed")), f"{where}: {said}"
                assert field.input_value() == held, f"{where}: what the reader typed was changed"
                if said.startswith("Not recomputed"):
                    errors = [text for text in form.locator(".number-editor-error").all_text_contents() if text]
                    assert errors or "see the message" not in said, f"{where}: no message by any field"
                    assert all(len(text) < 300 for text in errors + [said]), f"{where}: a message too long to read"
                    assert sentences.all_text_contents() == before, f"{where}: the last valid state changed"
                else:
                    form.locator(".number-editor-restore").click()
                field.fill(original)
        assert [field.input_value() for field in fields] == originals


@pytest.mark.parametrize("path", EXERCISE_PAGES)
def test_every_exercise_field_takes_anything(watched, site_url, path):
    page = watched.page
    page.goto(site_url + path)
    rng = random.Random(f"{SEED}{path}")
    questions = page.locator('.exercise[data-kind="number"]').all()
    start = questions[0].get_by_role("button", name=CATALOG["practice.start"])
    start.click()
    for box in questions:
        box.scroll_into_view_if_needed()
        box.locator(".exercise-input").wait_for(timeout=PYTHON)
    kept_before = practice_kept(page)
    declared = {f"exercise-{exercise['id']}": exercise for exercise in map(exercises.read, exercises.declared_in(
        LESSON_PAGES[path]))}
    for box in questions:
        exercise = declared[box.get_attribute("id")]
        module, _, name = exercise["question"].partition(":")
        question = getattr(lesson(module), name)
        check = box.get_by_role("button", name=CATALOG["practice.check"], exact=True)
        ever_right = False  # once right, an exercise stays done
        for typed in fuzz_texts(rng, 6):
            box.locator(".exercise-input").fill(typed)
            held = box.locator(".exercise-input").input_value()
            check.click()
            page.wait_for_function("(button) => !button.disabled", arg=check.element_handle(), timeout=PYTHON)
            feedback = box.locator(".exercise-feedback").inner_text()
            where = f"{box.get_attribute('id')} = {typed[:60]!r}"
            assert feedback.strip() and len(feedback) < 600, f"{where}: {feedback[:200]!r}"
            # A short random text may happen to be the reader's right answer: the lesson's own
            # check, for the seed the page drew, says whether it is.
            seed = practice_kept(page)[exercise["id"]]["seed"]
            ever_right = ever_right or question.check(seed, held, exercise.get("settings") or {})["correct"]
            assert (box.get_attribute("data-status") == "done") == ever_right, \
                f"{where}: done is {box.get_attribute('data-status') == 'done'}, right (once) is {ever_right}"
            assert box.locator(".exercise-input").input_value() == held, f"{where}: what the reader typed was changed"
    kept = practice_kept(page)
    for identifier, state in kept_before.items():
        mine = f"exercise-{identifier}"
        if not any(box.get_attribute("id") == mine for box in questions):
            assert kept.get(identifier) == state, f"{identifier}: touched by another exercise's input"
    for box in page.locator('.exercise[data-kind="code"]').all():
        box.scroll_into_view_if_needed()
        content = box.locator(".cm-content")
        content.wait_for(timeout=60_000)
        check = box.get_by_role("button", name=CATALOG["practice.check"], exact=True)
        for typed in ["\x00\x01", "🙂" * 500, "def (:\n" * 300]:
            content.fill(typed)
            check.click()
            page.wait_for_function("(button) => !button.disabled", arg=check.element_handle(), timeout=PYTHON)
            feedback = box.locator(".exercise-feedback").inner_text()
            assert feedback.strip() and box.get_attribute("data-status") != "done", f"{typed[:20]!r}: {feedback[:200]!r}"
