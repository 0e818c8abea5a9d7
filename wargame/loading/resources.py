"""Where the bundled scenarios and rule sets are.

In an installed wheel they live inside the package (``wargame/_data/``, put there by
the build's force-include); in a source checkout or an editable install they are the
repository's top-level ``scenarios/`` and ``rules/``. Both are found the same way.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def _data_dir(name: str) -> Path:
    packaged = resources.files("wargame") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return _REPO_ROOT / name


def scenarios_dir() -> Path:
    """The folder of bundled scenario files."""
    return _data_dir("scenarios")


def rules_dir() -> Path:
    """The folder of bundled rule sets."""
    return _data_dir("rules")


def bundled_scenario_files() -> list[Path]:
    """Every bundled scenario file, sorted by name."""
    folder = scenarios_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def bundled_scenario(scenario_id: str) -> Path | None:
    """The bundled file for a scenario id (``serval-2013``), if there is one."""
    path = scenarios_dir() / f"{scenario_id}.yaml"
    return path if path.is_file() else None


def bundled_rules(rules_id: str) -> Path | None:
    """The bundled file for a rule set id (``core``), if there is one."""
    path = rules_dir() / f"{rules_id}.yaml"
    return path if path.is_file() else None
