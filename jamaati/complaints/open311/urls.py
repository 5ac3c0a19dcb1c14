"""Open311 GeoReport v2 at /open311/v2/ (namespace `open311`)."""

open311_patterns: list = []
