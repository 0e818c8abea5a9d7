"""Modal dialogs: give an order, decide or override a ruling, argue, note, write an inject,
save or open a file. Each returns its result through ``dismiss``; none touches the game.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from wargame.core.enums import OrderKind
from wargame.core.events import Ruling
from wargame.core.game import Game
from wargame.core.orders import Argue, Order
from wargame.core.scenario import Inject, Point
from wargame.narrate import area_name, unit_name
from wargame.tui import ordering
from wargame.tui.rulings import DecisionBrief, ResultLine, Rewind


def highlighted(options: OptionList, index: int) -> OptionList:
    """An option list with an option highlighted from the start (before any key can reach it)."""
    options.highlighted = index if options.option_count else None
    return options


class DialogBody(VerticalScroll):
    """A dialog's contents: they scroll when the terminal is too small to show them all.
    Focusable only then, so that the keyboard can scroll them."""

    def allow_focus(self) -> bool:
        return self.max_scroll_y > 0


class Dialog(ModalScreen):
    """A modal: a title, a body that scrolls when the terminal is small, buttons kept in view at
    the bottom, and a footer with the dialog's keys. Escape (or the Cancel button) cancels.

    Subclasses give :attr:`heading` and yield their widgets from :meth:`lead` (always in view,
    under the title), :meth:`body` and :meth:`buttons`.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    WIDE = False
    heading = ""
    TYPE_INTO = ""
    """An input that takes what is typed while an option list has the focus (the reason, after
    choosing a result), so that nothing typed at once after enter is lost."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide" if self.WIDE else "dialog"):
            yield Label(Text(self.heading), classes="dialog-title", id="dialog-title")
            yield from self.lead()
            with DialogBody(classes="dialog-body"):
                yield from self.body()
            with Horizontal(classes="buttons"):
                yield from self.buttons()
        yield Footer()

    def on_mount(self) -> None:
        """The first field has the focus even when the terminal does not (Textual's AUTO_FOCUS
        waits for the terminal's focus, and a key typed then would be lost)."""
        if self.focused is None and self.AUTO_FOCUS:
            first = next((w for w in self.query(self.AUTO_FOCUS) if w.focusable), None)
            if first is not None:
                self.set_focus(first)

    def on_key(self, event: Key) -> None:
        if self.TYPE_INTO and event.is_printable and isinstance(self.focused, OptionList):
            field = self.query_one(self.TYPE_INTO, Input)
            field.focus()
            field.insert_text_at_cursor(event.character or "")
            event.stop()

    def lead(self) -> ComposeResult:
        yield from ()

    def body(self) -> ComposeResult:
        yield from ()

    def buttons(self) -> ComposeResult:
        yield Button("Cancel", id="cancel")

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)


class OrderDialog(Dialog):
    """Pick a unit, then one of its kinds of order, (the units that go with it,) then a target;
    refused targets show why. Steps are numbered as they are shown."""

    def __init__(self, game: Game, side: str | None, unit: str | None = None) -> None:
        super().__init__()
        self.game, self.side = game, side
        self.given_unit = unit is not None and bool(ordering.kinds_for(game, unit))
        self.unit: str | None = unit
        self.kind: OrderKind | None = None
        self.extra: tuple[list[str], list[str]] = ([], [])
        self._choices: list[ordering.Choice] = []

    WIDE = True
    heading = "Give an order"

    def body(self) -> ComposeResult:
        yield Static(id="order-step", classes="hint")
        yield OptionList(id="order-options")
        yield SelectionList(id="order-group")

    def buttons(self) -> ComposeResult:
        yield Button("Continue", id="order-group-done", variant="primary")
        yield Button("Back", id="order-back")
        yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#order-group", SelectionList).display = False
        self.query_one("#order-group-done", Button).display = False
        if self.given_unit:
            self._show_kinds()
        else:
            self._show_units()

    # -- steps ---------------------------------------------------------------------------------------

    def _step(self, step: str) -> str:
        """``Step N`` for a step, counting only the steps this order shows: the unit step when
        no unit was given, the units step for kinds that take more units."""
        shown = [
            name
            for name, on in (
                ("unit", not self.given_unit),
                ("kind", True),
                ("group", self.kind in ordering.GROUP_KINDS),
                ("target", True),
            )
            if on
        ]
        return f"Step {shown.index(step) + 1}"

    def _options(self, step: str, options: list[Option]) -> None:
        self.query_one("#order-step", Static).update(Text(step))
        box = self.query_one("#order-options", OptionList)
        box.clear_options()
        box.add_options(options or [Option("(nothing to choose)", disabled=True)])
        box.display = True
        box.highlighted = 0 if options else None
        box.focus()

    def _show_units(self) -> None:
        self.unit = self.kind = None
        self.given_unit = False  # back at the first step: it is numbered from here
        units = ordering.orderable_units(self.game, self.side)
        scenario = self.game.scenario
        options = [
            Option(
                f"{scenario.sides[self.game.state.units[u].side].name}: {unit_name(scenario, u)} "
                f"({area_name(scenario, self.game.state.units[u].location)})",
                id=f"unit:{u}",
            )
            for u in units
        ]
        step = f"{self._step('unit')}: which unit? ({self.game.phase.title} phase)"
        if not units:
            step = f"No unit can be given orders in the {self.game.phase.title} phase."
        self._options(step, options)

    def _show_kinds(self) -> None:
        assert self.unit is not None
        self.kind = None
        kinds = ordering.kinds_for(self.game, self.unit)
        self._options(
            f"{self._step('kind')}: what should {unit_name(self.game.scenario, self.unit)} do?",
            [Option(ordering.kind_name(k), id=f"kind:{k.value}") for k in kinds],
        )

    def _show_group(self) -> None:
        assert self.unit is not None and self.kind is not None
        more, support = ordering.group_candidates(self.game, self.unit, self.kind)
        group = self.query_one("#order-group", SelectionList)
        group.clear_options()
        scenario = self.game.scenario
        label = "with" if self.kind is OrderKind.ATTACK else "carrying"
        group.add_options(
            [
                (
                    f"{label} {unit_name(scenario, u)} ({area_name(scenario, self.game.state.units[u].location)})",
                    f"g:{u}",
                )
                for u in more
            ]
        )
        group.add_options([(f"air support: {unit_name(scenario, u)}", f"s:{u}") for u in support])
        who = "join the attack" if self.kind is OrderKind.ATTACK else f"does {unit_name(scenario, self.unit)} carry"
        step = f"{self._step('group')}: add units: which {who}? (space ticks one), then Continue."
        self.query_one("#order-step", Static).update(Text(step))
        self.query_one("#order-options", OptionList).display = False
        group.display = True
        group.highlighted = 0 if group.option_count else None  # space ticks the first at once
        self.query_one("#order-group-done", Button).display = True
        group.focus()

    def _show_targets(self) -> None:
        assert self.unit is not None and self.kind is not None
        side = self.side or self.game.state.units[self.unit].side
        self._choices = ordering.choices(self.game, side, self.unit, self.kind, self.extra)
        options = []
        for i, choice in enumerate(self._choices):
            if choice.legal:
                options.append(Option(Text("✓ " + choice.label), id=f"choice:{i}"))
            else:
                options.append(
                    Option(Text(f"✗ {choice.label}: {choice.rejection.message}", style="dim"), id=f"choice:{i}")
                )
        self.query_one("#order-group", SelectionList).display = False
        self.query_one("#order-group-done", Button).display = False
        step = f"{self._step('target')}: where? (✓ can be given; ✗ would be refused: choosing it shows why)"
        self._options(step + self._group_line(), options)

    def _group_line(self) -> str:
        """The units ticked to go with the order, if any."""
        scenario = self.game.scenario
        more, support = self.extra
        parts = []
        if more:
            word = "With" if self.kind is OrderKind.ATTACK else "Carrying"
            parts.append(f"{word}: {', '.join(unit_name(scenario, u) for u in more)}.")
        if support:
            parts.append(f"Air support: {', '.join(unit_name(scenario, u) for u in support)}.")
        return ("\n" + " ".join(parts)) if parts else ""

    # -- events --------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#order-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        what, _, value = (event.option.id or "").partition(":")
        if what == "unit":
            self.unit = value
            self._show_kinds()
        elif what == "kind":
            self.kind = OrderKind(value)
            self.extra = ([], [])
            if self.kind in ordering.GROUP_KINDS:
                self._show_group()
            else:
                self._show_targets()
        elif what == "choice":
            choice = self._choices[int(value)]
            if choice.legal:
                self.dismiss(choice.order)
            else:
                self.app.notify(choice.rejection.message, title="Refused", severity="warning")

    @on(Button.Pressed, "#order-group-done")
    def _group_done(self) -> None:
        picked = self.query_one("#order-group", SelectionList).selected
        self.extra = ([p[2:] for p in picked if p.startswith("g:")], [p[2:] for p in picked if p.startswith("s:")])
        self._show_targets()

    @on(Button.Pressed, "#order-back")
    def _back(self) -> None:
        if self.kind is not None:
            self._show_kinds()
        else:
            self._show_units()


class DecisionDialog(Dialog):
    """A ruling awaits the facilitator. The basis (forces, odds, modifiers, rules) and every
    result with what it would do; pick one (the most likely is highlighted), or roll the dice;
    the reason goes into the record. Returns (choice for :meth:`Game.decide`, reason)."""

    WIDE = True
    AUTO_FOCUS = "#decision-options"
    TYPE_INTO = "#decision-reason"

    def __init__(self, brief: DecisionBrief) -> None:
        super().__init__()
        self.brief = brief
        self.heading = f"Decide: {brief.title}"

    def lead(self) -> ComposeResult:
        brief = self.brief
        yield Static(Text(brief.mode_hint), classes="hint")
        if brief.basis:
            yield Static(Text(brief.basis, style="bold"), id="decision-basis")
        for line in brief.details:
            yield Static(Text(line), classes="hint")
        for note in brief.notes:
            yield Static(Text(note), classes="warning")

    def body(self) -> ComposeResult:
        yield Label("Results, worst first; enter picks one, then give the reason and press enter:")
        options = [Option(_result_prompt(r), id=f"result:{i}") for i, r in enumerate(self.brief.results)]
        yield highlighted(OptionList(*options, id="decision-options"), self.brief.default)
        yield Input(placeholder="Reason (for the record)", id="decision-reason", select_on_focus=False)

    def buttons(self) -> ComposeResult:
        yield Button("Decide", id="decision-go", variant="primary")
        if self.brief.dice:
            yield Button(f"Roll the dice ({self.brief.dice})", id="decision-roll")
        yield Button("Cancel", id="cancel")

    def _reason(self) -> str:
        return self.query_one("#decision-reason", Input).value.strip()

    @on(OptionList.OptionSelected, "#decision-options")
    def _picked(self) -> None:
        self.query_one("#decision-reason", Input).focus()

    @on(Input.Submitted, "#decision-reason")
    @on(Button.Pressed, "#decision-go")
    def _decide(self) -> None:
        highlighted = self.query_one("#decision-options", OptionList).highlighted
        if highlighted is None:
            self.app.notify("Choose a result first.", severity="warning")
            return
        self.dismiss((self.brief.results[highlighted].choice, self._reason()))

    @on(Button.Pressed, "#decision-roll")
    def _roll(self) -> None:
        self.dismiss(("roll", self._reason()))


def _result_prompt(result: ResultLine) -> Text:
    """A result as two lines: code, title, chance and labels; then what it would do."""
    text = Text()
    text.append(f"{result.code:<3} {result.title} ", "bold")
    text.append(f"{result.probability:.0%}", "cyan")
    if result.tags:
        text.append("  " + "; ".join(result.tags), "yellow")
    if result.consequence:
        text.append(f"\n    {result.consequence}", "dim")
    return text


class OverrideDialog(Dialog):
    """Replace a ruling's result: pick the new result and say why (required). When the ruling
    is in the past, the dialog says what will be discarded and asks again before overriding."""

    AUTO_FOCUS = "#override-options"
    TYPE_INTO = "#override-reason"

    def __init__(self, ruling: Ruling, rewind: Rewind) -> None:
        super().__init__()
        self.ruling, self.rewind = ruling, rewind
        self.heading = f"Override {ruling.id}: {ruling.title}"

    def lead(self) -> ComposeResult:
        yield Static(Text(f"The engine ruled {self.ruling.result}: {self.ruling.explanation}"), classes="hint")
        warning = self.rewind.sentence() or "This is the latest event: nothing after it is discarded."
        yield Static(Text(warning), classes="warning", id="override-rewind")

    def body(self) -> ComposeResult:
        ruling = self.ruling
        options = [Option(f"{o.code}: {o.title} ({o.probability:.0%})", id=f"code:{o.code}") for o in ruling.options]
        other = next((i for i, o in enumerate(ruling.options) if o.code != ruling.result), 0)
        yield highlighted(OptionList(*options, id="override-options"), other)
        yield Input(placeholder="Reason (required)", id="override-reason", select_on_focus=False)

    def buttons(self) -> ComposeResult:
        yield Button("Override", id="override-go", variant="warning")
        yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#override-go")
    def _go(self) -> None:
        options = self.query_one("#override-options", OptionList)
        reason = self.query_one("#override-reason", Input).value.strip()
        if options.highlighted is None:
            self.app.notify("Choose the new result first.", severity="warning")
            return
        if not reason:
            self.app.notify("An override needs a reason, for the record.", severity="warning")
            self.query_one("#override-reason", Input).focus()
            return
        code = (options.get_option_at_index(options.highlighted).id or "").removeprefix("code:")
        if not self.rewind.events:
            self.dismiss((code, reason))
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss((code, reason))

        question = f"{self.rewind.sentence()}\n\nOverride {self.ruling.id} with {code} anyway?"
        self.app.push_screen(ConfirmDialog(question, f"Go back to turn {self.rewind.turn}?"), confirmed)

    @on(OptionList.OptionSelected, "#override-options")
    def _picked(self) -> None:
        self.query_one("#override-reason", Input).focus()

    @on(Input.Submitted, "#override-reason")
    def _submitted(self) -> None:
        self._go()


class ArgumentDialog(Dialog):
    """A matrix argument: a prepared one, or a new one with pros and cons (``!`` marks a strong one).
    The first useful field has the focus: the first side's prepared arguments (the first one
    highlighted) if it has any, else the new argument's title."""

    WIDE = True
    heading = "Matrix argument"

    def __init__(self, game: Game, side: str | None) -> None:
        super().__init__()
        self.game, self.side = game, side
        self.sides = [(s.name, sid) for sid, s in game.scenario.sides.items() if side in (None, sid)]
        first = self.sides[0][1]
        self.AUTO_FOCUS = "#argument-prepared" if self._prepared_for(first) else "#argument-title"

    def body(self) -> ComposeResult:
        yield Select(self.sides, value=self.sides[0][1], allow_blank=False, id="argument-side")
        yield Label("A prepared argument:")
        yield highlighted(OptionList(*self._prepared_for(self.sides[0][1]), id="argument-prepared"), 0)
        yield Label("Or a new one: what the side proposes to do")
        yield Input(placeholder="Title", id="argument-title")
        yield Label("Pros, one per line (start a line with ! if it is strong):")
        yield TextArea(id="argument-pros")
        yield Label("Cons, one per line (! for strong):")
        yield TextArea(id="argument-cons")

    def buttons(self) -> ComposeResult:
        yield Button("Argue", id="argument-go", variant="primary")
        yield Button("Cancel", id="cancel")

    def _prepared_for(self, side: object) -> list[Option]:
        """The side's prepared arguments, as options."""
        out = []
        for argument_id, (owner, argument) in self.game.scenario.arguments.items():
            if owner == side:
                done = " (already won)" if argument_id in self.game.state.arguments_won and argument.once else ""
                out.append(Option(f"{argument.title}{done}", id=argument_id))
        return out

    @on(Select.Changed, "#argument-side")
    def _side_changed(self, event: Select.Changed) -> None:
        box = self.query_one("#argument-prepared", OptionList)
        box.clear_options()
        highlighted(box.add_options(self._prepared_for(event.value)), 0)

    @on(OptionList.OptionSelected, "#argument-prepared")
    def _prepared_chosen(self, event: OptionList.OptionSelected) -> None:
        side = str(self.query_one("#argument-side", Select).value)
        self.dismiss(Argue(side, event.option.id or ""))

    @on(Button.Pressed, "#argument-go")
    def _go(self) -> None:
        side = str(self.query_one("#argument-side", Select).value)
        title = self.query_one("#argument-title", Input).value.strip()
        pros = _points(self.query_one("#argument-pros", TextArea).text)
        cons = _points(self.query_one("#argument-cons", TextArea).text)
        self.dismiss(Argue(side, title=title, pros=pros, cons=cons))


def _points(text: str) -> tuple[Point, ...]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return tuple(Point(line.lstrip("!").strip(), line.startswith("!")) for line in lines)


class TextDialog(Dialog):
    """One line of text: a note, a file name."""

    AUTO_FOCUS = "#text-input"

    def __init__(self, title: str, placeholder: str = "", value: str = "", hint: str = "") -> None:
        super().__init__()
        self.heading, self.placeholder, self.value, self.hint = title, placeholder, value, hint

    def body(self) -> ComposeResult:
        if self.hint:
            yield Static(Text(self.hint), classes="hint")
        yield Input(value=self.value, placeholder=self.placeholder, id="text-input")

    def buttons(self) -> ComposeResult:
        yield Button("OK", id="text-ok", variant="primary")
        yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#text-ok")
    def _ok(self) -> None:
        value = self.query_one("#text-input", Input).value.strip()
        self.dismiss(value or None)


class InjectDialog(Dialog):
    """Write an inject on the spot; it can be published at once."""

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    WIDE = True
    heading = "Write an inject"

    def body(self) -> ComposeResult:
        sides = [("Everyone", "*")] + [(s.name, sid) for sid, s in self.game.scenario.sides.items()]
        yield Input(placeholder="Title", id="inject-title")
        yield Label("Text to read out:")
        yield TextArea(id="inject-text")
        yield Select(sides, value="*", allow_blank=False, id="inject-audience")

    def buttons(self) -> ComposeResult:
        yield Button("Write and publish", id="inject-publish", variant="primary")
        yield Button("Write for later", id="inject-later")
        yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#inject-publish")
    @on(Button.Pressed, "#inject-later")
    def _write(self, event: Button.Pressed) -> None:
        title = self.query_one("#inject-title", Input).value.strip()
        if not title:
            self.app.notify("An inject needs a title.", severity="warning")
            return
        audience = str(self.query_one("#inject-audience", Select).value)
        number = len(self.game.state.injects) + 1
        inject = Inject(
            id=f"written-{number}",
            title=title,
            text=self.query_one("#inject-text", TextArea).text.strip(),
            audience=() if audience == "*" else (audience,),
            source="written during play",
        )
        self.dismiss((inject, event.button.id == "inject-publish"))


class ConfirmDialog(Dialog):
    """Yes or no (y or n; escape is no). No has the focus."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n", "answer(False)", "No")]
    AUTO_FOCUS = "#no"

    def __init__(self, question: str, title: str = "Are you sure?") -> None:
        super().__init__()
        self.question, self.heading = question, title

    def body(self) -> ComposeResult:
        yield Static(Text(self.question), id="confirm-question")

    def buttons(self) -> ComposeResult:
        yield Button("Yes", id="yes", variant="warning")
        yield Button("No", id="no", variant="primary")

    @on(Button.Pressed, "#yes,#no")
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class AdvanceDialog(ConfirmDialog):
    """Advance although a side that may give orders gave none? Space again advances (so that
    advancing stays one key away); escape goes back to the orders."""

    BINDINGS = [
        Binding("space", "answer(True)", "Advance anyway", priority=True),
        Binding("escape", "answer(False)", "Back to the orders"),
    ]
    AUTO_FOCUS = "#yes"

    def __init__(self, question: str) -> None:
        super().__init__(question, "Advance without their orders?")

    def buttons(self) -> ComposeResult:
        yield Button("Advance (space)", id="yes", variant="warning")
        yield Button("Back to the orders (esc)", id="no", variant="primary")


__all__ = [
    "AdvanceDialog",
    "ArgumentDialog",
    "ConfirmDialog",
    "DecisionDialog",
    "InjectDialog",
    "Order",
    "OrderDialog",
    "OverrideDialog",
    "TextDialog",
]  # fmt: skip
