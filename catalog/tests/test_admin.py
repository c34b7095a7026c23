"""Chinese admin for the catalogue: lists, search, filters, Track/Title inlines."""

import pytest
from django.urls import reverse

from catalog.models import Contact, FaqEntry, HelpPage, Series, Title, Track
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog_data")]


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(role="support", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", [Series, Track, Title, FaqEntry, HelpPage, Contact])
def test_changelist_search_and_add_pages(admin_client, model):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert f"选择 {opts.verbose_name} 来修改" in response.content.decode()
    assert "本表数据由数据文件载入" in response.content.decode()
    assert admin_client.get(url, {"q": "高级"}).status_code == 200
    assert admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200


def test_series_page_has_track_inline_and_track_page_has_title_inline(admin_client):
    news = Series.objects.get(name="新闻")
    html = admin_client.get(reverse("admin:catalog_series_change", args=[news.pk])).content.decode()
    assert "系列方向" in html and 'value="记者"' in html
    track = news.tracks.get(name="编辑")
    html = admin_client.get(reverse("admin:catalog_track_change", args=[track.pk])).content.decode()
    assert 'value="高级编辑"' in html


def test_title_list_filters_by_level(admin_client):
    url = reverse("admin:catalog_title_changelist")
    html = admin_client.get(url, {"level__exact": "senior_full"}).content.decode()
    assert "高级记者" in html
    assert "助理记者" not in html
