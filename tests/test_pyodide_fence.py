"""The pyodide fence: golden HTML for its options, loud failures for bad ones."""

import hashlib
import json

import markdown
import pytest
from bs4 import BeautifulSoup
from pymdownx.superfences import SuperFencesException

from coursekit import pyodide_runtime
from coursekit.pyodide_fence import format as pyodide_format
from coursekit.pyodide_fence import validate
from tests.conftest import ROOT


def render(source, offline=False):
    md = markdown.Markdown(extensions=["pymdownx.superfences", "coursekit.pyodide_fence"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [
            {"name": "pyodide", "class": "pyodide", "validator": validate, "format": pyodide_format}]},
        "coursekit.pyodide_fence": {"offline": offline},
    })
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
    assert html.select_one("script") is None
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
    runtime = ROOT / "docs/assets/vendor/pyodide"
    for name, value in integrity.items():
        digest = hashlib.sha256((runtime / name).read_bytes()).hexdigest()
        assert value == pyodide_runtime.integrity(digest), name


@pytest.mark.parametrize("options, message", [
    ('instal="pandas"', r"unknown option\(s\) \['instal'\]"),
    ('version="0.26.0"', r"this site runs Pyodide 0\.27\.7"),
    ('html="maybe"', r'html="maybe" must be one of'),
    ('install="pandas;rm"', r"'pandas;rm' is not a package name"),
    ('session="a b"', r"may use only letters"),
])
def test_bad_options_stop_the_build(options, message):
    with pytest.raises(SuperFencesException, match=message):
        render(f"```pyodide {options}\nx = 1\n```")


def test_missing_extension_is_named():
    md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": {
        "custom_fences": [{"name": "pyodide", "class": "pyodide", "validator": validate, "format": pyodide_format}]}})
    with pytest.raises(SuperFencesException, match="add `coursekit.pyodide_fence` to markdown_extensions"):
        md.convert("```pyodide\nx = 1\n```")


def test_modules_travel_with_the_block_and_cannot_end_its_script(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "helper.py").write_text('TEXT = "</script><b>not html</b>"\n')
    block = render('```pyodide modules="helper.py"\nimport helper\n```').select_one(".pyodide-block")
    carried = block.select_one("script.pyodide-modules")
    assert json.loads(carried.string) == {"helper.py": 'TEXT = "</script><b>not html</b>"\n'}
    assert block.select_one("b") is None
