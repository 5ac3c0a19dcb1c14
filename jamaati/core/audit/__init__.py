"""Hash-chained audit events, one chain per collectivity; record() and verify."""
