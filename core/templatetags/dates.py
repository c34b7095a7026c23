"""`{% load dates %}`: the one date style of core/dates.py in templates —
`{{ d|cn_date }}`, `{{ t|cn_datetime }}` (`{{ t|cn_datetime:"seconds" }}`),
`{{ t|cn_deadline }}`, `{{ start|cn_period:end }}`, and `{{ text|cn_iso }}` for a date kept as ISO
text (a dossier entry, a snapshot); `{{ t|cn_moment }}` a moment in a table cell (day and time
each on one line); `{{ text|for_people }}` drops an internal rule number from text stored before
issue 11."""

from django import template
from django.utils.html import format_html

from core import dates
from core.people import for_people

register = template.Library()

register.filter("cn_date", dates.date_label)
register.filter("cn_deadline", dates.deadline_label)
register.filter("cn_period", dates.period_label)
register.filter("cn_iso", dates.iso_label)
register.filter("for_people", for_people)


@register.filter
def cn_datetime(value, arg: str = ""):
    return dates.datetime_label(value, seconds=arg == "seconds")


@register.filter
def cn_moment(value, arg: str = ""):
    """A moment in a table cell: the day and the time each kept on one line, the cell free to wrap
    between them ("2026年7月1日 14:30"); `cn_moment:"deadline"` writes it as a deadline
    ("2026年12月31日 24:00", a day's end included)."""
    if value is None or value == "":
        return ""
    text = dates.deadline_label(value) if arg == "deadline" else dates.datetime_label(value)
    day, _, time = text.rpartition(" ")
    return format_html('<span class="nowrap">{}</span> <span class="nowrap">{}</span>', day, time)
