"""Serving: only through the permission check, with Content-Disposition (Chinese name, RFC 5987),
nosniff, the stored content type and Cache-Control: private."""

from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage

from attachments import services
from attachments.permissions import can_view_attachment
from tests.factories import make_applicant, make_support, make_unit_admin

from . import corpus


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def diploma(applicant):
    return services.attachment_upload(
        user=applicant,
        kind="diploma",
        title="学历证书-本科",
        uploaded_file=corpus.upload("IMG_1.jpg", corpus.jpeg_bytes(), "image/jpeg"),
    )


@pytest.mark.django_db
class TestDownload:
    def test_owner_downloads_with_chinese_name(self, client, applicant, diploma):
        with default_storage.open(diploma.file.name, "rb") as handle:
            expected = handle.read()
        client.force_login(applicant)
        response = client.get(f"/attachments/{diploma.pk}/")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private"
        assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("学历证书-本科.jpg")
        assert body(response) == expected
        assert body(client.get(f"/attachments/{diploma.pk}/")) == expected  # twice

    def test_inline(self, client, applicant, diploma):
        client.force_login(applicant)
        response = client.get(f"/attachments/{diploma.pk}/?inline=1")
        assert response["Content-Disposition"].startswith("inline; filename*=utf-8''")

    def test_photo_named_id_number_and_name(self, client, applicant):
        photo = services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("x.jpg", corpus.photo_in_range(12, 28), "image/jpeg")
        )
        client.force_login(applicant)
        response = client.get(f"/attachments/{photo.pk}/")
        assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote(
            f"{applicant.id_number}{applicant.name}.jpg"
        )

    def test_support_may_view(self, client, diploma):
        client.force_login(make_support())
        assert client.get(f"/attachments/{diploma.pk}/").status_code == 200

    @pytest.mark.parametrize("make_other", [make_applicant, make_unit_admin])
    def test_others_get_404(self, client, diploma, make_other):
        client.force_login(make_other())
        assert client.get(f"/attachments/{diploma.pk}/").status_code == 404

    def test_unknown_is_404_and_anonymous_redirected(self, client, applicant, diploma):
        assert client.get(f"/attachments/{diploma.pk}/").status_code == 302
        client.force_login(applicant)
        assert client.get("/attachments/999999/").status_code == 404

    def test_archived_rows_stay_readable_for_the_owner(self, client, applicant, diploma):
        services.attachment_delete(user=applicant, attachment_id=diploma.pk)
        client.force_login(applicant)
        assert client.get(f"/attachments/{diploma.pk}/").status_code == 200

    def test_permission_function(self, applicant, diploma):
        assert can_view_attachment(applicant, diploma) == (True, "")
        assert can_view_attachment(make_support(), diploma) == (True, "")
        assert can_view_attachment(make_applicant(), diploma) == (False, "附件不存在。")


@pytest.mark.django_db
def test_admin_is_read_only_and_links_the_checked_view(client, diploma):
    support = make_support(is_superuser=True)
    client.force_login(support)
    html = client.get("/admin/attachments/attachment/").content.decode()
    assert f"/attachments/{diploma.pk}/?inline=1" in html
    assert client.get("/admin/attachments/attachment/add/").status_code == 403
    detail = client.get(f"/admin/attachments/attachment/{diploma.pk}/change/")
    assert detail.status_code == 200 and 'name="title"' not in detail.content.decode()
