"""The message catalog (docs/assets/messages/en.json) and the code that words the widgets
with it: every key the code asks for is in the catalog, every key in the catalog is asked
for, and every message gets the parameters its text names.

Where the code asks: `t("key", {...})` in the page's scripts (docs/assets, not its vendored
code) and `message("key", ...)` in the kit's Python (coursekit). A key the code builds
(`message(f"mistake.{name}")`, `t(outcome)`) escapes the first check, not the second: a
key counts as used where its full text appears, as a whole, in those scripts, in any
Python file of docs/assets or coursekit, or in any Python file of the lessons
(docs/classes, where a lesson names what its exercises say).
"""

import ast
import json
import re
from itertools import groupby, pairwise
from types import SimpleNamespace

import pytest

from coursekit import exercises, lessons, site
from coursekit.page import answers
from coursekit.page.code_tests import CodeTests
from coursekit.messages import CATALOG, PARAMETER, fill, message
from coursekit.page.questions import NumberQuestion
from coursekit.page.wrong_answers import PARTS
from tests.support.site import DOCS, ROOT

ASSETS = DOCS / "assets"
ABOUT = "_about"


def _ours(folder, pattern):
    return sorted(path for path in folder.rglob(pattern)
                  if "vendor" not in path.relative_to(folder).parts and "__pycache__" not in path.parts)


SCRIPTS = _ours(ASSETS, "*.mjs")
KIT_PYTHON = _ours(ROOT / "coursekit", "*.py")
WHERE_KEYS_ARE_NAMED = SCRIPTS + KIT_PYTHON + _ours(ASSETS, "*.py") + _ours(DOCS / "classes", "*.py")


def _unique(pairs):
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    assert not repeated, f"{CATALOG} has these keys twice (JSON keeps only the last): {repeated}"
    return dict(pairs)


def read_catalog():
    return json.loads((DOCS / CATALOG).read_text(encoding="utf-8"), object_pairs_hook=_unique)


TEXTS = {key: text for key, text in read_catalog().items() if key != ABOUT}


# --- Where the code asks for a message: (file:line, key, the parameters it passes or None
# where they are not written out, a spread or a variable). ---

CALL_T = re.compile(r"(?<![\w$.])t\(\s*([\"'])([^\"'\\]+)\1\s*([,)])\s*")
QUOTES = "\"'`"


def _string_end(source, i):
    """Past the string literal that starts at source[i] (a template's ${...} included)."""
    quote, i = source[i], i + 1
    while source[i] != quote:
        if source[i] == "\\":
            i += 2
        elif quote == "`" and source.startswith("${", i):
            i = _bracket_end(source, i + 1)
        else:
            i += 1
    return i + 1


def _bracket_end(source, i, commas=None):
    """Past the bracket that closes source[i]; the commas directly inside it go to `commas`."""
    depth = 0
    while True:
        char = source[i]
        if char in QUOTES:
            i = _string_end(source, i)
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        elif char == "," and depth == 1 and commas is not None:
            commas.append(i)
        i += 1


PROPERTY = re.compile(r"""(?:(\w+)|"(\w+)"|'(\w+)')\s*(?::[\s\S]*)?""")


def _object_names(source, start):
    """The names of the object literal at source[start], or None where one is not written out."""
    if source[start] != "{":
        return None
    commas = []
    end = _bracket_end(source, start, commas)
    names = set()
    for before, after in pairwise([start, *commas, end - 1]):
        entry = source[before + 1:after].strip()
        if not entry:
            continue
        found = PROPERTY.fullmatch(entry)
        if not found:  # ...spread, [computed]
            return None
        names.add(next(name for name in found.groups() if name))
    return names


def script_uses():
    for path in SCRIPTS:
        source = path.read_text(encoding="utf-8")
        for call in CALL_T.finditer(source):
            where = f"{path.relative_to(ROOT)}:{source.count(chr(10), 0, call.start()) + 1}"
            if call.group(3) == ")":
                yield where, call.group(2), set()
            else:
                yield where, call.group(2), _object_names(source, call.end())


def _literal_keys(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):  # message("a" if ... else "b", ...)
        return _literal_keys(node.body) + _literal_keys(node.orelse)
    return []


def python_uses():
    for path in KIT_PYTHON:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != "message":
                continue
            passed = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
            for key in _literal_keys(node.args[0]):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", key, passed


USES = [*script_uses(), *python_uses()]


def test_the_catalog_is_flat_text_about_first_keys_grouped_by_widget():
    catalog = read_catalog()
    assert next(iter(catalog)) == ABOUT
    assert all(isinstance(text, str) for text in catalog.values())
    assert all("." in key for key in TEXTS), "a key starts with its widget: runner.run"
    runs = [prefix for prefix, _ in groupby(key.split(".")[0] for key in TEXTS)]
    assert len(runs) == len(set(runs)), f"keep each widget's keys together in {CATALOG}: {runs}"


def test_the_code_asks_for_messages():
    """A guard for the finders below: were they to find nothing, the checks would pass."""
    found = {key for _, key, _ in USES}
    assert {"runner.done", "walkthrough.position", "editor.field-problem", "runner.run", "editor.recompute"} <= found


def test_every_key_the_code_asks_for_is_in_the_catalog():
    missing = [f"{where}: {key}" for where, key, _ in USES if key not in TEXTS]
    assert not missing, f"not in {CATALOG}:\n" + "\n".join(missing)


def built_keys():
    """Keys the code builds from a prefix and a name (t(`practice.status.${status}`)), each with
    the names it may build, so that each counts as used: the prefix must appear in a script or
    the kit's Python. A lesson's misconception is "mistake.<name>", and its short name
    "mistake.<name>.short", for every mistake of the questions and tests that the pages'
    exercises name."""
    lessons.use(DOCS)
    mistakes = set()
    for page in DOCS.rglob("*.md"):
        for body in exercises.declared_in(page.read_text(encoding="utf-8")):
            declared = exercises.read(body)
            for field, kind in (("question", NumberQuestion), ("tests", CodeTests)):
                if field in declared:
                    mistakes.update(exercises.target(declared, field, kind)[2].mistakes)
    return {"mistake.": mistakes | {f"{mistake}.short" for mistake in mistakes}, "practice.kind.": exercises.KINDS,
            "practice.ask.": answers.KINDS, "practice.status.": ("done", "shown", "tried", "none"),
            "practice.verdict.": ("right", "wrong", "unread"),
            "practice.off.": [f"{'-'.join(parts)}" for parts in (PARTS[:1], PARTS[1:], PARTS)],
            "practice.hint.": [f"{part}-{way}" for part in PARTS for way in ("too-many", "too-few")],
            "practice.code.": ("exception.intro", "syntax.intro"), "practice.tolerance.": answers.KINDS}


def test_every_key_in_the_catalog_is_used():
    named = "\n".join(path.read_text(encoding="utf-8") for path in WHERE_KEYS_ARE_NAMED)
    built = {prefix + name for prefix, names in built_keys().items() if prefix in named for name in names}
    assert any(key.startswith("mistake.") for key in built), "a guard: the pages' misconceptions were found"
    unused = [key for key in TEXTS if key not in built
              and not re.search(rf"(?<![\w.-]){re.escape(key)}(?![\w-]|\.\w)", named)]
    assert not unused, f"keys of {CATALOG} no script or Python file names: {unused}"


def test_parameters_are_names():
    for key, text in TEXTS.items():
        for braced in re.findall(r"\{([^{}]*)\}", text):
            assert braced.isidentifier(), f"{key}: {{{braced}}} is not a parameter name"


def test_each_use_passes_the_parameters_its_text_names():
    short = []
    for where, key, passed in USES:
        if passed is not None and key in TEXTS:
            missing = set(PARAMETER.findall(TEXTS[key])) - passed
            if missing:
                short.append(f"{where}: {key} needs {sorted(missing)}")
    assert not short, "\n".join(short)


def test_fill_puts_in_each_parameter_and_names_a_missing_one():
    assert fill("Done after {seconds} s.", "runner.done", {"seconds": 0.25}) == "Done after 0.25 s."
    assert fill("{a}×{a} {b}", "k", {"a": 3, "b": "x", "unused": 1}) == "3×3 x"
    assert fill("No parameter.", "k", {}) == "No parameter."
    with pytest.raises(KeyError, match=r"'runner\.done' needs the parameter \{seconds\}"):
        fill("Done after {seconds} s.", "runner.done", {"second": 1})


def test_message_reads_the_catalog_of_the_site_being_built(monkeypatch):
    monkeypatch.setattr(site, "_current", SimpleNamespace(docs_dir=DOCS, language="en"))
    assert message("runner.done", seconds="1.50") == "Done after 1.50 s."
    with pytest.raises(KeyError, match="no message 'runner.nothing'"):
        message("runner.nothing")
