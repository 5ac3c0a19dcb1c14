"""Arabic number format as Moroccan administration prints it: Western digits in groups of three.

Only what differs from Django's `ar` formats; the rest (dates) falls through to Django's.
"""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"  # no-break space: a figure never wraps between its groups
NUMBER_GROUPING = 3
