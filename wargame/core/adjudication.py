"""The shape every mechanism's ruling takes before it is decided.

A mechanism turns an order into an :class:`Adjudication`: the possible results with
their probabilities, how the dice choose among them, and a ``settle`` function that
turns a chosen result into changes and a sentence. The game then decides the result
by the adjudication mode (roll, propose, or the facilitator's choice) and records a
:class:`~wargame.core.events.Ruling`. Overrides re-run the same adjudication with a
forced result, so there is one path from order to ruling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from attrs import define, field, frozen

from wargame.core.events import Change, Modifier, Option
from wargame.core.rules import Dice


@frozen
class Rejection:
    """Why an order is refused: a stable ``code`` for programs and a sentence for people."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} ({self.code})"


@frozen
class Settlement:
    """The effects of a chosen result.

    ``follow_ups`` are keys of work the result sets off (``ambush:<ambusher>:<victim>``,
    ``ied:<unit>:<area>``); each is adjudicated after these changes are applied.
    """

    changes: tuple[Change, ...]
    explanation: str
    follow_ups: tuple[str, ...] = ()
    visible_to: tuple[str, ...] | None = None
    """Who may see the ruling, when the result decides it (None: as the adjudication says)."""


@define
class Adjudication:
    """A ruling waiting to be decided.

    Attributes:
        mechanic: the mechanism's name (``movement``, ``combat``...).
        title: a few words.
        side: the acting side.
        visible_to: sides that will see the ruling.
        options: possible results, worst first for the acting side, with probabilities.
        settle: result code -> its effects.
        dice: the dice rolled in rigid mode ("" if nothing is rolled).
        purpose: what the roll is for.
        die_modifiers: added to the roll.
        lookup: modified total -> result code.
        default: the result when nothing is rolled.
        citations: rules applied.
        modifiers: multipliers and column shifts shown with the ruling.
    """

    mechanic: str
    title: str
    side: str
    visible_to: tuple[str, ...]
    options: tuple[Option, ...]
    settle: Callable[[str], Settlement]
    dice: str = ""
    purpose: str = ""
    die_modifiers: tuple[Modifier, ...] = ()
    lookup: Callable[[int], str] | None = None
    default: str = ""
    citations: tuple[str, ...] = ()
    modifiers: tuple[Modifier, ...] = field(factory=tuple)

    @property
    def rolled(self) -> bool:
        return bool(self.dice) and self.lookup is not None

    def option(self, code: str) -> Option | None:
        for option in self.options:
            if option.code == code:
                return option
        return None

    def proposals(self) -> tuple[tuple[str, str], ...]:
        """(label, code) for the most likely, best and worst results that can happen."""
        possible = [o for o in self.options if o.probability > 0] or list(self.options)
        if not possible:
            return ()
        likely = max(possible, key=lambda o: o.probability)
        return (("most likely", likely.code), ("best", possible[-1].code), ("worst", possible[0].code))


def dice_options(
    dice: str,
    modifier: int,
    lookup: Callable[[int], str],
    titles: Sequence[tuple[str, str]],
) -> tuple[Option, ...]:
    """Options with the probability of each code under ``dice`` + ``modifier``.

    ``titles`` lists every (code, title) worst first; codes the dice cannot reach get 0.
    """
    chances: dict[str, float] = {}
    for total, p in Dice.parse(dice).distribution().items():
        code = lookup(total + modifier)
        chances[code] = chances.get(code, 0.0) + p
    return tuple(Option(code, title, round(chances.get(code, 0.0), 6)) for code, title in titles)


def certain(code: str, title: str, settle: Callable[[str], Settlement], **kwargs: object) -> dict:
    """Keyword arguments for an adjudication with a single, certain result."""
    return {"options": (Option(code, title, 1.0),), "settle": settle, "default": code, **kwargs}


def table_lookup(table: dict[int, object]) -> Callable[[int], object]:
    """Read a table keyed by dice totals, clamping totals beyond its ends."""
    keys = sorted(table)
    low, high = keys[0], keys[-1]

    def lookup(total: int) -> object:
        return table[min(max(total, low), high)]

    return lookup


class Mechanism(Protocol):
    """What each order kind's mechanism provides."""

    def check(self, ctx, side: str, order) -> Rejection | None:
        """Reasons specific to this kind of order to refuse it (None: acceptable)."""

    def candidates(self, ctx, side: str, unit) -> Iterable:
        """Orders of this kind worth offering for ``unit`` (checked again before listing)."""

    def adjudicate(self, ctx, side: str, order) -> Adjudication:
        """The ruling for an accepted order."""
