"""reviews.snapshot.snapshot_view: a date or month stored as ISO text (a snapshot taken before
issue 11) is shown in the one date style, and only a date or month: other text, such as a
certificate number "2020-01", is shown as submitted."""

from __future__ import annotations

from reviews.snapshot import snapshot_view

TITLE_FIELDS = [
    {"key": "obtained_on", "label": "取得时间", "kind": "date"},
    {"key": "certificate_no", "label": "证书编号", "kind": "text"},
]
ENTRY = {
    "id": 7,
    "fields": [
        {"key": "obtained_on", "label": "取得时间", "text": "2020-01-15"},
        {"key": "certificate_no", "label": "证书编号", "text": "2020-01"},
    ],
}


def texts(section: dict) -> dict[str, str]:
    view = snapshot_view({"dossier": {"sections": [section]}})
    return {f["key"]: f["text"] for f in view["sections"][0]["entries"][0]["fields"]}


def test_only_date_and_month_fields_are_read_as_dates():
    section = {"key": "current_titles", "label": "现有职称情况", "fields": TITLE_FIELDS, "entries": [ENTRY]}
    assert texts(section) == {"obtained_on": "2020年1月15日", "certificate_no": "2020-01"}


def test_without_declarations_in_the_snapshot_the_sections_declarations_tell():
    section = {"key": "current_titles", "label": "现有职称情况", "entries": [ENTRY]}
    assert texts(section) == {"obtained_on": "2020年1月15日", "certificate_no": "2020-01"}


def test_an_education_month_is_a_month():
    section = {
        "key": "education",
        "label": "学历情况",
        "entries": [{"id": 8, "fields": [{"key": "end", "label": "毕业时间", "text": "2008-07"}]}],
    }
    assert texts(section) == {"end": "2008年7月"}
