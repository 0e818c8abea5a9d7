"""``python -m wargame``: the same as the ``wargame`` command."""

import sys

from wargame.cli import main

sys.exit(main())
