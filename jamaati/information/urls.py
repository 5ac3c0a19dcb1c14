"""Pages of access to information.

`public_patterns`: under /<lang>/c/<code>/information/ (namespace `public`,
as `public:information-...`).
`citizen_patterns`: /<lang>/my/information/ (namespace `information`).
`bo_patterns`: under /<lang>/bo/<code>/ (namespace `bo`).
"""

public_patterns: list = []
citizen_patterns: list = []
bo_patterns: list = []
