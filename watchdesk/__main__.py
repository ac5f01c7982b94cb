"""``python -m watchdesk``: the same entry point as the ``watchdesk`` command."""

import sys

from watchdesk.cli import main

sys.exit(main())
