"""Figures made at build time, put into the page as images."""

import base64
import io
from html import escape


def html_image(figure, alt):
    """A matplotlib figure as an <img> inline (no file to serve, none to go stale), as a
    JPEG: photographs in it weigh a sixth of what they weigh as PNG."""
    import matplotlib.pyplot as plt

    jpeg = io.BytesIO()
    figure.savefig(jpeg, format="jpeg", dpi=80, bbox_inches="tight", pil_kwargs={"quality": 82})
    plt.close(figure)
    data = base64.b64encode(jpeg.getvalue()).decode("ascii")
    return f'<img class="lesson-figure" src="data:image/jpeg;base64,{data}" alt="{escape(alt)}">'
