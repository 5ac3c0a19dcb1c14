"""A test-only app: a `Dossier` with a workflow, to exercise the kernel's workflow engine."""
