"""Playing games without a facilitator: policies (bots), the headless runner, playtests and
replications (``simulate``)."""

from wargame.analysis.heuristic import HeuristicPolicy
from wargame.analysis.policies import Policy, RandomPolicy
from wargame.analysis.runner import RunResult, play
from wargame.analysis.simulate import RunRecord, SimulationResult, simulate

__all__ = [
    "HeuristicPolicy",
    "Policy",
    "RandomPolicy",
    "RunRecord",
    "RunResult",
    "SimulationResult",
    "play",
    "simulate",
]
