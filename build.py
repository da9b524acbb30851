#!/usr/bin/env python3
"""Build the Dossier site: `python build.py --help` lists the commands and options."""

import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main())
