"""The runner benchmark's two pages (benchmarks/runner.py) still build from the project as it
is: each keeps only the lesson's block, the baseline with markdown-exec's fence. A change to
mkdocs.yml or to the page that the benchmark's rewriting no longer fits fails here, not on
the day someone runs the benchmark."""

import pytest
from bs4 import BeautifulSoup

from tests.support.site import REPOSITORY, build_site, load_module

runner = load_module(REPOSITORY / "benchmarks" / "runner.py", "runner_benchmark")


@pytest.mark.parametrize("baseline", [False, True], ids=["this site", "markdown-exec"])
def test_the_benchmark_pages_build_with_one_block_each(tmp_path, baseline):
    site = build_site(runner.project(tmp_path / "project", baseline=baseline), tmp_path / "site", languages=["en"])
    page = BeautifulSoup((site / runner.LESSON.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(page.select(".pyodide-block")) == (0 if baseline else 1)
    assert not page.select(".exercise"), "the benchmark compares runners: no exercises on either page"
    policy = page.select('meta[http-equiv="Content-Security-Policy"]')
    assert bool(policy) != baseline, "markdown-exec's fence runs inline scripts: its page has no policy"
    if baseline:
        assert page.select(".pyodide"), "markdown-exec's fence renders the block"
