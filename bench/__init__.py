"""reportx benchmark harness (issue #6): `python -m bench [--quick] [--json FILE] [--corpus DIR]`."""
