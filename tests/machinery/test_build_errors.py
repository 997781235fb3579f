"""Every build error is printed once, in words that name what is wrong and say what to do,
under MkDocs and under Zensical: a build-time block that fails, an exercise the build
cannot accept. A tiny project each (the site's machinery, a toy lesson, one page), built
as the site is built; the build stops at its first error, so one error a build."""

import json
import subprocess
import textwrap

import pytest

from tests.machinery.test_lessons_and_python_files import make_docs
from coursekit.editions import BUILDERS
from tests.support.site import ANSI_COLOUR

MKDOCS_YML = textwrap.dedent('''
    site_name: Tiny
    strict: true
    plugins:
      - markdown-exec:
          languages: [python]
    markdown_extensions:
      - pymdownx.superfences:
          custom_fences:
            - name: exercise
              class: exercise
              validator: !!python/name:coursekit.exercises.validate
              format: !!python/name:coursekit.exercises.format
      - coursekit.site:
          docs_dir: docs
''')
TOY = textwrap.dedent('''
    from coursekit.page.questions import NumberQuestion

    # "same" answers what the question asks: on no draw is it a mistake.
    question = NumberQuestion(draw=lambda rng: {"a": float(rng.integers(1, 9))}, ask="2a", shown={"a": "a"},
                              answer=lambda a: 2 * a, mistakes={"toy-same": lambda a: a + a})
''')
FAILING_BLOCK = '```python exec="1"\nprint("before")\nprint(1 / 0)\n```\n'
BAD_EXERCISE = "```exercise\nid: toy-number\nkind: number\ntitle: Double\nquestion: toy_site.practice:question\n```\n"
ERRORS = {
    "failing block": (FAILING_BLOCK, ['a build-time block (```python exec="1") failed: fix the block',
                                      "ZeroDivisionError: division by zero"]),
    "bad exercise": (BAD_EXERCISE, ["exercise 'toy-number': seed 0",
                                    "misconception 'toy-same' gives the right answer on all 100 draws"]),
}


def tiny_project(tmp_path, page):
    docs = make_docs(tmp_path, {"lessons": {"toy.md": "", "toy.py": "", "toy_site/__init__.py": "", "toy_site/practice.py": TOY}})
    catalog = docs / "assets/messages/en.json"
    catalog.write_text(json.dumps({**json.loads(catalog.read_text()), "mistake.toy-same": "Not a mistake.",
                                  "mistake.toy-same.short": "no mistake"}))
    (docs / "index.md").write_text(f"# Tiny\n\n{page}")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    return tmp_path


def failed_build(project, builder):
    """What a build of `project` that fails printed."""
    result = subprocess.run(BUILDERS[builder], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0, f"the {builder} build did not fail:\n{result.stdout}{result.stderr}"
    return ANSI_COLOUR.sub("", result.stdout + result.stderr)


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
@pytest.mark.parametrize("error", ERRORS)
def test_a_build_error_is_printed_once(tmp_path, builder, error):
    page, said = ERRORS[error]
    printed = failed_build(tiny_project(tmp_path, page), builder)
    for words in said:
        assert printed.count(words) == 1, f"{words!r} is printed {printed.count(words)} times:\n{printed}"
