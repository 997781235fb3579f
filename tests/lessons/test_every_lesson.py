"""What every lesson promises, checked on every lesson the kit finds (coursekit.lessons):
nothing to register, so a new lesson is checked the day it is added.

- Its main file, `<layer>.py` beside `<layer>.md`, is the course's: it imports numpy and
  the standard library only, and runs alone, copied into an empty folder.
- No lesson imports another. An application that composes layers may import the lessons
  it names in its COMPOSES.
- Its words (its misconceptions) live with it, in <layer>_site/messages/en.json.
"""

import ast
import re
import shutil
import subprocess
import sys

import pytest

from coursekit import exercises, lessons, messages
from coursekit.page.code_tests import CodeTests
from coursekit.lessons import find_lessons
from coursekit.page.questions import NumberQuestion
from tests.support.site import DOCS

LESSONS = find_lessons(DOCS)
OWNER = {module: lesson.name for lesson in LESSONS.values() for module in lesson.modules()}


def imports(path):
    """The top-level names of the modules a file imports, and the COMPOSES it declares."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names, composes = set(), ()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.partition(".")[0])
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "COMPOSES" for t in node.targets):
            composes = ast.literal_eval(node.value)
    return names, composes


def test_the_lessons_are_found():
    assert {"convolutional", "pooling"} <= set(LESSONS), sorted(LESSONS)


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_the_main_file_imports_numpy_and_the_standard_library_only(name):
    names, _ = imports(LESSONS[name].main)
    others = sorted(n for n in names if n != "numpy" and n not in sys.stdlib_module_names)
    assert others == [], f"{LESSONS[name].main.name} imports {others}: a student runs it with numpy alone"


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_the_main_file_runs_alone(name, tmp_path):
    main = shutil.copy(LESSONS[name].main, tmp_path)
    result = subprocess.run([sys.executable, "-I", main], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"python {LESSONS[name].main.name}, alone in a folder, failed:\n{result.stderr}"
    assert result.stdout.strip(), "it prints the lesson's example"


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_no_lesson_imports_another(name):
    lesson = LESSONS[name]
    for path in lesson.files().values():
        names, composes = imports(path)
        for imported in names:
            owner = OWNER.get(imported)
            assert owner in (None, name) or owner in composes, \
                f"{path.relative_to(DOCS)} imports {imported}, of the lesson {owner}: a lesson imports no other " \
                f"(an application lists the lessons it composes in COMPOSES)"


def mistakes_named(lesson):
    """The misconceptions the exercises of a lesson's page may name."""
    lessons.use(DOCS)
    names = set()
    for body in exercises.declared_in(lesson.page.read_text(encoding="utf-8")):
        declared = exercises.read(body)
        for field, kind in (("question", NumberQuestion), ("tests", CodeTests)):
            if field in declared:
                names |= set(exercises.target(declared, field, kind)[2].mistakes)
    return names


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_a_lessons_words_live_with_it(name):
    """Its misconceptions in its own catalog (each a sentence and a short name), every one
    its exercises may name and no other; its other words (walkthroughs, cards, questions:
    coursekit.page.words), each said by its site package's code; none of the site's keys,
    and none of its words in the site's catalog."""
    lesson = LESSONS[name]
    own = messages.lesson_catalog(lesson)
    wanted = {key for mistake in mistakes_named(lesson) for key in (f"mistake.{mistake}", f"mistake.{mistake}.short")}
    assert sorted(wanted - set(own)) == [], f"{name}: misconceptions without their words in {messages.LESSON_CATALOG}"
    misconceptions = {key for key in own if key.startswith("mistake.")}
    assert sorted(misconceptions - wanted) == [], f"{name}: misconceptions in its catalog that no exercise names"
    code = "".join(path.read_text(encoding="utf-8") for path in sorted(lesson.site.rglob("*.py")))
    said = set(re.findall(r"""["']([a-z]+(?:\.[a-z0-9-]+)+)["']""", code))
    assert sorted(set(own) - misconceptions - said) == [], f"{name}: words in its catalog that its code never says"
    site_texts = messages.catalog(DOCS)
    assert not set(own) & set(site_texts), f"{name}: its catalog repeats the site's keys"
    assert not [key for key in site_texts if key.startswith("mistake.")], "a lesson's misconception in the site's catalog"
