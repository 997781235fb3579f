"""Figures made at build time, put into the page as images."""

import base64
import io
from html import escape


def html_image(figure, alt):
    """A matplotlib figure as an <img> with its PNG inline (no file to serve, none to go stale)."""
    import matplotlib.pyplot as plt

    png = io.BytesIO()
    figure.savefig(png, format="png", dpi=80, bbox_inches="tight")
    plt.close(figure)
    data = base64.b64encode(png.getvalue()).decode("ascii")
    return f'<img class="lesson-figure" src="data:image/png;base64,{data}" alt="{escape(alt)}">'
