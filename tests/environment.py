"""Loaded by pytest before Django starts (see addopts): the test run is a development run."""

import os

os.environ.setdefault("DEBUG", "true")
