#!/usr/bin/env python
"""Django's command-line utility for Jamaati."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamaati.settings")
    # A developer's checkout has no SECRET_KEY in its environment; production always sets one
    # (settings refuse to start without it), so only then is development assumed here.
    # The WSGI entry point never assumes it.
    if "SECRET_KEY" not in os.environ:
        os.environ.setdefault("JAMAATI_ENV", "development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
