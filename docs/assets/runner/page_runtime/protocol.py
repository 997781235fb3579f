"""The names both sides of the page's Python use: the kinds of output, the reply to a
widget's call and its error fields. They are read from protocol.json, beside this package,
which the page's JavaScript imports too, so that the two sides cannot drift apart."""

import json
import os

_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "protocol.json")
with open(_FILE, encoding="utf-8") as protocol:
    PROTOCOL = json.load(protocol)
OUTPUT, REPLY, ERROR = PROTOCOL["output"], PROTOCOL["reply"], PROTOCOL["error"]


def notice(key, **params):
    """A message of the runner's own (a "notice" output): the key of the site's catalog and
    its parameters, as JSON, for the page to word in its language (blocks.mjs)."""
    return json.dumps({"key": key, "params": params})
