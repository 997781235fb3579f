"""The `exercise` fence: an exercise declared in the page's Markdown, checked at build time,
done in the page (docs/assets/widgets/exercises.mjs, which starts each kind from exercises/).

    ```exercise
    id: y-entry                            # unique on its page; the reader's progress is kept under it
    kind: number                           # number | code | choice
    title: An entry of Y
    statement: |                           # Markdown (math too)
      Compute the entry of \\(Y\\) asked for, with your own numbers.
    question: <lesson>.practice:output_entry   # number: a coursekit.page.questions.NumberQuestion
    settings: {size: [3, 4]}               # number, optional: the sizes and ranges its numbers are drawn from
    ```

    kind: code      tests: <lesson>.practice:forward_tests  (a coursekit.page.code_tests.CodeTests)
                    starter: |  ...the code the reader starts from
                    solution: | ...shown only when the reader asks
                    hints: [Markdown, ...]                   shown one at a time
                    wrong:                                   answers the tests must recognise
                      - mistake: bias-forgotten              (a name of the tests' mistakes)
                        code: | ...
    kind: choice    options:                                 exactly one right
                      - text: Markdown
                        right: true
                        why: Markdown                        shown for every option, once answered

The build checks each exercise (`verify`), and stops with a message naming it where: the
starter's def line does not take the tests' arguments by their names, the solution fails
its tests, the starter passes them, a wrong answer is not recognised as
its mistake, a question's misconception is not told apart from its answer, a mistake has
no message in the catalog, or a choice has not exactly one right option. What gives an
answer away (which option is right, every option's explanation, the hints, the solution)
is in the page only sealed (base64, not as plain text), until the reader asks.
"""

import base64
import hashlib
import importlib
import io
import json
import random
import re
import traceback
from html import escape

import markdown
import numpy as np
import yaml

from coursekit import messages, site
from coursekit.build_errors import BuildStopped
from coursekit.json_data import json_attribute
from coursekit.page import reader_code
from coursekit.page.code_tests import CodeTests
from coursekit.page.numbers import text
from coursekit.page.questions import NumberQuestion

KINDS = ("number", "code", "choice")
IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FIELDS = {
    "number": {"id", "kind", "title", "statement", "question", "settings"},
    "code": {"id", "kind", "title", "statement", "tests", "starter", "solution", "hints", "wrong"},
    "choice": {"id", "kind", "title", "statement", "options"},
}
REQUIRED = {"number": {"question"}, "code": {"tests", "starter", "solution"}, "choice": {"statement", "options"}}
SEEDS = range(12)
"""Seeds a question is checked on at build time."""


class ExerciseError(Exception):
    """A declaration the build cannot accept: its message names the exercise."""


def read(source):
    """The fence's YAML as a checked declaration (a dict)."""
    try:
        declared = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise ExerciseError(f"exercise: its YAML does not parse: {error}") from None
    if not isinstance(declared, dict):
        raise ExerciseError("exercise: write its fields as `name: value` lines (id, kind, title, ...)")
    name = f"exercise {declared.get('id', '(no id)')!r}"
    kind = declared.get("kind")
    if kind not in KINDS:
        raise ExerciseError(f"{name}: kind must be one of {KINDS}, not {kind!r}")
    if not IDENTIFIER.match(str(declared.get("id", ""))):
        raise ExerciseError(f"{name}: id must be lower-case letters, digits and '-' (it keys the reader's progress)")
    missing = (REQUIRED[kind] | {"title"}) - set(declared)
    unknown = set(declared) - FIELDS[kind]
    if missing or unknown:
        raise ExerciseError(f"{name}: " + "; ".join(
            part for part in (missing and f"missing {sorted(missing)}", unknown and f"unknown {sorted(unknown)} "
                              f"(a {kind} exercise has {sorted(FIELDS[kind])})") if part))
    return declared


def target(declared, field, kind):
    """The lesson object `module:name` that the field names, checked to be a `kind`."""
    reference = str(declared[field])
    module, colon, name = reference.partition(":")
    if not colon:
        raise ExerciseError(f"exercise {declared['id']!r}: {field} is `module:name`, not {reference!r}")
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise ExerciseError(f"exercise {declared['id']!r}: {field} {reference!r} cannot be found: {error}") from None
    if not isinstance(found, kind):
        raise ExerciseError(f"exercise {declared['id']!r}: {field} {reference!r} is a {type(found).__name__}, "
                            f"not a {kind.__name__}")
    return module, name, found


def typed(value, kind):
    """An answer as a reader would type it."""
    value = np.asarray(value, dtype=float)
    if kind == "shape":
        return f"{int(value[0])} × {int(value[1])}"
    if kind == "matrix":
        return "\n".join(" ".join(text(v) for v in row) for row in value)
    return text(value)


def verify(declared, catalog):
    """Check one exercise as the build does; an ExerciseError says what is wrong."""
    name = f"exercise {declared['id']!r}"
    kind = declared["kind"]
    if kind == "number":
        _, _, question = target(declared, "question", NumberQuestion)
        settings = declared.get("settings") or {}
        _messages(name, declared, question.mistakes, catalog)
        seen = {mistake: {"alone": 0, "no answer": 0, "placeholder": 0, "perhaps": 0} for mistake in question.mistakes}
        for seed in SEEDS:
            try:
                inputs = question.inputs(seed, settings)
                question.show(seed, settings)  # what the reader sees: every input it names, the question
            except (TypeError, ValueError, KeyError) as error:
                raise ExerciseError(f"{name}: seed {seed}, settings {settings}: {type(error).__name__}: "
                                    f"{error}") from None
            if not question.check(seed, typed(question.answer(**inputs), question.kind), settings)["correct"]:
                raise ExerciseError(f"{name}: seed {seed}: the answer, typed, is not accepted")
            for mistake, values in question.mistaken(inputs).items():
                seen[mistake]["no answer"] += not values
                for value in values:
                    verdict = question.check(seed, typed(value, question.kind), settings)
                    offered = [said["key"] for said in verdict["perhaps"]]
                    if verdict["mistake"] != mistake and f"mistake.{mistake}" not in offered:
                        raise ExerciseError(f"{name}: seed {seed}: the answer of mistake {mistake!r} is "
                                            f"recognised as {verdict['mistake'] or offered or 'no mistake'}")
                    outcome = ("alone" if verdict["mistake"] == mistake
                               else "perhaps" if verdict["attempt"] else "placeholder")
                    seen[mistake][outcome] += 1
        never = {mistake: counts for mistake, counts in seen.items() if not counts["alone"]}
        if never:
            raise ExerciseError(f"{name}: " + "; ".join(_never_alone(mistake, counts)
                                                        for mistake, counts in never.items()))
    elif kind == "code":
        _, _, tests = target(declared, "tests", CodeTests)
        _messages(name, declared, tests.mistakes, catalog)
        _starter_takes_the_arguments(name, tests, declared["starter"])
        for seed in SEEDS[:3]:
            report = tests.check(declared["solution"], seed)
            if not report["passed"]:
                raise ExerciseError(f"{name}: the solution fails its tests (seed {seed}): {_said(report)}")
            if tests.gradient and not tests.gradient_check(declared["solution"], seed)["passed"]:
                raise ExerciseError(f"{name}: the solution's gradients disagree with finite differences of "
                                    f"the tests' Gradient loss (seed {seed}): check its loss and `wrt`")
        if tests.check(declared["starter"], 0)["passed"]:
            raise ExerciseError(f"{name}: the starter code already passes the tests")
        for number, wrong in enumerate(declared.get("wrong") or [], start=1):
            if not isinstance(wrong, dict) or set(wrong) != {"mistake", "code"}:
                raise ExerciseError(f"{name}: wrong answer {number} needs `mistake` and `code`, and nothing else")
            if wrong["mistake"] not in tests.mistakes:
                raise ExerciseError(f"{name}: wrong answer {number}: {wrong['mistake']!r} is not one of the tests' "
                                    f"mistakes {sorted(tests.mistakes)}")
            report = tests.check(wrong["code"], 0)
            if report["passed"] or report["mistake"] != wrong["mistake"]:
                raise ExerciseError(f"{name}: wrong answer {number} ({wrong['mistake']}) is "
                                    f"{'passed' if report['passed'] else 'diagnosed as ' + repr(report['mistake'])}"
                                    f": {_said(report)}")
        if not all(isinstance(hint, str) and hint.strip() for hint in declared.get("hints") or []):
            raise ExerciseError(f"{name}: each hint is a line of Markdown")
    else:
        options = declared["options"]
        if not isinstance(options, list) or len(options) < 2 or not all(
                isinstance(o, dict) and set(o) <= {"text", "right", "why"} and o.get("text") and o.get("why")
                for o in options):
            raise ExerciseError(f"{name}: options is a list of at least two {{text, why, right}}, each with a "
                                "text and a why")
        if sum(bool(option.get("right")) for option in options) != 1:
            raise ExerciseError(f"{name}: exactly one option is right (right: true)")


def _never_alone(mistake, counts):
    """Why misconception `mistake` was never named alone on the build's seeds, and what to change."""
    return (f"on none of {len(SEEDS)} seeds is {mistake!r} named alone, so a reader would only ever read "
            f"\"perhaps\": on {counts['no answer']} of them it gives no answer a reader could type (None, or a "
            f"shape of negative size); {counts['placeholder']} of its answers are 0 or one value in every entry (a "
            f"placeholder, never a diagnosis for sure); {counts['perhaps']} are explained as well by a slip or another "
            "idea. Widen the question's ranges (the settings of its draw) so that its answer is a number of its own")


def _messages(name, declared, mistakes, catalog):
    missing = [key for mistake in mistakes for key in (f"mistake.{mistake}", f"mistake.{mistake}.short")
               if key not in catalog]
    if missing:
        package = module_of(declared).partition(".")[0] or "<layer>_site"
        raise ExerciseError(f"{name}: no message for {', '.join(missing)} in the lesson's catalog ({package}/"
                            f"{messages.LESSON_CATALOG}): add the sentence that explains each misconception to "
                            "the reader (mistake.<name>) and its short name for the practice summary "
                            "(mistake.<name>.short)")


def _starter_takes_the_arguments(name, tests, starter):
    """The reader's function is called with each argument of a case by its name: the def
    line of the starter, which the reader keeps, must take them so."""
    function, problem = reader_code.load(starter, tests.function, io.StringIO())
    if problem:
        raise ExerciseError(f"{name}: the starter code does not give a function {tests.function!r}: "
                            f"{problem['key']} {problem['params']}")
    for label, arguments in tests.cases(np.random.default_rng(0)):
        theirs = reader_code.unmatched_parameters(function, arguments)
        if theirs is not None:
            raise ExerciseError(f"{name}: the starter's def {tests.function}({theirs}) cannot take the arguments "
                                f"of the case {label!r} by their names ({', '.join(arguments)}): the reader's "
                                "function is called with each by its name; name the parameters as the cases do")


def _said(report):
    problem = report.get("problem") or {}
    return f"{problem.get('key')} {problem.get('params')}"


def _markdown(source):
    """Markdown of a statement, an option, a hint: inline math stays for KaTeX."""
    return markdown.markdown(str(source), extensions=["pymdownx.arithmatex", "pymdownx.highlight",
                                                      "pymdownx.superfences"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})


def seal(value):
    """What the page must not show before the reader asks: JSON, base64, no plain text."""
    return base64.b64encode(json.dumps(value).encode("utf-8")).decode("ascii")


def module_of(declared):
    """The lesson module an exercise's question or tests come from ("" for a concept check)."""
    reference = declared.get("question") or declared.get("tests") or ""
    return str(reference).partition(":")[0]


def _words(mistakes, texts):
    """The lesson's words for each misconception: the sentence that explains it, and its
    short name (the practice summary lists the misconceptions a reader met by it)."""
    return {key: texts[key] for m in mistakes for key in (f"mistake.{m}", f"mistake.{m}.short")}


def render(declared, settings, texts):
    """The exercise's HTML: its statement, and what the page's widget needs, with the
    lesson's words for each misconception it may name (`texts`: the catalog it was checked with)."""
    kind, identifier = declared["kind"], declared["id"]
    public, sealed = {"kind": kind, "title": str(declared["title"])}, {}
    if kind == "number":
        module, name, question = target(declared, "question", NumberQuestion)
        settings.python_files.for_module(module)
        public.update(module=module, question=name, settings=declared.get("settings") or {},
                      messages=_words(question.mistakes, texts))
    elif kind == "code":
        module, name, tests = target(declared, "tests", CodeTests)
        settings.python_files.for_module(module)
        hints = [_markdown(hint) for hint in declared.get("hints") or []]
        public.update(module=module, tests=name, function=tests.function, starter=declared["starter"].rstrip("\n"),
                      hints=len(hints), gradient=tests.gradient is not None,
                      messages=_words(tests.mistakes, texts))
        sealed = {"solution": declared["solution"].rstrip("\n"), "hints": hints}
    else:
        options = list(declared["options"])
        # The source's order (the right one often first) is not the page's.
        random.Random(hashlib.sha256(identifier.encode()).digest()).shuffle(options)
        public["options"] = [_markdown(option["text"]) for option in options]
        sealed = {"options": [{"right": bool(option.get("right")), "why": _markdown(option["why"])}
                              for option in options]}
    attributes = "".join(f' {k}="{escape(v)}"' for k, v in settings.runtime_attributes().items())
    statement = _markdown(declared.get("statement", "")) if declared.get("statement") else ""
    return (f'<section class="exercise" id="exercise-{escape(identifier)}" data-exercise="{escape(identifier)}" '
            f'data-kind="{kind}"{attributes} {json_attribute(public)} data-sealed="{seal(sealed)}" '
            f'aria-labelledby="exercise-{escape(identifier)}-title">'
            f'<p class="exercise-title" id="exercise-{escape(identifier)}-title">'
            f'<span class="exercise-kind">{escape(messages.message(f"practice.kind.{kind}"))}</span> '
            f'{escape(str(declared["title"]))}</p>'
            f'<div class="exercise-statement">{statement}</div>'
            f'<div class="exercise-body"><p class="exercise-waiting">'
            f'{escape(messages.message("practice.needs-javascript"))}</p></div></section>')


def validate(language, inputs, options, attrs, md):
    if inputs:
        raise BuildStopped(f"exercise fence: it takes no options ({sorted(inputs)}): write every field in its YAML")
    return True


def format(source, language, class_name, options, md, **kwargs):
    """The fence's HTML, once the exercise passed its checks; else the build stops, with
    one message that names the exercise (coursekit/build_errors.py)."""
    settings = getattr(md, "coursekit", None)
    if settings is None:
        raise BuildStopped(str(site.SiteNotConfigured("exercise fence")))
    name = "exercise fence"
    try:
        declared = read(source)
        name = f"exercise {declared['id']!r}"
        texts = messages.catalog_for(settings.docs_dir, module_of(declared), settings.language)
        verify(declared, texts)
        return render(declared, settings, texts)
    except (ExerciseError, messages.CatalogError) as error:
        raise BuildStopped(str(error)) from None
    except Exception as error:  # superfences would show the fence as code and go on: stop instead
        raise BuildStopped(f"{name}: {type(error).__name__}: {error}{_where(error)}") from None


def _where(error):
    """Where the error was raised (the lesson's code, as a rule), for the message that
    stands in for its traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    return f" (raised at {frames[-1].filename}, line {frames[-1].lineno}, in {frames[-1].name})" if frames else ""


FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\s`]*)")


def declared_in(markdown_text):
    """The exercise declarations of a page's Markdown, in order (for check_blocks): the
    bodies of its ```exercise fences, and not of one shown inside another fence."""
    lines, found, n = markdown_text.splitlines(keepends=True), [], 0
    while n < len(lines):
        opening = FENCE.match(lines[n])
        if not opening:
            n += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((m for m in range(n + 1, len(lines)) if closing.match(lines[m])), len(lines))
        if opening["info"] == "exercise":
            found.append("".join(line.removeprefix(indent) for line in lines[n + 1:end]))
        n = end + 1
    return found
