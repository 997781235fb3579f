"""The in-page Python runner, in real Chromium, against the OFFLINE=1 site on 127.0.0.1."""

import json
import re
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

from tests.support.browser import SiteHandler, open_page, save_screenshot
from tests.browser.runner_page import block, editor, run, set_code, status, stdout, wait_until_finished
from tests.lessons.convolutional.conftest import CONV_FILE
from tests.support.site import DOCS, LESSONS, REPOSITORY, run_python

LESSON = "/classes/deep-learning/convolutional/"
CHECKS = "/checks/runner-checks/"
SEED = "/checks/convolutional-seed/"
SEED_COPY = REPOSITORY / "tests/pages/convolutional-seed.md"
COURSE_SEED = REPOSITORY.parent / "shared/seed/convolutional-seed.md"
"""The course's page this site started from: its fence, its snippet line, its grid cards."""


def test_the_courses_seed_page_builds_unchanged_and_its_block_runs(watched, site_url):
    """tests/pages/ is built into the tests' site (checks/) with --strict: the seed page, as
    the course wrote it, includes docs/classes/deep-learning/convolutional.py by its path."""
    if COURSE_SEED.is_file():  # the course's own copy, where this checkout sits beside it
        assert SEED_COPY.read_bytes() == COURSE_SEED.read_bytes(), "tests/pages/ holds the seed page unchanged"
    # Its figures are hot-linked from elsewhere, as the course wrote them; the site's
    # Content-Security-Policy refuses them (and this machine reaches no other host).
    watched.allow_outside(r"^https://developer(-blogs)?\.nvidia\.com/")
    watched.allow_console_error(r"Content Security Policy|ERR_NAME_NOT_RESOLVED|Failed to load resource")
    page = watched.page
    page.goto(site_url + SEED)
    seed = block(page)
    assert run(seed).startswith("Done"), status(seed)
    cpython = subprocess.run([sys.executable, str(CONV_FILE)], capture_output=True, text=True, check=True).stdout
    assert stdout(seed) == cpython


def test_lesson_block_prints_what_cpython_prints(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    page.wait_for_load_state("load")
    assert watched.pyodide_requests() == [], "no Pyodide byte before the reader asks"
    lesson = block(page)
    assert run(lesson).startswith("Done"), status(lesson)
    cpython = subprocess.run([sys.executable, str(CONV_FILE)], capture_output=True, text=True, check=True).stdout
    assert stdout(lesson) == cpython
    loaded = " ".join(watched.pyodide_requests())
    assert "numpy-" in loaded
    for unneeded in ("scikit_learn", "scipy", "pandas"):
        assert unneeded not in loaded, f"{unneeded} loaded for a block that imports only numpy"


def test_edit_rerun_with_keyboard_and_reset(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    lesson = block(page)
    set_code(page, lesson, "import numpy as np\nprint(np.arange(3) * 2)\n")
    page.keyboard.press("Control+Enter")
    assert wait_until_finished(lesson).startswith("Done")
    assert stdout(lesson) == "[0 2 4]\n"
    page.keyboard.press("Meta+Enter")  # Cmd-Enter on a Mac
    assert wait_until_finished(lesson).startswith("Done")
    started = time.monotonic()
    assert run(lesson).startswith("Done")
    assert time.monotonic() - started < 5, "a warm re-run is quick"
    lesson.locator(".pyodide-reset").click()
    assert "EXAMPLE_X" in editor(lesson).text_content()
    lesson.locator(".pyodide-clear").click()
    assert lesson.locator(".pyodide-output").is_hidden()


def stop_runaway_loop(page, url):
    page.goto(url + LESSON)
    lesson = block(page)
    set_code(page, lesson, "print('warm')")
    assert run(lesson).startswith("Done")
    set_code(page, lesson, "while True:\n    pass\n")
    lesson.locator(".pyodide-run").click()
    lesson.locator(".pyodide-status", has_text="Running").wait_for()
    page.wait_for_timeout(300)
    pressed = time.monotonic()
    lesson.locator(".pyodide-stop").click()
    final = wait_until_finished(lesson, timeout=5000)
    stopped_after = time.monotonic() - pressed
    assert final.startswith("Stopped"), final
    assert stopped_after < 1.5, f"Stop took {stopped_after:.2f} s"
    set_code(page, lesson, "print('usable again')")
    assert run(lesson).startswith("Done")
    assert stdout(lesson) == "usable again\n"
    return final


def test_stop_restarts_python_when_the_page_is_not_isolated(watched, site_url):
    final = stop_runaway_loop(watched.page, site_url)
    assert "Python was restarted" in final, "the reader is told the session was reset"


def test_stop_interrupts_python_when_the_page_is_isolated(browser, isolated_site_url):
    watched = open_page(browser)
    try:
        assert watched.page.evaluate("self.crossOriginIsolated") is False  # before navigation
        watched.page.goto(isolated_site_url + LESSON)
        assert watched.page.evaluate("self.crossOriginIsolated") is True
        final = stop_runaway_loop(watched.page, isolated_site_url)
        assert "restarted" not in final, "a KeyboardInterrupt keeps the session"
        assert block(watched.page).locator(".pyodide-stopped").count() == 0  # cleared by the next run
        watched.check()
    finally:
        watched.page.context.close()


def test_traceback_shows_the_readers_lines_only(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    lesson = block(page)
    set_code(page, lesson, "x = 1\n\ndef f(k):\n    return k / 0\n\nf(x)\n")
    assert run(lesson).startswith("Error")
    error = lesson.locator(".pyodide-error").text_content()
    assert error.startswith("Traceback (most recent call last):")
    assert re.search(r'File "<block \d+>", line 6, in <module>', error)
    assert re.search(r'File "<block \d+>", line 4, in f\n    return k / 0', error)
    assert error.rstrip().endswith("ZeroDivisionError: division by zero")
    assert not re.search(r"_pyodide|pyodide/|page_runtime|/lib/python", error)


def test_dataframe_is_a_table_with_html_and_escaped_text_without(watched, site_url):
    page = watched.page
    page.goto(site_url + CHECKS)
    with_html, without_html = block(page, 0), block(page, 1)
    assert run(with_html).startswith("Done")
    table = with_html.locator(".pyodide-html table")
    assert table.count() == 1
    assert table.locator("td", has_text="<b>bold?</b>").count() == 1, "cell text stays text"
    assert with_html.locator(".pyodide-html b").count() == 0
    assert run(without_html).startswith("Done")
    assert without_html.locator("table").count() == 0
    text = without_html.locator(".pyodide-output pre").text_content()
    assert "<b>bold?</b>" in text and "value" in text


def test_matplotlib_figure_is_an_image_in_order(watched, site_url):
    page = watched.page
    page.goto(site_url + CHECKS)
    plot = block(page, 2)
    assert run(plot).startswith("Done")
    image = plot.locator(".pyodide-output img")
    assert image.count() == 1
    assert image.evaluate("img => img.naturalWidth") > 100
    assert stdout(plot) == "after the figure\n"


def test_blocks_with_the_same_session_share_globals(watched, site_url):
    page = watched.page
    page.goto(site_url + CHECKS)
    assert run(block(page, 3)).startswith("Done")
    assert run(block(page, 4)).startswith("Done")
    assert stdout(block(page, 4)) == "42\n"


def test_runtime_survives_instant_navigation(watched, site_url):
    page = watched.page
    page.goto(site_url + CHECKS)
    assert run(block(page, 3)).startswith("Done")
    wasm_loads = [u for u in watched.pyodide_requests() if u.endswith("pyodide.asm.wasm")]
    assert len(wasm_loads) == 1
    page.evaluate("window.__same_document = true")
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**/runner-next/")
    assert page.evaluate("window.__same_document") is True, "instant navigation, not a new document"
    assert run(block(page)).startswith("Done")
    assert stdout(block(page)) == "still the same Python: True\n"
    assert [u for u in watched.pyodide_requests() if u.endswith("pyodide.asm.wasm")] == wasm_loads


def test_output_flood_is_capped(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    lesson = block(page)
    set_code(page, lesson, "for i in range(1_000_000):\n    print(i)\n")
    assert run(lesson).startswith("Done")
    assert "Output was cut" in lesson.locator(".pyodide-notice").text_content()
    assert len(stdout(lesson)) == 200_000


def test_memory_error_is_reported_and_python_recovers(watched, site_url):
    page = watched.page
    page.goto(site_url + LESSON)
    lesson = block(page)
    set_code(page, lesson, "import numpy as np\nkept = np.ones(10**6)\nchunks = [bytearray(200_000_000) for _ in range(100)]\n")
    assert run(lesson).startswith("Error")
    assert "MemoryError" in lesson.locator(".pyodide-error").text_content()
    set_code(page, lesson, "print(sum(range(10)), kept.size)")
    assert run(lesson).startswith("Done")
    assert stdout(lesson) == "45 1000000\n", "the same session goes on"


def test_unreachable_runtime_says_so_and_retry_works(watched, site_url):
    page = watched.page
    watched.allow_console_error("Failed to load resource|net::ERR_FAILED")
    blocked = {"on": True}
    page.route("**/vendor/pyodide/**", lambda route: route.abort() if blocked["on"] else route.continue_())
    page.goto(site_url + LESSON)
    lesson = block(page)
    final = run(lesson, timeout=60_000)
    assert final.startswith("Could not load Python"), final
    retry = lesson.locator(".pyodide-retry")
    assert retry.is_visible()
    blocked["on"] = False
    retry.click()
    assert wait_until_finished(lesson).startswith("Done")


class StallingWheels(SiteHandler):
    """The site, but a package (a wheel) sends half its bytes, then nothing, while `stalling` is set."""

    stalling = threading.Event()
    released = threading.Event()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if not (self.stalling.is_set() and path.suffix == ".whl"):
            return super().do_GET()
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[:len(data) // 2])
        self.wfile.flush()
        self.released.wait(timeout=180)


def test_a_package_download_that_stalls_is_given_up_and_running_again_works(browser, offline_site):
    site, _ = offline_site
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(StallingWheels, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = open_page(browser)
    page = watched.page
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}{CHECKS}")
        lesson = block(page)
        set_code(page, lesson, "print('Python is ready')")
        assert run(lesson).startswith("Done")
        StallingWheels.stalling.set()
        set_code(page, lesson, "import numpy as np\nprint(np.arange(3))")
        assert run(lesson, timeout=90_000).startswith("Error")
        stall = re.search(r"const STALL_SECONDS = (\d+);", (DOCS / "assets/runner/bridge.mjs").read_text())[1]
        said = json.loads((DOCS / "assets/messages/en.json").read_text())["runner.stalled"].format(seconds=stall)
        error = lesson.locator(".pyodide-error").text_content()
        assert said in error and "numpy" in error, error
        StallingWheels.stalling.clear()
        assert run(lesson).startswith("Done") and stdout(lesson) == "[0 1 2]\n"
        watched.check()
    finally:
        StallingWheels.released.set()
        page.context.close()
        server.shutdown()


def test_dark_palette_and_phone_width(browser, site_url):
    watched = open_page(browser, width=375, height=800)
    page = watched.page
    try:
        page.goto(site_url + LESSON)
        content = editor(block(page))
        light = content.evaluate("e => getComputedStyle(e.closest('.cm-editor')).backgroundColor")
        page.locator('label[title="Switch to dark mode"]').first.click()
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")  # a function: the policy refuses eval
        dark = content.evaluate("e => getComputedStyle(e.closest('.cm-editor')).backgroundColor")
        assert light != dark, "the editor follows the palette"
        assert run(block(page)).startswith("Done")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, "no sideways scrolling at 375 px"
        block(page).locator(".pyodide-output").scroll_into_view_if_needed()
        save_screenshot(page, "runner-375-dark")
        watched.check()
    finally:
        page.context.close()


def as_the_cdn_build_loads_it(page, site_url, integrity):
    """Point the lesson's block at the runtime the way a default (CDN) build does, with
    each core file's Subresource Integrity, but at the same files served here."""
    block(page).evaluate("(element, [runtime, integrity]) => { element.dataset.runtime = runtime; "
                         "element.dataset.integrity = integrity; }",
                         [site_url + "/assets/vendor/pyodide/", integrity])


def test_the_cdn_builds_checked_runtime_starts_and_refuses_a_changed_file(browser, site_url):
    from coursekit.site import Settings

    integrity = json.loads(Settings(offline=False, docs_dir=DOCS).runtime_attributes()["data-integrity"])
    for tampered, expected in ((None, "Done"), ("pyodide.asm.js", "Could not load Python")):
        watched = open_page(browser)
        page = watched.page
        try:
            page.goto(site_url + LESSON)
            pins = dict(integrity)
            if tampered:
                watched.allow_console_error("integrity|Failed to fetch|Failed to load")
                pins[tampered] = "sha256-" + "A" * 43 + "="
            as_the_cdn_build_loads_it(page, site_url, json.dumps(pins))
            set_code(page, block(page), "import sys\nprint(sys.version_info[:2])")
            assert run(block(page)).startswith(expected), status(block(page))
            if not tampered:
                assert stdout(block(page)) == "(3, 12)\n"
                boot = page.evaluate("performance.getEntriesByName('python-ready')[0].detail.boot")
                assert boot == "snapshot"
            watched.check()
        finally:
            page.context.close()


def test_edited_code_may_import_any_lesson_module(watched, site_url):
    """The page lists the site's Python files: a reader's code imports a module no block of
    this page imports, from another lesson, and the runner fetches it (and what it imports)."""
    page = watched.page
    page.goto(site_url + LESSON)
    lesson = block(page)
    code = ("import numpy as np\nfrom pooling_site.layer import max_pool2d_forward\n"
            "print(max_pool2d_forward(np.arange(16.0).reshape(1, 1, 4, 4), 2)[0, 0])\n")
    set_code(page, lesson, code)
    assert run(lesson).startswith("Done"), lesson.locator(".pyodide-output").text_content()
    cpython = run_python(["-c", code], cwd=LESSONS)
    assert stdout(lesson) == cpython
    fetched = {url.split("?")[0].rsplit("/", 2)[-2] + "/" + url.split("?")[0].rsplit("/", 1)[-1]
               for url in watched.requests if url.split("?")[0].endswith(".py") and "/vendor/" not in url}
    assert {"pooling_site/__init__.py", "pooling_site/layer.py"} <= fetched, fetched
    assert any(url.split("?")[0].endswith("/coursekit/page/values.py") for url in watched.requests), \
        "and what it imports: the kit's checks of its arguments"
