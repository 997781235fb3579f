"""Python in the page: the `pyodide` fence (fence.py) and the runtime it runs (runtime.py)."""
