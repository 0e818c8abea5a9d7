"""Rulings in words for the console (no Textual here): the basis of a decision, one-line summaries.

A facilitator deciding a semi-rigid ruling needs what the ruling's explanation will say
before it is decided: the forces and the odds, the modifiers, the rules, and what each
result would do. :func:`decision_brief` builds that from the engine's own adjudication:
the part of the explanation every result shares is the basis, the rest is each result's
consequence.
"""

from __future__ import annotations

from attrs import frozen

from wargame.core.adjudication import Adjudication
from wargame.core.enums import Mode
from wargame.core.events import Event, NoteAdded, OrderIssued, PhaseBegan, ResolutionStarted, Ruling
from wargame.core.game import Game
from wargame.narrate import narrate

ROLES = {"combat": "attacker", "raid": "raider", "ambush": "ambusher", "suicide_attack": "attacker"}
"""The acting side's part in a fight, named in "best for ..." (other mechanics name the side alone)."""

MODE_HINTS = {
    Mode.SEMI_RIGID: "Semi-rigid: the engine proposes, you decide (or roll the dice).",
    Mode.FREE: "Free: you decide the result; the odds are the engine's.",
}


@frozen
class ResultLine:
    """One possible result: its code, title, probability, what it would do, and its labels."""

    code: str
    title: str
    probability: float
    consequence: str
    tags: tuple[str, ...]
    choice: str
    """What to pass to :meth:`Game.decide`: the proposal's name when it is one, else the code."""


@frozen
class DecisionBrief:
    """Everything the decision dialog shows."""

    title: str
    mode_hint: str
    basis: str
    details: tuple[str, ...]
    results: tuple[ResultLine, ...]
    notes: tuple[str, ...]
    dice: str
    default: int
    """Index of the result highlighted first (the most likely)."""


def decision_brief(game: Game, title: str, mode: Mode, adjudication: Adjudication) -> DecisionBrief:
    """The basis of a pending ruling and each result it could have, as the facilitator reads them out."""
    explanations = {o.code: adjudication.settle(o.code).explanation for o in adjudication.options}
    basis = shared_sentences(list(explanations.values()))
    proposals = dict(adjudication.proposals())
    who = _best_for(game, adjudication)
    likely = proposals.get("most likely")
    top = max((o.probability for o in adjudication.options), default=0.0)
    tied = [o.code for o in adjudication.options if o.probability == top and top > 0]
    results = []
    for option in adjudication.options:
        tags = []
        if option.code in tied:
            tags.append("most likely" if len(tied) == 1 else "tied for most likely")
        if option.code == proposals.get("best"):
            tags.append(f"best for {who}")
        if option.code == proposals.get("worst"):
            tags.append(f"worst for {who}")
        if option.probability == 0:
            tags.append("cannot happen on the dice")
        consequence = explanations[option.code].removeprefix(basis).strip()
        consequence = consequence.removeprefix(f"{option.title} ({option.code}):").strip()
        choice = next((label for label, code in proposals.items() if code == option.code), option.code)
        results.append(ResultLine(option.code, option.title, option.probability, consequence, tuple(tags), choice))
    notes = []
    if len(tied) > 1:
        notes.append(f"{' and '.join(tied)} are equally likely ({top:.0%} each).")
    if likely is not None and likely == proposals.get("worst"):
        notes.append(f"The most likely result, {likely}, is also the worst for {who}.")
    if likely is not None and likely == proposals.get("best"):
        notes.append(f"The most likely result, {likely}, is also the best for {who}.")
    details = []
    if adjudication.modifiers or adjudication.die_modifiers:
        details.append("Modifiers: " + ", ".join(str(m) for m in adjudication.modifiers + adjudication.die_modifiers))
    if adjudication.citations:
        details.append("Rules: " + ", ".join(adjudication.citations))
    default = next((i for i, r in enumerate(results) if r.code == likely), 0)
    dice = adjudication.dice if adjudication.rolled else ""
    return DecisionBrief(
        title, MODE_HINTS.get(mode, mode.label), basis, tuple(details), tuple(results), tuple(notes), dice, default
    )


def _best_for(game: Game, adjudication: Adjudication) -> str:
    """Whom "best" and "worst" are for: the acting side, with its part in a fight."""
    side = game.scenario.sides.get(adjudication.side)
    if side is None:
        return "the side acting"
    role = ROLES.get(adjudication.mechanic)
    return f"the {role} ({side.name})" if role else side.name


def shared_sentences(texts: list[str]) -> str:
    """The whole sentences every text begins with (the part of a ruling's explanation that
    does not depend on the result)."""
    if len(texts) < 2:
        return ""
    prefix = texts[0]
    for text in texts[1:]:
        same = 0
        while same < min(len(prefix), len(text)) and prefix[same] == text[same]:
            same += 1
        prefix = prefix[:same]
    end = prefix.rfind(". ")
    return prefix[: end + 1] if end >= 0 else ""


def ruling_summary(ruling: Ruling) -> str:
    """A ruling in one line, for a notification: its title and result."""
    option = next((o for o in ruling.options if o.code == ruling.result), None)
    if len(ruling.options) <= 1 or option is None:
        return ruling.title
    return f"{ruling.title}: {option.title}"


def summarise(rulings: list[Ruling], most: int = 3) -> str:
    """Up to ``most`` rulings in one line each, then how many more."""
    lines = [ruling_summary(r) for r in rulings[:most]]
    if len(rulings) > most:
        lines.append(f"and {len(rulings) - most} more (tab 4)")
    return "\n".join(lines)


@frozen
class Rewind:
    """What overriding a past ruling takes back: the game returns to the ruling's turn and
    phase, and every event after it is discarded (undo brings them back)."""

    turn: int
    phase: str
    events: int
    orders: int
    rulings: int
    phases: int
    notes: tuple[str, ...]

    def sentence(self) -> str:
        """What will be lost, plainly, or "" if nothing."""
        if not self.events:
            return ""
        parts = [f"{self.rulings} later ruling{'s' * (self.rulings != 1)}"] if self.rulings else []
        if self.orders:
            parts.append(f"{self.orders} order{'s' * (self.orders != 1)}")
        if self.phases:
            parts.append(f"{self.phases} phase{'s' * (self.phases != 1)} played")
        if self.notes:
            parts.append(f"{len(self.notes)} note{'s' * (len(self.notes) != 1)} ({'; '.join(self.notes)})")
        what = ", ".join(parts) or "nothing but bookkeeping"
        return (
            f"The game goes back to turn {self.turn}, {self.phase}, and discards the {self.events} "
            f"event{'s' * (self.events != 1)} after this ruling: {what}. Undo (ctrl+z) brings them back."
        )


def rewind_for(game: Game, ruling_id: str) -> Rewind:
    """What overriding ``ruling_id`` would discard."""
    log = game.log
    index = ruling_index(game, ruling_id)
    ruling = log[index]
    assert isinstance(ruling, Ruling)
    later = log[index + 1 :]
    return Rewind(
        turn=ruling.turn,
        phase=game.scenario.rules.phase(ruling.phase).title,
        events=len(later),
        orders=sum(isinstance(e, OrderIssued) for e in later),
        rulings=sum(isinstance(e, Ruling) for e in later),
        phases=sum(isinstance(e, PhaseBegan) for e in later),
        notes=tuple(_short(e.text) for e in later if isinstance(e, NoteAdded)),
    )


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _short(text: str, width: int = 40) -> str:
    return f"“{clip(text, width)}”"


def log_change(game: Game, before: tuple[Event, ...], side: str | None, *, undone: bool) -> str:
    """What an undo took back (or a redo did again), in a few words, as ``side`` may see it."""
    after = game.log
    same, shortest = 0, min(len(before), len(after))
    while same < shortest and (before[same] is after[same] or before[same] == after[same]):
        same += 1  # undo and redo keep the events they leave: identity settles almost all of them
    changed = before[same:] if undone else after[same:]
    if any(isinstance(e, ResolutionStarted | PhaseBegan) for e in changed):
        return "the resolution of a phase"
    lines = [line.strip() for line in narrate(game.scenario, changed, side, details=False) if line.strip()]
    return lines[0] if lines else ""


def where_now(game: Game) -> str:
    """The turn and phase, in words."""
    if game.over:
        return f"The game is over: {game.state.ended}"
    phases = game.scenario.rules.phases
    return f"Turn {game.turn}, {game.phase.title} ({game.state.phase_index + 1}/{len(phases)})"


def event_label(game: Game, index: int, side: str | None = None, width: int = 90) -> str:
    """Event number ``index`` of the log in a few words (what a note is attached to)."""
    event = game.log[index]
    if isinstance(event, PhaseBegan):
        return f"the start of {game.scenario.rules.phase(event.phase).title}, turn {event.turn}"
    lines = [line.strip() for line in narrate(game.scenario, [event], side, details=False) if line.strip()]
    label = lines[0] if lines else event.tag.replace("_", " ")
    return clip(label, width)


def ruling_index(game: Game, ruling_id: str) -> int:
    """Where a ruling is in the log."""
    return next(i for i, e in enumerate(game.log) if isinstance(e, Ruling) and e.id == ruling_id)
