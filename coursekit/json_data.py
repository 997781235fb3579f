"""Data for the page's scripts, carried in the HTML itself: in an attribute, not a <script>
(Material's instant navigation makes every <script> of a page it shows into JavaScript,
and runs it)."""

import json


def json_attribute(data):
    """data-json='…' holding `data`: the JSON, its & and ' escaped, so that the attribute
    holds exactly it, whatever the data says (a sentence, a lesson file, HTML)."""
    text = json.dumps(data, ensure_ascii=False).replace("&", "&amp;").replace("'", "&#39;")
    return f"data-json='{text}'"
