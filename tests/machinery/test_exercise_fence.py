"""The exercise fence: what it renders (nothing that gives an answer away in plain text),
and the build's checks of a declaration, each stopping the build with a message that names
the exercise. On a toy lesson, so that no lesson's content is pinned here."""

import base64
import json
import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup
from pymdownx.superfences import SuperFencesException

from coursekit import exercises
from coursekit.check_blocks import check_exercises
from coursekit.lessons import use
from tests.machinery.test_lessons_and_python_files import make_docs, restore_lessons  # noqa: F401 (a fixture)

TOY = textwrap.dedent('''
    import numpy as np
    from coursekit.page.code_tests import CodeTests
    from coursekit.page.questions import NumberQuestion

    def twice(A):
        return 2 * np.asarray(A)

    def cases(rng):
        return [("first", {"A": np.array([[1.0, 2.0]])}), ("random", {"A": rng.normal(size=(2, 3))})]

    tests = CodeTests(function="twice", reference=twice, cases=cases, outputs=("Y",),
                      mistakes={"toy-squared": lambda A: A ** 2, "toy-plus-one": lambda A: 2 * A + 1})
    question = NumberQuestion(draw=lambda rng, top=9: {"a": float(rng.integers(2, top + 1))}, ask="2a",
                              shown={"a": "a"}, answer=lambda a: 2 * a, mistakes={"toy-squared": lambda a: a * a})
    zeroing = NumberQuestion(draw=lambda rng: {"a": float(rng.integers(2, 9))}, ask="2a", shown={"a": "a"},
                             answer=lambda a: 2 * a, mistakes={"toy-squared": lambda a: 0.0})
    not_a_question = 3
    crashing = NumberQuestion(draw=lambda rng: {"a": float(rng.integers(2, 9))}, ask="2a", shown={"a": "a"},
                              answer=lambda a: 2 * a / 0)
''')
SOLUTION = "def twice(A):\n    return A + A  # SOLUTION-MARK\n"
CODE = {"id": "toy-code", "kind": "code", "title": "Twice", "statement": "Write `twice`.",
        "tests": "toy_site.practice:tests", "starter": "def twice(A):\n    return A\n", "solution": SOLUTION,
        "hints": ["HINT-MARK one", "two"],
        "wrong": [{"mistake": "toy-squared", "code": "def twice(A):\n    return A * A\n"},
                  {"mistake": "toy-plus-one", "code": "def twice(A):\n    return 2 * A + 1\n"}]}
CHOICE = {"id": "toy-choice", "kind": "choice", "title": "Pick", "statement": "Which?",
          "options": [{"text": "Right one", "right": True, "why": "WHY-RIGHT-MARK"},
                      {"text": "Wrong one", "why": "WHY-WRONG-MARK"}, {"text": "Another", "why": "no"}]}
NUMBER = {"id": "toy-number", "kind": "number", "title": "Double", "question": "toy_site.practice:question",
          "settings": {"top": 5}}


@pytest.fixture
def docs(tmp_path, restore_lessons):  # noqa: F811
    words = {"mistake.toy-squared": "Double it; do not square it.", "mistake.toy-squared.short": "squared",
             "mistake.toy-plus-one": "Add nothing.", "mistake.toy-plus-one.short": "one added"}
    docs = make_docs(tmp_path, {"lessons": {"toy.md": "", "toy.py": "", "toy_site/__init__.py": "",
                                            "toy_site/practice.py": TOY, "toy_site/messages/en.json": json.dumps(words)}})
    use(docs)
    return docs


def fence(declared):
    import yaml
    return f"```exercise\n{yaml.safe_dump(declared, allow_unicode=True)}```\n"


def render(docs, declared):
    md = markdown.Markdown(extensions=["pymdownx.superfences", "coursekit.site"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [{"name": "exercise", "class": "exercise",
                                                    "validator": exercises.validate, "format": exercises.format}]},
        "coursekit.site": {"offline": True, "docs_dir": str(docs)}})
    return md.convert(fence(declared))


def sealed(section):
    return json.loads(base64.b64decode(section["data-sealed"]))


def test_a_code_exercise_keeps_its_solution_and_hints_sealed(docs):
    html = render(docs, CODE)
    section = BeautifulSoup(html, "html.parser").select_one("section.exercise")
    assert section["id"] == "exercise-toy-code" and section["data-kind"] == "code"
    assert "SOLUTION-MARK" not in html and "HINT-MARK" not in html and "A + A" not in html
    assert sealed(section)["solution"] == SOLUTION.rstrip("\n") and "HINT-MARK" in sealed(section)["hints"][0]
    public = json.loads(section["data-json"])
    assert public["module"] == "toy_site.practice" and public["tests"] == "tests" and public["hints"] == 2
    assert public["starter"] == CODE["starter"].rstrip("\n") and "wrong" not in public
    assert "def twice(A):\n    return A * A" not in html, "the wrong answers are the build's, not the page's"


def test_a_choice_keeps_which_is_right_and_why_sealed(docs):
    html = render(docs, CHOICE)
    section = BeautifulSoup(html, "html.parser").select_one("section.exercise")
    assert "WHY-RIGHT-MARK" not in html and "WHY-WRONG-MARK" not in html and "right" not in section["data-json"]
    options = json.loads(section["data-json"])["options"]
    keys = sealed(section)["options"]
    assert sorted(BeautifulSoup(o, "html.parser").get_text() for o in options) == ["Another", "Right one", "Wrong one"]
    right = [BeautifulSoup(o, "html.parser").get_text() for o, k in zip(options, keys) if k["right"]]
    assert right == ["Right one"]


def test_a_number_question_names_its_question_and_settings(docs):
    section = BeautifulSoup(render(docs, NUMBER), "html.parser").select_one("section.exercise")
    assert json.loads(section["data-json"])["settings"] == {"top": 5}
    assert section["data-runtime"] == "local"


@pytest.mark.parametrize("change, said", [
    ({"solution": "def twice(A):\n    return A\n"}, "the solution fails its tests"),
    ({"starter": SOLUTION}, "the starter code already passes"),
    ({"starter": "def twice(B):\n    return B\n"}, "the starter's def twice(B) cannot take the arguments of the "
                                                   "case 'first' by their names (A)"),
    ({"starter": "def thrice(A):\n    return A\n"}, "the starter code does not give a function 'twice'"),
    ({"wrong": [{"mistake": "toy-squared", "code": "def twice(A):\n    return 2 * A + 1\n"}]},
     "wrong answer 1 (toy-squared) is diagnosed as 'toy-plus-one'"),
    ({"wrong": [{"mistake": "toy-squared", "code": SOLUTION}]}, "wrong answer 1 (toy-squared) is passed"),
    ({"wrong": [{"mistake": "made-up", "code": SOLUTION}]}, "'made-up' is not one of the tests' mistakes"),
    ({"tests": "toy_site.practice:not_a_question"}, "is a int, not a CodeTests"),
    ({"tests": "toy_site.practice:missing"}, "cannot be found"),
    ({"tests": "toy_site.practice"}, "is `module:name`"),
    ({"colour": "red"}, "unknown ['colour']"),
    ({"id": "Has Spaces"}, "id must be lower-case"),
    ({"kind": "essay"}, "kind must be one of"),
])
def test_a_wrong_code_declaration_stops_the_build(docs, change, said):
    with pytest.raises(SuperFencesException, match="exercise") as stopped:
        render(docs, {**CODE, **change})
    assert said in str(stopped.value)
    assert "toy-code" in str(stopped.value) or "Has Spaces" in str(stopped.value)


def test_a_mistake_without_a_message_stops_the_build(docs):
    catalog = docs / "lessons/toy_site/messages/en.json"
    texts = json.loads(catalog.read_text())
    del texts["mistake.toy-plus-one"]
    catalog.write_text(json.dumps(texts))
    with pytest.raises(SuperFencesException, match=r"no message for mistake.toy-plus-one in the lesson's catalog "
                                                   r"\(toy_site/messages/en.json\)"):
        render(docs, CODE)
    del texts["mistake.toy-squared.short"]
    texts["mistake.toy-plus-one"] = "Add nothing."
    catalog.write_text(json.dumps(texts))
    with pytest.raises(SuperFencesException, match=r"no message for mistake.toy-squared.short in the lesson's "
                                                   r"catalog .*its short name for the practice summary"):
        render(docs, CODE)


def test_a_lessons_catalog_may_not_reword_a_widget(docs):
    catalog = docs / "lessons/toy_site/messages/en.json"
    catalog.write_text(json.dumps({**json.loads(catalog.read_text()), "practice.check": "Go"}))
    with pytest.raises(SuperFencesException, match=r"repeats the site's keys \['practice.check'\]"):
        render(docs, CODE)


def test_an_exercise_brings_its_lessons_words_to_the_page(docs):
    public = json.loads(BeautifulSoup(render(docs, CODE), "html.parser").select_one("section.exercise")["data-json"])
    assert public["messages"] == {"mistake.toy-squared": "Double it; do not square it.",
                                  "mistake.toy-squared.short": "squared",
                                  "mistake.toy-plus-one": "Add nothing.", "mistake.toy-plus-one.short": "one added"}


@pytest.mark.parametrize("options, said", [
    ([{"text": "a", "right": True, "why": "x"}, {"text": "b", "right": True, "why": "y"}], "exactly one option"),
    ([{"text": "a", "why": "x"}, {"text": "b", "why": "y"}], "exactly one option"),
    ([{"text": "a", "right": True}], "at least two"),
])
def test_a_wrong_choice_stops_the_build(docs, options, said):
    with pytest.raises(SuperFencesException, match=said):
        render(docs, {**CHOICE, "options": options})


def test_a_question_whose_settings_do_not_fit_stops_the_build(docs):
    with pytest.raises(SuperFencesException, match="toy-number.*settings"):
        render(docs, {**NUMBER, "settings": {"size": 3}})


def test_a_misconception_that_is_the_answer_on_every_draw_stops_the_build_by_its_name(docs):
    """With a from 2 to 2, "toy-squared" (a²) is the answer (2a): no mistake on these numbers."""
    with pytest.raises(SuperFencesException) as stopped:
        render(docs, {**NUMBER, "settings": {"top": 2}})
    said = str(stopped.value)
    assert "exercise 'toy-number'" in said and "misconception 'toy-squared' gives the right answer" in said
    assert "widen" not in said


def test_a_misconception_never_named_alone_stops_the_build_saying_why(docs):
    """One that always answers 0 would only ever be a "perhaps": a placeholder is no diagnosis."""
    with pytest.raises(SuperFencesException) as stopped:
        render(docs, {**NUMBER, "question": "toy_site.practice:zeroing", "settings": {}})
    said = str(stopped.value)
    assert "on none of 12 seeds is 'toy-squared' named alone" in said
    assert "12 of its answers are 0 or one value in every entry" in said and "Widen the question's ranges" in said


def test_a_lesson_error_in_an_exercise_is_named_with_where_it_was_raised(docs):
    """The build prints the message once, with no traceback: the message says where."""
    with pytest.raises(SuperFencesException) as stopped:
        render(docs, {**NUMBER, "question": "toy_site.practice:crashing", "settings": {}})
    said = str(stopped.value)
    assert said.startswith("exercise 'toy-number': ZeroDivisionError: ")
    assert "(raised at " in said and "toy_site/practice.py, line " in said and said.endswith(", in <lambda>)")


def test_the_all_blocks_command_checks_every_exercise(docs):
    page = docs / "lessons/toy.md"
    page.write_text("# Toy\n\n" + fence(CODE) + "\n" + fence({**CHOICE, "options": CHOICE["options"][1:]}))
    failures = check_exercises(docs, out=open("/dev/null", "w"))
    assert [(identifier, "exactly one option" in error) for _, identifier, error in failures] == [("toy-choice", True)]
