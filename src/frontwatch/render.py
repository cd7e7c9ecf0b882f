"""Terminal views (rich) of reports and evaluation results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from .records import Event, Report

if TYPE_CHECKING:
    from .evaluate import Evaluation


def _event_cell(event: Event) -> str:
    parts = [f"{event.type} ({event.actor_side})"]
    if event.polarity != "asserted":
        parts.append(event.polarity.upper())
    if event.places:
        parts.append("@ " + ", ".join(p.name or f"{p.text}?" for p in event.places))
    if event.time and event.time.start:
        span = event.time.start.isoformat()
        if event.time.end and event.time.end != event.time.start:
            span += ".." + event.time.end.isoformat()
        parts.append(span)
    for q in event.quantities:
        value = "?" if q.value is None else f"{q.value:g}"
        parts.append(f"{'~' if q.approx else ''}{value} {q.unit}")
    return " ".join(parts)


def print_report(report: Report, console: Console) -> None:
    """One table per article: each claim with claimant, cue and events."""
    a = report.article
    heading = " · ".join(x for x in (a.title, a.source, a.published.isoformat() if a.published else None, a.origin) if x)
    table = Table(title=heading or a.id[:19], show_lines=False, expand=False, title_justify="left")
    table.add_column("claimant", max_width=28)
    table.add_column("side", width=7)
    table.add_column("cue", max_width=14)
    table.add_column("events", max_width=60)
    table.add_column("sentence", max_width=60, overflow="ellipsis", no_wrap=True)
    for claim in report.claims:
        c = claim.claimant
        who = c.name + (f", {c.role}" if c.role else "")
        cue = (claim.cue or "") + (" “”" if claim.direct_quote else "")
        events = "\n".join(_event_cell(e) for e in claim.events) or "–"
        table.add_row(who, c.side, cue, events, claim.text.replace("\n", " "))
    console.print(table)
    if a.removed:
        console.print(f"[dim]removed: {len(a.removed)} ({', '.join(sorted({r.kind for r in a.removed}))})[/dim]")


def print_evaluation(result: Evaluation, console: Console, mistakes: int = 10) -> None:
    """A table of figures per gold kind, then the first mistakes of each."""
    for section in result.sections:
        table = Table(title=f"{section.kind}: {section.items} gold item(s) from {len(section.files)} file(s)",
                      title_justify="left")
        table.add_column("figure")
        table.add_column("value", justify="right")
        for name, value in section.metrics.items():
            table.add_row(name, _fmt(value))
        console.print(table)
        if mistakes and section.mistakes:
            console.print(f"[bold]{section.kind}: first {min(mistakes, len(section.mistakes))} of "
                          f"{len(section.mistakes)} mistakes[/bold]")
            for m in section.mistakes[:mistakes]:
                console.print(f"  [red]{m.get('what', 'mistake')}[/red] expected={m.get('expected')!s} "
                              f"got={m.get('got')!s}\n    [dim]{str(m.get('text', ''))[:160]}[/dim]", soft_wrap=True)
    console.print(f"[dim]evaluated in {result.seconds:.1f} s[/dim]")


def print_real_result(result: Any, before: dict[str, float], floors: dict[str, float], console: Console,
                      mistakes: int = 10) -> None:
    """One real-text set: the figures it shows, before the real-text work, now, and the floor held."""
    s = result.set
    table = Table(title=f"{s.name}: {s.about} ({result.items} articles, {result.seconds:.0f} s)", title_justify="left")
    for name, justify in (("figure", "left"), ("before", "right"), ("now", "right"), ("floor", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for name in s.shown or tuple(result.metrics):
        value = result.metrics.get(name)
        table.add_row(name, _fmt(before.get(name, "-")), _fmt(value if value is not None else "-"),
                      _fmt(floors.get(name, "-")))
    console.print(table)
    if mistakes and result.mistakes:
        console.print(f"[bold]{s.name}: first {min(mistakes, len(result.mistakes))} of {len(result.mistakes)} "
                      "mistakes[/bold]")
        for m in result.mistakes[:mistakes]:
            console.print(f"  [red]{m.get('what', 'mistake')}[/red] {m.get('id', '')} expected={m.get('expected')!s} "
                          f"got={m.get('got')!s}\n    [dim]{str(m.get('text', ''))[:160]}[/dim]", soft_wrap=True)
    for problem in result.problems[:5]:
        console.print(f"  [yellow]problem[/yellow] {problem}", soft_wrap=True)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
