"""Playing games without a facilitator: policies (bots) and the headless runner."""

from wargame.analysis.policies import Policy, RandomPolicy
from wargame.analysis.runner import RunResult, play

__all__ = ["Policy", "RandomPolicy", "RunResult", "play"]
