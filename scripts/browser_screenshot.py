"""Open a served console in headless Chromium, press keys, and save a screenshot.

Drives Chromium through the Chrome DevTools Protocol with aiohttp (a dependency of
textual-serve, so nothing more to install). Used by scripts/serve_screenshot.sh; not by
the test suite.

    python scripts/browser_screenshot.py http://127.0.0.1:8765/ out.png --keys " "

It waits until the console has drawn "Turn 1/8" (read from the bytes the page receives
over its websocket), presses each key of --keys, waits for the screen to settle, and
writes the PNG.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
]

# Records what the page's websocket receives, as text, so we can tell when the console has drawn.
RECORDER = """
(() => {
  window.__wgText = "";
  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      if (typeof event.data === "string") { window.__wgText += event.data; }
      else if (event.data instanceof ArrayBuffer) {
        window.__wgText += decoder.decode(new Uint8Array(event.data), {stream: true});
      }
      window.__wgLast = Date.now();
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""

ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")

KEYS = {
    " ": {"key": " ", "code": "Space", "text": " ", "windowsVirtualKeyCode": 32},
    "\n": {"key": "Enter", "code": "Enter", "text": "\r", "windowsVirtualKeyCode": 13},
}


def key_event(char: str) -> dict:
    if char in KEYS:
        return KEYS[char]
    return {"key": char, "code": f"Key{char.upper()}" if char.isalpha() else "", "text": char,
            "windowsVirtualKeyCode": ord(char.upper())}  # fmt: skip


class Page:
    """A CDP session on one page target."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)

    async def send(self, method: str, **params) -> dict:
        message_id = next(self.ids)
        await self.socket.send_json({"id": message_id, "method": method, "params": params})
        while True:
            reply = json.loads((await self.socket.receive()).data)
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")


def start_chromium(chromium: str, profile: Path, width: int, height: int) -> tuple[subprocess.Popen, str]:
    """Start headless Chromium; return it and its DevTools address."""
    process = subprocess.Popen(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if port_file.exists() and port_file.read_text().strip():
            return process, f"127.0.0.1:{port_file.read_text().split()[0]}"
        if process.poll() is not None:
            raise SystemExit(f"chromium exited with status {process.returncode}")
        time.sleep(0.1)
    raise SystemExit("chromium did not open its DevTools port within 30 s")


async def screenshot(devtools: str, url: str, out: Path, keys: str, width: int, height: int, wait_for: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://{devtools}/json/list") as response:
            targets = await response.json()
        page_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        async with http.ws_connect(page_url, max_msg_size=0) as socket:
            page = Page(socket)
            await page.send("Page.enable")
            await page.send("Runtime.enable")
            await page.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                            deviceScaleFactor=1, mobile=False)  # fmt: skip
            await page.send("Page.addScriptToEvaluateOnNewDocument", source=RECORDER)
            await page.send("Page.navigate", url=url)

            # textual-serve shows a Start button only with ?delay; click it if it is there.
            text = await wait_for_text(page, wait_for, timeout=30, start_button=True)
            print(f"console drawn ({len(text)} characters received)", file=sys.stderr)
            await settle(page)
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            for char in keys:
                event = key_event(char)
                await page.send("Input.dispatchKeyEvent", type="keyDown", **event)
                await page.send("Input.dispatchKeyEvent", type="keyUp",
                                **{k: v for k, v in event.items() if k != "text"})  # fmt: skip
                await settle(page)
            shot = await page.send("Page.captureScreenshot", format="png")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(base64.b64decode(shot["data"]))
            screen = ANSI.sub("", await page.evaluate("window.__wgText") or "")
            found = re.findall(r"Turn \d+/\d+ +\w{3} \d\d \w{3} \d{4} +[A-Za-z ]+\(\d+/\d+\)", screen)
            print(f"last turn bar drawn: {found[-1] if found else '?'}", file=sys.stderr)


async def wait_for_text(page: Page, needle: str, timeout: float, start_button: bool) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if start_button:
            await page.evaluate(
                "(() => { const b = document.querySelector('#start.-delay');"
                " if (b && getComputedStyle(b).display !== 'none') { b.click(); return true; } return false; })()"
            )
        text = ANSI.sub("", await page.evaluate("window.__wgText || ''") or "")
        if needle in text:
            return text
        await asyncio.sleep(0.25)
    raise SystemExit(f"the console did not draw {needle!r} within {timeout:.0f} s")


async def settle(page: Page, quiet: float = 1.0, timeout: float = 10.0) -> None:
    """Wait until the page has received nothing for ``quiet`` seconds (the screen is drawn)."""
    deadline = time.monotonic() + timeout
    await asyncio.sleep(quiet)
    while time.monotonic() < deadline:
        idle = await page.evaluate("(Date.now() - (window.__wgLast || 0)) / 1000")
        if idle is not None and idle >= quiet:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.3)  # the terminal paints on the next animation frame


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--keys", default="", help="keys to press once the console has drawn (' ' is space, a newline is enter)"
    )
    parser.add_argument("--size", default="1400x900", help="window size WIDTHxHEIGHT")
    parser.add_argument("--wait-for", default="Turn 1/", help="text that shows the console has drawn")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    profile = Path(tempfile.mkdtemp(prefix="wargame-chromium-"))
    process, devtools = start_chromium(args.chromium, profile, width, height)
    try:
        asyncio.run(screenshot(devtools, args.url, args.out, args.keys, width, height, args.wait_for))
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(profile, ignore_errors=True)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
