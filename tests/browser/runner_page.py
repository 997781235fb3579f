"""Helpers to drive a pyodide block the way a reader does."""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.browser import RUN_FINISHED


def block(page, index=-1):
    """A pyodide block by position; by default the last one, on the lesson page its code."""
    return page.locator(".pyodide-block").nth(index)


def status(block_):
    return block_.locator(".pyodide-status").text_content()


def wait_until_finished(block_, timeout=120_000):
    """The block's status once its run has ended; a run that does not end fails the test
    with the status it was stuck on and what it had printed."""
    ended = re.compile("^(" + "|".join(map(re.escape, RUN_FINISHED)) + ")")
    finished = block_.locator(".pyodide-status").filter(has_text=ended)
    try:
        finished.wait_for(timeout=timeout)
    except PlaywrightTimeoutError:
        raise AssertionError(f"the run did not end within {timeout / 1000:g} s: its status still says "
                             f"{status(block_)!r}; output so far: {stdout(block_)[-500:]!r}") from None
    return status(block_)


def run(block_, timeout=120_000):
    block_.locator(".pyodide-run").click()
    return wait_until_finished(block_, timeout)


def editor(block_):
    block_.scroll_into_view_if_needed()
    content = block_.locator(".cm-content")
    content.wait_for()
    return content


def set_code(page, block_, code):
    """Replace the editor's code as a reader would: select all, then type (paste) the new code."""
    editor(block_).click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def stdout(block_):
    return "".join(block_.locator('.pyodide-output [data-kind="stdout"]').all_text_contents())
