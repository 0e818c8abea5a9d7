"""Shared fixtures and hypothesis profiles.

Profiles: ``dev`` (the default; thorough) and ``ci`` (bounded, for the CI run); pick one
with the environment variable ``HYPOTHESIS_PROFILE``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("thorough", max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Autosaves and logs go to a temporary folder, never the user's."""
    monkeypatch.setenv("WARGAME_HOME", str(tmp_path / "wargame-home"))


@pytest.fixture(scope="session")
def konna():
    from wargame.loading import load_scenario

    return load_scenario("konna-2013")
