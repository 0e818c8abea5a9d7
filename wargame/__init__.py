"""wargame: a rules engine, scenarios and a facilitator's console for seminar wargames.

The engine lives in :mod:`wargame.core` (pure: no files, no terminal). Reading
scenarios and saves is :mod:`wargame.loading`. The most used names are here::

    from wargame import load_scenario, Game, Move
    game = Game(load_scenario("konna-2013"), seed=1)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load_scenario": "wargame.loading",
    "load_rules": "wargame.loading",
    "load_game": "wargame.loading",
    "save_game": "wargame.loading",
    "check_file": "wargame.loading",
    "ScenarioError": "wargame.core.problems",
}


def __getattr__(name: str) -> Any:
    """Load names lazily, so that ``import wargame.core`` never pulls in YAML."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    core = importlib.import_module("wargame.core")
    if name in core.__all__:
        return getattr(core, name)
    raise AttributeError(f"module 'wargame' has no attribute {name!r}")


def __dir__() -> list[str]:
    core = importlib.import_module("wargame.core")
    return sorted({*globals(), *_LAZY, *core.__all__})
