"""The pages under their Content-Security-Policy (coursekit/csp.py), in real Chromium, on the
OFFLINE=1 site. Every page the build made, used as a reader uses it (its walkthroughs
stepped, its number editors' Recompute, an exercise of each kind answered, every block
run: Python loads in the worker), breaks no rule of the policy, in the page or in a
worker. And text never becomes HTML: what code prints, a traceback, a reader's answer or
field echoed in a message are shown as the characters they are, and nothing runs."""

import os
import re
import subprocess
import sys
import threading
import urllib.request
from functools import partial
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from coursekit import csp, messages
from coursekit.page.answers import quoted
from coursekit.site import Settings
from tests.browser.runner_page import block, run, set_code, status
from tests.browser.test_runner import SEED, as_the_cdn_build_loads_it
from tests.browser.widgets import recompute
from tests.support.browser import RUN_ENDED, SiteHandler, open_page
from tests.support.serving import free_port, wait_for
from tests.support.site import DOCS, REPOSITORY, copy_project, site_pages

CATALOG = messages.catalog(DOCS)
PYTHON = 180_000  # ms: the first thing that needs Python waits for it to start
# Installed before any of the page's scripts (Playwright's init scripts are not the page's:
# the policy does not apply to them). Violations in a worker reach the page's console.
REPORT_VIOLATIONS = """addEventListener("securitypolicyviolation", (event) => window.reportViolation(
  `${event.violatedDirective} refused ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`));"""
POLICY_MESSAGE = re.compile(r"Content.Security.Policy", re.I)  # Chromium's words vary ("Content Security policy")
INJECTED = '<img src="x" onerror="window.injected = 1"><script>window.injected = 2</script><b>bold</b>'
"""Text that, taken for HTML, would make an image, a script and bold text, and set window.injected."""


def said(key):
    return CATALOG[key].split("{")[0].strip()


def watched_for_violations(browser):
    """A fresh page whose every policy violation, in the page (its event) or in a worker (the
    console's message), is recorded in `violations`."""
    watched = open_page(browser)
    watched.allow_console_error(BARRIER.pattern)  # Chromium's console message of each barrier (reported)
    violations = []
    watched.page.context.expose_function("reportViolation", lambda text: violations.append(text))
    watched.page.context.add_init_script(REPORT_VIOLATIONS)
    watched.page.on("console", lambda message: POLICY_MESSAGE.search(message.text)
                    and violations.append(f"console ({message.type}): {message.text}"))
    return watched, violations


def reported(page, violations):
    """The violations of `page` once the page has reported all it had queued: an image from a
    refused address (this machine, another port: not 'self'), a barrier, is refused after
    them, and its event is waited for (the barriers are left out). A worker's violations,
    which reach the page only as console messages, are not ordered by it: they are those
    of a worker's start, long over by the time a page has been used."""
    reported.barriers += 1
    barrier = f"http://127.0.0.1:9/barrier-{reported.barriers}/"
    page.evaluate("(address) => { new Image().src = address; }", barrier)
    for _ in range(200):
        if any(f"refused {barrier} " in violation for violation in violations):  # the event, not the console
            # Any barrier's: Chromium's console message of an earlier one may come late.
            return [violation for violation in violations if not BARRIER.search(violation)]
        page.wait_for_timeout(50)
    raise AssertionError(f"the barrier's violation was never reported: {violations}")


reported.barriers = 0
BARRIER = re.compile(r"http://127\.0\.0\.1:9/barrier-\d+/")


def use_as_a_reader(page):
    """Everything the page offers: what it has of walkthroughs, number editors, exercises
    and blocks, each used once, in the page's words. Returns what was used, by kind."""
    words = messages.catalog(DOCS, page.evaluate("document.documentElement.lang"))

    def said(key):
        return words[key].split("{")[0].strip()

    used = {}
    for walk in page.locator(".walkthrough").all():
        position = walk.locator(".walkthrough-position").text_content()
        walk.locator("button", has_text=said("walkthrough.next")).click()
        assert walk.locator(".walkthrough-position").text_content() != position
        used["walkthrough"] = used.get("walkthrough", 0) + 1
    for form in page.locator(".number-editor").all():
        assert recompute(form).startswith(said("editor.recomputed"))
        used["number editor"] = used.get("number editor", 0) + 1
    number = page.locator('.exercise[data-kind="number"]')
    if number.count():
        box = number.first
        box.get_by_role("button", name=said("practice.start")).click()
        box.locator(".exercise-input").fill("1", timeout=PYTHON)
        box.get_by_role("button", name=said("practice.check"), exact=True).click()
        box.locator(".exercise-feedback").filter(has_text=re.compile(r"\S")).wait_for(timeout=PYTHON)
        used["number exercise"] = 1
    code = page.locator('.exercise[data-kind="code"]')
    if code.count():
        box = code.first
        box.scroll_into_view_if_needed()
        box.locator(".cm-content").wait_for(timeout=60_000)
        box.get_by_role("button", name=said("practice.check"), exact=True).click()
        box.locator(".exercise-feedback").filter(has_text=said("practice.verdict.wrong")).wait_for(timeout=PYTHON)
        used["code exercise"] = 1
    choice = page.locator('.exercise[data-kind="choice"]')
    if choice.count():
        box = choice.first
        box.locator(".exercise-option-button").first.click()
        box.locator(".exercise-why").first.wait_for()
        used["concept check"] = 1
    for index in range(page.locator(".pyodide-block").count()):
        finished = run(block(page, index), timeout=PYTHON)
        assert finished.startswith(RUN_ENDED), finished
        used["block"] = used.get("block", 0) + 1
    return used


PORTUGUESE_USED = "/pt/classes/deep-learning/pooling/"


def test_every_page_used_as_a_reader_breaks_no_rule_of_its_policy(browser, offline_site):
    folder, url = offline_site
    # The tests' check pages too, but the course's seed page, as the course wrote it: it
    # hot-links figures from elsewhere, which this policy refuses (test_runner.py runs it).
    pages = [path for path in site_pages(folder, exclude=("assets",)) if path not in (SEED, "/pt" + SEED)]
    assert "/" in pages and len(pages) > 3, "a guard: the build's pages were found"
    used = {}
    for path in pages:
        watched, violations = watched_for_violations(browser)
        try:
            page = watched.page
            page.goto(url + path)
            assert page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") == csp.POLICY
            # The Portuguese pages are the English ones' widgets and code in other words: each is
            # loaded under its policy, and one is used as a reader too.
            if not path.startswith("/pt/") or path == PORTUGUESE_USED:
                for kind, count in use_as_a_reader(page).items():
                    used[kind] = used.get(kind, 0) + count
            assert not (found := reported(page, violations)), f"{path}: " + "\n".join(found)
            watched.check()
        finally:
            watched.page.context.close()
    assert set(used) == {"walkthrough", "number editor", "number exercise", "code exercise", "concept check",
                         "block"}, f"a guard: every kind of widget was used somewhere; used: {used}"


def test_a_violation_is_seen(browser, site_url):
    """The check above can fail: an inline script, refused by the policy, is recorded."""
    watched, violations = watched_for_violations(browser)
    try:
        page = watched.page
        page.goto(site_url + "/")
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }")
        violations = reported(page, violations)
        assert any(v.startswith("script-src-elem refused inline") for v in violations), violations
        assert any(v.startswith("console") for v in violations), "Chromium says so in the console too"
    finally:
        watched.page.context.close()


WASM = "new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])"  # the smallest WebAssembly module


def serve_with_worker_policy(folder):
    """The site, its worker served with the worker's own policy (coursekit/csp.py's
    WORKER), as a server that can send headers would serve it."""
    class Handler(SiteHandler):
        def end_headers(self):
            if urlsplit(self.path).path.endswith("/assets/runner/worker.mjs"):
                self.send_header("Content-Security-Policy", csp.policy(csp.WORKER))
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def test_the_worker_takes_its_own_policy_not_the_pages(browser, offline_site):
    """The page's policy refuses WebAssembly; Python, compiled to it, runs in the worker all
    the same: a module worker from the site's own address takes the policy its response
    gives, not the page's <meta>. Given WORKER by its response, Python starts, from the
    site's files and as the CDN build loads it (checked, imported from blob: URLs)."""
    server, url = serve_with_worker_policy(offline_site[0])
    integrity = Settings(offline=False, docs_dir=DOCS).runtime_attributes()["data-integrity"]
    try:
        for cdn in (False, True):
            watched, violations = watched_for_violations(browser)
            try:
                page = watched.page
                page.goto(url + "/classes/deep-learning/pooling/")
                watched.allow_console_error(POLICY_MESSAGE)  # the refusal meant here, in the console too
                refused = page.evaluate(f"WebAssembly.compile({WASM}).then(() => 'compiled', (e) => e.message)")
                assert POLICY_MESSAGE.search(refused), refused
                assert any("wasm-eval" in violation for violation in reported(page, violations)), violations
                violations.clear()  # that one was meant
                if cdn:
                    as_the_cdn_build_loads_it(page, url, integrity)
                lesson = block(page)
                set_code(page, lesson, "import numpy as np\nprint(np.arange(3).sum())")
                assert run(lesson, timeout=PYTHON).startswith("Done"), status(lesson)
                assert lesson.locator(".pyodide-output").text_content() == "3\n"
                assert not (found := reported(page, violations)), found
                watched.check()
            finally:
                watched.page.context.close()
    finally:
        server.shutdown()


def test_materials_scripts_as_files_keep_the_readers_palette(watched, site_url):
    """Material's inline scripts, now files (overrides/): its storage under the site's root,
    and the palette the reader chose, set again on the next page before it is drawn."""
    page = watched.page
    page.goto(site_url + "/classes/deep-learning/pooling/")
    assert page.evaluate("__md_scope.href") == site_url + "/"
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label[for^=__palette]:visible").click()
    chosen = page.locator("body").get_attribute("data-md-color-scheme")
    assert chosen != scheme
    page.goto(site_url + "/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == chosen
    assert page.evaluate("__md_get('__palette').color.scheme") == chosen


def new_document(page):
    """Whether the page has reloaded since window.sameDocument was set (False while it does)."""
    try:
        return page.evaluate("window.sameDocument") is None
    except PlaywrightError:  # the reload under way
        return False


def test_mkdocs_serve_reloads_the_page_under_its_policy(browser, tmp_path):
    """`mkdocs serve` reloads the open page with an inline script it adds: as
    scripts/serve.sh runs it (LIVE_RELOAD=1), the page's policy lets that script run, and
    saving a page reloads it."""
    assert "LIVE_RELOAD=1 " in (REPOSITORY / "scripts/serve.sh").read_text(encoding="utf-8")
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIVE_RELOAD": "1"})
    watched, violations = watched_for_violations(browser)
    # `mkdocs serve` serves one edition: the theme asks for the other's sitemap (for its
    # language switch), which is not there; nothing else may be missing.
    watched.allow_console_error(r"status of 404")
    missing = []
    watched.page.on("response", lambda response: response.status == 404
                    and not response.url.endswith("/pt/sitemap.xml") and missing.append(response.url))
    try:
        page = watched.page
        address = f"http://127.0.0.1:{port}/instructors/writing-a-lesson/"
        wait_for(lambda: urllib.request.urlopen(address, timeout=5).status == 200, 60, "the served page")
        page.goto(address)
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") \
            == csp.LIVE_RELOAD_POLICY
        page.evaluate("window.sameDocument = true")
        with (project / "docs/instructors/writing-a-lesson.md").open("a", encoding="utf-8") as source:
            source.write("\nA sentence more.\n")
        # (not wait_for_function, which evaluates a string: the policy refuses that)
        wait_for(lambda: new_document(page), 60, "the page to reload")
        assert "A sentence more." in page.locator("article").inner_text()
        assert not violations, violations
        assert not missing, f"not found: {missing}"
        watched.check()
    finally:
        watched.page.context.close()
        server.terminate()
        server.wait(timeout=10)


def assert_literal(page, container, expected_text):
    """`container` shows `expected_text` as text: no element made of it, nothing of it run."""
    assert expected_text in container.text_content()
    assert container.locator("img, script, b").count() == 0, container.inner_html()
    assert page.evaluate("window.injected") is None


@pytest.mark.parametrize("stream", ["stdout", "stderr", "traceback"])
def test_what_code_prints_is_text_not_html(watched, site_url, stream):
    page = watched.page
    page.goto(site_url + "/classes/deep-learning/pooling/")
    lesson = block(page)
    assert lesson.get_attribute("data-html") == "0"
    code = {"stdout": f"print({INJECTED!r})", "stderr": f"import sys\nprint({INJECTED!r}, file=sys.stderr)",
            "traceback": f"raise ValueError({INJECTED!r})"}[stream]
    set_code(page, lesson, code)
    assert run(lesson).startswith("Error" if stream == "traceback" else "Done"), status(lesson)
    assert_literal(page, lesson.locator(".pyodide-output"), INJECTED)


def test_a_readers_answer_echoed_in_feedback_is_text(watched, site_url):
    page = watched.page
    page.goto(site_url + "/classes/deep-learning/pooling/")
    box = page.locator('.exercise[data-kind="number"]').first
    box.get_by_role("button", name=said("practice.start")).click()
    box.locator(".exercise-input").fill(INJECTED, timeout=PYTHON)
    box.get_by_role("button", name=said("practice.check"), exact=True).click()
    feedback = box.locator(".exercise-feedback")
    feedback.filter(has_text=said("practice.verdict.unread")).wait_for(timeout=PYTHON)
    assert_literal(page, feedback, quoted(INJECTED))  # the message quotes the start of what was typed


def test_a_field_echoed_in_the_number_editors_message_is_text(watched, site_url):
    page = watched.page
    page.goto(site_url + "/classes/deep-learning/pooling/")
    form = page.locator(".number-editor").first
    field = form.locator("input, textarea").first
    field.fill(INJECTED)
    assert recompute(form).startswith("Not recomputed")
    message = form.locator(".number-editor-error").filter(has_text="is not").first
    assert_literal(page, message, "<img")  # the message quotes what was typed
    assert form.locator("img, script, b").count() == 0
