"""Policies: bots that give a side's orders from what that side can see.

A policy asks the game for the side's legal orders (which the engine builds from the
side's own knowledge) and never reads the true state of other sides.
"""

from __future__ import annotations

import random
from typing import Protocol

from wargame.core.game import Game
from wargame.core.orders import Order, order_units


class Policy(Protocol):
    """Chooses a side's orders for the current phase."""

    def choose(self, game: Game, side: str, rng: random.Random) -> list[Order]:
        """Orders to give now; each is checked again when submitted."""
        ...


class RandomPolicy:
    """Random legal orders: each unit acts with probability ``activity``, at random among its options."""

    def __init__(self, activity: float = 0.6) -> None:
        self.activity = activity

    def choose(self, game: Game, side: str, rng: random.Random) -> list[Order]:
        by_unit: dict[tuple[str, ...], list[Order]] = {}
        for order in game.legal_orders(side):
            key = order_units(order)[:1] or (f"argument:{getattr(order, 'argument', '')}",)
            by_unit.setdefault(key, []).append(order)
        chosen: list[Order] = []
        busy: set[str] = set()
        for key in sorted(by_unit):
            if rng.random() >= self.activity:
                continue
            options = [o for o in by_unit[key] if not busy & set(order_units(o))]
            if options:
                order = rng.choice(options)
                chosen.append(order)
                busy.update(order_units(order))
        return chosen
