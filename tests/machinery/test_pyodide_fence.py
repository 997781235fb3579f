"""The pyodide fence: golden HTML for its options, loud failures for bad ones."""

import hashlib
import json

import markdown
import pytest
from bs4 import BeautifulSoup
from pymdownx.superfences import SuperFencesException

from coursekit.pyodide import runtime as pyodide_runtime
from coursekit.pyodide.fence import format as pyodide_format
from coursekit.pyodide.fence import validate
from tests.machinery.test_lessons_and_python_files import KIT_FILES, make_docs
from tests.support.site import DOCS

FENCES = {"custom_fences": [{"name": "pyodide", "class": "pyodide", "validator": validate, "format": pyodide_format}]}


def render(source, offline=False, docs_dir=DOCS):
    md = markdown.Markdown(extensions=["pymdownx.superfences", "coursekit.site"], extension_configs={
        "pymdownx.superfences": FENCES, "coursekit.site": {"offline": offline, "docs_dir": str(docs_dir)}})
    return BeautifulSoup(md.convert(source), "html.parser")


def test_course_syntax_becomes_a_runnable_block():
    html = render('```pyodide install="pandas,scikit-learn" exec="on" html="1" session="lesson"\nprint(1)\n```')
    block = html.select_one(".pyodide-block")
    assert block["data-install"] == "pandas,scikit-learn"
    assert block["data-session"] == "lesson" and block["data-html"] == "1"
    assert block["data-runtime"] == pyodide_runtime.CDN_URL
    assert [b.text for b in block.select("button")] == ["Run", "Stop", "Reset", "Clear"]
    assert all(b["type"] == "button" for b in block.select("button"))
    assert block.select_one(".pyodide-output")["aria-live"] == "polite"
    assert block.select_one(".pyodide-status")["role"] == "status"
    assert block.select_one(".pyodide-code").get_text() == "print(1)\n"


def test_code_is_escaped():
    html = render('```pyodide\nif a<b and c>d: print("<script>")\n```')
    assert html.select("script") == []
    assert html.select_one(".pyodide-code").get_text() == 'if a<b and c>d: print("<script>")\n'


def test_defaults_and_offline():
    block = render("```pyodide\nx = 1\n```", offline=True).select_one(".pyodide-block")
    assert block["data-session"] == "" and block["data-html"] == "0" and block["data-install"] == ""
    assert block["data-runtime"] == "local" and not block.has_attr("data-integrity")


def test_exec_off_is_plain_code():
    html = render('```pyodide exec="off"\nx = 1\n```')
    assert html.select_one(".pyodide-block") is None and html.select_one(".highlight")


def test_integrity_values_are_the_official_files_hashes():
    block = render("```pyodide\nx = 1\n```").select_one(".pyodide-block")
    integrity = json.loads(block["data-integrity"])
    runtime = DOCS / "assets/vendor/pyodide"
    for name, value in integrity.items():
        digest = hashlib.sha256((runtime / name).read_bytes()).hexdigest()
        assert value == pyodide_runtime.integrity(digest), name


@pytest.mark.parametrize("options, message", [
    ('instal="pandas"', r"unknown option\(s\) \['instal'\]"),
    ('modules="x.py"', r"unknown option\(s\) \['modules'\]"),
    ('version="0.26.0"', r"this site runs Pyodide 0\.27\.7"),
    ('html="maybe"', r'html="maybe" must be one of'),
    ('install="pandas;rm"', r"'pandas;rm' is not a package name"),
    ('session="a b"', r"may use only letters"),
])
def test_bad_options_stop_the_build(options, message):
    with pytest.raises(SuperFencesException, match=message):
        render(f"```pyodide {options}\nx = 1\n```")


def test_missing_extension_is_named():
    md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": FENCES})
    with pytest.raises(SuperFencesException, match="add `coursekit.site` to markdown_extensions"):
        md.convert("```pyodide\nx = 1\n```")


def lesson_docs(tmp_path, main, site=None):
    """A docs folder holding a lesson `demo`: its main file, and its site package's files."""
    files = {"demo.md": "", "demo.py": main, **{f"demo_site/{name}": text for name, text in (site or {}).items()}}
    return make_docs(tmp_path, {"classes": files})


def test_a_page_that_runs_python_lists_the_sites_python_files(tmp_path):
    docs = lesson_docs(tmp_path, 'TEXT = "</script><b>not html</b>"\n', {"__init__.py": "", "core.py": ""})
    html = render("```pyodide\nfrom demo import TEXT\n```", docs_dir=docs)
    listed = html.select(".python-files")
    assert len(listed) == 1 and listed[0].has_attr("hidden"), "one index per page"
    index = json.loads(listed[0]["data-json"])
    assert sorted(index) == [*KIT_FILES, "demo.py", "demo_site/__init__.py", "demo_site/core.py"]
    assert index["demo.py"].startswith("classes/demo.py?v=")
    assert html.select_one("b") is None and html.select("script") == [], "nothing a file says becomes HTML"
    assert not render("Just text.", docs_dir=docs).select(".python-files"), "no index where nothing runs"


def test_a_lesson_importing_a_build_time_kit_module_stops_the_build(tmp_path):
    docs = lesson_docs(tmp_path, "", {"__init__.py": "import coursekit.card_math\n"})
    with pytest.raises(SuperFencesException, match="coursekit.card_math runs at build time only"):
        render("```pyodide\nimport demo_site\n```", docs_dir=docs)
