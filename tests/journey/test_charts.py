"""Progress charts as server-rendered SVG: well-formed, described in words, honest about gaps,
small for two years of data, safe with any text, and readable in Japanese and English."""

from __future__ import annotations

import re
import statistics
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hizakoshi.care.journey.progress import Point
from hizakoshi.journey.progress.charts import (
    Band,
    Series,
    bar_chart,
    date_ticks,
    line_chart,
    nice_ticks,
    summary_rows,
    weekly_means,
)

SVG = "{http://www.w3.org/2000/svg}"
START = date(2025, 9, 1)  # a Monday


def days(values: list[float], start: date = START, every: int = 1) -> list[Point]:
    return [Point(start + timedelta(days=i * every), v) for i, v in enumerate(values)]


def falling(n: int, first: float, last: float) -> list[Point]:
    return days([first + (last - first) * i / (n - 1) for i in range(n)])


def pain(points: list[Point], name: str = "Back pain") -> Series:
    return Series(name, points, unit="/10")


def chart(series: Series | list[Series], lang: str = "en", **kw: object) -> str:
    args: dict[str, object] = {"title": "Pain", "y_label": "Pain (0-10)", "y_min": 0, "y_max": 10}
    return line_chart(series, lang=lang, **(args | kw))  # type: ignore[arg-type]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def desc(svg: str) -> str:
    return parse(svg).findtext(f"{SVG}desc") or ""


def paths(svg: str, cls: str) -> list[ET.Element]:
    return [p for p in parse(svg).iter(f"{SVG}path") if cls in p.get("class", "").split()]


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    runs = []
    for part in d.split("M")[1:]:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part.replace("h0", ""))]
        runs.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return runs


def plot_box(svg: str) -> tuple[float, float, float, float]:
    """left, top, right, bottom of the plot, read from the axis line."""
    d = paths(svg, "chart-axis")[0].get("d", "")
    left, top, bottom, right = (float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d))
    return left, top, right, bottom


def texts(svg: str, cls: str) -> list[str]:
    return [t.text or "" for t in parse(svg).iter(f"{SVG}text") if t.get("class") == cls]


# --- accessible and well-formed -----------------------------------------------------------


def test_a_chart_is_an_image_with_its_title_and_a_description_it_points_to() -> None:
    root = parse(chart(pain(falling(85, 6, 3)), title="Back pain over time"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, description = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Back pain over time"
    assert description is not None and description.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {description.get('id')}"


def test_the_description_says_where_the_pain_went_and_over_how_long() -> None:
    points = falling(85, 6, 3)  # 84 days from the first to the last record
    assert desc(chart(pain(points))) == "Back pain went from 6/10 to 3/10 over 12 weeks."
    ja = desc(chart(pain(points, "腰の痛み"), lang="ja"))
    assert ja == "腰の痛みは12週間で6/10から3/10になりました。"


def test_the_description_of_several_series_names_each_one() -> None:
    knee = pain(falling(29, 6, 4), "Left knee pain")
    back = pain(falling(29, 5, 3), "Back pain")
    assert desc(chart([knee, back])) == (
        "Over 4 weeks, left knee pain went from 6/10 to 4/10; back pain went from 5/10 to 3/10."
    )
    alone = pain(days([5]), "Right knee pain")
    assert "Right knee pain has one record: 5/10 on 1 Sep 2025." in desc(chart([knee, alone]))


def test_no_inline_styles_and_no_text_smaller_than_14px() -> None:
    svgs = [
        chart([pain(falling(40, 6, 3), n) for n in ("A", "B", "C")], band=Band(0, 3, "Target")),
        bar_chart(Series("Sessions", days([3, 4, 5], every=7)), title="S", y_label="S", lang="ja"),
        chart([]),
    ]
    for svg in svgs:
        root = parse(svg)
        assert root.find(f".//{SVG}style") is None
        assert all("style" not in e.attrib for e in root.iter())
        sizes = [float(e.get("font-size", "99")) for e in root.iter()]
        assert min(sizes) >= 14


def test_series_differ_by_dash_pattern_and_marker_not_only_by_colour() -> None:
    names = ("Left knee pain", "Right knee pain", "Back pain")
    svg = chart([pain(falling(20, 6, 3), n) for n in names])
    lines = paths(svg, "chart-line")[len(names) :]  # the first ones are the legend's samples
    assert len({line.get("stroke-dasharray") for line in lines}) == len(names)
    caps = {p.get("stroke-linecap") for p in paths(svg, "chart-points")}
    assert caps == {"round", "square"}
    assert texts(svg, "chart-legend") == list(names)


# --- scales -------------------------------------------------------------------------------


@given(
    st.floats(-1000, 1000, allow_nan=False),
    st.floats(0.01, 5000, allow_nan=False),
    st.integers(4, 8),
)
def test_value_ticks_stay_within_the_range(low: float, size: float, most: int) -> None:
    ticks = nice_ticks(low, low + size, most)
    assert 2 <= len(ticks) <= most + 1
    assert all(low - 1e-6 <= t <= low + size + 1e-6 for t in ticks)
    assert ticks == sorted(ticks)


@pytest.mark.parametrize(("y_min", "y_max"), [(60, 80), (None, None), (60, None)])
def test_tick_labels_and_marks_lie_within_the_chart(
    y_min: float | None, y_max: float | None
) -> None:
    weights = Series("Weight", days([72.4 - 0.3 * i for i in range(30)], every=7), max_gap_days=10)
    svg = chart(weights, y_min=y_min, y_max=y_max)
    values = [float(t) for t in texts(svg, "chart-tick") if re.fullmatch(r"-?[\d.]+", t)]
    assert len(values) >= 3
    if y_min is not None and y_max is not None:
        assert all(y_min <= v <= y_max for v in values)
    assert min(values) <= 72.4 - 0.3 * 29 and max(values) >= 72.4
    left, top, right, bottom = plot_box(svg)
    for run in subpaths(paths(svg, "chart-line")[0].get("d", "")):
        assert all(left <= x <= right and top <= y <= bottom for x, y in run)


def test_an_off_scale_value_sits_on_the_edge_of_the_plot() -> None:
    svg = chart(pain(days([5, 12, 5])))
    _, top, _, bottom = plot_box(svg)
    ys = [y for run in subpaths(paths(svg, "chart-line")[0].get("d", "")) for _, y in run]
    assert min(ys) == top and max(ys) < bottom


def test_an_upside_down_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="y_max"):
        chart(pain(days([5])), y_min=10, y_max=0)


def test_date_labels_read_month_day_in_japanese_and_day_month_in_english() -> None:
    assert date_ticks(date(2025, 11, 27), date(2025, 11, 29), 6, "ja")[0][1] == "11/27"
    assert date_ticks(date(2025, 11, 27), date(2025, 11, 29), 6, "en")[0][1] == "27 Nov"
    long_ja = [label for _, label in date_ticks(date(2024, 11, 27), date(2025, 6, 1), 6, "ja")]
    long_en = [label for _, label in date_ticks(date(2024, 11, 27), date(2025, 6, 1), 6, "en")]
    assert long_ja == ["2025年1月", "3月", "5月"]  # the year with the first and with January
    assert long_en == ["Jan 2025", "Mar", "May"]
    assert "9/1" in texts(chart(pain(falling(40, 6, 3)), lang="ja"), "chart-tick")
    assert "1 Sep" in texts(chart(pain(falling(40, 6, 3))), "chart-tick")


def test_date_ticks_stay_inside_the_dates_shown() -> None:
    for span in (0, 1, 5, 13, 40, 100, 400, 730, 4000):
        last = START + timedelta(days=span)
        ticks = date_ticks(START, last, 5, "en")
        assert ticks and len(ticks) <= 5
        assert all(START <= d <= last for d, _ in ticks)


# --- gaps and long series -----------------------------------------------------------------


def test_days_apart_more_than_the_gap_are_not_joined() -> None:
    points = days([6, 6, 5, 5, 5]) + days([4, 4, 3], start=START + timedelta(days=10))
    apart = paths(chart(pain(points)), "chart-line")[0].get("d", "")
    assert [len(run) for run in subpaths(apart)] == [5, 3]
    assert "Breaks in a line" in desc(chart(pain(points)))
    weekly = Series("Weight", points, max_gap_days=7)
    assert len(subpaths(paths(chart(weekly), "chart-line")[0].get("d", ""))) == 1


def test_a_lone_record_between_gaps_still_shows_as_a_point() -> None:
    points = [*days([6, 6]), Point(START + timedelta(days=10), 4)]
    svg = chart(pain(points))
    assert [len(run) for run in subpaths(paths(svg, "chart-line")[0].get("d", ""))] == [2]
    assert len(subpaths(paths(svg, "chart-points")[0].get("d", ""))) == 3


def test_weekly_means_keep_the_mean() -> None:
    values = [float((i * 7) % 11) for i in range(728)]  # 104 whole weeks from a Monday
    weeks = weekly_means(days(values))
    assert len(weeks) == 104
    assert weeks[0] == Point(START, statistics.fmean(values[:7]))
    assert statistics.fmean(w.value for w in weeks) == pytest.approx(statistics.fmean(values))


def test_two_years_of_daily_records_are_drawn_as_weekly_means_and_say_so() -> None:
    svg = chart(pain(falling(730, 6, 3)))
    assert "Shown as weekly averages." in desc(svg)
    assert "週ごとの平均で表示しています。" in desc(chart(pain(falling(730, 6, 3)), lang="ja"))
    runs = subpaths(paths(svg, "chart-line")[0].get("d", ""))
    assert [len(r) for r in runs] == [105]  # one point a week, still one line
    assert not paths(svg, "chart-points")  # 105 dots would smear into the line
    assert summary_rows(pain(falling(730, 6, 3)), lang="en")[0] == ("Week of 1 Sep 2025", "6/10")


def test_two_years_of_daily_records_render_small() -> None:
    # How fast: benchmarks/bench_journey.py (timings are figures, not assertions).
    series = pain(falling(730, 6, 3))
    svg = chart(series, band=Band(0, 3, "Target"))
    assert len(svg.encode()) < 12_000
    three = chart([pain(falling(730, 6, 3), n) for n in ("Left knee", "Right knee", "Back")])
    assert len(three.encode()) < 16_000


# --- safe text ----------------------------------------------------------------------------


def test_a_malicious_title_and_name_come_out_as_text() -> None:
    evil = '</title><script>alert("x")</script>&'
    svg = chart([pain(falling(5, 6, 3), evil), pain(falling(5, 4, 3), "B")], title=evil)
    root = parse(svg)
    assert root.findtext(f"{SVG}title") == evil
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert evil in texts(svg, "chart-legend")
    assert "<script>" not in svg


# --- no data, bars, tables ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_records_give_a_clear_no_data_chart(lang: str) -> None:
    message = {"ja": "まだ記録がありません", "en": "No data yet"}[lang]
    for svg in (
        chart([], lang=lang),
        chart(pain([]), lang=lang),
        bar_chart(Series("S", []), title="S", y_label="S", lang=lang),  # type: ignore[arg-type]
    ):
        root = parse(svg)
        assert root.get("role") == "img" and root.findtext(f"{SVG}title")
        assert message in texts(svg, "chart-message")
        assert desc(svg) in ("まだ記録がありません。", "No records yet.")


def test_a_bar_chart_has_a_bar_a_week_a_target_line_and_says_the_average() -> None:
    weeks = Series("Sessions", days([3, 5, 0, 6], every=7), decimals=1)
    svg = bar_chart(
        weeks, title="Sessions", y_label="Sessions a week", band=Band(5, 5, "Target"), lang="en"
    )
    bars = paths(svg, "chart-bar")[0].get("d", "")
    assert bars.count("M") == 4
    assert desc(svg) == "Sessions over 4 weeks: 3.5 on average, 6 in the last week (from 22 Sep)."
    assert texts(svg, "chart-value") == ["3", "5", "0", "6"]
    assert paths(svg, "chart-band")[0].get("stroke-dasharray")
    ja = bar_chart(weeks, title="回数", y_label="週の回数", lang="ja")
    assert desc(ja) == "4週間のSessionsは平均3.5、最後の週(9/22〜)は6でした。"


def test_summary_rows_give_each_date_and_value_in_the_persons_language() -> None:
    back = pain([Point(START, 6), Point(START + timedelta(days=1), 5)])
    assert summary_rows(back, lang="ja") == [("2025年9月1日", "6/10"), ("2025年9月2日", "5/10")]
    assert summary_rows(back, lang="en")[0] == ("1 Sep 2025", "6/10")
    knee = pain([Point(START + timedelta(days=1), 4)], "Left knee pain")
    assert summary_rows([knee, back], lang="en") == [
        ("1 Sep 2025", "Left knee pain —; Back pain 6/10"),
        ("2 Sep 2025", "Left knee pain 4/10; Back pain 5/10"),
    ]
