"""``python -m benchmarks [--quick] [--only NAME ...] [--output PATH]``: see benchmarks/runner.py."""

import sys

from benchmarks.runner import main

sys.exit(main())
