"""Adjudication cases as data: each ``tests/cases/*.yaml`` is a situation, orders and the outcome."""

from __future__ import annotations

import pytest

from tests.adjudication import case_files, check, read_case, run_case

CASES = case_files()


def _param(path):
    """A case; one marked ``xfail`` (a known engine bug) must fail until the bug is fixed."""
    reason = read_case(path).get("xfail")
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(path, marks=marks, id=path.stem)


@pytest.mark.parametrize("path", [_param(p) for p in CASES])
def test_case(path):
    case = read_case(path)
    game, submitted, refused = run_case(case)
    check(case, game, submitted, refused)


def test_there_are_at_least_forty_cases_covering_every_mechanic():
    mechanics = {read_case(p).get("mechanic") for p in CASES}
    assert len(CASES) >= 40
    assert {
        "movement",
        "river",
        "crossings",
        "combat",
        "air_strike",
        "airlift",
        "insertion",
        "detection",
        "disperse",
        "ambush",
        "ied",
        "suicide_attack",
        "cache",
        "supply",
        "reinforcements",
        "injects",
        "matrix",
        "override",
        "semi_rigid",
        "assessment",
        "training",
        "raid",
    } <= mechanics
