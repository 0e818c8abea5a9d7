"""Console speed against a minimal Textual app, on the same machine in the same run.

Usage: ``python benchmarks/bench_console.py [--runs N] [--presses N]``

* Cold start: a fresh process that builds the app, draws its first frame (headless, 120x40)
  and exits, timed from spawn to exit; the same for a minimal Textual app (one Static).
  Both pay the same interpreter start-up, so the ratio compares what each app adds.
* Redraw: a key press that redraws the map with every ``serval-2013`` unit on it (moving
  the selection, switching the view), timed from the press until the screen has been
  updated; the same for the minimal app updating its one Static.

Quote medians: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time

MINIMAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Minimal().run(headless=True, size=(120, 40))
"""

CONSOLE = """
from wargame.core import Game
from wargame.loading import load_scenario
from wargame.tui.app import make_app
app = make_app(Game(load_scenario("serval-2013"), seed=1), "serval-2013", autosave=False)
app.call_after_refresh(lambda: app.call_after_refresh(app.exit))
app.run(headless=True, size=(120, 40))
"""


def cold_start(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def own_work(repeats: int = 30) -> tuple[float, float]:
    """The console's own share of a redraw: every panel told the new state, and the map's
    render with every serval-2013 unit (Textual's compositing comes on top)."""
    from wargame.core import Game
    from wargame.loading import load_scenario
    from wargame.tui.app import make_app
    from wargame.tui.widgets.map import MapView

    app = make_app(Game(load_scenario("serval-2013"), seed=1), "serval-2013", autosave=False)
    redraw, render = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        map_view = app.screen.query_one(MapView)
        for _ in range(repeats):
            start = time.perf_counter()
            app.screen.redraw()
            redraw.append(time.perf_counter() - start)
            start = time.perf_counter()
            map_view.render()
            render.append(time.perf_counter() - start)
    return statistics.median(redraw) * 1000, statistics.median(render) * 1000


async def console_redraws(presses: int) -> tuple[float, float]:
    from wargame.core import Game
    from wargame.loading import load_scenario
    from wargame.tui.app import make_app
    from wargame.tui.widgets.map import MapView

    app = make_app(Game(load_scenario("serval-2013"), seed=1), "serval-2013", autosave=False)
    select, view = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one(MapView).focus()
        for i in range(presses):
            start = time.perf_counter()
            await pilot.press("right" if i % 2 else "left")
            await pilot.pause()
            select.append(time.perf_counter() - start)
        for _ in range(presses // 3):
            start = time.perf_counter()
            await pilot.press("v")
            await pilot.pause()
            view.append(time.perf_counter() - start)
    return statistics.median(select), statistics.median(view)


async def minimal_redraws(presses: int) -> float:
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        BINDINGS = [("x", "bump", "Bump")]  # noqa: RUF012 - Textual's convention

        def compose(self):
            yield Static("0", id="n")

        def action_bump(self) -> None:
            static = self.query_one("#n", Static)
            static.update(str(int(str(static.render())) + 1))

    times = []
    async with Minimal().run_test(size=(120, 40)) as pilot:
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def map_render_ms(repeats: int = 50) -> float:
    """The map widget's own drawing of every serval-2013 unit, without Textual's frame."""
    from wargame.core import Game
    from wargame.loading import load_scenario
    from wargame.tui.mapdraw import draw, home_viewport
    from wargame.tui.widgets.map import area_marks

    game = Game(load_scenario("serval-2013"), seed=1)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        draw(game.scenario, area_marks(game, None), 66, 36, home_viewport(game.scenario))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold starts of each app")
    parser.add_argument("--presses", type=int, default=30, help="key presses timed in each app")
    args = parser.parse_args()
    minimal = cold_start(MINIMAL, args.runs)
    console = cold_start(CONSOLE, args.runs)
    print(f"cold start to first frame: minimal {minimal * 1000:.0f} ms, console (serval-2013) {console * 1000:.0f} ms, "
          f"ratio {console / minimal:.2f}")  # fmt: skip
    select, view = asyncio.run(console_redraws(args.presses))
    base = asyncio.run(minimal_redraws(args.presses))
    print(f"key press to redrawn screen: minimal {base * 1000:.1f} ms; console: select an area {select * 1000:.1f} ms "
          f"({select / base:.1f}x), switch view {view * 1000:.1f} ms ({view / base:.1f}x)")  # fmt: skip
    redraw, render = asyncio.run(own_work())
    print(f"the console's own work per redraw: panels {redraw:.2f} ms, map render {render:.2f} ms "
          f"(map geometry alone {map_render_ms():.2f} ms)")  # fmt: skip


if __name__ == "__main__":
    main()
