"""The machinery of the course site: build-time rendering of lesson numbers into pages."""
