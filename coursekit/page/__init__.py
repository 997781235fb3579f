"""The kit's modules that run in the reader's browser as well as at build time: the page's
Python (Pyodide) imports them from the files the site serves (coursekit/python_files.py
lists and checks them; scripts/vendor_assets.py copies them to docs/assets/vendor/coursekit/).

A package of their own, so that where a module runs is seen from where it is: every file
here is served to the page, and imports only numpy, the standard library and the other
modules here (a test holds them to it); whatever needs more belongs to the build-time kit,
one folder up.
"""
