"""Pages of proactive publication (law 31.13 art. 10).

`public_patterns`: under /<lang>/c/<code>/publications/ (namespace `public`).
`national_patterns`: /<lang>/publications/ (namespace `transparency`).
`bo_patterns`: under /<lang>/bo/<code>/ (namespace `bo`).
"""

public_patterns: list = []
national_patterns: list = []
bo_patterns: list = []
