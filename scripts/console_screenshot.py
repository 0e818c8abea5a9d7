"""The README's screenshot: the console on serval-2013 at 120x40, as SVG (Textual draws it).

    python scripts/console_screenshot.py [docs/images/console.svg]

Opens the console headless on a new serval-2013 game (seed 1), resolves the injects phase,
selects Sévaré on the map and saves the screen. No autosave is written.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from wargame.core import Game
from wargame.loading import load_scenario
from wargame.tui.app import make_app
from wargame.tui.widgets.map import MapView

ROOT = Path(__file__).resolve().parent.parent


async def shoot(out: Path) -> None:
    app = make_app(Game(load_scenario("serval-2013"), seed=1), "serval-2013", autosave=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")  # resolve the injects: the turn bar moves on, a notification names them
        app.screen.query_one(MapView).selected = "sevare"
        await pilot.pause(0.5)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images" / "console.svg"
    out.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(shoot(out.resolve()))
    print(out)


if __name__ == "__main__":
    main()
