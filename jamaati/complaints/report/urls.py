"""The yearly complaints report (decree 2.17.265 art. 15): public and back-office pages."""

report_public_patterns: list = []
report_bo_patterns: list = []
