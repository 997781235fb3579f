"""The browser tests' fixtures: Debian's Chromium (Playwright) against the OFFLINE=1 site,
built from this project with the runner check pages of tests/pages/, served on 127.0.0.1."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS, open_page, serve
from tests.support.site import DOCS, REPOSITORY, build_site, copy_project


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    """The site built with OFFLINE=1, and the address it is served at: site_url must name
    that port for Material's instant navigation."""
    if not (DOCS / "assets/vendor/pyodide/pyodide.asm.wasm").is_file():
        pytest.fail("the Pyodide runtime is not in docs/assets/vendor/pyodide/: run `bash scripts/setup.sh test`")
    project = copy_project(tmp_path_factory.mktemp("project"), runtime=True)
    shutil.copytree(REPOSITORY / "tests/pages", project / "docs/checks")
    for page in (project / "docs/checks").glob("*.md"):  # the runner's checks, in every edition
        shutil.copy(page, page.with_name(f"{page.stem}.pt.md"))
    site = tmp_path_factory.mktemp("offline-site")
    server, url = serve(site)
    build_site(project, site, OFFLINE="1", SITE_URL=url + "/")
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(offline_site):
    return offline_site[1]


@pytest.fixture(scope="session")
def isolated_site_url(offline_site):
    """The same site, served cross-origin isolated (COOP and COEP): Stop can interrupt Python."""
    server, url = serve(offline_site[0], isolated=True)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def watched(browser):
    """A fresh browser context and page, checked when the test ends."""
    page = open_page(browser)
    yield page
    try:
        page.check()
    finally:
        page.page.context.close()
