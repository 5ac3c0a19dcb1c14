"""Legal clocks as rows: start, suspend, resume, extend, stop, expire.

`specs` declares a clock, `arithmetic` computes its dates (pure functions), `services` writes
the rows, `selectors` reads them, `sweep` expires the clocks whose delay has run out.
"""
