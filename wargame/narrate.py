"""Events and orders in words, for the command line, the console and reports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from wargame.core.events import (
    Event,
    GameEnded,
    GameStarted,
    InjectDelayed,
    InjectSkipped,
    InjectWritten,
    ModeChanged,
    NoteAdded,
    OrderCancelled,
    OrderIssued,
    PhaseBegan,
    Ruling,
    RulingPending,
    visible,
)
from wargame.core.orders import Argue, Order
from wargame.core.scenario import Scenario


def unit_name(scenario: Scenario, unit_id: str) -> str:
    unit = scenario.units.get(unit_id)
    return unit.name if unit else unit_id


def area_name(scenario: Scenario, area_id: str) -> str:
    area = scenario.areas.get(area_id)
    return area.name if area else area_id


_TEMPLATES: dict[str, str] = {
    "move": "{unit}: move to {to}",
    "attack": "{units}: attack {area}{support}",
    "air_strike": "{unit}: strike {target}",
    "airlift": "{unit}: fly {units} to {to}",
    "air_insertion": "{unit}: insert {units} at {to}",
    "rebase": "{unit}: rebase to {to}",
    "recon": "{unit}: reconnoitre {area}",
    "isr": "{unit}: watch {area}",
    "dig_in": "{unit}: dig in",
    "disperse": "{unit}: melt away",
    "reform": "{unit}: re-form",
    "ambush": "{unit}: lie in ambush",
    "raid": "{unit}: raid {area}",
    "ied": "{unit}: lay an IED at {area}",
    "suicide_attack": "{unit}: suicide attack on {target}",
    "cache": "{unit}: lay a cache",
    "block_crossing": "{unit}: block {route}",
    "mine_crossing": "{unit}: mine {route}",
    "destroy_crossing": "{unit}: blow {route}",
    "repair_crossing": "{unit}: repair {route}",
    "train": "{unit}: train",
}


def describe_order(scenario: Scenario, order: Order) -> str:
    """An order in words: ``GTIA 1 (21e RIMa): move to Sévaré``."""
    if isinstance(order, Argue):
        title = scenario.arguments[order.argument][1].title if order.argument in scenario.arguments else order.title
        return f"{scenario.sides[order.side].name if order.side in scenario.sides else order.side}: argue: {title}"
    values = _fields(order)
    route = scenario.routes.get(values.get("route", ""))
    words = {
        "unit": unit_name(scenario, values.get("unit", "")),
        "units": ", ".join(unit_name(scenario, u) for u in values.get("units", ())),
        "to": area_name(scenario, values.get("to", "")),
        "area": area_name(scenario, values.get("area", "")),
        "target": unit_name(scenario, values.get("target", "")),
        "route": (route.name or route.key) if route else values.get("route", ""),
        "support": "",
    }
    if values.get("support"):
        words["support"] = " with " + ", ".join(unit_name(scenario, u) for u in values["support"])
    return _TEMPLATES[order.kind.value].format(**words)


def _fields(order: Order) -> dict:
    import attrs

    return {f.name: getattr(order, f.name) for f in attrs.fields(type(order))}


def ruling_lines(ruling: Ruling, *, details: bool = True) -> list[str]:
    """A ruling as a sentence, then its dice, modifiers, rules cited and any decision or override."""
    lines = [f"[{ruling.id}] {ruling.explanation}"]
    if details:
        lines += [f"      {label}: {text}" for label, text in ruling_details(ruling)]
    return lines


def ruling_details(ruling: Ruling) -> list[tuple[str, str]]:
    """(label, text) for what stands behind a ruling: each roll with its modifiers, the other modifiers,
    the rules cited, and the facilitator's decision or override with its reason. The log, the reports
    and the console all show these."""
    rows = []
    for roll in ruling.rolls:
        mods = ", ".join(str(m) for m in roll.modifiers)
        rows.append(("dice", f"{roll.purpose}: {roll}" + (f" ({mods})" if mods else "")))
    if ruling.modifiers:
        rows.append(("modifiers", ", ".join(str(m) for m in ruling.modifiers)))
    if ruling.citations:
        rows.append(("rules", ", ".join(ruling.citations)))
    reason = f"; reason: {ruling.reason}" if ruling.reason else ""
    if ruling.choice == "override":
        rows.append(("overridden by the facilitator", f"{ruling.overridden} -> {ruling.result}{reason}"))
    elif ruling.choice and ruling.choice != "published":
        rows.append((f"decided by the facilitator ({ruling.mode.label})", f"{ruling.choice}{reason}"))
    return rows


def narrate(
    scenario: Scenario, events: Iterable[Event], side: str | None = None, *, details: bool = True
) -> Iterator[str]:
    """The log as readable lines (only what ``side`` may see, if given)."""
    phases = {p.id: p.title for p in scenario.rules.phases}
    for event in events:
        if not visible(event, side):
            continue
        match event:
            case GameStarted():
                yield f"{scenario.title} ({scenario.id}), seed {event.seed}"
            case PhaseBegan(turn=turn, phase=phase, date=date):
                if phase == scenario.rules.phases[0].id:
                    yield ""
                    yield f"Turn {turn}: {date:%d %b %Y}"
                yield f"  {phases.get(phase, phase)}"
            case OrderIssued(order_id=oid, side=who, order=order):
                yield f"    order {oid} ({who}): {describe_order(scenario, order)}"
            case OrderCancelled(order_id=oid):
                yield f"    order {oid} cancelled"
            case Ruling():
                for i, line in enumerate(ruling_lines(event, details=details)):
                    yield ("    " if i == 0 else "  ") + line
            case RulingPending(title=title, mode=mode):
                yield f"    awaiting the facilitator ({mode.label}): {title}"
            case InjectSkipped(inject=inject, reason=reason):
                yield f"    inject {inject} skipped" + (f": {reason}" if reason else "")
            case InjectDelayed(inject=inject, until_turn=until):
                yield f"    inject {inject} delayed to turn {until}"
            case InjectWritten(inject=inject):
                yield f"    inject written: {inject.title}"
            case ModeChanged(key=key, mode=mode):
                yield f"    {key} now adjudicated {mode.label}"
            case NoteAdded(text=text):
                yield f"    note: {text}"
            case GameEnded(reason=reason):
                yield ""
                yield f"Game over: {reason}."
