"""The ``wargame`` command.

Exit status: 0 on success, 2 for bad input (a file with problems, a bad argument),
1 for an unexpected error (reported in one line, with the details written to a log
file). No traceback ever reaches the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from wargame import __version__

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """A bad argument: reported like argparse's own errors, exit 2."""


# -- commands -----------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    from wargame.loading import ScenarioError, bundled_scenario_files, load_scenario

    rows = []
    for path in bundled_scenario_files():
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            rows.append((path.stem, f"(does not load: {exc.problems[0].message})", "", ""))
            continue
        dates = f"{scenario.start:%d %b %Y} - {scenario.end:%d %b %Y}"
        span = f"{dates}, {scenario.turn_count} turns of {scenario.turn_length}"
        sides = ", ".join(s.name for s in scenario.sides.values())
        rows.append((scenario.id, scenario.title, span, sides))
    if args.json:
        print(json.dumps([dict(zip(("id", "title", "span", "sides"), r, strict=True)) for r in rows], indent=2))
        return EXIT_OK
    width = max((len(r[0]) for r in rows), default=10)
    for scenario_id, title, span, sides in rows:
        print(f"{scenario_id:<{width}}  {title}")
        if span:
            print(f"{'':<{width}}  {span}")
            print(f"{'':<{width}}  sides: {sides}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from wargame.loading import check_file, scenario_path

    problems = []
    for name in args.files:
        path = scenario_path(name) or Path(name)
        problems += check_file(path)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if args.format == "json":
        print(json.dumps([_problem_json(p) for p in problems], indent=2, ensure_ascii=False))
    else:
        for found in problems:
            print(found)
    if args.format != "json":
        files = len(args.files)
        print(
            f"{files} file{'s' if files != 1 else ''}: {len(errors)} error{'s' if len(errors) != 1 else ''}, "
            f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}",
            file=sys.stderr,
        )
    failed = errors or (args.strict and warnings)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _problem_json(found) -> dict:
    from wargame.core.problems import format_path

    return {
        "file": found.file,
        "line": found.line,
        "column": found.column,
        "level": found.level,
        "code": found.code,
        "path": format_path(found.path),
        "message": found.message,
    }


def cmd_run(args: argparse.Namespace) -> int:
    from wargame.analysis import RandomPolicy, play
    from wargame.core import Game
    from wargame.loading import load_scenario
    from wargame.loading.convert import event_to_data
    from wargame.loading.orders_file import load_orders
    from wargame.narrate import describe_order, narrate

    scenario = load_scenario(args.scenario)
    if args.side and args.side not in scenario.sides:
        raise UsageError(f"--side: no side {args.side!r} in {scenario.id} (sides: {', '.join(scenario.sides)})")
    script = None
    if args.orders:
        orders = load_orders(args.orders, scenario)
        script = orders.orders_for
    policy = RandomPolicy() if args.policy == "random" else None
    game = Game(scenario, seed=args.seed)
    result = play(game, dict.fromkeys(scenario.sides, policy), seed=args.seed, script=script, turns=args.turns)
    if args.json:
        for event in game.visible_log(args.side):
            print(json.dumps(event_to_data(event), ensure_ascii=False))
    else:
        for line in narrate(scenario, game.log, args.side, details=not args.brief):
            print(line)
        if not game.over:
            print(f"\nStopped after turn {args.turns}.")
    for turn, phase, side, order, rejection in result.refused:
        if args.side in (None, side):  # another side's refused orders are none of this side's business
            print(f"refused (turn {turn}, {phase}): {describe_order(scenario, order)}: {rejection}", file=sys.stderr)
    return EXIT_OK


FLAGSHIP = "serval-2013"


def cmd_simulate(args: argparse.Namespace) -> int:
    """Replications of a scenario: a summary, histograms, and CSV/JSON/HTML results."""
    from wargame.analysis.simulate import cached_scenario, simulate

    scenario = cached_scenario(args.scenario)  # simulate() finds it loaded
    policies = dict(_policy_pairs(args.policy, scenario))
    for side, name in (("blue", args.blue), ("red", args.red)):
        if name:
            if side not in scenario.sides:
                raise UsageError(f"--{side}: {scenario.id} has no side {side!r} (sides: {', '.join(scenario.sides)})")
            policies[side] = name
    if args.out:
        _check_folder(args.out)  # before the runs, not after an hour of them
    bar = _ProgressBar(args.runs) if sys.stderr.isatty() else None
    result = simulate(
        args.scenario,
        args.runs,
        seed=args.seed,
        policies=policies,
        plan=args.plan,
        jobs=args.jobs,
        turns=args.turns,
        scheduler=args.scheduler,
        progress=bar,
    )
    if bar:
        bar.done()
    print(result.summary_text())
    if args.out:
        for path in result.write(args.out):
            print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _check_folder(folder: str) -> None:
    """The output folder exists (or is made) and takes files, or a UsageError says why not."""
    import tempfile

    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise UsageError(f"--out: cannot write to {folder}: {exc.strerror or exc}") from None


def _policy_pairs(items: list[str], scenario) -> list[tuple[str, str]]:
    from wargame.analysis.simulate import POLICIES

    pairs = []
    for item in items:
        side, sep, name = item.partition("=")
        if not sep or side not in scenario.sides or name not in POLICIES:
            raise UsageError(
                f"--policy {item!r}: write SIDE=POLICY, SIDE one of {', '.join(scenario.sides)}, "
                f"POLICY one of {', '.join(POLICIES)}"
            )
        pairs.append((side, name))
    return pairs


class _ProgressBar:
    """A one-line progress bar on standard error."""

    def __init__(self, total: int) -> None:
        import time

        self.total, self.start, self.clock = total, time.perf_counter(), time.perf_counter

    def __call__(self, done: int) -> None:
        width = 30
        filled = round(width * done / self.total)
        elapsed = self.clock() - self.start
        eta = elapsed / done * (self.total - done) if done else 0
        bar = "█" * filled + "░" * (width - filled)
        print(
            f"\r{bar} {done}/{self.total} runs, {elapsed:.0f} s, about {eta:.0f} s left ",
            end="",
            file=sys.stderr,
            flush=True,
        )

    def done(self) -> None:
        print(file=sys.stderr)


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas for scenario and rules files."""
    from wargame.loading.schema import SCHEMA_DIR, write_schemas

    for path in write_schemas(Path(args.out) if args.out else SCHEMA_DIR):
        print(path)
    return EXIT_OK


def slug_of(name: str) -> str:
    """An id made from a title: ASCII letters and digits joined by ``-`` (``Gao: the bridge`` -> ``gao-the-bridge``)."""
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar that reads back as this very text: plain if YAML would, else double-quoted."""
    from wargame.loading.yaml_nodes import YamlProblem, read

    try:
        plain = read(f"value: {value}\n").data == {"value": value}
    except YamlProblem:
        plain = False
    return value if plain and value == value.strip() else json.dumps(value, ensure_ascii=False)


def cmd_new(args: argparse.Namespace) -> int:
    """Write a small, valid, commented starting scenario."""
    from importlib import resources

    from wargame.loading.schema import SCHEMA_DIR

    slug = slug_of(args.name)
    if not slug:
        raise UsageError("give the scenario a name with letters or digits, like gao-1")
    path = Path(args.out) if args.out else Path(f"{slug}.yaml")
    if path.exists() and not args.force:
        raise UsageError(f"{path} exists: choose another name or add --force")
    template = resources.files("wargame").joinpath("templates/new-scenario.yaml").read_text(encoding="utf-8")
    text = (
        template.replace("{schema}", (SCHEMA_DIR / "scenario.schema.json").as_uri())
        .replace("{file}", str(path))
        .replace("{id}", yaml_text(slug))
        .replace("{title}", json.dumps(args.name.strip(), ensure_ascii=False))
    )
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: try 'wargame validate {path}', then 'wargame playtest {path}'")
    return EXIT_OK


def cmd_playtest(args: argparse.Namespace) -> int:
    """Play many bot games and report what a designer should look at."""
    from wargame.analysis.playtest import format_report, playtest
    from wargame.loading import load_scenario

    scenario = load_scenario(args.scenario)
    show = sys.stderr.isatty() and not args.json

    def progress(done: int) -> None:
        if show:
            print(f"\r{done}/{args.games} games", end="", file=sys.stderr, flush=True)

    report = playtest(scenario, args.games, seed=args.seed, turns=args.turns, progress=progress)
    if show:
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(_playtest_json(report), indent=2, ensure_ascii=False))
    else:
        print("\n".join(format_report(report)))
    return EXIT_ERROR if report.errors else EXIT_OK


def _playtest_json(report) -> dict:
    return {
        "scenario": report.scenario.id,
        "seeds": report.seeds,
        "endings": report.endings,
        "errors": [{"seed": s, "error": e} for s, e in report.errors],
        "objectives": [
            {"side": side, "id": oid, "title": title, "met_at_end": end, "met_ever": ever, "flag": flag}
            for side, oid, title, end, ever, flag in report.objective_flags()
        ],
        "injects_never_published": report.never_fired(),
        "tracks_never_moved": report.still_tracks(),
        "units_never_moved": report.never_moved(),
        "areas_never_entered": report.never_entered(),
    }


def cmd_play(args: argparse.Namespace) -> int:
    """Open the console on a scenario, a save, the last autosave, or the picker."""
    from wargame.tui.launch import launch

    return launch(
        args.scenario,
        seed=args.seed,
        resume=args.resume,
        autosave=not args.no_autosave,
        recover=not args.no_recovery,
        allow_changed=args.allow_changed,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the console to browsers with textual-serve."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError("serving needs textual-serve: pip install 'seminar-wargame[serve]'") from None
    import shlex

    command = [sys.executable, "-m", "wargame", "play", *([args.scenario] if args.scenario else [FLAGSHIP])]
    command += ["--seed", str(args.seed), "--no-recovery"]  # each browser's console is its own game
    public = args.public_url or f"http://{args.host}:{args.port}"
    print(f"Serving the console at {public} (ctrl+c to stop)", file=sys.stderr)
    Server(shlex.join(command), host=args.host, port=args.port, title="wargame", public_url=args.public_url).serve()
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the after-action report of a saved game."""
    from wargame.loading.saves import load_game
    from wargame.report import export_report

    game = load_game(args.save, allow_changed_scenario=args.allow_changed)
    if args.side and args.side not in game.scenario.sides:
        raise UsageError(f"--side: no side {args.side!r} (sides: {', '.join(game.scenario.sides)})")
    if args.out:
        stem = Path(args.out)
    else:
        save = Path(args.save)
        stem = save.with_name(save.stem + ("-" + args.side if args.side else "") + "-report")
    for path in export_report(game, stem, args.side):
        print(path)
    return EXIT_OK


# -- the parser ---------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wargame",
        description="Seminar wargames: a rules engine, scenarios, and a facilitator's console.",
        epilog="Scenarios are named by id (see 'wargame list') or by path to a .yaml file.",
    )
    parser.add_argument("--version", action="version", version=f"wargame {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("list", help="list the bundled scenarios", description="List the bundled scenarios.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_list)

    p = commands.add_parser(
        "validate",
        help="check scenario, rules and orders files",
        description="Check scenario, rules and orders files; print every problem as file:line:col: [level] message "
        "(code). An orders file is checked against the scenario it names (bundled, or a file beside it with that "
        "id). Exit 0 when valid, 2 otherwise.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario, rules or orders files (or bundled scenario ids)")
    p.add_argument("--format", choices=["parsable", "json"], default="parsable", help="output format")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.set_defaults(run=cmd_validate)

    p = commands.add_parser(
        "run",
        help="play a game without the console and print its log",
        description="Play a whole game headless: scripted orders from --orders first, then random legal orders "
        "for every side; the dice settle every ruling. Prints the event log.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id or a .yaml file")
    p.add_argument("--seed", type=int, default=1, help="the game's seed (default 1)")
    p.add_argument("--turns", type=_positive, metavar="K", help="stop after K turns")
    p.add_argument("--orders", metavar="FILE", help="an orders file (YAML) to play first")
    p.add_argument(
        "--policy", choices=["random", "none"], default="random", help="orders for every side besides the file"
    )
    p.add_argument("--side", metavar="SIDE", help="print only what SIDE may see")
    p.add_argument("--brief", action="store_true", help="one line per ruling (no dice, modifiers or rules)")
    p.add_argument("--json", action="store_true", help="print the events as JSON lines")
    p.set_defaults(run=cmd_run)

    p = commands.add_parser(
        "play",
        help="open the facilitator's console (the default)",
        description="Open the facilitator's console on a scenario (id or .yaml), a saved game (.json), "
        "the last autosave (--resume), or, with no argument, a scenario picker.",
    )
    p.add_argument(
        "scenario", nargs="?", metavar="SCENARIO_OR_FILE", help="scenario id, .yaml file or saved .json game"
    )
    p.add_argument("--seed", type=int, default=1, help="the game's seed for a new game (default 1)")
    p.add_argument("--resume", action="store_true", help="reopen the most recent autosave")
    p.add_argument("--no-autosave", action="store_true", help="do not autosave (for demonstrations)")
    p.add_argument(
        "--no-recovery", action="store_true", help="do not offer the autosaves of consoles that did not close cleanly"
    )
    p.add_argument("--allow-changed", action="store_true", help="open a save even if its scenario has changed")
    p.set_defaults(run=cmd_play)

    p = commands.add_parser(
        "serve",
        help="serve the console to web browsers (remote seminars)",
        description="Serve the console with textual-serve: each browser that connects gets its own console.",
    )
    p.add_argument("scenario", nargs="?", metavar="SCENARIO_OR_FILE", help=f"what to open (default {FLAGSHIP})")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--host", default="localhost")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, if not http://HOST:PORT (behind a proxy, or when HOST is 0.0.0.0)",
    )
    p.set_defaults(run=cmd_serve)

    p = commands.add_parser(
        "new",
        help="write a new scenario to start from",
        description="Write a small, valid, commented scenario (two sides, a river crossing, an inject, "
        "objectives) to edit. Fields are explained in docs/authoring.md.",
    )
    p.add_argument("name", metavar="NAME", help="the scenario's title; its id and file name are made from it")
    p.add_argument("--out", metavar="FILE", help="where to write (default NAME.yaml here)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(run=cmd_new)

    p = commands.add_parser(
        "playtest",
        help="play many bot games of a scenario and report what to look at",
        description="Play N seeded games with random legal orders and report units that never moved, areas "
        "never entered, objectives never or always met, injects never published, tracks that never moved, "
        "turn lengths and any engine error (exit 1 if any).",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id or a .yaml file")
    p.add_argument("--games", type=_positive, default=20, help="how many games (default 20)")
    p.add_argument("--seed", type=int, default=1, help="the first game's seed (default 1)")
    p.add_argument("--turns", type=_positive, metavar="K", help="stop each game after K turns")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_playtest)

    p = commands.add_parser(
        "simulate",
        help="play many replications and show the spread of outcomes",
        description="Play N seeded replications with bots (heuristic by default) on J processes, print a summary "
        "with histograms, and with --out write runs.csv, runs.json and report.html. The results are the same "
        "whatever J.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="a bundled scenario id or a .yaml file")
    p.add_argument("--runs", type=_positive, default=100, help="replications (default 100)")
    p.add_argument("--seed", type=int, default=1, help="the first run's seed (default 1)")
    p.add_argument("--blue", choices=["heuristic", "random", "none"], help="policy for the blue side")
    p.add_argument("--red", choices=["heuristic", "random", "none"], help="policy for the red side")
    p.add_argument("--policy", action="append", default=[], metavar="SIDE=POLICY", help="policy for any side")
    p.add_argument("--plan", metavar="FILE", help="an orders file played first; the policies fill in")
    p.add_argument("--jobs", type=_positive, default=1, metavar="J", help="processes (default 1)")
    p.add_argument("--turns", type=_positive, metavar="K", help="stop each run after K turns")
    p.add_argument("--out", metavar="DIR", help="write runs.csv, runs.json and report.html here")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler to run on (needs the dask extra)")
    p.set_defaults(run=cmd_simulate)

    p = commands.add_parser(
        "schema",
        help="write the JSON Schemas for scenario and rules files",
        description="Write scenario.schema.json and rules.schema.json (what editors use to complete and check YAML).",
    )
    p.add_argument("--out", metavar="DIR", help="the folder (default: the package's own schemas)")
    p.set_defaults(run=cmd_schema)

    p = commands.add_parser(
        "report",
        help="write the after-action report of a saved game",
        description="Write the after-action report (Markdown and HTML) of a saved game.",
    )
    p.add_argument("save", metavar="SAVE", help="a saved game (.json)")
    p.add_argument("--side", help="only what this side may see")
    p.add_argument(
        "--out",
        metavar="STEM",
        help="write STEM.md and STEM.html (default: SAVE-report or SAVE-SIDE-report, next to the save)",
    )
    p.add_argument("--allow-changed", action="store_true", help="replay even if the scenario has changed")
    p.set_defaults(run=cmd_report)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wargame`` command; returns the exit status."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        argv = ["play", FLAGSHIP]  # no arguments: the console on the flagship scenario
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    return _guarded(parser, args)


def _guarded(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run a command, turning every failure into a message and an exit status."""
    from wargame.core.game import GameError
    from wargame.core.problems import ScenarioError
    from wargame.loading.saves import SaveError

    try:
        return args.run(args)
    except ScenarioError as exc:
        for found in exc.problems:
            print(found, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (SaveError, GameError) as exc:
        print(f"wargame: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"wargame: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        log = _write_crash_log()
        print(f"wargame: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print(f"wargame: details written to {log}", file=sys.stderr)
        return EXIT_ERROR


def _write_crash_log() -> Path:
    from wargame.userdirs import log_dir

    path = log_dir() / "errors.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- wargame {__version__}: {' '.join(sys.argv)}\n")
        handle.write(traceback.format_exc())
    return path


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
