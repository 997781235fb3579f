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
    """How typed text reads is declared in tests/machinery/typed_values_cases.json (for the
    page's parser too); here, what an exercise gets of it: an array, 0-d for a number."""
    assert answers.read("number", " 1/2 ").shape == () and answers.read("number", "1/2") == 0.5
    np.testing.assert_array_equal(answers.read("matrix", "1 2\n−3, 1/2"), [[1, 2], [-3, 0.5]])
    np.testing.assert_array_equal(answers.read("shape", "3 × 4"), [3, 4])
    with pytest.raises(ValueError):
        answers.read("count", "3")  # a number editor's kind, not an answer's


def draw_pair(rng):
    """a from 1 to 3, b from 5 to 9: no wrong answer below can be read two ways."""
    return {"a": float(rng.integers(1, 4)), "b": float(rng.integers(5, 10))}


# A toy question: a · b + a, whose misconception is "forgot to add a".
SUM = NumberQuestion(draw=draw_pair, ask="a·b + a", shown={"a": "a", "b": "b"}, answer=lambda a, b: a * b + a,
                     mistakes={"forgot-a": lambda a, b: a * b},
                     terms=lambda a, b: [("a·b", a * b), ("a", a)])


def test_a_question_accepts_its_answer_and_names_a_misconception():
    seed = 3
    inputs = SUM.inputs(seed)
    a, b = inputs["a"], inputs["b"]
    assert SUM.inputs(seed) == inputs, "a seed always draws the same numbers"
    assert SUM.check(seed, str(a * b + a))["correct"]
    assert SUM.check(seed, f"{a * b + a + 0.0004}")["correct"], "within the tolerance"
    assert SUM.check(seed, str(a * b)) == {"correct": False, "message": {"key": "mistake.forgot-a", "params": {}},
                                          "mistake": "forgot-a"}
    sign = SUM.check(seed, str(a * b - a))["message"]
    assert sign["key"] == "practice.term-sign" and sign["params"]["term"] == "a"
    assert SUM.check(seed, str(a * b + a + 100))["message"] == {"key": "practice.too-large", "params": {"by": "100"}}
    unread = SUM.check(seed, "twelve")
    assert unread["unread"] and unread["message"] == {"key": "typed.not-a-number", "params": {"text": "twelve"}}
    shown = SUM.show(seed)
    assert [g["label"] for g in shown["given"]] == ["a", "b"] and "answer" not in str(shown)


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


def test_matrix_answers_say_which_entries_are_off():
    question = NumberQuestion(draw=lambda rng: {"A": np.arange(4.0).reshape(2, 2)}, ask="A", shown={"A": "A"},
                              kind="matrix", answer=lambda A: A)
    said = question.check(0, "0 1\n2 5")["message"]
    assert said == {"key": "practice.entry-off", "params": {"entries": "[1, 1] (+2)"}}
    said = question.check(0, "1 1\n2 5")["message"]
    assert said == {"key": "practice.entries-off", "params": {"count": 2, "entries": "[0, 0] (+1), [1, 1] (+2)"}}
    assert question.check(0, "[[0, 1], [2, 3]]")["correct"], "as numpy prints it"
    assert question.check(0, "0 1 2")["message"]["key"] == "practice.answer.wrong-shape"


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

