"""Values as they cross into a lesson (coursekit.page.values): what no lesson should have to
think about is refused once, for every lesson, with a message that names the argument."""

import numpy as np
import pytest

from coursekit.page.values import Field, InputError, takes


@takes(X=Field("matrix", largest=4), b=Field("number"), dL_dY=Field("matrix", "dL/dY"),
       stride=Field("count", smallest=1, largest=8))
def lesson_function(X, b, dL_dY=((0,),), stride=1):
    return X, b, dL_dY, stride


X = [[1, 2], [3, 4]]


@pytest.mark.parametrize("arguments, argument, message", [
    ({"X": [1, 2, 3]}, "X", r"X must be a 2-D array \(a matrix\), but it has 1 dimension"),
    ({"X": [[[1, 2]]]}, "X", r"X must be a 2-D array .* 3 dimension"),
    ({"X": 5}, "X", r"X must be a 2-D array .* 0 dimension"),
    ({"X": [[1, 2], [3]]}, "X", r"X must be a matrix of numbers, with the same number of entries in every row"),
    ({"X": [["a", "b"]]}, "X", r"X must be a matrix of numbers"),
    ({"X": [[1, float("nan")]]}, "X", r"X must contain only finite numbers"),
    ({"X": [[10 ** 400]]}, "X", r"X must contain numbers at most 1e\+150 in size"),
    ({"X": [[]]}, "X", r"X must not be empty"),
    ({"X": [[1] * 5]}, "X", r"X has shape \(1, 5\): it may have at most 4 rows and 4 columns"),
    ({"dL_dY": [0.5, 1]}, "dL_dY", r"dL/dY must be a 2-D array"),
    ({"b": [1, 2]}, "b", r"b must be a single number, but it has shape \(2,\)"),
    ({"b": "one"}, "b", r"b must be a number, not 'one'"),
    ({"b": True}, "b", r"b must be a number, not True"),
    ({"b": float("inf")}, "b", r"b must be a finite number"),
    ({"b": 10 ** 400}, "b", r"b must be a number at most 1e\+150 in size"),
    ({"stride": 0}, "stride", r"the stride must be a whole number, at least 1, not 0"),
    ({"stride": 1.5}, "stride", r"the stride must be a whole number"),
    ({"stride": "two"}, "stride", r"the stride must be a whole number, at least 1, not 'two'"),
    ({"stride": 10 ** 400}, "stride", r"the stride must be a whole number"),
    ({"stride": 9}, "stride", r"the stride must be at most 8, not 9"),
])
def test_a_hostile_value_is_refused_by_name(arguments, argument, message):
    with pytest.raises(InputError, match=message) as raised:
        lesson_function(**{"X": X, "b": 0, **arguments})
    assert raised.value.argument == argument


def test_what_is_accepted_arrives_as_the_lesson_takes_it():
    A, b, dL_dY, stride = lesson_function(X, "2", dL_dY=[[1]], stride=2.0)
    assert A.dtype == np.float64 and A.shape == (2, 2) and (b, stride) == (2.0, 2) and isinstance(stride, int)
    assert lesson_function.fields["dL_dY"].label == "dL/dY", "the declarations stay on the function"


def test_a_function_with_more_arguments_gets_them_as_given():
    @takes(X=Field("matrix"))
    def varied(X, *rest, scale=1, **options):
        return X, rest, scale, options

    X_, rest, scale, options = varied([[1]], 2, 3, scale=4, k=5)
    assert X_.dtype == np.float64 and (rest, scale, options) == ((2, 3), 4, {"k": 5})


def test_a_declaration_must_name_the_functions_arguments():
    with pytest.raises(TypeError, match=r"has no argument Z"):
        takes(Z=Field("number"))(lambda X: X)
    with pytest.raises(ValueError, match=r"kind 'vector' is not one of"):
        Field("vector")
