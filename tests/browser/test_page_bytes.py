"""Every page of the site within its byte budgets (tests/support/page_bytes.py), served as a
CDN serves it, on a cold visit: before any intent of the reader's, and before the first
output of its first Python block; and no file sent twice on that visit (a package the
runner fetched ahead while Python started, and Pyodide asked for again, was sent twice)."""

import pytest

from tests.support import cdn
from tests.support.page_bytes import BUDGETS, measure
from tests.support.site import NOT_THE_COURSE, site_pages


@pytest.fixture(scope="module")
def cdn_site(offline_site):
    server, url, counter = cdn.serve(offline_site[0])
    yield offline_site[0], url, counter
    server.shutdown()


def test_every_page_within_its_budgets_and_no_file_sent_twice(browser, cdn_site):
    site, url, counter = cdn_site
    # The English pages: the Portuguese ones load the same files, their words aside.
    pages = site_pages(site, exclude=(*NOT_THE_COURSE, "pt"))
    assert len(pages) >= 3, pages
    results = [measure(browser, url, counter, page) for page in pages]
    over = [f"{result['page']}: {metric} {result[metric]:,} > {budget:,}"
            for result in results for metric, budget in BUDGETS.items()
            if result[metric] is not None and result[metric] > budget]
    assert not over, "over budget:\n" + "\n".join(over)
    twice = {result["page"]: result["sent_twice"] for result in results if result["sent_twice"]}
    assert not twice, f"files sent more than once on a cold visit: {twice}"
    assert any(result["bytes_before_first_output"] for result in results), "no page's first block was measured"
