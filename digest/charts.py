"""Draw the digest's charts as small PNGs with matplotlib's Agg backend (no pyplot)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from digest.i18n import Locale

# 600x300 px at 100 dpi fits a 600 px mail column and stays far under 80 KB per PNG.
_SIZE_IN = (6.0, 3.0)
_DPI = 100
# Colour-blind-safe palette (Okabe-Ito); own brand always gets the first colour.
_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


@dataclass(frozen=True)
class Series:
    """One brand's values over time."""

    label: str
    points: list[tuple[date, float]]


def _plain(label: str) -> str:
    """Keep matplotlib from reading "$" in a brand name as mathtext."""
    return label.replace("$", r"\$")


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buf = BytesIO()
    # Metadata off: the PNG is byte-stable across runs, which keeps tests and diffs calm.
    fig.savefig(buf, format="png", dpi=_DPI, metadata={"Software": None})
    return buf.getvalue()


def _figure() -> Figure:
    fig = Figure(figsize=_SIZE_IN, dpi=_DPI, layout="constrained")
    return fig


def share_of_voice(series: list[Series], loc: Locale, title: str) -> bytes:
    """Draw one line per brand of mention share over time."""
    fig = _figure()
    ax = fig.add_subplot()
    for i, s in enumerate(series):
        xs = [d for d, _ in s.points]
        ys = [v for _, v in s.points]
        ax.plot(xs, ys, marker="o", markersize=3, linewidth=1.8,
                color=_PALETTE[i % len(_PALETTE)], label=_plain(s.label))
    ax.set_title(_plain(title), fontsize=10, loc="left")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: loc.percent(v, 0)))
    ticks = sorted({d for s in series for d, _ in s.points})
    if ticks:
        # One tick per period (at most 14), never matplotlib's in-between days.
        ax.set_xticks(ticks[:: max(1, len(ticks) // 8)])
    ax.xaxis.set_major_formatter(FuncFormatter(_date_formatter(loc)))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", linewidth=0.4, alpha=0.6)
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if series:
        # Below the plot: a right-hand legend would clip long brand names at 600 px.
        fig.legend(fontsize=8, frameon=False, loc="outside lower center",
                   ncols=min(len(series), 4))
    return _png(fig)


def _date_formatter(loc: Locale):
    from matplotlib.dates import num2date

    return lambda v, _: loc.short_day(num2date(v).date())


def net_sentiment(values: list[tuple[str, float | None]], loc: Locale, title: str) -> bytes:
    """Draw a horizontal bar of net sentiment (−1..1) per brand."""
    fig = _figure()
    ax = fig.add_subplot()
    labels = [_plain(label) for label, _ in values]
    nums = [v or 0.0 for _, v in values]
    colours = ["#009E73" if v >= 0 else "#D55E00" for v in nums]
    ax.barh(labels, nums, color=colours, height=0.6)
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: loc.number(v, 1)))
    for y, (v, raw) in enumerate(zip(nums, (r for _, r in values))):
        ax.text(v + (0.03 if v >= 0 else -0.03), y, loc.signed(raw) if raw is not None else loc.number(None),
                va="center", ha="left" if v >= 0 else "right", fontsize=8)
    ax.set_title(_plain(title), fontsize=10, loc="left")
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _png(fig)
