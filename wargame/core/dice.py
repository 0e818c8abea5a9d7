"""The game's one stream of dice.

Roll number *n* of a game with seed *s* is a pure function of (*s*, *n*): a BLAKE2b hash
of both, read as dice faces by rejection sampling. The state only counts how many rolls
have been made, so undo, override and replay need no generator state to restore: after
truncating the log, the next roll is the same roll it would have been.
"""

from __future__ import annotations

import hashlib

from wargame.core.rules import Dice


def faces(seed: int, position: int, dice: Dice) -> tuple[int, ...]:
    """The faces of roll number ``position`` (0-based) in the stream of ``seed``."""
    out: list[int] = []
    counter = 0
    limit = 256 - 256 % dice.sides  # reject bytes that would bias the faces
    while len(out) < dice.count:
        digest = hashlib.blake2b(f"{seed}:{position}:{counter}".encode(), digest_size=32).digest()
        for byte in digest:
            if byte < limit:
                out.append(byte % dice.sides + 1)
                if len(out) == dice.count:
                    break
        counter += 1
    return tuple(out)
