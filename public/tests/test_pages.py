"""The public pages (no sign-in): home, notices, committee directory, offices, series, help, support."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import FaqEntry, FaqKind, Series
from orgs.models import Committee, CommitteeWindow, Organisation
from public.models import Notice
from public.tests.helpers import add_notices, form_controls, open_windows, unlabelled_controls
from tests.factories import add_committees

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog_data")]

SHANGHAI = ZoneInfo("Asia/Shanghai")


def get(client, name, *args, **params):
    response = client.get(reverse(f"public:{name}", args=args), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx)


# --------------------------------------------------------------------------- home


def test_home_explains_the_system_and_links_on(client):
    html = get(client, "home")
    assert "直接从事专业技术工作的在职在岗人员" in html  # who may apply
    assert "公务员（含参公管理的事业单位人员）" in html
    for step in (
        "个人申报",
        "单位审核",
        "主管部门或县（市）区人社局审核",
        "市人社局或所申报的市级评委会电子材料审核",
    ):
        assert f"<li>{step}</li>" in html
    for name, label in (
        ("accounts:register", "个人注册"),
        ("units:register", "单位注册"),
        ("accounts:login", "登录"),
        ("public:committees", "评委会目录"),
        ("public:help", "政策问答"),
    ):
        assert f'href="{reverse(name)}">{label}</a>' in html
    assert "0871-63108336" in html and "12333" in html


def test_home_without_open_windows_says_so(client):
    html = get(client, "home")
    assert "当前没有正在开放网上申报的评委会。" in html
    assert "可能是此评委会还未开始申报审核或者已经截止申报" in html


def test_home_lists_only_windows_open_now(client):
    now = timezone.now()
    committees = {
        c.ref: c for c in Committee.objects.filter(ref__in=["senior:4", "senior:5", "senior:6", "senior:7"])
    }
    CommitteeWindow.objects.create(
        committee=committees["senior:4"],
        year=2026,
        opens_at=now - timedelta(days=1),
        closes_at=datetime(2099, 3, 1, 0, 0, tzinfo=SHANGHAI),
    )
    CommitteeWindow.objects.create(  # closed
        committee=committees["senior:5"],
        year=2026,
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=1),
    )
    CommitteeWindow.objects.create(  # not yet open
        committee=committees["senior:6"],
        year=2026,
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=9),
    )
    CommitteeWindow.objects.create(
        committee=committees["senior:7"],
        year=2026,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=9),
    )
    Committee.objects.filter(ref="senior:7").update(is_active=False)

    html = get(client, "home")

    assert "当前没有正在开放网上申报的评委会。" not in html
    assert committees["senior:4"].name in html
    assert "昆明市工业和信息化局" in html
    assert "2099年2月28日 24:00" in html  # midnight shown as 24:00 of the day before
    for ref in ("senior:5", "senior:6", "senior:7"):
        assert committees[ref].name not in html


def test_home_shows_the_five_latest_published_notices(client):
    now = timezone.now()
    notices = add_notices(7)
    Notice.objects.create(title="未发布的通知", body="x", is_published=False)
    Notice.objects.create(title="定时发布的通知", body="x", published_at=now + timedelta(days=1))

    html = get(client, "home")

    for notice in notices[:5]:
        assert f'href="{reverse("public:notice_detail", args=[notice.pk])}">{notice.title}</a>' in html
    assert notices[5].title not in html
    assert "未发布的通知" not in html and "定时发布的通知" not in html


def test_notice_detail_and_list(client):
    notice = Notice.objects.create(title="关于开展2026年度职称评审工作的通知", body="第一段。\n\n第二段。")
    html = get(client, "notice_detail", notice.pk)
    assert "<h1>关于开展2026年度职称评审工作的通知</h1>" in html
    assert "<p>第一段。</p>" in html
    assert notice.title in get(client, "notices")


def test_unpublished_notice_is_not_found(client):
    hidden = Notice.objects.create(title="草稿", body="x", is_published=False)
    future = Notice.objects.create(
        title="未到时间", body="x", published_at=timezone.now() + timedelta(hours=1)
    )
    for notice in (hidden, future):
        assert client.get(reverse("public:notice_detail", args=[notice.pk])).status_code == 404
    assert client.get("/notices/999999/").status_code == 404


def test_notice_list_pages(client):
    add_notices(25)
    assert "第 1 / 2 页" in get(client, "notices")
    assert "第 2 / 2 页" in get(client, "notices", page="2")
    assert "第 2 / 2 页" in get(client, "notices", page="99")  # beyond the end: the last page
    assert "第 1 / 2 页" in get(client, "notices", page="abc")


# --------------------------------------------------------------------------- committee directory


def committee_rows(html: str) -> list[str]:
    return re.findall(r'<td data-label="名称">([^<]+)</td>', html)


def test_directory_lists_every_committee_with_its_columns(client):
    html = get(client, "committees")
    rows = committee_rows(html)
    assert len(rows) == 58
    assert rows[0] == "昆明市中小学高级教师评审委员会"  # senior first, in directory order
    for header in ("序号", "名称", "评审范围", "组建单位", "联系电话", "计划评审时间"):
        assert f'<th scope="col">{header}</th>' in html
    assert "<h2>高级职称评委会</h2>" in html and "<h2>中级职称评委会</h2>" in html
    assert "共 58 个评委会" in html
    assert '<td data-label="计划评审时间">2021年10月</td>' in html
    assert "未列入计划" in html  # 安宁市农业技术 has no plan


def test_directory_form_has_labels_and_every_filter(client):
    html = get(client, "committees")
    assert unlabelled_controls(html) == []
    names = {c.get("name") for c in form_controls(html)}
    assert names == {"q", "level", "tier", "organiser", "series"}
    for label in ("关键词", "层级", "评委会类别", "组建单位", "系列"):
        assert f">{label}</label>" in html
    assert 'method="get"' in html
    assert '<option value="senior">高级职称评委会</option>' in html
    assert '<option value="senior_associate">副高级</option>' in html


@pytest.mark.parametrize(
    ("params", "count", "contains"),
    [
        ({"q": "机电"}, 2, "昆明市机电工程中级职称评审委员会"),
        ({"level": "senior_associate"}, 11, "昆明市高级经济师评审委员会"),
        ({"tier": "intermediate"}, 47, "盘龙区中小学教师中级职称评审委员会"),
        ({"q": "农业", "tier": "intermediate"}, 4, "寻甸县农业技术中级职称评审委员会"),
        ({"q": "没有这样的评委会"}, 0, "没有符合条件的评委会。"),
    ],
)
def test_directory_filters(client, params, count, contains):
    html = get(client, "committees", **params)
    assert len(committee_rows(html)) == count
    assert contains in html
    if params.get("q"):
        assert f'value="{params["q"]}"' in html  # input kept


def test_directory_filters_by_organiser_and_series(client):
    organiser = Organisation.objects.get(ref="dept:昆明市卫生健康委员会")
    rows = committee_rows(get(client, "committees", organiser=str(organiser.pk)))
    assert rows == ["昆明市卫生技术高级职称评审委员会", "昆明市基层卫生高级职称评审委员会"]
    series = Series.objects.get(name="律师")
    assert committee_rows(get(client, "committees", series=str(series.pk))) == [
        "昆明市律师专业中级职称评审委员会"
    ]


def test_directory_bad_filters_show_chinese_errors(client):
    html = get(client, "committees", level="top", organiser="abc", q="保留的关键词")
    assert "层级不正确，应为正高级、副高级、中级、助理级、员级之一。" in html
    assert "未找到该评委会组建单位。" in html
    assert 'value="保留的关键词"' in html
    assert committee_rows(html) == []


def test_directory_partial_for_htmx(client):
    response = client.get(reverse("public:committees"), {"q": "机电"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert len(committee_rows(html)) == 2
    assert "HX-Request" in response["Vary"]
    restore = client.get(
        reverse("public:committees"), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_directory_is_mobile_friendly(client):
    html = get(client, "committees")
    assert 'class="table stack"' in html
    assert 'name="viewport"' in html


def test_directory_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    url = reverse("public:committees")
    organiser = Organisation.objects.get(ref="dept:昆明市工业和信息化局")
    series = Series.objects.get(name="工程技术")
    filtered = {
        "q": "工程",
        "level": "intermediate",
        "tier": "intermediate",
        "organiser": organiser.pk,
        "series": series.pk,
    }
    small = (queries(client, url), queries(client, url, filtered))
    committees = add_committees(200)
    open_windows(committees[:30])
    add_notices(50)
    with django_assert_max_num_queries(10):
        html = client.get(url).content.decode()
    assert len(committee_rows(html)) == 258
    with django_assert_max_num_queries(10):
        html = client.get(url, filtered).content.decode()
    assert len(committee_rows(html)) == 201
    assert (queries(client, url), queries(client, url, filtered)) == small


def test_home_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    url = reverse("public:home")
    small = queries(client, url)
    committees = add_committees(200)
    open_windows(committees[:30])
    add_notices(50)
    with django_assert_max_num_queries(10):
        html = client.get(url).content.decode()
    assert html.count('<td data-label="评审委员会">') == 30
    assert queries(client, url) == small


# --------------------------------------------------------------------------- offices, series


def test_offices_page(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        html = get(client, "offices")
    # Seed part 四: 20 offices (西山区 once, with its two branches; the metro company is no office).
    assert html.count('<td data-label="序号"') == 20
    assert "五华区人力资源和社会保障局" in html
    assert html.count('<td data-label="名称" rowspan="2">西山区人力资源和社会保障局</td>') == 1
    assert html.count("西山区人力资源和社会保障局") == 1
    assert "事业单位人事管理科" in html and "区人才服务中心" in html
    assert 'href="tel:087168367604">0871-68367604</a>、<a class="phone" href="tel:087168158354">' in html
    assert '<td data-label="名称">昆明地铁运营有限公司</td>' not in html
    for header in ("服务范围及内容", "地址", "联系电话"):
        assert f'<th scope="col">{header}</th>' in html


def test_series_page(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        html = get(client, "series")
    assert html.count('<tbody id="series-') == 29
    for level in ("正高级", "副高级", "中级", "助理级", "员级"):
        assert f'<th scope="col">{level}</th>' in html
    news = html.split('<tbody id="series-17">')[1].split("</tbody>")[0]
    assert '<td data-label="正高级">高级记者</td>' in news
    assert '<td data-label="正高级">高级编辑</td>' in news
    assert '<td data-label="方向">记者</td>' in news
    ads = html.split('<tbody id="series-29">')[1].split("</tbody>")[0]
    assert 'data-label="正高级" class="empty"' in ads  # 广告 has no 正高级
    assert '<td data-label="副高级">高级广告设计师</td>' in ads


# --------------------------------------------------------------------------- policy help


def test_help_lists_every_question_with_anchors(client):
    html = get(client, "help")
    for n in range(1, 26):
        assert f'id="q{n}"' in html
    for n in range(1, 8):
        assert f'id="site-{n}"' in html
    assert unlabelled_controls(html) == []
    assert ">搜索政策问答</label>" in html
    for slug in ("must-read", "filling-guide"):
        assert reverse("public:help_page", args=[slug]) in html


def test_faq_3_and_7_link_to_the_series_table_and_directory(client):
    html = get(client, "help")
    q3 = html.split('id="q3"')[1].split("</article>")[0]
    q7 = html.split('id="q7"')[1].split("</article>")[0]
    assert f'href="{reverse("public:series")}"' in q3
    assert f'href="{reverse("public:committees")}"' in q7


def test_help_search(client):
    html = get(client, "help", q="退休")
    expected = FaqEntry.objects.filter(answer__contains="退休") | FaqEntry.objects.filter(
        tags__contains="退休"
    )
    assert f"找到 {expected.distinct().count()} 条与“退休”相关的问答。" in html
    assert 'id="q4"' in html
    assert 'id="q1"' not in html
    assert 'value="退休"' in html
    assert "没有找到相关问答" in get(client, "help", q="火星")


def test_help_search_by_tag(client):
    html = get(client, "help", q="承诺书")
    assert 'id="q23"' in html


def test_help_pages(client):
    html = get(client, "help_page", "filling-guide")
    assert "<h1>系统填报说明</h1>" in html
    assert "<h2>（一）申报网站</h2>" in html
    assert "<h3>1.基本信息</h3>" in html
    assert "<h4>（1）个人申报</h4>" in html
    must_read = get(client, "help_page", "must-read")
    assert "<h2>（一）申报材料要真实，否则后果很严重。</h2>" in must_read
    assert "网络申报系统一旦关闭后，无法重新开通" in must_read
    assert client.get(reverse("public:help_page", args=["nope"])).status_code == 404


def test_site_faq_rows_are_loaded_in_the_help_page(client):
    site = FaqEntry.objects.filter(kind=FaqKind.SITE).order_by("number")
    html = get(client, "help")
    for entry in site:
        assert entry.question in html


# --------------------------------------------------------------------------- support


def test_support_page(client):
    html = get(client, "support")
    assert "系统技术支持电话" in html
    assert 'href="tel:087163108336"' in html
    assert 'href="tel:12333">12333</a>' in html
    assert 'href="mailto:hrmosmo@163.com"' in html
    for item in ("单位名称", "诉求", "加盖单位公章的情况说明", "单位社会信用代码证（或营业执照）"):
        assert f"<li>{item}</li>" in html
    assert f'href="{reverse("public:offices")}"' in html


def test_public_pages_need_no_sign_in(client):
    for name in ("home", "committees", "offices", "series", "help", "support", "notices"):
        response = client.get(reverse(f"public:{name}"))
        assert response.status_code == 200, name
        assert 'lang="zh-Hans"' in response.content.decode()
