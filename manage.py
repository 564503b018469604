#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.settings")
    # In a checkout with no production configuration, manage.py works like `make run` does: in
    # development mode, on the embedded database. With SECRET_KEY or DATABASE_URL set (a server),
    # nothing is assumed and DEBUG stays off unless it is set.
    if not {"SECRET_KEY", "DATABASE_URL"} & os.environ.keys():
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
