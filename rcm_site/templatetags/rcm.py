from django import template
from django.utils.formats import date_format
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def date_range(obj):
    """A meeting's dates as a reader says them: "4–5 September 2018".

    The dates are the meeting's local calendar days, so no time zone conversion applies.
    """
    start, end = obj.start_date, obj.end_date
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
