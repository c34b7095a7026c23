"""The steps every kind's draft save shares (applications.drafts), at their edges: ids that are not
numbers or not there, a series with one track, a track of another series, a level or title the
catalogue lacks, texts too long, the yes/no spellings, dates that do not exist, who may save which
application, and rule 19's constraint turned into a Chinese refusal. Real rows, no mocks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from applications.drafts import (
    Cover,
    catalog_level,
    catalog_title,
    catalog_track,
    clean_choice,
    clean_specialty,
    clean_text,
    draft_start,
    editable_application,
    int_or_none,
    level_rank,
    local_today,
    parse_date,
    save_draft,
    yes_no,
)
from applications.models import Application, ApplicationKind
from catalog.models import Level, Title, Track
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError
from orgs.windows import current_year
from recognition.models import HiringDocument, PostdocRecognition
from recognition.tests.postdoc_factories import make_postdoc, save_postdoc
from tests import factories

from .factories import make_series, make_unit

pytestmark = pytest.mark.django_db

NOT_SAVED = "测试草稿未保存。"


def _applicant(**fields):
    return factories.make_applicant(organisation=make_unit(), **fields)


def _save(user, series, *, application_id=None, specialty="材料工程") -> Application:
    """A 博士后认定 draft through the shared steps alone (no rule of the kind asked)."""
    draft = draft_start(user=user, kind=ApplicationKind.POSTDOC, application_id=application_id, now=None)
    track = series.tracks.order_by("order").first()
    level = Level.SENIOR_ASSOCIATE
    cover = Cover(
        series=series,
        track=track,
        level=level,
        title=Title.objects.get(track=track, level=level),
        specialty=specialty,
    )
    facts = {
        "exit_on": date(2025, 1, 1),
        "station": "测试博士后科研工作站",
        "funded": True,
        "led_project": False,
        "stays": True,
        "evaluated_at": timezone.now(),
    }
    return save_draft(
        draft=draft, cover=cover, facts_model=PostdocRecognition, facts=facts, not_saved=NOT_SAVED
    )


# --- the small parsers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), ("12", 12), (7, 7), ("abc", -1), ("1.5", -1), ([], -1), ({"a": 1}, -1)],
)
def test_an_id_is_a_whole_number_or_minus_one(value, expected):
    assert int_or_none(value) == expected


@pytest.mark.parametrize(
    "value", [True, "yes", "YES", " Yes ", "true", "True", "1", 1], ids=lambda v: repr(v)
)
def test_yes_spellings(value):
    errors = FieldErrors()
    assert yes_no(value, errors=errors, field="funded", label="是否资助") is True
    assert not errors


@pytest.mark.parametrize("value", [False, "no", "NO", " No ", "false", "FALSE", "0"], ids=lambda v: repr(v))
def test_no_spellings(value):
    errors = FieldErrors()
    assert yes_no(value, errors=errors, field="funded", label="是否资助") is False
    assert not errors


@pytest.mark.parametrize("value", [None, "", "是", "否", "y", "n", "2", "maybe"], ids=lambda v: repr(v))
def test_anything_else_is_not_a_yes_or_no(value):
    errors = FieldErrors()
    assert yes_no(value, errors=errors, field="funded", label="是否资助") is None
    assert errors.errors == {"funded": ["请选择是否资助（是或否）。"]}


@pytest.mark.parametrize("value", ["2026-02-30", "2025-02-29", "2026-13-01", "2026/02/28", "二〇二六年"])
def test_a_date_that_does_not_exist_or_is_not_iso_is_refused(value):
    errors = FieldErrors()
    assert parse_date(value, errors=errors, field="exit_on", label="出站日期") is None
    assert errors.errors == {"exit_on": ["出站日期格式应为 YYYY-MM-DD，如 2025-07-01。"]}


def test_a_date_is_read_as_given():
    errors = FieldErrors()
    assert parse_date(" 2024-02-29 ", errors=errors, field="d", label="日期") == date(2024, 2, 29)
    assert parse_date(date(2026, 1, 2), errors=errors, field="d", label="日期") == date(2026, 1, 2)
    assert parse_date(datetime(2026, 1, 2, 23, 0), errors=errors, field="d", label="日期") == date(2026, 1, 2)
    assert not errors
    assert parse_date("  ", errors=errors, field="d", label="日期") is None
    assert errors.errors == {"d": ["请填写日期。"]}


def test_today_is_the_day_in_beijing():
    # 2026-01-01 17:00 UTC is already 2 January in Beijing (UTC+8).
    assert local_today(datetime(2026, 1, 1, 17, 0, tzinfo=UTC)) == date(2026, 1, 2)


def test_texts_are_collapsed_and_held_to_their_limit():
    errors = FieldErrors()
    assert (
        clean_text("  博士后   工作站 ", errors=errors, field="station", label="工作站", limit=7)
        == "博士后 工作站"
    )
    assert not errors  # 7 characters (the space counts): at the limit
    assert (
        clean_text("博士后科研工作站", errors=errors, field="station", label="工作站", limit=7)
        == "博士后科研工作站"
    )
    assert errors.errors == {"station": ["工作站最多 7 个字，当前 8 个字。"]}


def test_a_text_is_required_unless_told():
    errors = FieldErrors()
    assert clean_text(None, errors=errors, field="ref", label="编号", limit=10, required=False) == ""
    assert not errors
    clean_text("   ", errors=errors, field="ref", label="编号", limit=10)
    assert errors.errors == {"ref": ["请填写编号。"]}


def test_the_specialty_holds_at_most_60_characters():
    errors = FieldErrors()
    assert clean_specialty("专" * 60, errors=errors) == "专" * 60
    assert not errors
    clean_specialty("专" * 61, errors=errors)
    clean_specialty("", errors=errors)
    assert errors.errors == {"specialty": ["申报专业最多 60 个字，当前 61 个字。", "请填写申报专业。"]}


def test_a_choice_is_one_of_its_values():
    errors = FieldErrors()
    first = HiringDocument.values[0]
    assert (
        clean_choice(
            f" {first} ",
            errors=errors,
            field="doc",
            choices=HiringDocument,
            missing="请选择依据。",
            label="依据",
        )
        == first
    )
    assert not errors
    clean_choice("", errors=errors, field="doc", choices=HiringDocument, missing="请选择依据。", label="依据")
    clean_choice(
        "other", errors=errors, field="doc", choices=HiringDocument, missing="请选择依据。", label="依据"
    )
    assert errors.errors == {
        "doc": ["请选择依据。", "依据只能是：" + "、".join(HiringDocument.labels) + "。"]
    }


def test_levels_rank_senior_highest():
    ranks = [level_rank(level) for level in Level.values]
    assert ranks == sorted(ranks, reverse=True)  # 正高级 … 员级
    assert level_rank(Level.SENIOR_FULL) > level_rank(Level.JUNIOR)


# --- 系列 → 方向 → 层级 → 职称 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("series_id", "message"),
    [
        (None, "请选择系列。"),
        ("", "请选择系列。"),
        ("abc", "所选系列不存在，请重新选择。"),
        (-4, "所选系列不存在，请重新选择。"),
        (999_999, "所选系列不存在，请重新选择。"),
    ],
)
def test_a_series_missing_or_unknown_is_refused(series_id, message):
    errors = FieldErrors()
    assert catalog_track(series_id=series_id, track_id=None, errors=errors) == (None, None)
    assert errors.errors == {"series_id": [message]}


@pytest.mark.parametrize("track_id", [None, ""])
def test_a_series_with_one_track_needs_no_choice(track_id):
    series = make_series()
    errors = FieldErrors()
    assert catalog_track(series_id=str(series.pk), track_id=track_id, errors=errors) == (
        series,
        series.tracks.get(),
    )
    assert not errors


def test_a_series_with_two_tracks_needs_one_chosen():
    series = make_series(tracks=("工程技术", "信息技术"))
    errors = FieldErrors()
    assert catalog_track(series_id=series.pk, track_id=None, errors=errors) == (series, None)
    assert errors.errors == {"track_id": ["请选择方向。"]}
    second = series.tracks.get(name="信息技术")
    assert catalog_track(series_id=series.pk, track_id=str(second.pk), errors=FieldErrors()) == (
        series,
        second,
    )


@pytest.mark.parametrize("other", ["another series", "abc", "unknown"])
def test_a_track_of_another_series_or_unknown_is_refused(other):
    series = make_series(tracks=("工程技术", "信息技术"))
    track_id = {"another series": make_series().tracks.get().pk, "abc": "abc", "unknown": 999_999}[other]
    errors = FieldErrors()
    assert catalog_track(series_id=series.pk, track_id=track_id, errors=errors) == (series, None)
    assert errors.errors == {"track_id": ["所选方向不属于该系列，请重新选择。"]}


def test_a_level_missing_or_unknown_is_refused():
    errors = FieldErrors()
    assert catalog_level(" intermediate ", errors=errors, missing="缺", wrong="错") == Level.INTERMEDIATE
    assert catalog_level(None, errors=errors, missing="缺", wrong="错") is None
    assert catalog_level("expert", errors=errors, missing="缺", wrong="错") is None
    assert errors.errors == {"level": ["缺", "错"]}


def test_a_track_without_the_title_at_the_level_says_so_on_the_field_given():
    series = make_series()
    bare = Track.objects.create(series=series, name="无职称方向", order=9)
    errors = FieldErrors()
    assert (
        catalog_title(
            track=bare,
            level=Level.SENIOR_ASSOCIATE,
            errors=errors,
            field="track_id",
            advice="请选择其他系列或方向。",
        )
        is None
    )
    assert errors.errors == {"track_id": [f"{bare}没有副高级职称，请选择其他系列或方向。"]}
    track = series.tracks.get(name="工程技术")
    found = catalog_title(track=track, level=Level.INTERMEDIATE, errors=errors, field="level", advice="x")
    assert found == Title.objects.get(track=track, level=Level.INTERMEDIATE)
    assert (
        catalog_title(track=None, level=Level.INTERMEDIATE, errors=errors, field="level", advice="x") is None
    )
    assert catalog_title(track=track, level=None, errors=errors, field="level", advice="x") is None
    assert list(errors.errors) == ["track_id"]  # nothing more said while the track or level is missing


# --- who saves which application, and the save ----------------------------------------------------------


def test_only_an_applicant_starts_a_draft():
    staff = factories.make_unit_admin()
    with pytest.raises(Forbidden) as exc:
        draft_start(user=staff, kind=ApplicationKind.POSTDOC, application_id=None, now=None)
    assert exc.value.detail == "只有申报人可以申报职称。"


def test_a_new_draft_is_for_the_current_year_and_asks_for_the_unit_first():
    user = factories.make_applicant()
    now = timezone.now()
    draft = draft_start(user=user, kind=ApplicationKind.RECOGNITION, application_id="", now=now)
    assert (draft.application, draft.year, draft.unit, draft.now) == (None, current_year(now), None, now)
    assert draft.errors.errors == {"unit": ["请先在基本信息中选择工作单位。"]}
    draft.add_problems([("unit", "第二条"), ("__all__", "另一条")])
    assert draft.errors.errors == {
        "unit": ["请先在基本信息中选择工作单位。", "第二条"],
        "__all__": ["另一条"],
    }


@pytest.mark.parametrize("application_id", ["abc", "0", "-3", 0, 999_999, "1.0"])
def test_an_application_id_that_is_not_one_is_not_found(application_id):
    with pytest.raises(NotFound) as exc:
        editable_application(
            user=_applicant(), kind=ApplicationKind.CONFIRMATION, application_id=application_id
        )
    assert exc.value.detail == "未找到该职称确认申报。"


def test_another_persons_or_another_kinds_application_is_not_found():
    owner = _applicant()
    application = _save(owner, make_series())
    with pytest.raises(NotFound) as exc:
        editable_application(user=_applicant(), kind=ApplicationKind.POSTDOC, application_id=application.pk)
    assert exc.value.detail == "未找到该博士后认定申报。"
    with pytest.raises(NotFound) as exc:
        editable_application(user=owner, kind=ApplicationKind.RECOGNITION, application_id=str(application.pk))
    assert exc.value.detail == "未找到该考核认定申报。"
    assert (
        editable_application(user=owner, kind=ApplicationKind.POSTDOC, application_id=str(application.pk))
        == application
    )


def test_a_submitted_application_is_no_longer_editable():
    from applications.state import application_submit

    user = make_postdoc()
    application = save_postdoc(user)
    application_submit(application_id=application.pk, actor=user)
    with pytest.raises(Conflict) as exc:
        editable_application(user=user, kind=ApplicationKind.POSTDOC, application_id=application.pk)
    application.refresh_from_db()
    assert exc.value.detail == (
        f"该申报当前状态为“{application.get_status_display()}”，不能修改。博士后认定只能在草稿或返回修改时修改。"
    )


def test_the_draft_is_changed_in_place_with_its_facts():
    user = _applicant()
    series = make_series()
    application = _save(user, series)
    again = _save(user, series, application_id=application.pk, specialty="新专业")
    assert again.pk == application.pk
    again.refresh_from_db()
    assert (again.kind, again.level, again.committee, again.specialty) == (
        ApplicationKind.POSTDOC,
        Level.SENIOR_ASSOCIATE,
        None,
        "新专业",
    )
    assert PostdocRecognition.objects.filter(application=again).count() == 1


def test_a_second_draft_at_the_same_level_and_year_is_refused_in_chinese():
    user = _applicant()
    series = make_series()
    _save(user, series)
    with pytest.raises(ServiceError) as exc:
        _save(user, series)
    assert exc.value.detail == NOT_SAVED
    assert exc.value.errors == {
        "__all__": [f"您{current_year()}年已申报副高级，同一年度同一层级只能申报一次。"]
    }
    assert Application.objects.filter(applicant=user).count() == 1
