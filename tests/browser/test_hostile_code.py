"""Code that a reader types to see what breaks: each leaves the page usable, the reader's
other work as it was, and says what happened. (A runaway loop and Stop: test_runner.py.)"""

import pytest

from tests.browser.runner_page import block, editor, run, set_code, status, stdout
from tests.support.browser import open_page

PAGE = "/checks/runner-checks/"

HOSTILE = {
    "memory bomb": ("import numpy as np\nx = np.zeros((10**5, 10**5))\nprint(x.sum())",
                    ["Error", "array is too big"]),
    "a million printed lines": ("for i in range(10**6):\n    print(i)",
                                ["Done", "Output was cut after"]),
    "deep recursion": ("def f(n):\n    return f(n + 1)\nf(0)",
                       ["Error", "RecursionError: maximum recursion depth exceeded"]),
    # Python's limit lifted: its RecursionError at 10**6 calls, or, where the memory runs
    # out first, the runner's sentence for Python's silent SystemError.
    "recursion with the limit lifted": ("import sys\nsys.setrecursionlimit(10**6)\n"
                                        "def f(n):\n    return f(n + 1)\nf(0)",
                                        ["Error", ("RecursionError: maximum recursion depth exceeded",
                                                   "could go no deeper")]),
    "reaching for the page": ("import js\njs.document.body.innerHTML = ''",
                              ["Error", "this Python runs in a Web Worker, apart from the page"]),
    # Last: the session keeps `chunks`, and with it the memory full, for what it runs next.
    "memory, a little at a time": ("chunks = []\nwhile True:\n    chunks.append(bytearray(10**8))",
                                   ["Error", "MemoryError"]),
}


@pytest.fixture(scope="module")
def runner_page(browser, site_url):
    """One page for every case, as one reader would try them in turn; its other block
    holds code the reader edited, which must outlive them all."""
    watched = open_page(browser)
    watched.page.goto(site_url + PAGE)
    assert watched.page.locator(".pyodide-block").count() >= 2, "the check page has two blocks or more"
    set_code(watched.page, block(watched.page, 0), "print('the reader’s other work')\n")
    yield watched
    watched.check()
    watched.page.context.close()


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_code_gets_an_honest_message_and_the_page_stays_usable(runner_page, name):
    page = runner_page.page
    code, (outcome, message) = HOSTILE[name]
    target = block(page)
    set_code(page, target, code)
    assert run(target, timeout=240_000).startswith(outcome), status(target)
    output = target.locator(".pyodide-output").text_content()
    assert any(said in output for said in ((message,) if isinstance(message, str) else message)), output[-500:]
    assert page.locator("h1").count() == 1 and page.locator(".pyodide-block").count() >= 2, "the page is whole"
    assert "the reader’s other work" in editor(block(page, 0)).text_content()
    set_code(page, target, "print('usable')")
    assert run(target).startswith("Done") and stdout(target) == "usable\n"
