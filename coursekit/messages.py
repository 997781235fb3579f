"""The words of the page's widgets, from the one catalog the page reads too:
docs/assets/messages/en.json, by key, with {name} parameters (docs/assets/messages/messages.mjs
is the page's side). The build writes button labels and other widget text with `message`.
"""

import json
import re
from functools import lru_cache
from pathlib import Path

from coursekit import site

CATALOG = "assets/messages/en.json"
PARAMETER = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=4)
def _read(path, modified):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def catalog(docs_dir):
    """{key: text} of the site's catalog (read again when it changes)."""
    path = Path(docs_dir) / CATALOG
    return _read(str(path), path.stat().st_mtime_ns)


def fill(text, key, params):
    """`text` with each {name} replaced by params[name]; a missing one is an error."""
    def value(match):
        if match.group(1) not in params:
            raise KeyError(f"message {key!r} needs the parameter {{{match.group(1)}}}")
        return str(params[match.group(1)])
    return PARAMETER.sub(value, text)


def message(key, **params):
    """The catalog's text for `key`, for the page being built, its parameters filled in."""
    texts = catalog(site.current(f"message {key!r}").docs_dir)
    if key not in texts:
        raise KeyError(f"no message {key!r} in {CATALOG}")
    return fill(texts[key], key, params)
