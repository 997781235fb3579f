"""LaTeX wrapped in the HTML that pymdownx.arithmatex (generic mode) writes, so that the
page's math renderer finds build-time math and Markdown math alike.

The LaTeX is escaped at this boundary: `&` and `<` reach the browser as text."""

from html import escape


def _data_attributes(data):
    return "".join(f' data-{escape(key)}="{escape(str(value))}"' for key, value in data.items())


def display(latex, **data):
    """A block of display math; `data` becomes data-* attributes that name what it shows."""
    return f'<div class="arithmatex"{_data_attributes(data)}>\\[{escape(latex, quote=False)}\\]</div>'


def inline(latex, **data):
    """A piece of inline math."""
    return f'<span class="arithmatex"{_data_attributes(data)}>\\({escape(latex, quote=False)}\\)</span>'
