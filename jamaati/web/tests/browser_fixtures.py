"""Browser fixtures: Debian's Chromium driven by Playwright against the live test server.

Chromium comes from the system (`apt-get install chromium`), never from `playwright install`.
Without it, browser tests are skipped on a developer's machine (the terminal summary says so)
and fail under CI, where the CI script installs it.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_CHROMIUM = "browser tests not run: chromium is not installed"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    """The system Chromium, or None."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required under CI")
        pytest.skip(NO_CHROMIUM)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def site(browser, live_server, transactional_db, territory):
    """The live server's base URL, with the territory loaded."""
    return live_server.url


@pytest.fixture
def page(browser, site) -> Iterator[object]:
    """A fresh desktop page (own cookies) on the live server."""
    context = browser.new_context(viewport=DESKTOP, base_url=site)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def mobile_page(browser, site) -> Iterator[object]:
    """A fresh phone-sized page on the live server."""
    context = browser.new_context(
        viewport=MOBILE, base_url=site, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir(pytestconfig) -> Path:
    path = Path(pytestconfig.rootpath) / "test-artifacts" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def shoot(screenshot_dir):
    """`shoot(page, "home", "ar")` saves test-artifacts/screenshots/home-ar.png (full page)."""

    def save(page, name: str, lang: str) -> Path:
        page.evaluate("document.fonts.ready")
        path = screenshot_dir / f"{name}-{lang}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
