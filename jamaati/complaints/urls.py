"""Pages of complaints.

`public_patterns`: under /<lang>/c/<code>/complaints/ (namespace `public`,
as `public:complaint-...`).
`citizen_patterns`: /<lang>/my/complaints/ (namespace `complaints`).
`bo_patterns`: under /<lang>/bo/<code>/ (namespace `bo`).
`open311_patterns`: /open311/v2/ (no language prefix; GeoReport v2), in open311/urls.py.
"""

from jamaati.complaints.open311.urls import open311_patterns
from jamaati.complaints.report.urls import report_bo_patterns, report_public_patterns

public_patterns: list = [*report_public_patterns]
citizen_patterns: list = []
bo_patterns: list = [*report_bo_patterns]

__all__ = ["bo_patterns", "citizen_patterns", "open311_patterns", "public_patterns"]
