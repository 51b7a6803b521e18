"""Days as a reader says them, in the page's language: "4–5 September 2018",
"3, 10 and 17 March 2021". Calendar days, so no time zone conversion applies."""

import datetime
import itertools

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext


def date_range(start, end):
    """Every day from start to end: "4–5 September 2018"."""
    full = pgettext("full date format", "j F Y")
    if start == end:
        return date_format(start, full)
    if (start.year, start.month) == (end.year, end.month):
        day = pgettext("day of a date range", "j")
        return f"{date_format(start, day)}–{date_format(end, full)}"
    if start.year == end.year:
        day_month = pgettext("day and month of a date range", "j F")
        return f"{date_format(start, day_month)} – {date_format(end, full)}"
    return f"{date_format(start, full)} – {date_format(end, full)}"


def day_shown(day):
    """One day, "4 September 2018"; empty for a day not recorded."""
    return date_range(day, day) if day else ""


def is_continuous(days):
    one_day = datetime.timedelta(days=1)
    return all(b - a == one_day for a, b in itertools.pairwise(days))


def day_list(days):
    """Separate days, each month and year said once, after its last day:
    "28 February, 3 and 10 March 2021"."""
    full = pgettext("full date format", "j F Y")
    day_month = pgettext("day and month of a date range", "j F")
    day = pgettext("day of a date range", "j")
    parts = []
    for i, current in enumerate(days):
        following = days[i + 1] if i + 1 < len(days) else None
        if following is None or following.year != current.year:
            shape = full
        elif following.month != current.month:
            shape = day_month
        else:
            shape = day
        parts.append(date_format(current, shape))
    if len(parts) == 1:
        return parts[0]
    return gettext("%(days)s and %(last)s") % {
        "days": ", ".join(parts[:-1]),
        "last": parts[-1],
    }


def days_shown(days):
    """A range when the days follow each other, else each day."""
    days = sorted(set(days))
    if is_continuous(days):
        return date_range(days[0], days[-1])
    return day_list(days)
