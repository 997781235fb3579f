"""The pooling lesson's catalogs hold the words its site package says, and only those: a
key no module names is a sentence no reader sees (its misconceptions, mistake.*, are named
by its exercises: tests/lessons/test_every_lesson.py)."""

import re

from coursekit import lessons, messages
from tests.support.site import DOCS

LESSON = lessons.find_lessons(DOCS)["pooling"]


def test_every_key_but_the_misconceptions_is_said_by_the_site_package():
    code = "".join(path.read_text(encoding="utf-8") for path in sorted(LESSON.site.glob("*.py")))
    named = set(re.findall(r"""["']([a-z]+(?:\.[a-z0-9-]+)+)["']""", code))
    keys = {key for key in messages.lesson_catalog(LESSON) if not key.startswith("mistake.")}
    assert sorted(keys - named) == [], "keys of messages/en.json that pooling_site's code never says"
