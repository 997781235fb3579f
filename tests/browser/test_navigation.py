"""Lessons reached by Material's instant navigation (no new document: the page's content is
swapped in) keep every widget working, and the runtime lives on from page to page."""

from tests.browser.widgets import recompute, step_count, walkthrough
from tests.support.oracle import forward_oracle, pool_oracle
from tests.support.site import lesson


def test_lessons_reached_by_instant_navigation_keep_their_widgets(watched, site_url):
    page = watched.page
    conv, pool = lesson("convolutional"), lesson("pooling")
    page.goto(site_url + "/")
    page.evaluate("window.__same_document = true")
    page.locator("article a", has_text="Convolutional layer").first.click()
    page.wait_for_url("**/convolutional/")
    X, K, b, _ = conv.worked_example()
    forward = walkthrough(page, "convolution", "forward")
    assert step_count(forward) == forward_oracle(X, K, b).size
    forward.locator("button", has_text="Next").click()
    assert forward.locator(".walkthrough-position").text_content().startswith("Step 2 of")
    page.locator("article a", has_text="pooling layer").last.click()
    page.wait_for_url("**/pooling/")
    assert page.evaluate("window.__same_document") is True, "instant navigation, not a new document"
    X, window, stride, dL_dY = pool.worked_example()
    Y, _ = pool_oracle("max", X, window, stride, dL_dY)
    assert step_count(walkthrough(page, "pooling", "forward")) == Y.size
    form = page.locator('.number-editor[data-group="pooling"]')
    shape = (X.shape[0] - window + 1, X.shape[1] - window + 1)  # stride 1
    form.locator("#pooling-stride").fill("1")
    form.locator("#pooling-dL_dY").fill("\n".join(" ".join(["1"] * shape[1]) for _ in range(shape[0])))
    assert recompute(form).startswith("Recomputed")
    assert step_count(walkthrough(page, "pooling", "forward")) == shape[0] * shape[1]
