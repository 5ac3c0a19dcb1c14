"""The project's settings, unchanged, with the benchmark urlconf (bench/bare_urls.py): the
filing benchmark's server serves the application and the bare baseline view side by side."""

from jamaati.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
