"""The browser fixtures of the web app (Chromium against the live server)."""

from jamaati.web.tests.conftest import (  # noqa: F401
    browser,
    mobile_page,
    page,
    screenshot_dir,
    shoot,
    site,
)
