"""Small helpers shared by tests."""

from __future__ import annotations

from wargame.analysis.playtest import random_game

__all__ = ["random_game"]
