"""The tests a reader's function must pass: what the lesson's reference function does, on
the worked example and on random cases; a failure says which case, what is off, and the
misconception whose function returns what the reader's did.

A lesson declares the tests in its Python (CodeTests), with its misconceptions as
functions; the page's exercise widget runs check (and gradient_check, for a backward
function) through the runner's bridge; at build time coursekit/exercises.py checks that
the solution passes and each declared wrong answer gets its diagnosis.

This module runs in the page's Python: standard library and numpy only.
"""

import inspect
import io

import numpy as np

from coursekit.page import reader_code
from coursekit.page.feedback import entry, message, same, shown, size
from coursekit.page.finite_differences import check_gradients
from coursekit.page.numbers import text


class CodeTests:
    """What a reader's function must do: what the lesson's `reference` does, on every case.

    function   the name the reader's code defines
    reference  the lesson's function, with the same arguments
    cases      cases(rng) -> [(label, {argument: value})]: the worked example first, then
               random cases (stride > 1, padding, non-square shapes, ties, ...); the
               reader's function is called with each argument by its name, the name the
               exercise's starter code declares (the build checks that it does)
    outputs    the names of what it returns, in order: ("Y",) or ("dL/dX", "dL/dK", "dL/db")
    mistakes   {name: function}: what each misconception's function returns (the catalog's
               "mistake.<name>" explains it)
    gradient   a finite_differences.Gradient: the reader may check their backward function
               by finite differences
    """

    def __init__(self, function, reference, cases, outputs, mistakes=None, gradient=None, tolerance=1e-6):
        self.function, self.reference, self.cases = function, reference, cases
        self.outputs, self.mistakes, self.gradient = tuple(outputs), dict(mistakes or {}), gradient
        self.tolerance = tolerance

    def _returned(self, value):
        """What a function returned as one array per output, or None if it is not that."""
        values = [value] if len(self.outputs) == 1 else value
        if len(self.outputs) > 1 and (not isinstance(values, (tuple, list)) or len(values) != len(self.outputs)):
            return None
        try:
            return [np.asarray(v, dtype=float) for v in values]
        except (TypeError, ValueError):
            return None

    def _parameters(self, arguments):
        """The names the reader's function is called with, in the order the reference
        declares them (the starter's, as a rule), else in the case's."""
        try:
            declared = list(inspect.signature(self.reference).parameters)
        except (TypeError, ValueError):
            declared = []
        return [name for name in declared if name in arguments] + [name for name in arguments if name not in declared]

    def _call(self, function, arguments, printed):
        """(what the reader's function returned, None), or (None, the problem): a parameter
        the tests do not pass by its name (renamed), or the exception it raised."""
        theirs = reader_code.unmatched_parameters(function, arguments)
        if theirs is not None:
            return None, message("practice.code.parameters", name=self.function,
                                 expected=", ".join(self._parameters(arguments)), got=theirs)
        return reader_code.call(function, arguments, printed)

    def _not_returned(self):
        return message("practice.code.returns", count=len(self.outputs), names=", ".join(self.outputs))

    def check(self, code, seed=0):
        """Run the reader's code and test its function on every case, in order: {"passed":
        True, "cases": n}, or the first failure (its case, its problem, the misconception
        its output matches, what the code printed)."""
        printed = io.StringIO()
        function, problem = reader_code.load(code, self.function, printed)
        if problem:
            return {"passed": False, "case": None, "problem": problem, "mistake": None,
                    "printed": reader_code.kept(printed)}
        cases = self.cases(np.random.default_rng(int(seed)))
        for number, (label, arguments) in enumerate(cases, start=1):
            case = {"label": str(label), "number": number, "of": len(cases),
                    "inputs": {name: shown(value) for name, value in arguments.items()}}
            expected = self._returned(self.reference(**reader_code.copies(arguments)))
            got, problem = self._call(function, arguments, printed)
            if problem is None:
                got, problem = self._compare(got, expected)
            if problem:
                mistake = None if got is None else self._diagnose(got, arguments)
                return {"passed": False, "case": case, "problem": problem, "mistake": mistake,
                        "printed": reader_code.kept(printed)}
        return {"passed": True, "cases": len(cases), "printed": reader_code.kept(printed)}

    def _compare(self, got, expected):
        """(what it returned, as arrays, the first difference from what was expected, or None)."""
        returned = self._returned(got)
        if returned is None:
            return None, self._not_returned()
        for name, mine, right in zip(self.outputs, returned, expected):
            if mine.shape != right.shape:
                return returned, message("practice.code.shape", output=name, got=size(mine), expected=size(right))
            if not np.all(np.isfinite(mine)):
                return returned, message("practice.code.not-finite", output=name)
            wrong = np.abs(mine - right) > self.tolerance
            if wrong.any():
                index = tuple(int(i) for i in np.argwhere(wrong)[0])
                if index:
                    return returned, message("practice.code.entry", output=name, entry=entry(index),
                                             got=text(mine[index]), expected=text(right[index]))
                return returned, message("practice.code.value", output=name, got=text(mine), expected=text(right))
        return returned, None

    def _diagnose(self, got, arguments):
        """The first misconception that explains what the reader's function returned: each
        output is either the one it gives or the right one (a reader may get dL/dK right
        and dL/dX wrong)."""
        expected = self._returned(self.reference(**reader_code.copies(arguments)))
        for name, mistake in self.mistakes.items():
            try:
                theirs = self._returned(mistake(**reader_code.copies(arguments)))
            except Exception:  # a misconception that cannot happen on these inputs explains nothing
                continue
            if theirs is not None and all(same(mine, wrong, self.tolerance) or same(mine, right, self.tolerance)
                                          for mine, wrong, right in zip(got, theirs, expected)):
                return name
        return None

    def gradient_check(self, code, seed=0):
        """The reader's gradients against centred finite differences of the lesson's loss,
        on the last (random) case: {"results": [{"output", "error", "ok"}], "passed"}, or a
        problem with their code. The relative error of a right gradient is about 1e-10."""
        if self.gradient is None:
            raise ValueError(f"{self.function}: no Gradient is declared for these tests")
        printed = io.StringIO()
        function, problem = reader_code.load(code, self.function, printed)
        label, arguments = self.cases(np.random.default_rng(int(seed)))[-1]
        case = {"label": str(label), "inputs": {name: shown(value) for name, value in arguments.items()}}
        if problem is None:
            got, problem = self._call(function, arguments, printed)
        if problem is None:
            got = self._returned(got)
            problem = None if got is not None else self._not_returned()
        if problem:
            return {"passed": False, "case": case, "problem": problem, "printed": reader_code.kept(printed)}
        checked = check_gradients(dict(zip(self.outputs, got)), self.gradient.loss, reader_code.copies(arguments),
                                  self.gradient.wrt)
        results = [{"output": name, "error": text(error), "ok": bool(ok)} for name, (error, ok) in checked.items()]
        return {"passed": all(r["ok"] for r in results), "case": case, "results": results,
                "printed": reader_code.kept(printed)}
