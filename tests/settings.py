"""Settings of the test runs: the project's own, plus the test-only apps.

pytest-django loads the settings before the root conftest.py is imported, so the development
default for JAMAATI_ENV is set here; the test-only apps never appear in jamaati.settings.
"""

import os

os.environ.setdefault("JAMAATI_ENV", "development")

from jamaati.settings import *  # noqa: F403
from jamaati.settings import INSTALLED_APPS

# A small model driven by the workflow engine, so that the kernel is tested without importing
# any domain app.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.workflow_app"]
