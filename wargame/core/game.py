"""The game: a scenario, a seed and an event log, and everything one does with them.

The log is the truth. Every action appends events and the state is what applying
them gives. Load is replay. Snapshots of the state are kept (one a turn, thinned for old
turns); cutting the log (seek, or an action's undo) restores the nearest earlier one and
replays the events after it, and undo and redo put back what a cut removed, snapshots
included, rather than replaying it. Because
every roll is read from a stream by position (:mod:`wargame.core.dice`), the same
scenario, seed and actions give the same log, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import attrs

from wargame.core.adjudication import Adjudication, Rejection
from wargame.core.context import Context
from wargame.core.enums import Mode, OrderKind
from wargame.core.events import (
    Event,
    GameEnded,
    GameStarted,
    InjectDelayed,
    InjectSkipped,
    InjectWritten,
    MarchChanged,
    ModeChanged,
    NoteAdded,
    OrderCancelled,
    OrderIssued,
    PhaseBegan,
    ResolutionStarted,
    Ruling,
    RulingPending,
    WorkExpanded,
    visible,
)
from wargame.core.orders import Order, order_units
from wargame.core.political import all_injects, game_won, publish, upcoming
from wargame.core.resolution import (
    adjudication_for,
    current_phase,
    expand,
    initial_queue,
    legal_orders,
    mode_of,
    sides_to_order,
    validate,
)
from wargame.core.rules import Phase
from wargame.core.scenario import Inject, Scenario
from wargame.core.state import GameState, Pending, initial_state

MARCH_ENDING = frozenset(
    {
        OrderKind.DIG_IN, OrderKind.DISPERSE, OrderKind.REFORM, OrderKind.TRAIN, OrderKind.ATTACK,
        OrderKind.AIRLIFT, OrderKind.AIR_INSERTION, OrderKind.AMBUSH,
    }
)  # fmt: skip
"""Orders that end a unit's standing march (a new move replaces it instead)."""


SNAPSHOT_EVENTS = 1000
"""Events after which the next phase begins with a snapshot even in mid-turn."""
SNAPSHOT_RECENT_TURNS = 10
"""Turns that keep all their snapshots; before them, one turn in this many keeps its own."""

_KEEPS_MEMO = (OrderIssued, OrderCancelled, NoteAdded, ModeChanged, InjectSkipped, InjectDelayed)
"""Events that change nothing a path search or an index depends on."""


class GameError(ValueError):
    """An action the game cannot take now; ``code`` is stable, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class IllegalOrder(GameError):
    """An order refused by :func:`wargame.core.resolution.validate`."""

    def __init__(self, rejection: Rejection) -> None:
        super().__init__(rejection.code, rejection.message)
        self.rejection = rejection


class ReplayError(GameError):
    """A log that does not replay on this scenario."""


@attrs.frozen
class Awaiting:
    """What the game waits for: ``orders`` (from ``sides``), a ``decision``, or it is ``over``."""

    what: str
    sides: tuple[str, ...] = ()
    detail: str = ""


# -- applying events ---------------------------------------------------------------------------


def apply_event(scenario: Scenario, state: GameState, event: Event) -> None:
    """Change ``state`` as ``event`` says. The only place the state changes."""
    match event:  # the commonest events first
        case Ruling():
            state.next_id = max(state.next_id, _number(event.id) + 1)
            state.rolls += len(event.rolls)
            for change in event.changes:
                change.apply(state)
            if event.source in state.queue:
                state.queue.remove(event.source)
            state.queue[0:0] = list(event.follow_ups)
            if event.source.startswith("order:"):
                state.orders.pop(event.source.removeprefix("order:"), None)
            state.pending = None
        case PhaseBegan(turn=turn, phase=phase_id):
            index = next(i for i, p in enumerate(scenario.rules.phases) if p.id == phase_id)
            if turn != state.turn:
                _new_turn(state)
            state.turn, state.phase_index = turn, index
            state.orders.clear()
            state.ordered_units.clear()
            state.resolving = False
            state.queue.clear()
        case OrderIssued(order_id=order_id, side=side, order=order):
            state.orders[order_id] = (side, order)
            for unit in order_units(order):  # type: ignore[arg-type]
                state.ordered_units[unit] = order_id
            state.next_id = max(state.next_id, _number(order_id) + 1)
        case OrderCancelled(order_id=order_id):
            state.orders.pop(order_id, None)
            for unit, oid in list(state.ordered_units.items()):
                if oid == order_id:
                    del state.ordered_units[unit]
        case ResolutionStarted(queue=queue):
            state.resolving = True
            state.queue = list(queue)
        case WorkExpanded(item=item, keys=keys):
            if item in state.queue:
                position = state.queue.index(item)
                state.queue[position : position + 1] = list(keys)
        case RulingPending(source=source, mode=mode):
            state.pending = Pending(source, mode)
        case InjectSkipped(inject=inject):
            state.skipped.add(inject)
        case InjectDelayed(inject=inject, until_turn=until):
            state.delayed[inject] = until
        case InjectWritten(inject=inject):
            state.injects[inject.id] = inject
        case ModeChanged(key=key, mode=mode):
            state.modes[key] = mode
        case GameEnded(reason=reason):
            state.ended = reason
        case GameStarted() | NoteAdded():
            pass
        case _:
            raise TypeError(f"unknown event {event!r}")


def _new_turn(state: GameState) -> None:
    """A new turn: missions can be flown again, ISR coverage lapses, movers stand."""
    from wargame.core.enums import Posture

    state.spent.clear()
    state.watched.clear()
    for unit in state.units.values():
        if unit.posture in (Posture.MOVING, Posture.ATTACKING):
            unit.posture = Posture.DEFENDING


def _number(identifier: str) -> int:
    """The number in an order or ruling id (``O12``, ``R7``)."""
    digits = identifier.lstrip("ORor")
    return int(digits) if digits.isdigit() else 0


# -- the game ------------------------------------------------------------------------------------


class Game:
    """A game of a scenario with a seed.

    Create one with ``Game(scenario, seed=1)``; rebuild one from a log with
    :meth:`Game.replay`. The facilitator's and players' actions are methods; each appends
    events to :attr:`log`. Read the state through :attr:`state` (do not change it) or a
    side's :meth:`view`.
    """

    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = seed
        self._events: list[Event] = []
        self._memo: dict = {}
        self._visible: dict[str, tuple[int, Event | None, tuple[Event, ...]]] = {}
        self._state = initial_state(scenario)
        self._snapshots: dict[int, GameState] = {0: self._state.copy()}
        self._undo: list[tuple[int, _Cut]] = []
        """(where the action began, what it cut from the log): undo cuts what it added and restores that."""
        self._redo: list[tuple[int, _Cut, _Cut]] = []
        self._append(GameStarted(scenario.id, scenario.rules.id, seed, scenario.content_hash))
        self._begin_phase(1, 0)

    @classmethod
    def replay(cls, scenario: Scenario, events: Sequence[Event]) -> Game:
        """Rebuild a game from its log (a save file's events)."""
        if not events or not isinstance(events[0], GameStarted):
            raise ReplayError("bad-log", "a game log must begin with game_started")
        start = events[0]
        if start.scenario != scenario.id:
            raise ReplayError("wrong-scenario", f"this log is of scenario {start.scenario!r}, not {scenario.id!r}")
        game = cls.__new__(cls)
        game.scenario, game.seed = scenario, start.seed
        game._events, game._state, game._memo, game._visible = [], initial_state(scenario), {}, {}
        game._snapshots = {0: game._state.copy()}
        game._undo, game._redo = [], []
        for index, event in enumerate(events):
            try:
                game._append(event)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError, StopIteration) as exc:
                raise ReplayError("bad-log", f"event {index + 1} ({event.tag}) does not apply: {exc}") from exc
        return game

    # -- reading ---------------------------------------------------------------------------------

    @property
    def log(self) -> tuple[Event, ...]:
        """Every event so far, oldest first."""
        return tuple(self._events)

    @property
    def state(self) -> GameState:
        """The current state. Read it; never change it."""
        return self._state

    def context(self) -> Context:
        """A fresh read-only context over the current state (what mechanisms use)."""
        return Context(self.scenario, self._state, self.seed, self._memo)

    @property
    def turn(self) -> int:
        return self._state.turn

    @property
    def phase(self) -> Phase:
        return self.scenario.rules.phases[self._state.phase_index]

    @property
    def date(self):
        return self.scenario.turn_start(self._state.turn)

    @property
    def over(self) -> bool:
        return bool(self._state.ended)

    @property
    def awaiting(self) -> Awaiting:
        """What the game is waiting for now."""
        state = self._state
        if state.ended:
            return Awaiting("over", detail=state.ended)
        if state.pending is not None:
            return Awaiting("decision", detail=state.pending.source)
        if state.resolving:
            return Awaiting("advance", detail="resolution under way")
        sides = sides_to_order(self.context())
        return Awaiting("orders" if sides else "advance", sides)

    def rulings(self, side: str | None = None) -> list[Ruling]:
        """Rulings so far (those ``side`` may see, if given)."""
        from wargame.core.events import visible

        return [e for e in self._events if isinstance(e, Ruling) and visible(e, side)]

    def ruling(self, ruling_id: str) -> Ruling:
        for event in self._events:
            if isinstance(event, Ruling) and event.id == ruling_id:
                return event
        raise GameError("unknown-ruling", f"there is no ruling {ruling_id!r}")

    @property
    def pending(self) -> tuple[RulingPending, Adjudication] | None:
        """The ruling awaiting a decision, and its adjudication, if any."""
        if self._state.pending is None:
            return None
        event = next(e for e in reversed(self._events) if isinstance(e, RulingPending))
        adjudication = adjudication_for(self.context(), self._state.pending.source)
        assert adjudication is not None
        return event, adjudication

    def orders(self, side: str | None = None) -> dict[str, Order]:
        """Orders waiting in this phase, by id (of ``side`` if given)."""
        return {oid: o for oid, (s, o) in self._state.orders.items() if side is None or s == side}  # type: ignore[misc]

    def upcoming_injects(self) -> list[tuple[Inject, str]]:
        """Injects not yet published, with when each is due."""
        return upcoming(self.context())

    # -- orders ----------------------------------------------------------------------------------

    def validate(self, order: Order, side: str | None = None) -> Rejection | None:
        """Why ``order`` cannot be given now, or None. The same check every caller uses."""
        return validate(self.context(), order, side)

    def is_legal(self, order: Order, side: str | None = None) -> bool:
        return self.validate(order, side) is None

    def legal_orders(self, side: str) -> tuple[Order, ...]:
        """Every order ``side`` may give now."""
        return legal_orders(self.context(), side)

    def submit(self, order: Order, side: str | None = None) -> str:
        """Give an order; returns its id. Raises :class:`IllegalOrder` with the reason."""
        ctx = self.context()
        rejection = validate(ctx, order, side)
        if rejection is not None:
            raise IllegalOrder(rejection)
        from wargame.core.resolution import order_side

        owner = side or order_side(ctx, order)
        assert owner is not None
        order_id = f"O{self._state.next_id}"
        with self._action():
            self._append(OrderIssued(order_id, owner, order, visible_to=(owner,)))
        return order_id

    def cancel(self, order_id: str) -> None:
        """Withdraw an order not yet resolved."""
        if order_id not in self._state.orders or self._state.resolving:
            raise GameError("unknown-order", f"there is no order {order_id!r} waiting")
        side = self._state.orders[order_id][0]
        with self._action():
            self._append(OrderCancelled(order_id, visible_to=(side,)))

    # -- resolving -------------------------------------------------------------------------------

    def advance(self) -> list[Event]:
        """Resolve this phase's orders and steps, then begin the next phase.

        Stops early, returning what happened so far, when a ruling needs the facilitator's
        decision (semi-rigid or free mode); call :meth:`decide`, then ``advance`` again.
        """
        self._refuse_if_over()
        if self._state.pending is not None:
            raise GameError("ruling-pending", "a ruling awaits the facilitator's decision")
        start = len(self._events)
        with self._action():
            self._resolve()
        return self._events[start:]

    def _resolve(self) -> None:
        if not self._state.resolving:
            self._append(ResolutionStarted(initial_queue(self.context())))
        while self._state.queue:
            key = self._state.queue[0]
            ctx = self.context()
            if key.startswith("step:"):
                self._append(WorkExpanded(key, expand(ctx, key)))
                continue
            adjudication = adjudication_for(ctx, key)
            if adjudication is None:
                self._append(WorkExpanded(key, ()))
                continue
            mode = mode_of(ctx, key)
            if mode in (Mode.SEMI_RIGID, Mode.FREE) and len(adjudication.options) > 1:
                self._append(
                    RulingPending(
                        key,
                        mode,
                        adjudication.title,
                        adjudication.options,
                        adjudication.proposals(),
                        visible_to=(),
                    )
                )
                return
            self._append(self._rule(ctx, key, adjudication, mode))
        self._end_phase()

    def _end_phase(self) -> None:
        ctx = self.context()
        reason = game_won(ctx)
        if reason:
            self._append(GameEnded(reason))
            return
        index = self._state.phase_index + 1
        turn = self._state.turn
        if index >= len(self.scenario.rules.phases):
            index, turn = 0, turn + 1
        if turn > self.scenario.turn_count:
            self._append(GameEnded(f"the scenario ends on {self.scenario.end:%d %b %Y}"))
            return
        self._begin_phase(turn, index)

    def _begin_phase(self, turn: int, index: int) -> None:
        phase = self.scenario.rules.phases[index]
        self._append(PhaseBegan(turn, phase.id, self.scenario.turn_start(turn)))

    def _rule(
        self,
        ctx: Context,
        key: str,
        adjudication: Adjudication,
        mode: Mode,
        *,
        code: str | None = None,
        choice: str = "",
        reason: str = "",
        overridden: str = "",
    ) -> Ruling:
        """Decide an adjudication (by the dice unless ``code`` is given) and build its ruling."""
        rolls = ()
        if code is None:
            if adjudication.rolled:
                roll = ctx.roll(adjudication.purpose, adjudication.dice, adjudication.die_modifiers)
                assert adjudication.lookup is not None
                code = adjudication.lookup(roll.total)
                rolls = (roll,)
            else:
                code = adjudication.default or adjudication.options[-1].code
        settlement = adjudication.settle(code)
        changes = settlement.changes + self._marches_ended(key)
        shown = adjudication.modifiers + (() if rolls else adjudication.die_modifiers)
        order_id = key.removeprefix("order:") if key.startswith("order:") else ""
        return Ruling(
            id=f"R{self._state.next_id}",
            turn=self._state.turn,
            phase=self.phase.id,
            mechanic=adjudication.mechanic,
            title=adjudication.title,
            explanation=settlement.explanation,
            result=code,
            changes=changes,
            citations=adjudication.citations,
            modifiers=shown,
            rolls=rolls,
            options=adjudication.options,
            mode=mode,
            choice=choice,
            reason=reason,
            overridden=overridden,
            order_id=order_id,
            side=adjudication.side,
            source=key,
            follow_ups=settlement.follow_ups,
            visible_to=settlement.visible_to if settlement.visible_to is not None else adjudication.visible_to,
        )

    def _marches_ended(self, key: str) -> tuple:
        """Orders that halt a unit or move it otherwise end its standing march."""
        if not key.startswith("order:"):
            return ()
        _, order = self._state.orders[key.removeprefix("order:")]
        if order.kind not in MARCH_ENDING:
            return ()
        return tuple(MarchChanged(u, "", "", 0.0) for u in order_units(order) if self._state.units[u].march)

    def decide(self, choice: str, reason: str = "") -> Ruling:
        """Settle the pending ruling.

        ``choice`` is ``"roll"`` (let the dice decide), ``"most likely"``, ``"best"`` or
        ``"worst"`` (the engine's proposals), or any option's code. Then call :meth:`advance`.
        """
        if self._state.pending is None:
            raise GameError("no-pending", "no ruling awaits a decision")
        pending = self._state.pending
        ctx = self.context()
        adjudication = adjudication_for(ctx, pending.source)
        assert adjudication is not None
        code = self._code_for(adjudication, choice)
        with self._action():
            ruling = self._rule(
                ctx, pending.source, adjudication, pending.mode, code=code, choice=choice, reason=reason
            )
            self._append(ruling)
        return ruling

    def _code_for(self, adjudication: Adjudication, choice: str) -> str | None:
        if choice == "roll":
            return None
        proposals = dict(adjudication.proposals())
        if choice in proposals:
            return proposals[choice]
        if adjudication.option(choice) is None:
            codes = ", ".join(o.code for o in adjudication.options)
            raise GameError("unknown-result", f"{choice!r} is not a result of this ruling (choose from: {codes})")
        return choice

    def override(self, ruling_id: str, code: str, reason: str) -> Ruling:
        """Replace a ruling's result with ``code``, for ``reason`` (required).

        The log is cut back to just before the ruling and the ruling is made again with
        the facilitator's result; anything that came after it is discarded (undo brings
        it back). Resolution then continues with :meth:`advance`.
        """
        if not reason.strip():
            raise GameError("no-reason", "an override needs a reason, for the record")
        index = next((i for i, e in enumerate(self._events) if isinstance(e, Ruling) and e.id == ruling_id), None)
        if index is None:
            raise GameError("unknown-ruling", f"there is no ruling {ruling_id!r}")
        original = self._events[index]
        assert isinstance(original, Ruling)
        with self._action(cut_to=index):
            ctx = self.context()
            adjudication = adjudication_for(ctx, original.source)
            if adjudication is None or adjudication.option(code) is None:
                codes = ", ".join(o.code for o in adjudication.options) if adjudication else ""
                raise GameError("unknown-result", f"{code!r} is not a result of {original.title} ({codes})")
            ruling = self._rule(
                ctx, original.source, adjudication, original.mode, code=code, choice="override",
                reason=reason, overridden=original.result,
            )  # fmt: skip
            self._append(ruling)
        return ruling

    # -- injects, modes, notes ----------------------------------------------------------------------

    def publish_inject(self, inject_id: str) -> Ruling:
        """Publish an inject now, whether or not it is due."""
        self._refuse_if_over()
        inject = all_injects(self.context()).get(inject_id)
        if inject is None:
            raise GameError("unknown-inject", f"there is no inject {inject_id!r}")
        if inject_id in self._state.fired:
            raise GameError("already-published", f"“{inject.title}” is already published")
        ctx = self.context()
        with self._action():
            ruling = self._rule(ctx, f"inject:{inject_id}", publish(ctx, inject), Mode.RIGID, choice="published")
            self._append(ruling)
        return ruling

    def skip_inject(self, inject_id: str, reason: str = "") -> None:
        """Never publish this inject."""
        self._check_inject(inject_id)
        with self._action():
            self._append(InjectSkipped(inject_id, reason))

    def delay_inject(self, inject_id: str, turns: int = 1, reason: str = "") -> int:
        """Hold an inject back ``turns`` turns after the turn it is due; returns the turn it now comes on.

        The delay counts from the inject's due turn (:meth:`inject_due_turn`), or from the
        current turn if it is already due, waits on a condition alone, or is published by hand.
        """
        self._check_inject(inject_id)
        if turns < 1:
            raise GameError("bad-delay", "delay by at least one turn")
        due = self.inject_due_turn(inject_id)
        until = max(self._state.turn, due or 0) + turns
        with self._action():
            self._append(InjectDelayed(inject_id, until, reason))
        return until

    def inject_due_turn(self, inject_id: str) -> int | None:
        """The turn an inject is due on by its delay, turn or date; None if only a condition or
        the facilitator brings it. A date after the last turn gives the turn after the last."""
        inject = all_injects(self.context()).get(inject_id)
        if inject is None:
            raise GameError("unknown-inject", f"there is no inject {inject_id!r}")
        if inject_id in self._state.delayed:
            return self._state.delayed[inject_id]
        turns = [inject.turn] if inject.turn is not None else []
        if inject.date is not None:
            last = self.scenario.turn_count
            turns.append(next((t for t in range(1, last + 1) if inject.date <= self.scenario.turn_end(t)), last + 1))
        return max(turns, default=None)

    def write_inject(self, inject: Inject) -> None:
        """Add an inject written on the spot (publish it with :meth:`publish_inject`)."""
        if inject.id in all_injects(self.context()):
            raise GameError("duplicate-inject", f"an inject {inject.id!r} already exists")
        with self._action():
            self._append(InjectWritten(inject))

    def _check_inject(self, inject_id: str) -> None:
        if inject_id not in all_injects(self.context()):
            raise GameError("unknown-inject", f"there is no inject {inject_id!r}")
        if inject_id in self._state.fired:
            raise GameError("already-published", f"inject {inject_id!r} is already published")

    def set_mode(self, kind: OrderKind | str, mode: Mode) -> None:
        """Change how orders of a kind are adjudicated from now on."""
        key = str(kind)
        if key not in {k.value for k in OrderKind}:
            raise GameError("unknown-kind", f"there is no order kind {key!r}")
        if Mode(mode) is Mode.MATRIX and key != OrderKind.ARGUMENT.value:
            raise GameError("bad-mode", f"only arguments are decided by the matrix, not {key} orders")
        with self._action():
            self._append(ModeChanged(key, Mode(mode)))

    def note(self, text: str, about: int | None = None) -> None:
        """Attach a facilitator's note to event number ``about`` (default: the latest) for the hot wash."""
        if not text.strip():
            raise GameError("empty-note", "the note is empty")
        if about is not None and not 0 <= about < len(self._events):
            raise GameError("unknown-event", f"there is no event {about}")
        with self._action():
            self._append(
                NoteAdded(text, self._state.turn, self.phase.id, len(self._events) - 1 if about is None else about)
            )

    # -- undo, redo, seek ----------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        """Take back the last action. False if there is nothing to undo."""
        if not self._undo:
            return False
        start, removed = self._undo.pop()
        added = self._cut(start)
        self._restore(removed)
        self._redo.append((start, added, removed))
        return True

    def redo(self) -> bool:
        """Do again the last action undone. False if there is nothing to redo."""
        if not self._redo:
            return False
        start, added, removed = self._redo.pop()
        self._cut(start)
        self._restore(added)
        self._undo.append((start, removed))
        return True

    def seek(self, turn: int, phase: str | None = None) -> None:
        """Go back to the start of a turn (and phase) already played. Undo returns."""
        target = None
        for index, event in enumerate(self._events):
            if isinstance(event, PhaseBegan) and event.turn == turn and (phase is None or event.phase == phase):
                target = index + 1
                break
        if target is None:
            raise GameError("unknown-phase", f"turn {turn}{' ' + phase if phase else ''} has not been played")
        with self._action(cut_to=target):
            pass

    # -- views -----------------------------------------------------------------------------------------

    def view(self, side: str):
        """What ``side`` may see now: its own forces, the enemies it has detected, its log."""
        from wargame.core.views import side_view

        if side not in self.scenario.sides:
            raise GameError("unknown-side", f"there is no side {side!r}")
        return side_view(self, side)

    def visible_log(self, side: str | None) -> tuple[Event, ...]:
        """The events ``side`` may see (None: all of them), kept as the log grows: a side's view
        is asked for often (bots ask every phase), the log only ever grows or is cut."""
        if side is None:
            return tuple(self._events)
        seen, anchor, events = self._visible.get(side, (0, None, ()))
        if seen > len(self._events) or (seen and self._events[seen - 1] is not anchor):
            seen, events = 0, ()  # the log was cut (undo, seek) since: start again
        events += tuple(e for e in self._events[seen:] if visible(e, side))
        self._visible[side] = (len(self._events), self._events[-1] if self._events else None, events)
        return events

    # -- internals -------------------------------------------------------------------------------------

    def _refuse_if_over(self) -> None:
        if self._state.ended:
            raise GameError("game-over", f"the game is over: {self._state.ended}")

    @contextmanager
    def _action(self, cut_to: int | None = None) -> Iterator[None]:
        """One undoable action. On any error the log and state are as they were."""
        start = len(self._events) if cut_to is None else cut_to
        removed = self._cut(start)
        try:
            yield
        except BaseException:
            self._cut(start)
            self._restore(removed)
            raise
        if len(self._events) != start or removed.events:
            self._undo.append((start, removed))
            self._redo.clear()

    def _append(self, event: Event) -> None:
        apply_event(self.scenario, self._state, event)
        self._events.append(event)
        if not isinstance(event, _KEEPS_MEMO):
            self._memo = {}
        if isinstance(event, PhaseBegan) and self._snapshot_due(event):
            self._snapshots[len(self._events)] = self._state.copy()
            self._thin_snapshots(event.turn)

    def _snapshot_due(self, event: PhaseBegan) -> bool:
        """A snapshot at the start of every turn, and of any phase begun after many events:
        undo and seek restore the nearest one and replay the rest, at most a turn's events
        or ``SNAPSHOT_EVENTS``."""
        if event.phase == self.scenario.rules.phases[0].id:
            return True
        return len(self._events) - max(self._snapshots) >= SNAPSHOT_EVENTS

    def _thin_snapshots(self, turn: int) -> None:
        """Keep every snapshot of the last ``SNAPSHOT_RECENT_TURNS`` turns, and one every
        ``SNAPSHOT_RECENT_TURNS`` turns before them: memory stays proportional to the log
        while going back to an old turn replays at most that many turns."""
        every = SNAPSHOT_RECENT_TURNS
        for index, snapshot in list(self._snapshots.items()):
            if index and snapshot.turn < turn - every and snapshot.turn % every:
                del self._snapshots[index]

    def _cut(self, length: int) -> _Cut:
        """Cut the log to ``length`` events; returns what was cut, for :meth:`_restore`."""
        cut = _Cut(length, self._events[length:], {k: v for k, v in self._snapshots.items() if k > length})
        if cut.events:
            for index in cut.snapshots:
                del self._snapshots[index]
            del self._events[length:]
            self._rebuild_state()
        return cut

    def _restore(self, cut: _Cut) -> None:
        """Put back what :meth:`_cut` took, snapshots included: no replay of the whole of it."""
        assert len(self._events) == cut.start, "a cut is restored where it was made"
        if cut.events:
            self._events.extend(cut.events)
            self._snapshots.update(cut.snapshots)
            self._rebuild_state()

    def _rebuild_state(self) -> None:
        """The state from the nearest snapshot, and the events after it."""
        base = max(k for k in self._snapshots if k <= len(self._events))
        self._state = self._snapshots[base].copy()
        self._memo = {}
        for event in self._events[base:]:
            apply_event(self.scenario, self._state, event)


@attrs.define
class _Cut:
    """Events cut from the end of the log (from index ``start``), with the snapshots among them."""

    start: int
    events: list[Event]
    snapshots: dict[int, GameState]


def play_orders(game: Game, orders: Iterable[Order]) -> list[str]:
    """Submit several orders; returns their ids (stops at the first refused one)."""
    return [game.submit(order) for order in orders]


__all__ = ["Awaiting", "Game", "GameError", "IllegalOrder", "ReplayError", "apply_event", "current_phase"]
