"""Files in and out: scenario and rules YAML, save files, bundled resources."""

from wargame.core.problems import Problem, ScenarioError
from wargame.loading.files import check_file, load_rules, load_scenario, load_scenario_text, scenario_path
from wargame.loading.resources import bundled_scenario_files
from wargame.loading.saves import SaveError, load_game, read_header, save_game

__all__ = [
    "Problem",
    "SaveError",
    "ScenarioError",
    "bundled_scenario_files",
    "check_file",
    "load_game",
    "load_rules",
    "load_scenario",
    "load_scenario_text",
    "read_header",
    "save_game",
    "scenario_path",
]
