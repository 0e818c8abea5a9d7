"""Injects, matrix arguments and assessment: the white cell's mechanisms.

**Injects** are due on their date or turn, or when their condition first holds; the
injects step publishes every due inject the facilitator has not skipped or delayed.
**Arguments** (matrix game) succeed on 2d6 + modifiers >= 7; each strong pro adds one,
each strong con takes one away, within +/-2. **Assessment** checks every objective at
the end of each turn; an objective with a deadline is settled once met or once late.
"""

from __future__ import annotations

from collections.abc import Iterator

from wargame.core.adjudication import Adjudication, Rejection, Settlement, dice_options
from wargame.core.conditions import describe, effect_changes, holds
from wargame.core.context import Context
from wargame.core.events import ALL, ArgumentWon, InjectFiredChange, Modifier, ObjectiveChanged, Option
from wargame.core.orders import Argue
from wargame.core.scenario import Inject, Point

# -- injects -----------------------------------------------------------------------------


def all_injects(ctx: Context) -> dict[str, Inject]:
    """The scenario's injects and those written during play, by id."""
    return {**ctx.scenario.injects_by_id, **ctx.state.injects}


def is_due(ctx: Context, inject: Inject) -> bool:
    """Whether an inject should be published this turn (if not skipped or already out)."""
    state = ctx.state
    if inject.id in state.fired or inject.id in state.skipped:
        return False
    if inject.id in state.delayed:
        if state.turn < state.delayed[inject.id]:
            return False
        return inject.condition is None or holds(ctx, inject.condition)
    if inject.date is None and inject.turn is None and inject.condition is None:
        return False  # published only by hand
    if inject.date is not None and inject.date > ctx.scenario.turn_end(state.turn):
        return False
    if inject.turn is not None and state.turn < inject.turn:
        return False
    return inject.condition is None or holds(ctx, inject.condition)


def upcoming(ctx: Context) -> list[tuple[Inject, str]]:
    """Injects not yet published or skipped, with when they are due, in order."""
    out = []
    for inject in all_injects(ctx).values():
        if inject.id in ctx.state.fired or inject.id in ctx.state.skipped:
            continue
        if inject.id in ctx.state.delayed:
            when = f"delayed to turn {ctx.state.delayed[inject.id]}"
        elif inject.date is not None:
            when = f"{inject.date:%d %b %Y}"
        elif inject.turn is not None:
            when = f"turn {inject.turn}"
        elif inject.condition is not None:
            when = f"when {describe(ctx, inject.condition)}"
        else:
            when = "by hand"
        out.append((inject, when))
    return out


def inject_keys(ctx: Context) -> list[str]:
    """The injects step's work: every inject due now, in scenario order."""
    return [f"inject:{i.id}" for i in all_injects(ctx).values() if is_due(ctx, i)]


def inject_ruling(ctx: Context, inject_id: str) -> Adjudication | None:
    """Publish an inject (key ``inject:<id>``), unless it is already out."""
    inject = all_injects(ctx).get(inject_id)
    if inject is None or inject.id in ctx.state.fired:
        return None
    return publish(ctx, inject)


def publish(ctx: Context, inject: Inject) -> Adjudication:
    """The ruling that publishes an inject now, with its effects."""
    changes: list = [InjectFiredChange(inject.id)]
    phrases = []
    for effect in inject.effects:
        more, phrase = effect_changes(ctx, effect)
        changes += more
        phrases.append(phrase)
    text = inject.title + (f" ({'; '.join(phrases)})" if phrases else "") + "."
    return Adjudication(
        mechanic="inject",
        title=inject.title,
        side="",
        visible_to=inject.audience or ALL,
        options=(Option("done", "Published", 1.0),),
        settle=lambda code: Settlement(tuple(changes), text),
        default="done",
        citations=("injects",),
    )


# -- matrix arguments ------------------------------------------------------------------------


def _points(ctx: Context, order: Argue) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """Pros and cons: the order's own, or the prepared argument's."""
    if order.argument:
        _, argument = ctx.scenario.arguments[order.argument]
        return order.pros or argument.pros, order.cons or argument.cons
    return order.pros, order.cons


def argument_modifier(ctx: Context, pros: tuple[Point, ...], cons: tuple[Point, ...]) -> list[Modifier]:
    rules = ctx.rules.matrix
    raw = rules.strong * (sum(p.strong for p in pros) - sum(c.strong for c in cons))
    value = max(-rules.max_modifier, min(rules.max_modifier, raw))
    return [Modifier("strong pros and cons", value, "matrix.modifiers")] if value else []


class ArgumentMechanism:
    """Matrix arguments for political and novel actions (``matrix.*``)."""

    def check(self, ctx: Context, side: str, order: Argue) -> Rejection | None:
        if order.side != side:
            return Rejection("not-your-side", f"{side} cannot argue for {order.side}")
        if order.argument:
            if order.argument not in ctx.scenario.arguments:
                return Rejection("unknown-argument", f"there is no argument {order.argument!r}")
            owner, argument = ctx.scenario.arguments[order.argument]
            if owner != side:
                return Rejection("not-your-argument", f"“{argument.title}” is not {side}'s to make")
            if argument.once and order.argument in ctx.state.arguments_won:
                return Rejection("already-won", f"“{argument.title}” has already succeeded")
            if argument.available is not None and not holds(ctx, argument.available):
                why = describe(ctx, argument.available)
                return Rejection("not-available", f"“{argument.title}” can be made only when {why}")
        elif not order.title.strip():
            return Rejection("no-title", "an argument needs a title: what the side proposes to do")
        return None

    def candidates(self, ctx: Context, side: str, unit: object) -> Iterator[Argue]:
        for argument_id, (owner, _argument) in ctx.scenario.arguments.items():
            if owner == side:
                yield Argue(side, argument_id)

    def adjudicate(self, ctx: Context, side: str, order: Argue) -> Adjudication:
        rules = ctx.rules.matrix
        title = ctx.scenario.arguments[order.argument][1].title if order.argument else order.title
        pros, cons = _points(ctx, order)
        mods = argument_modifier(ctx, pros, cons)
        lookup = lambda total: "success" if total >= rules.target else "failure"  # noqa: E731
        options = dice_options(
            rules.dice, int(sum(m.value for m in mods)), lookup, [("failure", "Fails"), ("success", "Succeeds")]
        )

        def settle(code: str) -> Settlement:
            if order.argument:
                argument = ctx.scenario.arguments[order.argument][1]
                effects = argument.on_success if code == "success" else argument.on_failure
            else:
                effects = order.on_success if code == "success" else ()
            changes: list = []
            phrases = []
            for effect in effects:
                more, phrase = effect_changes(ctx, effect)
                changes += more
                phrases.append(phrase)
            if code == "success" and order.argument:
                changes.append(ArgumentWon(order.argument))
            verdict = "succeeds" if code == "success" else "fails"
            text = f"“{title}” {verdict}" + (f": {'; '.join(phrases)}" if phrases else "") + "."
            return Settlement(tuple(changes), text)

        return Adjudication(
            mechanic="argument",
            title=title,
            side=side,
            visible_to=ALL,
            options=options,
            settle=settle,
            dice=rules.dice,
            purpose=f"argument: {title} (needs {rules.target})",
            die_modifiers=tuple(mods),
            lookup=lookup,
            citations=("matrix.roll", *(m.rule for m in mods)),
        )


# -- assessment --------------------------------------------------------------------------------


def assessment_keys(ctx: Context) -> list[str]:
    """The assessment step's work: one ruling per side with objectives."""
    return [f"assess:{side}" for side, s in ctx.scenario.sides.items() if s.objectives]


def assess(ctx: Context, side: str) -> Adjudication | None:
    """Objectives and tracks of one side this turn (key ``assess:<side>``)."""
    objectives = ctx.scenario.sides[side].objectives
    if not objectives:
        return None
    changes: list = []
    lines = []
    today = ctx.scenario.turn_end(ctx.turn)
    for objective in objectives:
        status = ctx.state.objectives[objective.id]
        settled = objective.by is not None and (status.met or status.failed)
        met, failed = status.met, status.failed
        if not settled:
            met = holds(ctx, objective.condition)
            failed = objective.by is not None and not met and today >= objective.by
        if (met, failed) != (status.met, status.failed):
            changes.append(ObjectiveChanged(objective.id, met, failed))
        lines.append(f"{objective.title}: {'met' if met else 'failed' if failed else 'not yet'}")
    tracks = [f"{t.title} {ctx.state.tracks.get(t.id, t.start)}" for t in ctx.scenario.tracks]
    text = "; ".join(lines) + "." + (f" Tracks: {', '.join(tracks)}." if tracks else "")
    return Adjudication(
        mechanic="assessment", title=f"Assessment ({ctx.scenario.sides[side].name})", side=side,
        visible_to=(side,), options=(Option("done", "Done", 1.0),),
        settle=lambda code: Settlement(tuple(changes), text), default="done", citations=("assessment",),
    )  # fmt: skip


def game_won(ctx: Context) -> str:
    """A reason to end the game now: an objective that ends it has been met ('' if none)."""
    for objective_id, (side, objective) in ctx.scenario.objectives.items():
        if objective.ends_game and ctx.state.objectives[objective_id].met:
            return f"{ctx.scenario.sides[side].name} met “{objective.title}”"
    return ""
