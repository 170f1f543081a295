#!/usr/bin/env python3
"""Builds the working-day calendars zhichan embeds (crates/zhichan-domain/data/calendar/) from
published sources, one JSON file per region and year: <region>-<year>.json. docs/CALENDARS.md
describes the format; an administrator loads a file with `zhichan admin load-calendar FILE`.

Run (from the repository root):

    pip install --target /tmp/pydeps holidays chinese-calendar
    PYTHONPATH=/tmp/pydeps python3 scripts/calendar/build.py                  # 2025-2027 into the repo
    PYTHONPATH=/tmp/pydeps python3 scripts/calendar/build.py --years 2028 --out /tmp/cal   # next year

Where each field comes from:

- mainland: `holidays` = every day off of the State Council General Office's annual holiday
  arrangement (国务院办公厅关于…部分节假日安排的通知), weekends inside a break included, named by
  the festival in simplified Chinese; `adjusted_working_days` = the Saturdays and Sundays that
  arrangement makes working days (调休上班). Both from the PyPI package `chinese-calendar`, and
  checked against the PyPI package `holidays` (CN): every statutory holiday and rest day `holidays`
  lists must be a day off here, and its weekend working days must equal ours. `chinese-calendar`
  carries a year only once the State Council has published it; a year it lacks is left out.
- hong_kong: `holidays` = the general holidays other than Sundays (General Holidays Ordinance,
  Cap. 149: the `public` and `optional` categories of `holidays` HK together), named in
  traditional Chinese. Courts and registries close on them and on weekends.
- macau: `holidays` = the public holidays and the public administration's holidays with their
  compensatory days (`public` and `government` categories of `holidays` MO), named in traditional
  Chinese; half-day holidays (afternoons, 下午) are left out, the day stays a working day.
- Hong Kong and Macao have no adjusted working days.
- `source` names the package versions and the published instrument behind them.

A year whose dates a package marks as estimated (推定) is left out rather than guessed, and the
script says so. The script checks what the Rust side checks (dates inside the year, adjusted
working days on a weekend and not also holidays) before writing anything.
"""

import argparse
import datetime
import json
import sys
from pathlib import Path

import chinese_calendar
import holidays
from chinese_calendar import constants as cn_constants

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "crates" / "zhichan-domain" / "data" / "calendar"
HALF_DAY_MARK = "下午"
ESTIMATED_MARK = "推定"
# chinese-calendar's short names, as the State Council's notices write them.
NOTICE_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


class NotPublished(Exception):
    """The sources do not have this region's year."""


def mainland(year):
    days_off = {d: h for d, h in cn_constants.holidays.items() if d.year == year}
    working = sorted(d for d in cn_constants.workdays if d.year == year)
    if not days_off:
        raise NotPublished(f"chinese-calendar {chinese_calendar.__version__} has no arrangement for {year}")
    by_value = {h.value: h for h in cn_constants.Holiday}
    named = []
    for day in sorted(days_off):
        festival = days_off[day]
        festival = by_value.get(festival, festival)
        named.append((day, NOTICE_NAMES.get(festival.chinese, festival.chinese)))
    # Cross-check with `holidays` (CN).
    check = holidays.country_holidays("CN", years=year)
    missing = sorted(d for d in check if d not in days_off)
    if missing:
        sys.exit(f"mainland {year}: holidays {holidays.__version__} lists days off that chinese-calendar does not: {missing}")
    check_working = sorted(d for d in getattr(check, "weekend_workdays", ()) if d.year == year)
    if check_working != working:
        sys.exit(f"mainland {year}: adjusted working days differ: chinese-calendar {working}, holidays {check_working}")
    source = (
        f"State Council General Office notice on the {year} holiday arrangement, via chinese-calendar "
        f"{chinese_calendar.__version__}; checked against holidays {holidays.__version__}"
    )
    return named, working, source


def from_holidays(code, language, categories, instrument, year):
    table = holidays.country_holidays(code, years=year, language=language, categories=categories)
    named = []
    for day, name in sorted(table.items()):
        if ESTIMATED_MARK in name:
            raise NotPublished(f"holidays {holidays.__version__} estimates {day} ({name})")
        if HALF_DAY_MARK in name:
            continue
        named.append((day, name))
    if not named:
        raise NotPublished(f"holidays {holidays.__version__} lists nothing for {year}")
    source = f"{instrument}, via holidays {holidays.__version__} ({code}: {' + '.join(categories)})"
    return named, [], source


REGIONS = {
    "mainland": mainland,
    "hong_kong": lambda year: from_holidays(
        "HK", "zh_HK", ("public", "optional"), "General Holidays Ordinance (Cap. 149) general holidays", year
    ),
    "macau": lambda year: from_holidays(
        "MO", "zh_MO", ("public", "government"),
        "Macao SAR public holidays and public administration holidays with compensatory days", year
    ),
}


def check(region, year, named, working):
    days = [day for day, _ in named]
    assert len(days) == len(set(days)), f"{region} {year}: a holiday listed twice"
    for day in days + working:
        assert day.year == year, f"{region} {year}: {day} is outside the year"
    for day in working:
        assert day.weekday() >= 5, f"{region} {year}: adjusted working day {day} is not a Saturday or Sunday"
        assert day not in days, f"{region} {year}: {day} is both a holiday and an adjusted working day"


def document(region, year, named, working, source):
    """The file's text: JSON with one holiday a line, so a year's changes read well in a diff."""
    dump = lambda value: json.dumps(value, ensure_ascii=False)
    holiday_lines = ",\n".join(f'    {{"date": "{day.isoformat()}", "name": {dump(name)}}}' for day, name in named)
    return (
        "{\n"
        f'  "region": {dump(region)},\n'
        f'  "year": {year},\n'
        f'  "source": {dump(source)},\n'
        f'  "holidays": [\n{holiday_lines}\n  ],\n'
        f'  "adjusted_working_days": {dump([day.isoformat() for day in working])}\n'
        "}\n"
    )


def years_argument(text):
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=years_argument, default=years_argument("2025-2027"), help="e.g. 2028 or 2025-2027")
    parser.add_argument("--regions", default=",".join(REGIONS), help="comma-separated: " + ", ".join(REGIONS))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    for region in arguments.regions.split(","):
        for year in arguments.years:
            try:
                named, working, source = REGIONS[region](year)
            except NotPublished as reason:
                print(f"{region} {year}: left out, not published by the sources ({reason})")
                continue
            check(region, year, named, working)
            path = arguments.out / f"{region}-{year}.json"
            text = document(region, year, named, working, source)
            json.loads(text)  # well-formed
            path.write_text(text, encoding="utf-8")
            print(f"{region} {year}: {len(named)} holidays, {len(working)} adjusted working days -> {path}")


if __name__ == "__main__":
    main()
