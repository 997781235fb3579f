"""The kit's practice machinery (coursekit's answers, questions, code_tests, finite_differences
and reader_code), on toy exercises that name no lesson: reading typed answers, diagnosing a
wrong one, and checking a reader's code with a report that says what went wrong, where."""

import numpy as np
import pytest

from coursekit.page import answers
from coursekit.page.code_tests import CodeTests
from coursekit.page.finite_differences import Gradient, numeric_gradient, relative_error
from coursekit.page.questions import NumberQuestion


def test_answers_are_read_as_arrays_by_their_kind():
    """How typed text reads is declared in tests/machinery/typed_values_cases.<language>.json (for the
    page's parser too); here, what an exercise gets of it: an array, 0-d for a number."""
    assert answers.read("number", " 1/2 ").shape == () and answers.read("number", "1/2") == 0.5
    np.testing.assert_array_equal(answers.read("matrix", "1 2\n−3, 1/2"), [[1, 2], [-3, 0.5]])
    np.testing.assert_array_equal(answers.read("shape", "3 × 4"), [3, 4])
    with pytest.raises(ValueError):
        answers.read("count", "3")  # a number editor's kind, not an answer's


def test_an_answer_is_read_by_the_pages_language():
    """In the Portuguese edition 2,5 is two and a half, and 2,5,0 is refused as ambiguous."""
    number = NumberQuestion(draw=lambda rng: {}, ask="", shown={}, answer=lambda: 2.5)
    assert number.check(0, "2,5", language="pt-BR")["correct"] and number.check(0, "2.5", language="pt-BR")["correct"]
    assert number.check(0, "2,5")["unread"], "in English, a comma is no decimal mark"
    ambiguous = number.check(0, "2,5,0", language="pt-BR")
    assert ambiguous["unread"] and ambiguous["message"] == {"key": "typed.ambiguous", "params": {"text": "2,5,0"}}
    matrix = NumberQuestion(draw=lambda rng: {}, ask="", shown={}, kind="matrix", answer=lambda: [[0.5, 1], [2, 3]])
    assert matrix.check(0, "0,5 1\n2 3", language="pt-BR")["correct"]
    assert matrix.check(0, "0,5; 1\n2; 3", language="pt-BR")["correct"]


def draw_pair(rng):
    """a from 1 to 3, b from 5 to 9: no wrong answer below can be read two ways."""
    return {"a": float(rng.integers(1, 4)), "b": float(rng.integers(5, 10))}


# A toy question: a · b + a, whose misconception is "forgot to add a".
SUM = NumberQuestion(draw=draw_pair, ask="a·b + a", shown={"a": "a", "b": "b"}, answer=lambda a, b: a * b + a,
                     mistakes={"forgot-a": lambda a, b: a * b},
                     terms=lambda a, b: [("a·b", a * b), ("a", a)])


def keys(messages):
    return [said["key"] for said in messages]


def test_a_question_accepts_its_answer_and_names_a_misconception():
    seed = 3
    inputs = SUM.inputs(seed)
    a, b = inputs["a"], inputs["b"]
    assert SUM.inputs(seed) == inputs, "a seed always draws the same numbers"
    assert SUM.check(seed, str(a * b + a))["correct"]
    assert SUM.check(seed, f"{a * b + a + 0.0004}")["correct"], "within the tolerance"
    forgot = SUM.check(seed, str(a * b))
    assert forgot["message"] == {"key": "mistake.forgot-a", "params": {}} and forgot["mistake"] == "forgot-a"
    assert forgot["perhaps"] == [] and forgot["attempt"]
    unread = SUM.check(seed, "twelve")
    assert unread["unread"] and unread["message"] == {"key": "typed.not-a-number", "params": {"text": "twelve"}}
    shown = SUM.show(seed)
    assert [g["label"] for g in shown["given"]] == ["a", "b"] and "answer" not in str(shown)


def test_a_slip_is_offered_as_perhaps_with_its_term_and_no_value():
    """a · b − a: the sign of the term a, slipped. Said as "perhaps", naming the term."""
    seed = 3
    a, b = SUM.inputs(seed).values()
    sign = SUM.check(seed, str(a * b - a))
    assert sign["mistake"] is None and sign["message"]["key"] == "practice.perhaps"
    assert sign["perhaps"] == [{"key": "practice.slip.term-sign", "params": {"terms": "a"}}]
    twice = SUM.check(seed, str(a * b + 2 * a))["perhaps"]
    assert twice == [{"key": "practice.slip.term-twice", "params": {"terms": "a"}}]


def test_an_answer_nothing_explains_is_told_which_way_only_when_it_asks():
    seed = 3
    a, b = SUM.inputs(seed).values()
    far = SUM.check(seed, str(a * b + a + 100))
    assert far["message"] == {"key": "practice.off.terms", "params": {}} and far["perhaps"] == []
    assert far["hints"] == [[{"key": "practice.hint.too-large", "params": {}}],
                            [{"key": "practice.hint.terms", "params": {"count": 2}}]]
    assert SUM.check(seed, "-100")["hints"][0] == [{"key": "practice.hint.too-small", "params": {}}]


def sum_with(c_values):
    """a·b + a + c, with c drawn from `c_values`: leaving out c is the misconception "forgot-c"."""
    return NumberQuestion(
        draw=lambda rng: {"a": 2.0, "b": 5.0, "c": float(rng.choice(c_values))}, ask="", shown={},
        answer=lambda a, b, c: a * b + a + c, mistakes={"forgot-c": lambda a, b, c: a * b + a},
        terms=lambda a, b, c: [("a·b", a * b), ("a", a), ("c", c)])


def drawn(question, inputs):
    """`question` for a reader whose numbers are `inputs` (the draws it learns from stay its own)."""
    question.inputs = lambda seed, settings=None: dict(inputs)
    return question


def test_a_coincidence_of_two_ideas_is_offered_as_perhaps_both():
    """When c equals a, the answer a·b + a is the misconception "forgot-c" and also the term
    a left out: neither is stated, both are offered. (Left out, c is the misconception
    itself, on every draw: not offered twice.)"""
    verdict = drawn(sum_with([2.0, 3.0]), {"a": 2.0, "b": 5.0, "c": 2.0}).check(0, "12")
    assert verdict["mistake"] is None and verdict["message"]["key"] == "practice.perhaps"
    assert keys(verdict["perhaps"]) == ["mistake.forgot-c", "practice.slip.term-left-out"]
    assert verdict["perhaps"][1]["params"] == {"terms": "a"}, "c left out is the misconception, in other words"
    alone = drawn(sum_with([2.0, 3.0]), {"a": 2.0, "b": 5.0, "c": 3.0})
    assert alone.check(0, "12")["mistake"] == "forgot-c", "where only the misconception explains it"


def test_draws_that_would_make_a_misconception_a_coincidence_are_drawn_again():
    """c from {2, 3}: a reader gets c = 3, where "forgot-c" is named alone, whenever a draw
    among the first gives it."""
    question = sum_with([2.0, 3.0])
    assert all(question.inputs(seed)["c"] == 3.0 for seed in range(30))
    assert all(question.check(seed, "12")["mistake"] == "forgot-c" for seed in range(30))


def test_two_terms_of_one_pattern_are_two_ideas():
    """x[0] left out is the misconception; x[1] left out, where x[1] happens to equal x[0],
    is a coincidence beside it, offered as perhaps (the pattern x[#] alone would hide it)."""
    question = NumberQuestion(
        draw=lambda rng: {"x": rng.integers(1, 9, size=3).astype(float)}, ask="", shown={},
        answer=lambda x: float(x.sum()), mistakes={"first-forgotten": lambda x: float(x[1:].sum())},
        terms=lambda x: [(f"x[{k}]", x[k]) for k in range(3)])
    verdict = drawn(question, {"x": np.array([3.0, 3.0, 1.0])}).check(0, "4")
    assert verdict["mistake"] is None
    assert verdict["perhaps"] == [{"key": "mistake.first-forgotten", "params": {}},
                                  {"key": "practice.slip.term-left-out", "params": {"terms": "x[1]"}}]


def test_a_slip_that_a_misconception_always_shows_is_that_misconception():
    """Forgetting the term a is the misconception "forgot-a" on every draw: it is named
    alone, not offered as a perhaps beside "a term left out: a"."""
    seed = 3
    a, b = SUM.inputs(seed).values()
    assert any(label == "a" for label, _ in SUM.terms(**SUM.inputs(seed)))
    assert SUM.check(seed, str(a * b))["mistake"] == "forgot-a"


def test_a_placeholder_is_never_a_diagnosis():
    """0 is what a reader types who did not compute: a misconception that answers 0 is
    only a perhaps, no slip explains it, and it is no attempt."""
    question = NumberQuestion(draw=lambda rng: {"a": float(rng.integers(1, 4))}, ask="", shown={},
                              answer=lambda a: a, mistakes={"zeroed": lambda a: 0.0},
                              terms=lambda a: [("a", a)])
    verdict = question.check(0, "0")
    assert verdict["mistake"] is None and keys(verdict["perhaps"]) == ["mistake.zeroed"]
    assert not verdict["attempt"]
    assert question.check(0, "7")["attempt"]


def test_a_misconception_a_reader_cannot_type_is_no_candidate():
    """A shape formula's negative size is no answer: such a misconception does not apply."""
    question = NumberQuestion(draw=lambda rng: {"n": 3}, ask="", shown={}, kind="shape",
                              answer=lambda n: (n, n + 1), mistakes={"minus": lambda n: (n - 5, n + 1)})
    assert question.mistaken(question.inputs(0)) == {"minus": []}
    assert answers.answerable("shape", (0, 3)) and not answers.answerable("shape", (-1, 3))
    assert not answers.answerable("shape", (2.5, 3))


def test_a_misconception_that_answers_another_kind_is_the_lessons_bug_named():
    for kind, wrong in (("number", float("nan")), ("number", [[1.0]]), ("matrix", 3.0), ("shape", (1, 2, 3))):
        question = NumberQuestion(draw=lambda rng: {}, ask="", shown={}, kind=kind, answer=lambda: 0,
                                  mistakes={"odd": lambda: wrong})
        with pytest.raises(ValueError, match=f"misconception 'odd' answers .*: not a {kind}"):
            question.mistaken({})


def test_draws_where_a_misconception_would_pass_are_drawn_again():
    """a · b + a with a = 0 would let "forgot a" pass: such draws are never given."""
    question = NumberQuestion(draw=lambda rng: {"a": float(rng.integers(0, 2)), "b": 2.0}, ask="", shown={},
                              answer=lambda a, b: a * b + a, mistakes={"forgot-a": lambda a, b: a * b})
    assert all(question.inputs(seed)["a"] == 1 for seed in range(20))


def test_a_misconception_that_always_gives_the_answer_is_named_as_no_mistake():
    """Whatever the draw, "same" answers a: no range tells it apart, and the message says so."""
    never = NumberQuestion(draw=lambda rng: {"a": float(rng.integers(-50, 50))}, ask="", shown={},
                           answer=lambda a: a, mistakes={"other": lambda a: a + 1, "same": lambda a: a})
    with pytest.raises(ValueError) as error:
        never.inputs(0)
    said = str(error.value)
    assert said.startswith("misconception 'same' gives the right answer on all 100 draws") and "no mistake" in said
    assert "other" not in said and "widen" not in said


def test_misconceptions_alike_on_some_draws_ask_for_wider_ranges():
    """a from {0, 1}: "zero" is right when a = 0, "one" when a = 1, so no draw will do, but
    other ranges would."""
    narrow = NumberQuestion(draw=lambda rng: {"a": float(rng.integers(0, 2))}, ask="", shown={},
                            answer=lambda a: a, mistakes={"zero": lambda a: 0.0, "one": lambda a: 1.0})
    with pytest.raises(ValueError) as error:
        narrow.inputs(0)
    said = str(error.value)
    assert "'zero' and the right answer on" in said and "'one' and the right answer on" in said
    assert "widen the question's ranges" in said
    same_two = NumberQuestion(draw=lambda rng: {"a": float(rng.integers(0, 9))}, ask="", shown={},
                              answer=lambda a: a, mistakes={"twice": lambda a: 2 * a + 1, "double": lambda a: 2 * a + 1})
    with pytest.raises(ValueError, match="misconceptions 'twice' and 'double' give the same answer on all 100 draws"):
        same_two.inputs(0)


def test_matrix_answers_say_how_many_entries_are_off_and_where_in_hints():
    question = NumberQuestion(draw=lambda rng: {"A": np.arange(6.0).reshape(2, 3)}, ask="A", shown={"A": "A"},
                              kind="matrix", answer=lambda A: A)
    verdict = question.check(0, "1 1 2\n3 4 9")
    assert verdict["message"] == {"key": "practice.off.entries", "params": {"count": 2, "of": 6}}
    assert verdict["hints"] == [
        [{"key": "practice.hint.rows", "params": {"rows": "0, 1"}}],
        [{"key": "practice.hint.entries", "params": {"entries": "[0, 0], [1, 2]"}}],
        [{"key": "practice.hint.larger", "params": {"entries": "[0, 0], [1, 2]"}}],
    ]
    assert question.check(0, "[[0, 1, 2], [3, 4, 5]]")["correct"], "as numpy prints it"
    wrong_shape = question.check(0, "0 1\n2 3")
    assert wrong_shape["message"] == {"key": "practice.off.shape", "params": {"got": "2×2"}}
    assert wrong_shape["hints"] == [[{"key": "practice.hint.answer-shape", "params": {"expected": "2×3"}}]]


def test_matrix_slips_and_placeholders():
    question = NumberQuestion(draw=lambda rng: {"A": np.arange(6.0).reshape(2, 3)}, ask="A", shown={"A": "A"},
                              kind="matrix", answer=lambda A: A)
    assert keys(question.check(0, "0 -1 -2\n-3 -4 -5")["perhaps"]) == ["practice.slip.signs-flipped"]
    square = NumberQuestion(draw=lambda rng: {"A": np.array([[1.0, 2.0], [3.0, 4.0]])}, ask="A", shown={},
                            kind="matrix", answer=lambda A: A)
    assert keys(square.check(0, "1 3\n2 4")["perhaps"]) == ["practice.slip.transposed"]
    for placeholder in ("0 0\n0 0", "7 7\n7 7"):
        verdict = square.check(0, placeholder)
        assert verdict["perhaps"] == [] and not verdict["attempt"]
        assert verdict["message"] == {"key": "practice.off.entries", "params": {"count": 4, "of": 4}}
    shape = NumberQuestion(draw=lambda rng: {}, ask="", shown={}, kind="shape", answer=lambda: (3, 5))
    assert keys(shape.check(0, "5 × 3")["perhaps"]) == ["practice.slip.shape-swapped"]
    assert shape.check(0, "4 × 5")["message"]["key"] == "practice.off.rows"
    assert shape.check(0, "4 × 5")["hints"] == [[{"key": "practice.hint.rows-too-many", "params": {}}]]


def test_a_number_rounded_too_early_is_a_perhaps():
    question = NumberQuestion(draw=lambda rng: {}, ask="", shown={}, answer=lambda: 2.4567)
    assert keys(question.check(0, "2.46")["perhaps"]) == ["practice.slip.rounded"]
    assert keys(question.check(0, "2.4")["perhaps"]) == ["practice.slip.rounded"], "cut, not rounded"
    assert question.check(0, "2.3")["perhaps"] == []


def square(A):
    return np.asarray(A) ** 2


def square_gradient(A, dL_dY):
    """dL/dA of L = sum(A² · dL/dY)."""
    return 2 * A * dL_dY


def cases(rng):
    return [("first", {"A": np.array([[1.0, 2.0], [3.0, 4.0]])}),
            ("random", {"A": rng.integers(-3, 4, size=(2, 3)).astype(float)})]


TESTS = CodeTests(function="square", reference=square, cases=cases, outputs=("Y",),
                  mistakes={"doubled": lambda A: 2 * A})


def test_code_that_passes():
    assert TESTS.check("def square(A):\n    return A * A\n") == {"passed": True, "cases": 2, "printed": ""}


@pytest.mark.parametrize("code, key, params", [
    ("def square(A):\n    return A.ravel() ** 2\n", "practice.code.shape", {"output": "Y", "got": "4", "expected": "2×2"}),
    ("def square(A):\n    return A * A + (A > 1)\n", "practice.code.entry",
     {"output": "Y", "entry": "[0, 1]", "got": "5", "expected": "4"}),
    ("def cube(A):\n    return A ** 3\n", "practice.code.no-function", {"name": "square"}),
    ("def square(A):\n    return A[:1]\n", "practice.code.shape", {"output": "Y", "got": "1×2", "expected": "2×2"}),
])
def test_what_went_wrong_is_said(code, key, params):
    report = TESTS.check(code)
    assert not report["passed"] and report["problem"]["key"] == key
    assert report["problem"]["params"] == params
    if report["case"]:
        assert report["case"]["number"] == 1 and report["case"]["inputs"]["A"] == [["1", "2"], ["3", "4"]]


def test_the_misconception_is_named_and_what_was_printed_kept():
    report = TESTS.check("def square(A):\n    print('trying', A.shape)\n    return 2 * A\n")
    assert report["mistake"] == "doubled" and report["problem"]["key"] == "practice.code.entry"
    assert report["printed"] == "trying (2, 2)\n"


def test_an_exception_is_reported_with_the_readers_line_number():
    code = "import numpy as np\n\ndef square(A):\n    total = A.sum()\n    return total + undefined_name\n"
    report = TESTS.check(code)
    traceback = report["problem"]["params"]["traceback"]
    assert report["problem"]["key"] == "practice.code.exception"
    assert 'File "<your code>", line 5, in square' in traceback and "NameError" in traceback
    assert "coursekit" not in traceback, "the kit's frames are not the reader's business"
    syntax = TESTS.check("def square(A):\n    return A *\n")
    assert syntax["problem"] == {"key": "practice.code.syntax", "params": {"line": 2, "error": "invalid syntax"}}


def test_a_function_that_changes_its_input_changes_no_other_test():
    assert TESTS.check("def square(A):\n    A *= A\n    return A\n")["passed"]


def plus_twice(A, B):
    return np.asarray(A) + 2 * np.asarray(B)


# Each case's dict gives B before A, the reverse of plus_twice's parameters: a right
# function called in the dict's order would compute B + 2A.
PLUS_TWICE = CodeTests(function="plus_twice", reference=plus_twice, outputs=("Y",),
                       cases=lambda rng: [("first", {"B": np.array([[1.0, 2.0]]), "A": np.array([[5.0, 7.0]])})])


def test_the_readers_function_is_called_with_each_argument_by_its_name():
    assert PLUS_TWICE.check("def plus_twice(A, B):\n    return A + 2 * B\n")["passed"]
    assert PLUS_TWICE.check("def plus_twice(B, A):\n    return A + 2 * B\n")["passed"], "in any order"


def test_a_renamed_parameter_is_named_with_the_names_the_tests_pass():
    report = PLUS_TWICE.check("def plus_twice(A, C):\n    return A + 2 * C\n")
    assert not report["passed"] and report["mistake"] is None
    assert report["problem"] == {"key": "practice.code.parameters",
                                 "params": {"name": "plus_twice", "expected": "A, B", "got": "A, C"}}, \
        "the expected names in the order of the lesson's function"
    assert PLUS_TWICE.check("def plus_twice(*arrays):\n    return arrays[0]\n")["problem"]["params"]["got"] \
        == "*arrays"


def test_gradient_check_tells_right_from_wrong_gradients():
    tests = CodeTests(function="backward", reference=square_gradient,
                      cases=lambda rng: [("random", {"A": rng.normal(size=(2, 2)), "dL_dY": rng.normal(size=(2, 2))})],
                      outputs=("dL/dA",), gradient=Gradient(lambda A, dL_dY: float(np.sum(A ** 2 * dL_dY)),
                                                            {"dL/dA": "A"}))
    right = tests.gradient_check("def backward(A, dL_dY):\n    return 2 * A * dL_dY\n")
    assert right["passed"] and right["results"][0]["ok"] and "10⁻" in right["results"][0]["error"]
    wrong = tests.gradient_check("def backward(A, dL_dY):\n    return A * dL_dY\n")
    assert not wrong["passed"] and not wrong["results"][0]["ok"]
    renamed = tests.gradient_check("def backward(A, upstream):\n    return 2 * A * upstream\n")
    assert not renamed["passed"] and renamed["problem"]["key"] == "practice.code.parameters"
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0 and relative_error([1.0], [-1.0]) == 1


def shifted_square_gradients(A, b, dL_dY):
    """dL/dA and dL/db of L = sum((A² + b) · dL/dY)."""
    return 2 * A * dL_dY, float(np.sum(dL_dY))


def test_a_right_gradient_that_is_zero_agrees_with_finite_differences():
    """dL/db = sum(dL/dY) is exactly 0 when dL/dY sums to 0; its finite differences are
    rounding noise, which measured against themselves alone are a relative error of 1."""
    loss = lambda A, b, dL_dY: float(np.sum((A ** 2 + b) * dL_dY))  # noqa: E731
    case = {"A": np.array([[0.3, -1.7], [2.9, 0.6]]), "b": 0.7, "dL_dY": np.array([[1.0, -1.0], [2.0, -2.0]])}
    assert relative_error(0.0, numeric_gradient(loss, case, "b")) == 1, "the case has the noise it is about"
    tests = CodeTests(function="backward", reference=shifted_square_gradients, cases=lambda rng: [("zero sum", case)],
                      outputs=("dL/dA", "dL/db"), gradient=Gradient(loss, {"dL/dA": "A", "dL/db": "b"}))
    right = tests.gradient_check("import numpy as np\n\ndef backward(A, b, dL_dY):\n"
                                 "    return 2 * A * dL_dY, float(np.sum(dL_dY))\n")
    assert right["passed"], right["results"]
    wrong = tests.gradient_check("def backward(A, b, dL_dY):\n    return 2 * A * dL_dY, 0.01\n")
    assert [r["ok"] for r in wrong["results"]] == [True, False], "a wrong dL/db is still told"

