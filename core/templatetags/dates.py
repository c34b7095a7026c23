"""`{% load dates %}`: the one date style of core/dates.py in templates —
`{{ d|cn_date }}`, `{{ d|cn_month }}`, `{{ t|cn_datetime }}`, `{{ t|cn_deadline }}`."""

from django import template

from core import dates

register = template.Library()

register.filter("cn_date", dates.date_label)
register.filter("cn_month", dates.month_label)
register.filter("cn_datetime", dates.datetime_label)
register.filter("cn_deadline", dates.deadline_label)
