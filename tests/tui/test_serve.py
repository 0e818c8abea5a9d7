"""``wargame serve``: the console served to web browsers with textual-serve (no browser needed).

Each test starts the real command as a subprocess on a free local port, in its own
process group, and stops the whole group afterwards, pass or fail.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve")
aiohttp = pytest.importorskip("aiohttp")  # textual-serve's own web framework

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")

ROOT = Path(__file__).parents[2]
STARTUP = 20.0  # seconds
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status, response.read().decode("utf-8", "replace")


def stop(process: subprocess.Popen) -> None:
    """Stop the server and every console it started (they share its process group)."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    if process.poll() is None:  # pragma: no cover - only if the group could not be signalled
        process.kill()
        process.wait(timeout=5)
    # Consoles left in the group after the server itself has gone.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def group_members(pgid: int) -> list[int]:
    """Processes in the process group ``pgid`` other than its leader (Linux: read /proc)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != pgid:
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z" and int(fields[2]) == pgid:
                members.append(int(entry.name))
    return members


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``wargame serve konna-2013`` on a free port; yields (base URL, process) once the page answers."""
    port = free_port()
    env = dict(os.environ, WARGAME_HOME=str(tmp_path / "home"))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "wargame", "serve", "konna-2013", "--port", str(port), "--host", "127.0.0.1"],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP
        while True:
            if process.poll() is not None:
                pytest.fail(f"wargame serve exited with {process.returncode}:\n{log.read_text(errors='replace')}")
            try:
                if get(url + "/")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no answer from {url} within {STARTUP:.0f} s:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield url, process
    finally:
        stop(process)


def test_serve_answers_with_the_console_page(served):
    url, process = served
    status, page = get(url + "/")
    assert status == 200
    assert "<div>wargame</div>" in page  # the title given to textual-serve, on its start screen
    assert 'data-session-websocket-url="ws://127.0.0.1:' in page  # where the browser's console connects
    assert "textual.js" in page
    assert process.poll() is None


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find the console process")
def test_each_connection_gets_its_own_console_that_draws_and_takes_keys(served):
    """What a browser does, without one: open the websocket, read the screen, press space, leave."""
    url, process = served

    async def session() -> tuple[str, str, list[int]]:
        received = bytearray()

        async def read_until(socket, needle: str, timeout: float = STARTUP) -> str:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                try:
                    message = await socket.receive(timeout=max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    break
                if message.type == aiohttp.WSMsgType.BINARY:
                    received.extend(message.data)
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
                text = ANSI.sub("", received.decode("utf-8", "replace"))
                if needle in text:
                    return text
            raise AssertionError(f"{needle!r} never drawn; the screen said: {ANSI.sub('', received.decode())[-800:]}")

        ws_url = url.replace("http", "ws", 1) + "/ws?width=140&height=45"
        async with aiohttp.ClientSession() as client, client.ws_connect(ws_url) as socket:
            first = await read_until(socket, "Turn 1/8")
            consoles = group_members(process.pid)
            received.clear()
            await socket.send_json(["stdin", " "])
            second = await read_until(socket, "Intelligence (2/9)")
        return first, second, consoles

    first, second, consoles = asyncio.run(session())
    assert "Injects (1/9)" in first
    assert "Intelligence (2/9)" in second
    assert consoles, "no console process was started for the connection"
    # The browser left: its console stops.
    deadline = time.monotonic() + 10
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert group_members(process.pid) == []
    assert process.poll() is None  # the server goes on for the next browser
