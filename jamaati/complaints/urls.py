"""Pages of complaints.

`public_patterns`: under /<lang>/c/<code>/complaints/ (namespace `public`,
as `public:complaint-...`).
`citizen_patterns`: /<lang>/my/complaints/ (namespace `complaints`).
`bo_patterns`: under /<lang>/bo/<code>/ (namespace `bo`).
`open311_patterns`: /open311/v2/ (no language prefix; GeoReport v2).
"""

public_patterns: list = []
citizen_patterns: list = []
bo_patterns: list = []
open311_patterns: list = []
