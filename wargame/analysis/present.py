"""Showing a simulation: a readable summary with histograms for the terminal, and an HTML
report with the same figures drawn as plots (inline SVG: one file, nothing to install)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wargame.analysis.simulate import SimulationResult

BARS = " ▁▂▃▄▅▆▇█"


def histogram(values: Sequence[float], bins: int = 12) -> tuple[list[int], float, float]:
    """Counts in equal bins between the smallest and largest value."""
    if not values:
        return [], 0.0, 0.0
    low, high = min(values), max(values)
    if high == low:
        return [len(values)], low, high
    counts = [0] * bins
    for value in values:
        counts[min(int((value - low) / (high - low) * bins), bins - 1)] += 1
    return counts, low, high


def spark(values: Sequence[float], bins: int = 12) -> str:
    """A one-line histogram: ``12 ▁▃▇█▅▂ 340``."""
    counts, low, high = histogram(values, bins)
    if not counts:
        return "(no values)"
    top = max(counts)
    bars = "".join(BARS[round(c / top * (len(BARS) - 1))] for c in counts)
    return f"{low:g} {bars} {high:g}"


def _range(spread: dict[str, float], fmt: str = "{:.0f}") -> str:
    if not spread:
        return "never"
    return f"{fmt.format(spread['median'])} ({fmt.format(spread['p10'])}-{fmt.format(spread['p90'])})"


def summary_lines(result: SimulationResult) -> list[str]:
    """The summary for the terminal."""
    s = result.scenario
    records = result.records
    policies = ", ".join(f"{side} {name}" for side, name in result.spec.policies.items())
    lines = [
        f"{s.title} ({s.id}): {len(records)} runs, seeds {result.seed}-{result.seed + len(records) - 1}; {policies}"
    ]
    if result.spec.plan:
        lines.append(f"plan: {result.spec.plan}")
    summary = result.summary()
    for ending, count in sorted(summary["endings"].items(), key=lambda kv: -kv[1]):
        lines.append(f"  {count / len(records):>5.0%}  {ending}")
    if summary["errors"]:
        lines.append(
            f"  ERRORS in {len(summary['errors'])} runs, e.g. seed {summary['errors'][0]['seed']}: "
            f"{summary['errors'][0]['error']}"
        )
    lines += ["", "Objectives: met at the end, met at some point, first met on (median, 10-90%)"]
    for o in summary["objectives"]:
        dates = o["first_met_date"]
        when = f"{dates['median']} ({dates['p10']} - {dates['p90']})" if dates else "never"
        lines.append(f"  {o['side']:<6} {o['met_at_end']:>5.0%} {o['met_ever']:>5.0%}  {when:<36} {o['title']}")
    lines += ["", "Losses, ground personnel: median (10-90%), and their spread"]
    for side, spread in summary["losses"].items():
        values = [r.losses[side] for r in records]
        lines.append(f"  {s.sides[side].name:<28} {_range(spread):<18} {spark(values)}")
    if summary["tracks"]:
        lines += ["", "Tracks, final value: median (10-90%), and their spread"]
        for track_id, spread in summary["tracks"].items():
            values = [r.tracks.get(track_id, 0) for r in records]
            lines.append(f"  {s.tracks_by_id[track_id].title:<28} {_range(spread):<18} {spark(values)}")
    if summary["control"]:
        lines += ["", "Areas that changed hands: how often, first change on (median, 10-90%), held at the end by"]
        for c in summary["control"]:
            dates = c["first_change_date"]
            holders = ", ".join(f"{k} {v:.0%}" for k, v in c["final_holders"].items())
            when = f"{dates['median']} ({dates['p10']} - {dates['p90']})"
            lines.append(f"  {c['name']:<22} {c['changed']:>5.0%}  {when}  {holders}")
    return lines


# -- HTML ----------------------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }
h1 { border-bottom: 3px solid #1f2937; } h2 { border-bottom: 1px solid #9ca3af; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0; }
th, td { border: 1px solid #d1d5db; padding: 0.25rem 0.5rem; text-align: left; } th { background: #f3f4f6; }
.plots { display: flex; flex-wrap: wrap; gap: 1rem; } figure { margin: 0; } figcaption { font-size: 0.85rem; }
"""


def svg_histogram(
    values: Sequence[float], title: str, width: int = 300, height: int = 140, colour: str = "#3b82f6"
) -> str:
    """A histogram as inline SVG."""
    counts, low, high = histogram(values)
    e = html.escape
    if not counts:
        return f"<figure><figcaption>{e(title)}: no values</figcaption></figure>"
    top = max(counts)
    bar = (width - 20) / len(counts)
    rects = "".join(
        f"<rect x='{10 + i * bar:.1f}' y='{height - 25 - c / top * (height - 45):.1f}' width='{bar - 2:.1f}' "
        f"height='{c / top * (height - 45):.1f}' fill='{colour}'><title>{c}</title></rect>"
        for i, c in enumerate(counts)
    )
    axis = (
        f"<text x='10' y='{height - 8}' font-size='11'>{low:g}</text>"
        f"<text x='{width - 10}' y='{height - 8}' font-size='11' text-anchor='end'>{high:g}</text>"
    )
    return (
        f"<figure><svg width='{width}' height='{height}' role='img' aria-label='{e(title)}'>{rects}{axis}</svg>"
        f"<figcaption>{e(title)}</figcaption></figure>"
    )


def html_report(result: SimulationResult) -> str:
    """One self-contained HTML page: the summary tables and the distributions as plots."""
    e = html.escape
    s = result.scenario
    summary = result.summary()
    records = result.records
    parts = [
        f"<h1>Simulation: {e(s.title)}</h1>",
        f"<p>{len(records)} runs of <code>{e(s.id)}</code>, seeds {result.seed}-{result.seed + len(records) - 1}; "
        f"policies: {e(', '.join(f'{k} {v}' for k, v in result.spec.policies.items()))}"
        + (f"; plan <code>{e(result.spec.plan)}</code>" if result.spec.plan else "")
        + ".</p>",
    ]
    parts.append(
        "<h2>Endings</h2><table><tr><th>share</th><th>ending</th></tr>"
        + "".join(f"<tr><td>{c / len(records):.0%}</td><td>{e(k)}</td></tr>" for k, c in summary["endings"].items())
        + "</table>"
    )
    parts.append(
        "<h2>Objectives</h2><table><tr><th>side</th><th>objective</th><th>met at the end</th>"
        "<th>met at some point</th><th>first met (median, 10-90%)</th></tr>"
    )
    for o in summary["objectives"]:
        d = o["first_met_date"]
        when = f"{d['median']} ({d['p10']} - {d['p90']})" if d else "never"
        parts.append(
            f"<tr><td>{e(o['side'])}</td><td>{e(o['title'])}</td><td>{o['met_at_end']:.0%}</td>"
            f"<td>{o['met_ever']:.0%}</td><td>{e(when)}</td></tr>"
        )
    parts.append("</table><h2>Losses</h2><div class='plots'>")
    for side in s.sides:
        colour = s.sides[side].colour or "#6b7280"
        parts.append(
            svg_histogram(
                [r.losses[side] for r in records], f"{s.sides[side].name}: ground personnel lost", colour=colour
            )
        )
    parts.append("</div>")
    if s.tracks:
        parts.append("<h2>Tracks (final value)</h2><div class='plots'>")
        for track in s.tracks:
            parts.append(
                svg_histogram([r.tracks.get(track.id, track.start) for r in records], track.title, colour="#7c3aed")
            )
        parts.append("</div>")
    if summary["objectives"]:
        parts.append("<h2>When objectives were first met (turn)</h2><div class='plots'>")
        for o in summary["objectives"]:
            turns = [r.objectives_first_met[o["id"]] for r in records if r.objectives_first_met.get(o["id"])]
            if turns:
                parts.append(svg_histogram(turns, f"{o['title']} ({len(turns)} runs)", colour="#059669"))
        parts.append("</div>")
    if summary["control"]:
        parts.append(
            "<h2>Areas that changed hands</h2><table><tr><th>area</th><th>changed</th>"
            "<th>first change (median, 10-90%)</th><th>held at the end by</th></tr>"
        )
        for c in summary["control"]:
            d = c["first_change_date"]
            holders = ", ".join(f"{k} {v:.0%}" for k, v in c["final_holders"].items())
            parts.append(
                f"<tr><td>{e(c['name'])}</td><td>{c['changed']:.0%}</td>"
                f"<td>{e(d['median'])} ({e(d['p10'])} - {e(d['p90'])})</td><td>{e(holders)}</td></tr>"
            )
        parts.append("</table>")
    title = e(f"Simulation: {s.title}")
    return (
        f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{title}</title><style>{_CSS}</style>"
        "</head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )
