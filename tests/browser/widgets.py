"""Helpers to drive the page's widgets the way a reader does."""

import re

from coursekit import messages
from tests.support.site import DOCS
from tests.support.text_numbers import number as read_number  # noqa: F401 (a helper of the widget tests)

FINISHED = re.compile("^(" + "|".join(re.escape(text.split("{")[0].strip()) for language in messages.languages(DOCS)
                                     for key in ("editor.recomputed", "editor.see-field", "editor.not-recomputed",
                                                 "editor.failed")
                                     for text in [messages.catalog(DOCS, language)[key]]) + ")")
"""How the number editor's status begins once a recomputation has ended, in any edition."""


def walkthrough(page, group, name):
    return page.locator(f'.walkthrough[data-group="{group}"][data-walkthrough="{name}"]')


def step_count(walk):
    """The number of steps the walkthrough says it has ("Step 1 of 4")."""
    return int(walk.locator(".walkthrough-position").text_content().rsplit(" ", 1)[1])


def recompute(form, timeout=120_000):
    """Press Recompute, and wait for the editor's status to say how it went."""
    form.locator("button[type=submit]").click()
    status = form.locator(".number-editor-status")
    status.filter(has_text=FINISHED).wait_for(timeout=timeout)
    return status.text_content()
