"""Data for the page's scripts, carried in the HTML itself."""

import json
from html import escape


def json_script(data, css_class=None):
    """A <script type="application/json"> holding `data`. No "</" inside it, so nothing the
    data says (a lesson file's source, a sentence) can end the element early."""
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    class_attribute = f' class="{escape(css_class)}"' if css_class else ""
    return f'<script type="application/json"{class_attribute}>{text}</script>'
