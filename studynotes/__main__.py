"""``python -m studynotes``: the ``studynotes`` command."""

import sys

from studynotes.cli import main

sys.exit(main())
