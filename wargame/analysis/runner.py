"""Play a game with no facilitator: scripted orders first, then each side's policy.

Semi-rigid and free rulings are left to the dice (``decide("roll")``), as a facilitator
who accepts every roll would.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from attrs import define, field

from wargame.analysis.policies import Policy
from wargame.core.adjudication import Rejection
from wargame.core.game import Game, IllegalOrder
from wargame.core.orders import Order, order_units
from wargame.core.resolution import order_side


@define
class RunResult:
    """A finished (or stopped) headless game and the scripted orders the engine refused."""

    game: Game
    refused: list[tuple[int, str, str | None, Order, Rejection]] = field(factory=list)
    """(turn, phase, the order's side, the order, why it was refused) for each scripted order refused."""


Script = Callable[[int, str], tuple[Order, ...]]


def play(
    game: Game,
    policies: Mapping[str, Policy | None],
    *,
    seed: int = 0,
    script: Script | None = None,
    turns: int | None = None,
) -> RunResult:
    """Play ``game`` until it ends (or until ``turns`` turns are done).

    ``policies`` maps each side to a policy (None: that side gives no orders but scripted
    ones). ``script(turn, phase)`` returns orders written ahead (an orders file); the policies
    give no order that phase to a unit the script names, even if its scripted order is refused
    (so a plan holds a unit in place with, for instance, a ``dig_in`` order).
    """
    rng = random.Random(f"policy:{seed}")
    result = RunResult(game)
    while not game.over:
        if turns is not None and game.turn > turns:
            break
        if game.state.pending is not None:
            game.decide("roll")
            continue
        if not game.state.resolving:
            _give_orders(game, policies, rng, script, result)
        game.advance()
    return result


def _give_orders(game: Game, policies: Mapping[str, Policy | None], rng: random.Random, script: Script | None,
                 result: RunResult) -> None:  # fmt: skip
    if not game.phase.orders:
        return
    planned: set[str] = set()  # units the script gives orders to: the bots leave them be, even if refused
    if script is not None:
        for order in script(game.turn, game.phase.id):
            planned.update(order_units(order))
            try:
                game.submit(order)
            except IllegalOrder as refused:
                side = order_side(game.context(), order)
                result.refused.append((game.turn, game.phase.id, side, order, refused.rejection))
    for side in game.scenario.sides:
        policy = policies.get(side)
        if policy is None:
            continue
        for order in policy.choose(game, side, rng):
            if not planned & set(order_units(order)) and game.validate(order, side) is None:
                game.submit(order, side)
