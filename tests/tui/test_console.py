"""Pilot tests: every screen and every flow of the facilitator's console."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Button, DataTable, Markdown, OptionList, Static, TabbedContent

from tests.helpers import random_game
from tests.tui.test_side_view import screen_text
from wargame.core import Attack, Game, Move
from wargame.core.enums import Mode
from wargame.core.events import Ruling, visible
from wargame.loading import load_game, load_scenario, save_game
from wargame.tui.app import MainScreen, make_app
from wargame.tui.screens.dialogs import (
    AdvanceDialog,
    ArgumentDialog,
    ConfirmDialog,
    DecisionDialog,
    OrderDialog,
    OverrideDialog,
    TextDialog,
)
from wargame.tui.screens.info import BriefingScreen, HelpScreen
from wargame.tui.widgets.map import MapView
from wargame.tui.widgets.panels import TurnBar
from wargame.tui.widgets.tables import ForcesPanel, InjectsPanel, OrdersPanel, RulingsPanel

pytestmark = pytest.mark.asyncio

SIZE = (120, 40)


def konna_game(seed: int = 1) -> Game:
    return Game(load_scenario("konna-2013"), seed=seed)


async def advance(pilot) -> None:
    """Space, and space again if the console asks whether to advance without a side's orders."""
    await pilot.press("space")
    await pilot.pause()
    if isinstance(pilot.app.screen, AdvanceDialog):
        await pilot.press("space")
        await pilot.pause()


def at_phase(game: Game, phase: str, turn: int = 1) -> Game:
    while not (game.turn == turn and game.phase.id == phase):
        game.advance()
    return game


async def test_the_console_opens_on_the_map_with_the_turn_bar():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        bar = str(app.screen.query_one(TurnBar).render())
        assert "Turn 1/8" in bar and "Injects" in bar


async def test_space_advances_through_the_phases():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await advance(pilot)
        await pilot.pause()
        assert app.game.phase.id == "movement"


async def test_the_digit_keys_switch_panels_even_from_inside_a_panel():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        app.screen.query_one("#injects-table").focus()
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.query_one("#panels").active == "tab-area"


async def test_an_order_given_with_the_keyboard_alone():
    game = at_phase(konna_game(), "movement")
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OrderDialog)
        options = app.screen.query_one("#order-options", OptionList)
        target = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == "unit:fama-segou")
        options.highlighted = target
        await pilot.press("enter")  # the unit
        await pilot.press("enter")  # move (its first kind of order)
        await pilot.pause()
        options = app.screen.query_one("#order-options", OptionList)
        sevare = next(
            i for i in range(options.option_count) if "move to Sévaré" in str(options.get_option_at_index(i).prompt)
        )
        options.highlighted = sevare
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert list(app.game.orders().values()) == [Move("fama-segou", "sevare")]


async def test_a_refused_order_shows_the_engines_reason_and_is_not_given():
    game = at_phase(konna_game(), "movement")
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_order_dialog("fama-konna")
        await pilot.pause()
        await pilot.press("enter")  # move
        await pilot.pause()
        options = app.screen.query_one("#order-options", OptionList)
        refused = next(
            i
            for i in range(options.option_count)
            if "known enemies hold Douentza" in str(options.get_option_at_index(i).prompt)
        )
        options.highlighted = refused
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrderDialog)
        assert any("known enemies hold Douentza" in n.message for n in app._notifications)
        assert not app.game.orders()


async def test_a_semi_rigid_combat_is_decided_in_the_ruling_dialog():
    game = at_phase(konna_game(), "combat")
    game.submit(Attack(("fama-konna",), "douentza"))
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot)
        await pilot.pause()
        assert isinstance(app.screen, DecisionDialog)
        await pilot.press("enter")  # the most likely result, highlighted first
        await pilot.press(*"as planned", "enter")
        await pilot.pause()
        ruling = next(r for r in reversed(app.game.rulings()) if r.mechanic == "combat")
        assert ruling.choice == "most likely" and ruling.mode is Mode.SEMI_RIGID and ruling.reason == "as planned"
        assert app.game.phase.id == "irregular"
        assert any(n.message == "Decided: Attack on Douentza: Defender retreats." for n in app._notifications)


async def test_the_decision_dialog_shows_the_basis_and_whom_best_and_worst_are_for():
    game = at_phase(konna_game(), "combat")
    game.submit(Attack(("fama-konna",), "douentza"))
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot)
        await pilot.pause()
        text = screen_text(app.screen)
        assert "13 against 8 (1.59:1) reads 3:2" in text  # the forces, the ratio and the column
        assert "terrain town ×1.25" in text and "combat.table" in text  # modifiers and rules
        assert "best for the attacker (Mali and France)" in text
        assert "worst for the attacker (Mali and France)" in text
        assert "defenders lose 46" in text  # what a result would do
        button = app.screen.query_one("#decision-roll", Button)
        assert str(button.label) == "Roll the dice (2d6)"
        assert button.content_region.width >= len("Roll the dice (2d6)")


async def test_an_override_needs_a_reason_and_is_recorded():
    game = at_phase(konna_game(), "combat")
    game.set_mode("attack", Mode.RIGID)
    game.submit(Attack(("fama-konna",), "douentza"))
    game.advance()
    ruling = next(r for r in reversed(game.rulings()) if r.mechanic == "combat")
    new = next(o.code for o in ruling.options if o.code != ruling.result)
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_override(ruling.id)
        await pilot.pause()
        assert isinstance(app.screen, OverrideDialog)
        options = app.screen.query_one("#override-options", OptionList)
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == f"code:{new}"
        )
        await pilot.click("#override-go")
        await pilot.pause()
        assert isinstance(app.screen, OverrideDialog), "no reason given: the dialog stays"
        app.screen.query_one("#override-reason").focus()
        await pilot.press(*"The garrison had been reinforced", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "the game moved on since: the override asks first"
        await pilot.press("y")
        await pilot.pause()
        changed = next(r for r in reversed(app.game.rulings()) if r.mechanic == "combat")
        assert changed.result == new and changed.choice == "override"
        assert changed.reason == "The garrison had been reinforced"


async def test_publish_and_skip_injects_from_the_queue():
    game = konna_game()
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#injects-table", DataTable)
        table.focus()
        first = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        await pilot.press("p")
        await pilot.pause()
        assert first in app.game.state.fired
        second = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        await pilot.press("k")
        await pilot.pause()
        assert second in app.game.state.skipped


async def test_a_note_is_attached_to_the_latest_event():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"Red hesitated")
        await pilot.press("enter")
        await pilot.pause()
        note = app.game.log[-1]
        assert note.tag == "note_added" and note.text == "Red hesitated"


async def test_switching_the_view_hides_what_a_side_has_not_detected():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#forces-table", DataTable)
        everyone = {table.coordinate_to_cell_key((r, 0)).row_key.value for r in range(table.row_count)}
        await pilot.press("v")
        await pilot.pause()
        assert app.view_side == "blue"
        seen = {table.coordinate_to_cell_key((r, 0)).row_key.value for r in range(table.row_count)}
        assert "ad-column" in everyone and "ad-column" not in seen
        assert "mujao-douentza" in seen  # Blue knows who holds Douentza


async def test_save_undo_and_load(tmp_path):
    app = make_app(konna_game(), "konna-2013", autosave=False)
    path = tmp_path / "konna.json"
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot)
        await advance(pilot)
        await pilot.pause()
        assert app.game.phase.id == "air"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.game.phase.id == "intelligence"
        await pilot.press("ctrl+y", "ctrl+s")
        await pilot.pause()
        app.screen.query_one("#text-input").value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert load_game(path).log == app.game.log
        await advance(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#text-input").value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.phase.id == "air"


async def test_export_the_after_action_report(tmp_path):
    game = konna_game()
    game.note("fix: shorten the briefing")
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#text-input").value = str(tmp_path / "aar")
        await pilot.press("enter")
        await pilot.pause()
    markdown = (tmp_path / "aar.md").read_text(encoding="utf-8")
    assert "## Plan" in markdown and "## Fixes" in markdown and "shorten the briefing" in markdown
    assert (tmp_path / "aar.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_the_briefing_and_the_help():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_console_autosaves_after_every_phase():
    app = make_app(konna_game(), "konna-2013")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        saved = load_game(app.session.autosave_path)
        assert saved.log == app.game.log


async def test_an_error_in_an_action_is_a_notification_not_a_crash(monkeypatch):
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app.game, "advance", lambda: 1 / 0)
        log = app.game.log
        await pilot.press("space")
        await pilot.pause()
        assert app.is_running and app.game.log == log
        assert any("ZeroDivisionError" in n.message for n in app._notifications)


async def test_delaying_a_future_inject_holds_it_back_from_its_due_turn():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#injects-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("serval"))
        await pilot.press("l")
        await pilot.pause()
        assert app.game.state.delayed["serval"] == 6
        assert any("now comes on turn 6" in n.message for n in app._notifications)


async def test_the_games_keys_work_on_the_main_screen_only():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("space", "o", "n")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen) and app.game.phase.id == "injects"
        keys = app.screen.active_bindings
        assert "space" not in keys and "o" not in keys
        assert keys["escape"].binding.description == "Back to the game"
        await pilot.press("escape", "n")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        keys = app.screen.active_bindings
        assert keys["escape"].binding.description == "Cancel" and "space" not in keys and "v" not in keys


async def test_quit_is_in_the_footer_and_the_palette_describes_each_action():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = app.screen.active_bindings
        assert keys["ctrl+q"].binding.show and keys["ctrl+q"].binding.description == "Quit"
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Briefing"] != "Briefing" and commands["Advance"].startswith("Resolve this phase")
        assert "Decide" not in commands  # nothing to decide now


async def test_the_help_lists_every_key_and_scrolls_with_the_keyboard():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for owner in (MainScreen, app, MapView, ForcesPanel, OrdersPanel, RulingsPanel, InjectsPanel):
            for binding in owner.BINDINGS:
                wanted = binding.group.description if binding.group else binding.description
                assert wanted in text, f"{wanted!r} is not in the help"
        page = app.screen.query_one("#help-page")
        assert page.has_focus
        await pilot.press("pagedown")
        await pilot.pause(0.3)
        assert page.scroll_y > 0
        await pilot.press("end")
        await pilot.pause(0.3)
        assert page.scroll_y == page.max_scroll_y
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_every_briefing_page_scrolls_with_the_keyboard():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("right", "right", "right")  # the white cell's page
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        assert "White cell" in tabs.active_pane.query_one(Markdown).source.splitlines()[0]
        page = app.screen.page_on_show()
        assert tabs.active_pane in page.ancestors
        await pilot.press("pagedown")
        await pilot.pause(0.3)
        assert page.scroll_y > 0


async def test_overriding_a_past_ruling_says_what_it_discards_and_asks_first():
    game = at_phase(konna_game(), "combat")
    game.set_mode("attack", Mode.RIGID)
    game.submit(Attack(("fama-konna",), "douentza"))
    game.advance()
    game.note("Red hesitated")
    game.advance()
    ruling = next(r for r in reversed(game.rulings()) if r.mechanic == "combat")
    new = next(o.code for o in ruling.options if o.code != ruling.result)
    log = game.log
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_override(ruling.id)
        await pilot.pause()
        warning = str(app.screen.query_one("#override-rewind").render())
        assert "goes back to turn 1, Combat" in warning and "“Red hesitated”" in warning
        later = len(log) - 1 - log.index(ruling)
        assert f"discards the {later} events after this ruling" in warning
        app.screen.query_one("#override-reason").focus()
        await pilot.press(*"reinforced", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Red hesitated" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.game.log == log, "no: nothing changes"
        assert isinstance(app.screen, OverrideDialog)
        await pilot.press("enter")  # the reason is still there
        await pilot.press("y")
        await pilot.pause()
        assert next(r for r in reversed(app.game.rulings()) if r.mechanic == "combat").result == new


async def test_a_ruling_with_one_possible_result_cannot_be_overridden():
    game = konna_game()
    while not any(len(r.options) == 1 for r in game.rulings()):
        game.advance()
    single = next(r for r in game.rulings() if len(r.options) == 1)
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        table = app.screen.query_one("#rulings-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(single.id))
        await pilot.pause()
        assert app.screen.active_bindings["r"].enabled is False
        assert "nothing to override" in str(app.screen.query_one("#ruling-detail").render())
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_after_resuming_an_autosave_ctrl_s_proposes_a_file_here_not_the_autosave(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(konna_game(), "konna-2013")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
    autosave = app.session.autosave_path
    resumed = make_app(load_game(autosave), "konna-2013", save_path=autosave)
    async with resumed.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert resumed.screen.query_one("#text-input").value == str(tmp_path / "konna-2013.json")
        resumed.screen.query_one("#text-input").value = str(tmp_path / "mine.json")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        assert resumed.screen.query_one("#text-input").value == str(tmp_path / "mine.json")


async def test_the_argument_dialog_opens_on_the_first_prepared_argument():
    game = at_phase(konna_game(), "political")
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        prepared = app.screen.query_one("#argument-prepared", OptionList)
        assert prepared.has_focus and prepared.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        (order,) = app.game.orders().values()
        assert order.argument == prepared.get_option_at_index(0).id


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_turn_bar_shows_the_view_first_and_fits(size):
    game = at_phase(konna_game(), "movement")  # orders awaited from both sides: the longest bar
    assert len(game.awaiting.sides) == 2
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=size) as pilot:
        for view in ("White cell (truth)", "Mali and France view"):
            await pilot.pause()
            bar = app.screen.query_one(TurnBar)
            text = bar.render().plain
            assert text.startswith(f" {view}" if size[0] >= 120 else f" {view.split(' (')[0]}")
            assert len(text) <= bar.size.width, f"{text!r} is cut at {bar.size.width}"
            assert "Movement" in text and "orders" in text
            await pilot.press("v")


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_space_names_the_rulings_it_made_and_where_the_game_is_now():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        (said,) = messages(app)
        assert said.startswith("Turn 1, Intelligence (2/9). 1 ruling:")
        assert "The jihadist offensive begins" in said


async def test_a_side_view_is_never_told_of_rulings_it_may_not_see():
    game = random_game(load_scenario("konna-2013"), 1, turns=1)
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        app.view_side = "red"
        told_nothing_of = []
        for _ in range(9):
            app.clear_notifications()
            before = len(app.game.log)
            await advance(pilot)
            await pilot.pause()
            hidden = [e.title for e in app.game.log[before:] if isinstance(e, Ruling) and not visible(e, "red")]
            for title in hidden:
                assert not any(title in m for m in messages(app)), f"{title!r} told to red"
            told_nothing_of += hidden
            if app.game.state.pending is not None:
                await pilot.press("escape")
                app.game.decide("most likely")
        assert told_nothing_of, "the test needs rulings red may not see"


async def test_every_action_says_what_it_did():
    game = at_phase(konna_game(), "movement")
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        app.act("Order", app.game.submit, Move("fama-segou", "sevare"), announce="given")
        await pilot.press("3")
        app.screen.query_one("#orders-table").focus()
        await pilot.press("x")
        await pilot.pause()
        assert messages(app)[-1] == "Order O2 cancelled."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert messages(app)[-1] == "Undone: order O2 cancelled. Now Turn 1, Movement (4/9)."
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert messages(app)[-1] == "Redone: order O2 cancelled. Now Turn 1, Movement (4/9)."
        await pilot.press("5")
        table = app.screen.query_one("#injects-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("red-berets"))
        await pilot.press("p")
        await pilot.pause()
        assert messages(app)[-1] == "Published: “Red berets airlifted to Sévaré”."
        table.move_cursor(row=table.get_row_index("serval"))
        await pilot.press("k")
        await pilot.pause()
        assert messages(app)[-1] == "Skipped: “France launches Operation Serval” will not be published."


async def test_undo_after_opening_a_game_says_there_is_nothing_to_undo(tmp_path):
    path = tmp_path / "konna.json"
    game = konna_game()
    game.advance()
    save_game(game, path, "konna-2013")
    app = make_app(load_game(path), "konna-2013", save_path=path, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert messages(app) == ["Nothing to undo since the game was opened."]


async def test_opening_a_dialog_clears_the_notifications_that_would_cover_it():
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert messages(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog) and not messages(app)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_log_wraps_at_the_panel_edge_and_keeps_the_indent(size):
    game = at_phase(konna_game(), "combat")
    game.set_mode("attack", Mode.RIGID)
    game.submit(Attack(("fama-konna",), "douentza"))
    game.advance()
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("7")
        await pilot.pause()
        log = app.screen.query_one("#log")
        assert log.virtual_size.width <= log.scrollable_content_region.width, "no horizontal scrolling"
        lines = [strip.text.rstrip() for strip in log.lines]
        start = next(i for i, line in enumerate(lines) if "[R" in line and "Attack on Douentza" in line)
        assert lines[start].startswith("    [R") and lines[start + 1].startswith("    "), (
            "wrapped tails keep the indent"
        )


async def test_every_table_fits_its_panel_with_the_short_columns_in_view():
    game = at_phase(konna_game(), "movement")
    game.submit(Move("ad-column", "douentza"))
    game.delay_inject("serval")
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        for key, table_id, columns in (
            ("2", "#forces-table", ["Unit", "Str", "Sup", "Where", "Seen"]),
            ("3", "#orders-table", ["Id", "Side", "Order"]),
            ("4", "#rulings-table", ["Id", "T", "Result", "Ruling"]),
            ("5", "#injects-table", ["Due", "Inject"]),
        ):
            await pilot.press(key)
            await pilot.pause()
            table = app.screen.query_one(table_id, DataTable)
            assert table.row_count, table_id
            assert [str(c.label) for c in table.ordered_columns] == columns
            assert table.virtual_size.width <= table.scrollable_content_region.width, f"{table_id} scrolls sideways"
        injects = app.screen.query_one("#injects-table", DataTable)
        assert str(injects.get_row("serval")[0]) == "T6 delayed"


async def test_in_the_political_phase_a_is_shown_and_o_opens_the_argument_dialog():
    app = make_app(at_phase(konna_game(), "movement"), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = app.screen.active_bindings
        assert "a" not in keys and "d" not in keys, "no arguments in Movement, no decision waiting"
        while app.game.phase.id != "political":
            await pilot.press("space")
            await pilot.pause()
            if app.game.state.pending is not None:
                await pilot.press("escape")
                app.game.decide("most likely")
        keys = app.screen.active_bindings
        assert keys["a"].enabled and keys["a"].binding.show
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArgumentDialog)


async def test_a_note_names_its_event_and_goes_on_the_highlighted_ruling():
    game = at_phase(konna_game(), "intelligence")
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "About: the start of Intelligence, turn 1" in str(app.screen.query_one(".hint", Static).render())
        await pilot.press("escape", "4")
        await pilot.pause()
        table = app.screen.query_one("#rulings-table", DataTable)
        table.focus()
        await pilot.press("n")
        await pilot.pause()
        hint = str(app.screen.query_one(".hint", Static).render())
        assert "About: [R1] The jihadist offensive begins" in hint
        await pilot.press(*"Read it slowly", "enter")
        await pilot.pause()
        note = app.game.log[-1]
        assert note.tag == "note_added" and app.game.log[note.about].id == "R1"
        assert messages(app)[-1] == "Note recorded on [R1] The jihadist offensive begins."
        assert "Note: Read it slowly" in str(app.screen.query_one("#ruling-detail").render())


async def test_what_is_typed_in_the_list_of_results_goes_into_the_reason():
    game = at_phase(konna_game(), "combat")
    game.submit(Attack(("fama-konna",), "douentza"))
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot)
        await pilot.pause()
        assert app.screen.focused.id == "decision-options"
        await pilot.press(*"no time", "enter")  # typed at once: nothing is lost
        await pilot.pause()
        ruling = next(r for r in reversed(app.game.rulings()) if r.mechanic == "combat")
        assert ruling.choice == "most likely" and ruling.reason == "no time"


def option_texts(app) -> list[str]:
    options = app.screen.query_one("#order-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def step_text(app) -> str:
    return str(app.screen.query_one("#order-step", Static).render())


async def test_the_order_dialog_numbers_the_steps_it_shows_and_names_kinds_and_routes_plainly():
    app = make_app(at_phase(konna_game(), "irregular"), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_order_dialog()
        await pilot.pause()
        assert step_text(app).startswith("Step 1: which unit?")
        options = app.screen.query_one("#order-options", OptionList)
        options.highlighted = option_texts(app).index(next(t for t in option_texts(app) if "FAMa Konna garrison" in t))
        await pilot.press("enter")
        await pilot.pause()
        assert step_text(app).startswith("Step 2: what should FAMa Konna garrison do?")
        assert "block a route" in option_texts(app) and "block_crossing" not in option_texts(app)
        options.highlighted = option_texts(app).index("block a route")
        await pilot.press("enter")
        await pilot.pause()
        assert step_text(app).startswith("Step 3: where?"), "no units step for a block: step 3, not 4"
        blocks = [t for t in option_texts(app) if "block RN16" in t]
        assert len(blocks) == len(set(blocks)) == 2
        assert any(t.endswith("towards Douentza") for t in blocks) and any(t.endswith("towards Sévaré") for t in blocks)


async def test_moves_show_their_length_and_a_ticked_unit_goes_with_the_attack():
    app = make_app(at_phase(konna_game(), "movement"), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_order_dialog("fama-segou")
        await pilot.pause()
        assert step_text(app).startswith("Step 1: what should FAMa Ségou reserve do?"), "the unit was given"
        await pilot.press("enter")  # move
        await pilot.pause()
        assert "✓ FAMa Ségou reserve: move to Markala (35 km, 0.2 days)" in option_texts(app)
    app = make_app(at_phase(konna_game(), "combat"), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_order_dialog("mujao-douentza")
        await pilot.pause()
        options = app.screen.query_one("#order-options", OptionList)
        options.highlighted = option_texts(app).index("attack")
        await pilot.press("enter")
        await pilot.pause()
        assert step_text(app).startswith("Step 2: add units")
        await pilot.press("space")  # ticks the first: the Ansar Dine column
        await pilot.click("#order-group-done")
        await pilot.pause()
        assert step_text(app).startswith("Step 3: where?") and "With: Ansar Dine column (Kojak)." in step_text(app)
        assert any("MUJAO Douentza group, Ansar Dine column (Kojak): attack Konna" in t for t in option_texts(app))


async def test_space_asks_before_advancing_past_a_side_that_gave_no_orders():
    app = make_app(at_phase(konna_game(), "movement"), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, AdvanceDialog)
        question = str(app.screen.query_one("#confirm-question").render())
        assert question == "No orders from Mali and France or Jihadist coalition in the Movement phase. Advance anyway?"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.game.phase.id == "movement"
        app.game.submit(Move("fama-segou", "sevare"))
        await pilot.press("space")
        await pilot.pause()
        assert "Jihadist coalition" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("space")  # space again: advance anyway
        await pilot.pause()
        assert app.game.phase.id == "combat"
        app.game.submit(Attack(("fama-konna",), "douentza"))
        app.game.submit(Attack(("mujao-douentza",), "konna"))
        await pilot.press("space")
        await pilot.pause()
        assert not isinstance(app.screen, AdvanceDialog), "both sides gave orders: no question"


async def test_the_assessment_counts_each_sides_objectives_apart_and_names_tracks_in_full():
    game = at_phase(konna_game(), "injects", turn=2)
    app = make_app(game, "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        text = " ".join(str(app.screen.query_one("#assessment-text").render_line(y).text) for y in range(60))
        text = " ".join(text.split())
        assert re.search(r"T1 07 Jan 2013 Mali and France [0-3]/3 met; Jihadist coalition [0-3]/3 met", text)
        assert "Legitimacy of the intervention 5; Jihadist momentum 5" in text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_selected_area_is_always_named_and_marked_on_the_map(size):
    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        map_view = app.screen.query_one(MapView)
        assert map_view.selected == "douentza"
        text = map_view.render().plain
        assert "[Douentza]" in text
        if size == (120, 40):
            assert "Korioumé landing" in text, "a full name where it fits"
        await pilot.press("left")
        await pilot.pause()
        text = map_view.render().plain
        assert f"[{app.game.scenario.areas[map_view.selected].name}]" in text and "[Douentza]" not in text


async def test_the_order_of_battle_filters_by_side():
    from textual.widgets import Select

    app = make_app(konna_game(), "konna-2013", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#forces-table", DataTable)
        everyone = table.row_count
        app.screen.query_one("#forces-side", Select).value = "red"
        await pilot.pause()
        sides = {app.game.state.units[str(key.value)].side for key in table.rows}
        assert sides == {"red"} and 0 < table.row_count < everyone
