"""The geometry of the growth chart: horizontal bars, one per founding year, drawn on the server.

Years run down the side, so the chart grows in height rather than width and stays readable on a
phone. Each bar is the cumulative number of initiatives; its last segment is what that year added.
The template turns these numbers into SVG; colours come from CSS classes (the CSP forbids style=).
"""

import math
from dataclasses import dataclass

from initiatives.insights import Growth

WIDTH = 360
LABEL_WIDTH = 52  # room for the year on the left
VALUE_WIDTH = 84  # room for "152 (+12)" after the longest bar
TOP = 30  # room for the axis title above the bars
ROW = 26
BAR = 18
BOTTOM = 50  # room for the tick labels and the axis title below
PLOT = WIDTH - LABEL_WIDTH - VALUE_WIDTH


@dataclass(frozen=True)
class Bar:
    year: int
    total: int
    new: int
    y: float
    earlier_width: float
    new_x: float
    new_width: float
    label_x: float
    text_y: float


@dataclass(frozen=True)
class Tick:
    value: int
    x: float


@dataclass(frozen=True)
class GrowthChart:
    bars: list[Bar]
    ticks: list[Tick]
    width: int
    height: int
    plot_left: int
    year_x: int
    bar_height: int
    plot_top: int
    plot_bottom: int
    tick_label_y: int
    axis_title_y: int
    axis_title_x: float


def nice_step(maximum: int, parts: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) that divides 0..maximum in about `parts`."""
    rough = max(maximum / parts, 1)
    power = 10 ** math.floor(math.log10(rough))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= rough)


def growth_chart(growth: Growth) -> GrowthChart:
    maximum = max((year.total for year in growth.years), default=0)
    step = nice_step(maximum)
    scale_max = max(step * math.ceil(maximum / step), step)
    scale = PLOT / scale_max
    bottom = TOP + ROW * len(growth.years)
    return GrowthChart(
        bars=[
            _bar(index, year.year, year.total, year.new, scale)
            for index, year in enumerate(growth.years)
        ],
        ticks=[
            Tick(value, round(LABEL_WIDTH + value * scale, 1))
            for value in range(0, scale_max + 1, step)
        ],
        width=WIDTH,
        height=bottom + BOTTOM,
        plot_left=LABEL_WIDTH,
        year_x=LABEL_WIDTH - 8,
        bar_height=BAR,
        plot_top=TOP - 6,
        plot_bottom=bottom,
        tick_label_y=bottom + 18,
        axis_title_y=bottom + 42,
        axis_title_x=LABEL_WIDTH + PLOT / 2,
    )


def _bar(index: int, year: int, total: int, new: int, scale: float) -> Bar:
    y = TOP + index * ROW + (ROW - BAR) / 2
    earlier = (total - new) * scale
    return Bar(
        year=year,
        total=total,
        new=new,
        y=y,
        earlier_width=round(earlier, 1),
        new_x=round(LABEL_WIDTH + earlier, 1),
        new_width=round(new * scale, 1),
        label_x=round(LABEL_WIDTH + total * scale + 6, 1),
        text_y=y + BAR / 2,
    )
