"""Arabic formats as Moroccan administration prints them: Western digits in groups of three,
dates day first, the 24-hour clock.
"""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"  # no-break space: a figure never wraps between its groups
NUMBER_GROUPING = 3

# Django's `ar` formats stop at dates: without these a time prints as "7:16 ص" and a
# short date-time falls back to the American "11/22/2026". Moroccan documents use the day
# first and the 24-hour clock.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F، Y H:i"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
