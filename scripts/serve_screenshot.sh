#!/usr/bin/env bash
# Screenshot of the console served to a web browser (docs/images/console-in-browser.png).
#
# Starts `wargame serve konna-2013` on a free port with a throwaway WARGAME_HOME, opens it
# in headless Chromium at 1400x900, waits for the turn bar, presses space once (Injects ->
# Intelligence), saves the PNG and stops everything. Not used by the test suite.
#
#   scripts/serve_screenshot.sh [OUT.png]
#
# Needs Debian's Chromium (apt-get install -y chromium) and textual-serve (pip install
# 'seminar-wargame[serve]'). PYTHON defaults to /work/venv/bin/python if present, else python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/docs/images/console-in-browser.png}"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
if [ -z "${PYTHON:-}" ]; then
    if [ -x /work/venv/bin/python ]; then PYTHON=/work/venv/bin/python; else PYTHON=python3; fi
fi
CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
[ -x "$CHROMIUM" ] || { echo "no chromium: apt-get install -y chromium" >&2; exit 1; }

HOME_DIR="$(mktemp -d -t wargame-home-XXXXXX)"
LOG="$HOME_DIR/serve.log"
PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
SERVER=""

cleanup() {
    if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
        kill -TERM -- "-$SERVER" 2>/dev/null || true   # the server and the consoles it started
        for _ in $(seq 50); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$SERVER" 2>/dev/null || true
    fi
    rm -rf "$HOME_DIR"
}
trap cleanup EXIT

cd "$ROOT"
# setsid: the server leads its own process group, so cleanup stops its consoles too.
WARGAME_HOME="$HOME_DIR" PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" \
    setsid "$PYTHON" -m wargame serve konna-2013 --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!

for _ in $(seq 100); do
    if "$PYTHON" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" \
        "http://127.0.0.1:$PORT/" 2>/dev/null; then
        break
    fi
    kill -0 "$SERVER" 2>/dev/null || { cat "$LOG" >&2; echo "wargame serve exited" >&2; exit 1; }
    sleep 0.2
done

"$PYTHON" "$ROOT/scripts/browser_screenshot.py" "http://127.0.0.1:$PORT/" "$OUT" \
    --keys " " --size 1400x900 --chromium "$CHROMIUM"

# Optional: recompress the PNG (same pixels) when Pillow is there.
"$PYTHON" - "$OUT" <<'EOF' || true
import sys
try:
    from PIL import Image
except ImportError:
    sys.exit(0)
path = sys.argv[1]
Image.open(path).convert("RGB").save(path, optimize=True)
EOF
ls -l "$OUT"
