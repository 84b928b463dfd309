"""Test helper: run a child process under which file permissions apply even when the tests run as root."""

from __future__ import annotations

import os
import shutil


def without_root_override() -> list[str] | None:
    """A command prefix under which file permissions apply (root ignores them), or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]
