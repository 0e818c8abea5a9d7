"""Where wargame keeps its own files: autosaves, logs. One place, so tests can redirect it.

Follows the XDG base directories on Linux (``$XDG_DATA_HOME``, default ``~/.local/share``),
``~/Library/Application Support`` on macOS and ``%LOCALAPPDATA%`` on Windows. Set
``WARGAME_HOME`` to put everything under one folder instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    """The folder for autosaves and logs (created if missing)."""
    override = os.environ.get("WARGAME_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "wargame"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "wargame"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "wargame"
    base.mkdir(parents=True, exist_ok=True)
    return base


def log_dir() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_dir() -> Path:
    folder = data_dir() / "autosaves"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
