"""The all-blocks command (python -m coursekit.check_blocks) runs every runnable block of
every page in CPython as the page gives it to the browser: the site's pass; a broken block
in a copy of the docs fails it, named by its page and number, with its traceback."""

import subprocess
import sys

from tests.support.site import copy_project


def check_blocks(*arguments, cwd=None):
    return subprocess.run([sys.executable, "-m", "coursekit.check_blocks", *arguments], cwd=cwd,
                          capture_output=True, text=True)


def test_every_block_of_the_site_runs(built_site):
    result = check_blocks("--site", str(built_site))
    assert result.returncode == 0, result.stdout + result.stderr
    runs = [line for line in result.stdout.splitlines() if ", block " in line]
    assert len(runs) >= 8, result.stdout
    assert all(line.split(": ")[-1].startswith("ok in") for line in runs), result.stdout
    assert any("pooling.md, block" in line for line in runs) and any("convolutional.md, block" in line for line in runs)


def test_a_broken_block_is_named_with_its_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/classes/deep-learning/pooling.md"
    blocks_before = page.read_text().count("```pyodide")
    page.write_text(page.read_text() + '\n```pyodide\nfrom pooling import worked_example\n'
                                       'ratio = len(worked_example()) / 0\n```\n')
    result = check_blocks(cwd=project)  # builds the copy, then runs its blocks
    assert result.returncode == 1
    assert f"docs/classes/deep-learning/pooling.md, block {blocks_before + 1}, which starts " \
           "`from pooling import worked_example`, failed" in result.stderr
    assert 'File "<block' in result.stderr and "line 2, in <module>" in result.stderr
    assert "ZeroDivisionError: division by zero" in result.stderr
    assert "check_blocks: 1 block(s) and 0 exercise(s) failed" in result.stderr
