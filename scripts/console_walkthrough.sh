#!/usr/bin/env bash
# Drive the facilitator's console in tmux through the first turn of konna-2013, with the
# keyboard only, and check that each step happened. See scripts/README.md.
#
#   scripts/console_walkthrough.sh                  # the console from this checkout
#   WARGAME=wargame scripts/console_walkthrough.sh  # an installed wargame
#
# Environment:
#   WARGAME   the command that runs wargame (default: PYTHONPATH=<repo> $PYTHON -m wargame)
#   PYTHON    the Python for the default command (default: /work/venv/bin/python, else python3)
#   SIZE      terminal size, COLSxROWS (default 120x40; the checks are written for 120x40)
#   STEP      pause after each key, in seconds (default 0.15)
#   TIMEOUT   how long to wait for each expected screen, in seconds (default 10)
#   WORK      folder for everything the run writes (default: a new temporary folder)
#
# Exit status: 0 if every check passed; 1 at the first failed check (with what was expected
# and the capture that shows what was on screen); 2 if tmux is missing.

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x /work/venv/bin/python ]]; then PYTHON=/work/venv/bin/python; else PYTHON=python3; fi
fi
WARGAME=${WARGAME:-"PYTHONPATH=$REPO $PYTHON -m wargame"}
SIZE=${SIZE:-120x40}
COLS=${SIZE%x*}
ROWS=${SIZE#*x}
STEP=${STEP:-0.15}
TIMEOUT=${TIMEOUT:-10}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/wargame-walk.XXXXXX")}
HELPER_PY=$(command -v python3 || echo "$PYTHON")

HOME_DIR=$WORK/home      # WARGAME_HOME: autosaves and the error log
OUT=$WORK/out            # the save and the report (and the console's working folder)
CAPTURES=$WORK/captures  # one text file per step
SAVE=$OUT/konna-walk.json
REPORT=$OUT/konna-walk-report
NOTE="fix: show the odds before the facilitator decides"
SOCKET=wargame-walk-$$   # a tmux server of our own: other tmux sessions are never touched
SESSION=walk

mkdir -p "$HOME_DIR" "$OUT" "$CAPTURES"
command -v tmux >/dev/null || { echo "console_walkthrough: tmux is not installed" >&2; exit 2; }

T() { tmux -L "$SOCKET" "$@"; }

cleanup() { T kill-server 2>/dev/null || true; }
trap cleanup EXIT

# -- reporting ---------------------------------------------------------------------------------------

CHECKS=0
SHOT=0
LAST=""

screen() { T capture-pane -p -t "$SESSION"; }

capture() {  # capture NAME: save the screen as the next numbered file
    SHOT=$((SHOT + 1))
    local name=${1//[^A-Za-z0-9.-]/-}
    LAST=$(printf '%s/%02d-%s.txt' "$CAPTURES" "$SHOT" "${name:0:60}")
    screen >"$LAST" 2>&1
    if grep -q "Traceback (most recent call last)" "$LAST"; then
        fail "$1" "a Python traceback is on screen"
    fi
}

fail() {  # fail STEP MESSAGE
    echo "FAIL at step '$1': $2" >&2
    [[ -n "$LAST" ]] && echo "  screen at the time: $LAST" >&2
    echo "  all captures: $CAPTURES" >&2
    exit 1
}

ok() { CHECKS=$((CHECKS + 1)); printf '  ok %2d  %s\n' "$CHECKS" "$1"; }

expect() {  # expect STEP REGEX [SECONDS]: wait until the screen matches, then capture it
    local step=$1 pattern=$2 tenths=$((${3:-$TIMEOUT} * 10)) now
    while :; do
        now=$(screen)
        grep -Eq -- "$pattern" <<<"$now" && break
        grep -q "Traceback (most recent call last)" <<<"$now" && break
        if grep -q "^\[wargame exited with status" <<<"$now"; then
            capture "$step"
            grep -v '^[[:space:]]*$' "$LAST" | tail -5 | sed 's/^/    | /' >&2
            fail "$step" "wargame exited before the screen showed /$pattern/"
        fi
        if ((tenths-- <= 0)); then
            capture "$step"
            fail "$step" "the screen never showed /$pattern/ (waited ${3:-$TIMEOUT}s)"
        fi
        sleep 0.1
    done
    capture "$step"
    ok "$step: /$pattern/"
}

expect_gone() {  # expect_gone STEP REGEX: wait until the screen no longer matches
    local step=$1 pattern=$2 tenths=$((TIMEOUT * 10))
    while grep -Eq -- "$pattern" <<<"$(screen)"; do
        if ((tenths-- <= 0)); then
            capture "$step"
            fail "$step" "the screen still shows /$pattern/ after ${TIMEOUT}s"
        fi
        sleep 0.1
    done
    capture "$step"
    ok "$step: no /$pattern/"
}

expect_change() {  # expect_change STEP: wait until the screen differs from the last capture
    local step=$1 tenths=$((TIMEOUT * 10))
    while [[ "$(screen)" == "$(cat "$LAST")" ]]; do
        if ((tenths-- <= 0)); then
            capture "$step"
            fail "$step" "the screen did not change"
        fi
        sleep 0.1
    done
    capture "$step"
    ok "$step: the screen changed"
}

check() {  # check STEP COMMAND...: a check outside the console
    if "${@:2}" >>"$CAPTURES/checks.log" 2>&1; then ok "$1"; else fail "$1" "failed: ${*:2} (output in $CAPTURES/checks.log)"; fi
}

# -- keys ------------------------------------------------------------------------------------------------

keys() {  # keys KEY...: one tmux key name at a time, with a short pause after each
    local key
    for key in "$@"; do
        T send-keys -t "$SESSION" "$key"
        sleep "$STEP"
    done
}

text() { T send-keys -t "$SESSION" -l "$1"; sleep "$STEP"; }

down() { local i; for ((i = 0; i < $1; i++)); do keys Down; done; }

# option_index MODE REGEX: the position of the first option matching REGEX in the open
# dialog's option list (MODE "choice" counts only lines starting with a tick or a cross,
# so that wrapped reasons are not taken for options).
option_index() {
    screen | "$HELPER_PY" -c '
import re, sys
mode, pattern = sys.argv[1], re.compile(sys.argv[2])
n, inside = 0, False
for line in sys.stdin.read().splitlines():
    if "\u2588" not in line:  # the dialog is drawn between two full blocks
        continue
    left = line.index("\u2588") + 1
    right = line.rindex("\u2588") if line.count("\u2588") > 1 else len(line)
    body = line[left:right].split("\u258c")[0].strip()  # a notification may cover the right side
    if body.startswith("\u258a\u2594"):
        inside, n = True, 0
        continue
    if body.startswith("\u258a\u2581"):
        inside = False
        continue
    if not inside or not body.startswith("\u258a "):
        continue
    option = re.sub("[\\s\u2581-\u2588\u258e]+$", "", body[2:]).strip()  # border, scroll bar
    if mode == "choice" and not option.startswith(("\u2713 ", "\u2717 ")):
        continue
    if pattern.search(option):
        print(n)
        sys.exit(0)
    n += 1
sys.exit(1)
' "$1" "$2"
}

pick() {  # pick STEP MODE REGEX: highlight the option matching REGEX and press enter
    local index
    if ! index=$(option_index "$2" "$3"); then
        capture "$1"
        fail "$1" "no option matching /$3/ in the dialog"
    fi
    down "$index"
    keys Enter
}

# order STEP UNIT KIND TARGET: o, then the unit, the kind and the target (each a regex)
order() {
    keys o
    expect "$1 (dialog)" "Step 1: which unit\?"
    pick "$1 (unit)" plain ": $2 \("
    expect "$1 (unit chosen)" "Step 2: what should $2 do\?"
    pick "$1 (kind)" plain "^$3\$"
    expect "$1 (targets)" "Step [34]: "
    if screen | grep -q "Step 3: add units"; then return 0; fi  # the caller ticks units
    pick "$1 (target)" choice "^✓ .*$4\$"
    expect "$1 (given)" "Order O[0-9]+ given"
}

advance() {  # advance STEP: space, and space again if the console asks whether to advance without a side's orders
    local before tenths=$((TIMEOUT * 10)) now
    before=$(screen | head -1)
    keys Space
    while :; do
        now=$(screen)
        if grep -q "Advance without their orders?" <<<"$now"; then
            capture "$1 (asks first)"
            ok "$1: asks before advancing without a side's orders"
            keys Space
            return 0
        fi
        [[ "$(head -1 <<<"$now")" != "$before" ]] && return 0
        if ((tenths-- <= 0)); then
            capture "$1"
            fail "$1" "space changed nothing"
        fi
        sleep 0.1
    done
}

launch() {  # launch ARGS...: run wargame in the tmux pane (a new one, or in place of the old)
    local run=$WORK/run.sh
    cat >"$run" <<EOF
#!/usr/bin/env bash
cd "$OUT" || exit 1
export WARGAME_HOME="$HOME_DIR"
eval "$WARGAME \"\\\$@\""
echo "[wargame exited with status \$?]"
sleep 100000
EOF
    local quoted
    quoted=$(printf ' %q' "$@")
    if T has-session -t "$SESSION" 2>/dev/null; then
        T respawn-pane -k -t "$SESSION" "bash $run$quoted"
    else
        T new-session -d -s "$SESSION" -x "$COLS" -y "$ROWS" "bash $run$quoted"
    fi
}

# -- the walk-through ------------------------------------------------------------------------------------

echo "console walk-through: $WARGAME ($SIZE); captures in $CAPTURES"

echo "1. open konna-2013"
launch play konna-2013
expect "open" "Turn 1/8 +(Mon )?07 Jan( 2013)? +Injects \(1/9\)" 30
expect "turn bar: the view first" "^ White cell \(truth\) "

echo "2. the briefing (b)"
keys b
expect "briefing" "Situation +Mali and France +Jihadist coalition +White cell +Sources"
expect "briefing: situation" "7-14 January 2013"
keys Right
expect "briefing: Blue's page" "Objectives"
keys Right Right
expect "briefing: white cell page" "What to watch"
keys Escape
expect "back from the briefing" "Turn 1/8 .*Injects \(1/9\)"

echo "3. the help (?) and the panels (1-7)"
keys "?"
expect "help" "The facilitator's console"
keys Escape
expect_gone "help closed" "The facilitator's console"
keys 2
expect "panel 2: order of battle" "Unit +Str +Sup +Where +Seen"
keys 3
expect "panel 3: orders" "o: give an order\.  x: cancel"
keys 4
expect "panel 4: rulings" "No rulings yet\."
keys 5
expect "panel 5: injects" "Due +Inject"
keys 6
expect "panel 6: assessment" "Legitimacy of the intervention: 5"
keys 7
expect "panel 7: log" "The push on Konna \(konna-2013\), seed 1"
keys 1
expect "panel 1: area" "Routes"
capture "area before"
keys Left
expect_change "map: left arrow selects another area"
expect "area panel" "Held by: "

echo "4. phase 1, injects: publish one (p), skip one (k)"
keys 5 Tab Tab
expect "injects panel focused" "p Publish +k Skip +l Delay"
keys p
expect "published: the offensive leaves the queue" "Red berets air"
expect_gone "published: the offensive left the queue" "The jihadist o"
keys k
expect_gone "skipped: the red berets left the queue" "Red berets air"
keys 7  # the digits switch panels wherever the focus is
expect "log: inject published" "The jihadist offensive begins\."
expect "log: inject skipped" "(red-berets|Red berets).* skipped"

echo "5. phase 2, intelligence: a refused order, then a Blue order"
advance "phase 1 done"
expect "advance to intelligence" "Intelligence \(2/9\) +orders from: Mali and France"
keys o
expect "order dialog" "Step 1: which unit\? \(Intelligence phase\)"
pick "order: unit" plain ": FAMa Konna garrison \("
expect "order: unit chosen" "Step 2: what should FAMa Konna garrison do\?"
pick "order: kind" plain "^reconnoitre an area$"
expect "order: targets, refused ones with the reason" "✗ FAMa Konna garrison: reconnoitre Mopti: FAMa Konna garrison is not in"
pick "order: a refused target" choice "^✗ .*reconnoitre Mopti:"
expect "refused: the reason is shown" "Refused"
expect "refused: the dialog stays open" "Step 3: where\?"
keys Escape
expect_gone "escape closes the order dialog" "Step 3: where\?"
order "Blue order: recon" "FAMa Konna garrison" "reconnoitre an area" "reconnoitre Douentza"

echo "6. phase 3, air; phase 4, movement: a Red and a Blue order"
advance "phase 2 done"
expect "advance to air" "Air \(3/9\)"
advance "phase 3 done"
expect "advance to movement" "Movement \(4/9\) +orders from: Mali and France, Jihadist coalition"
order "Red order: move" "Ansar Dine column \(Kojak\)" move "move to Douentza \([0-9]+ km, [0-9.]+ days?\)"
order "Blue order: move" "FAMa Ségou reserve" move "move to Sévaré \([0-9]+ km, [0-9.]+ days?\)"
keys 3
expect "orders panel lists both sides" "Red +Ansar Dine column"
expect "orders panel lists Blue's" "Blue +FAMa Ségou reserve"

echo "7. phase 5, combat: a Red attack, decided semi-rigid (d)"
advance "phase 4 done"
expect "advance to combat" "Combat \(5/9\)"
order "Red order: attack" "MUJAO Douentza group" attack ""
expect "attack: add units" "Step 3: add units"
keys Space Tab Enter  # tick the first (the Ansar Dine column), then Continue
expect "attack: targets" "Step 4: where\?"
pick "attack: target" choice "attack Konna$"
expect "attack given" "Order O[0-9]+ given"
keys Space
expect "Blue gave no orders: space asks first" "No orders from Mali and France in the Combat phase"
keys Space  # space again: advance anyway
expect "a ruling awaits (dialog opens)" "Decide: Attack on Konna"
expect "the basis of the ruling" "Attack on Konna: [0-9]+ against [0-9]+"
expect "the results, most likely, best and worst for the attacker" "most likely"
expect "best and worst say for whom" "best for the attacker \(Jihadist coalition\)"
keys Escape
expect_gone "escape closes the decision" "Decide: Attack on Konna"
expect "turn bar: decision needed" "DECISION NEEDED: press d"
keys d
expect "d reopens the decision" "Decide: Attack on Konna"
keys Enter  # the highlighted result, the most likely; then the reason
text "Konna is held; the column arrived tired"
expect "reason typed" "Konna is held; the column arrived tired"
keys Enter
expect "decided: on to irregular actions" "Irregular actions \(6/9\)"
expect_gone "decision dialog closed" "Decide: Attack on Konna"

echo "8. phase 6, irregular actions: a Red and a Blue order"
order "Red order: IED" "Ansar Dine infiltrators" "lay an IED" "lay an IED at Konna"
order "Blue order: block" "FAMa Konna garrison" "block a route" "block RN16 towards Douentza"

echo "9. phase 7, political: a matrix argument (a)"
advance "phase 6 done"
expect "advance to political" "Political \(7/9\)"
keys a
expect "argument dialog" "Matrix argument"
keys Enter  # the prepared arguments have the focus, the first highlighted
expect_gone "argument dialog closed" "Matrix argument"
keys 3
expect "argument in the orders panel" "Mali and France: argue"

echo "10. phases 8 and 9, the rulings panel (4), a note (n), the next turn"
advance "phase 7 done"
expect "advance to supply" "Supply and reinforcement \(8/9\)"
advance "phase 8 done"
expect "advance to assessment" "Assessment \(9/9\)"
keys 4
expect "rulings panel: the attack" "Attack on Konna"
expect "rulings panel: the argument" "Ask Algeria to let French"
keys n
expect "note dialog" "Note for the hot wash"
text "$NOTE"
keys Enter
expect "note recorded" "Note recorded on "
advance "turn 1 done"
expect "turn 2" "Turn 2/8 +(Tue )?08 Jan( 2013)? +Injects \(1/9\)"

echo "11. the side views (v) and back"
keys v
expect "Blue's view" "^ Mali and France view "
keys v
expect "Red's view" "^ Jihadist coalition view "
keys v
expect "back to the white cell" "^ White cell \(truth\) "

echo "12. undo (ctrl+z) and redo (ctrl+y)"
keys C-z
expect "undo: back to turn 1, assessment" "Turn 1/8 .*Assessment \(9/9\)"
keys C-y
expect "redo: turn 2 again" "Turn 2/8 .*Injects \(1/9\)"

echo "13. save (ctrl+s), quit (ctrl+q)"
keys C-s
expect "save dialog" "Save the game"
keys C-u
text "$SAVE"
keys Enter
expect "saved" "Saved to"
check "the save file exists" test -s "$SAVE"
check "the save file is JSON" "$HELPER_PY" -c 'import json, sys; json.load(open(sys.argv[1]))' "$SAVE"
BEFORE=$(screen | head -1 | grep -Eo "Turn [0-9]+/[0-9]+ +([A-Za-z]+ )?[0-9]+ [A-Za-z]+( [0-9]+)? +[A-Za-z ]+\([0-9]+/[0-9]+\)")
keys C-q
expect "quit" "\[wargame exited with status 0\]"
check "an autosave was written" compgen -G "$HOME_DIR/autosaves/konna-2013-*.json"
check "the save loads (wargame report)" bash -c "$WARGAME report '$SAVE' --out '$OUT/from-save'"
check "its report has the Red attack" grep -q "Turn 1, red: Combat: MUJAO Douentza group, Ansar Dine column (Kojak): attack Konna" "$OUT/from-save.md"

echo "14. reopen with --resume, at the same turn and phase"
launch play --resume
expect "resumed" "Turn 1/8|Turn 2/8" 30
capture "resumed turn bar"
AFTER=$(head -1 "$LAST" | grep -Eo "Turn [0-9]+/[0-9]+ +([A-Za-z]+ )?[0-9]+ [A-Za-z]+( [0-9]+)? +[A-Za-z ]+\([0-9]+/[0-9]+\)")
if [[ -z "$BEFORE" || "$BEFORE" != "$AFTER" ]]; then
    fail "resume" "reopened at '$AFTER', quit at '$BEFORE'"
fi
ok "--resume reopens where the game was quit: $AFTER"

echo "15. export the after-action report (ctrl+e)"
keys C-e
expect "report dialog" "Export the after-action report"
keys C-u
text "$REPORT"
keys Enter
expect "report written" "Report written:"
check "report .md exists" test -s "$REPORT.md"
check "report .html exists" test -s "$REPORT.html"
check "report .md has ## Plan" grep -q "^## Plan" "$REPORT.md"
check "report .html has the Plan" grep -q "<h2>Plan</h2>" "$REPORT.html"
check "report: Blue's recon order" grep -q "Turn 1, blue: Intelligence: FAMa Konna garrison: reconnoitre Douentza" "$REPORT.md"
check "report: Red's move order" grep -q "Turn 1, red: Movement: Ansar Dine column (Kojak): move to Douentza" "$REPORT.md"
check "report: Blue's move order" grep -q "Turn 1, blue: Movement: FAMa Ségou reserve: move to Sévaré" "$REPORT.md"
check "report: Red's IED order" grep -q "Turn 1, red: Irregular actions: Ansar Dine infiltrators: lay an IED at Konna" "$REPORT.md"
check "report: the argument" grep -q "argue: Ask Algeria" "$REPORT.md"
check "report: the decision and its reason" grep -q "decided by the facilitator.*Konna is held; the column arrived tired" "$REPORT.md"
check "report: the note, under Fixes" bash -c 'sed -n "/^## Fixes/,\$p" "$1" | grep -qF "$2"' - "$REPORT.md" "${NOTE#fix: }"
check "report: the published inject" grep -q "Turn 1: The jihadist offensive begins" "$REPORT.md"
check "report: the skipped inject" grep -Eq "skipped (red-berets|Red berets)" "$REPORT.md"
keys C-q
expect "quit again" "\[wargame exited with status 0\]"
check "no error log was written" test ! -e "$HOME_DIR/logs/errors.log"

echo "PASS: $CHECKS checks. Captures: $CAPTURES  Save and report: $OUT"
