"""A few deliberate snapshots at 120x40: the main screen, the ruling panel, a side view.

Update them only after looking at the report: ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from wargame.core import Attack, Game
from wargame.loading import load_scenario
from wargame.tui.app import make_app

SIZE = (120, 40)


def konna_at(phase: str, seed: int = 1) -> Game:
    game = Game(load_scenario("konna-2013"), seed=seed)
    while game.phase.id != phase:
        game.advance()
    return game


async def _quiet(pilot) -> None:
    pilot.app.clear_notifications()
    await pilot.pause()


def test_main_screen(snap_compare):
    app = make_app(konna_at("movement"), "konna-2013", autosave=False)
    assert snap_compare(app, terminal_size=SIZE, press=["right", "right"], run_before=_quiet)


def test_ruling_panel_after_a_combat(snap_compare):
    game = konna_at("combat")
    game.submit(Attack(("fama-konna",), "douentza"))
    game.advance()
    game.decide("most likely", "tutorial")
    game.advance()
    app = make_app(game, "konna-2013", autosave=False)
    assert snap_compare(app, terminal_size=SIZE, press=["4"], run_before=_quiet)


def test_a_side_view(snap_compare):
    app = make_app(konna_at("movement"), "konna-2013", autosave=False)
    app.view_side = "blue"
    assert snap_compare(app, terminal_size=SIZE, press=["2"], run_before=_quiet)
