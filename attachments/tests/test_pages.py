"""附件管理 pages: labels, the rule 23 text, upload / replace / delete without JS, errors next to
the fields, the frozen notice, and the includes other pages use."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from attachments import services
from attachments.models import Attachment
from tests.factories import make_support
from tests.html import unlabelled_controls

from . import corpus
from .conftest import make_application, make_entry

RULE_23_TEXT = (
    '蓝底1寸电子照片，JPG或JPEG格式，文件大小在10k与30k之间，像素大小大于295px*413px，命名为"身份证号+姓名"'
)


def page(client, url="/attachments/"):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    return html


def upload_one(user, title="学历证书-本科"):
    return services.attachment_upload(
        user=user,
        kind="diploma",
        title=title,
        uploaded_file=corpus.upload("a.png", corpus.png_bytes(), "image/png"),
    )


@pytest.mark.django_db
class TestManagePage:
    def test_labels_and_requirements(self, client, applicant):
        upload_one(applicant)
        client.force_login(applicant)
        html = page(client)
        assert unlabelled_controls(html) == []
        assert 'enctype="multipart/form-data"' in html
        for words in (
            "附件管理",
            "材料类别",
            "材料名称",
            "1寸电子照片",
            "上传照片",
            "查看",
            "替换",
            "删除",
            "学历证书-本科",
        ):
            assert words in html, words
        assert RULE_23_TEXT in html.replace("&quot;", '"')
        assert "备份下载" in html

    def test_upload_through_the_page(self, client, applicant):
        client.force_login(applicant)
        response = client.post(
            "/attachments/upload/",
            {
                "kind": "pledge",
                "title": "承诺书",
                "file": corpus.upload("c.pdf", corpus.pdf_bytes(), "application/pdf"),
            },
        )
        assert response.status_code == 302 and response["Location"] == "/attachments/"
        assert Attachment.objects.get().title == "承诺书"
        assert "附件“承诺书”已上传。" in page(client)

    def test_errors_next_to_fields_and_input_kept(self, client, applicant):
        client.force_login(applicant)
        response = client.post(
            "/attachments/upload/",
            {
                "kind": "pledge",
                "title": "承诺书",
                "file": corpus.upload("c.jpg", corpus.exe_bytes(), "image/jpeg"),
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "文件内容是Windows 可执行程序（EXE/DLL），只能上传 JPG、PNG 图片或 PDF 文件。" in html
        assert 'value="承诺书"' in html
        assert unlabelled_controls(html) == []
        assert not Attachment.objects.exists()

    def test_missing_everything(self, client, applicant):
        client.force_login(applicant)
        html = client.post("/attachments/upload/", {}).content.decode()
        for message in ("请选择材料类别。", "请填写材料名称。", "请选择要上传的文件。"):
            assert message in html

    def test_photo_through_the_page(self, client, applicant):
        client.force_login(applicant)
        bad = corpus.photo_in_range(12, 28, size=(300, 400))
        html = client.post(
            "/attachments/photo/", {"file": corpus.upload("p.jpg", bad, "image/jpeg")}
        ).content.decode()
        assert "照片像素为 300×400，要求大于 295×413（宽须大于 295 像素，高须大于 413 像素）。" in html
        good = corpus.photo_in_range(12, 28)
        response = client.post("/attachments/photo/", {"file": corpus.upload("p.jpg", good, "image/jpeg")})
        assert response.status_code == 302
        assert Attachment.objects.get(kind="photo").size == len(good)

    def test_replace_and_delete_pages(self, client, applicant):
        a = upload_one(applicant)
        client.force_login(applicant)
        html = page(client, f"/attachments/{a.pk}/replace/")
        assert unlabelled_controls(html) == [] and "新文件" in html
        response = client.post(
            f"/attachments/{a.pk}/replace/",
            {"title": "学位证书", "file": corpus.upload("b.png", corpus.png_bytes(), "image/png")},
        )
        assert response.status_code == 302
        new = Attachment.objects.get(archived_at=None)
        assert new.title == "学位证书"
        assert "确定删除附件“学位证书”" in page(client, f"/attachments/{new.pk}/delete/")
        response = client.post(f"/attachments/{new.pk}/delete/", {"next": "/dossier/basic/"})
        assert response.status_code == 302 and response["Location"] == "/dossier/basic/"
        assert not Attachment.objects.filter(archived_at=None).exists()

    def test_next_is_kept_on_this_site_only(self, client, applicant):
        a = upload_one(applicant)
        client.force_login(applicant)
        response = client.post(f"/attachments/{a.pk}/delete/", {"next": "https://evil.example/"})
        assert response["Location"] == "/attachments/"

    def test_frozen(self, client, applicant):
        a = upload_one(applicant)
        make_application(applicant, status="in_review")
        client.force_login(applicant)
        html = page(client)
        assert "申报已提交审核，附件已冻结；被返回修改后方可补充或替换。" in html
        assert f"/attachments/{a.pk}/replace/" not in html and "上传照片" not in html
        response = client.post(f"/attachments/{a.pk}/delete/")
        assert response.status_code == 400
        assert "申报已提交审核，附件已冻结" in response.content.decode()
        a.refresh_from_db()
        assert a.archived_at is None

    def test_other_people_see_404(self, client, applicant):
        a = upload_one(applicant)
        client.force_login(make_support())
        assert client.get("/attachments/").status_code == 404
        assert client.get(f"/attachments/{a.pk}/replace/").status_code == 404
        assert client.post(f"/attachments/{a.pk}/delete/").status_code == 404


@pytest.mark.django_db
class TestIncludes:
    def request(self, user, path="/dossier/section/education/"):
        request = RequestFactory().get(path)
        request.user = user
        return request

    def test_entry_attachments(self, client, applicant):
        entry = make_entry(applicant)
        a = services.attachment_upload(
            user=applicant,
            kind="entry",
            title="毕业证书",
            entry_id=entry.pk,
            uploaded_file=corpus.upload("a.png", corpus.png_bytes(), "image/png"),
        )
        html = render_to_string(
            "attachments/includes/entry_attachments.html",
            {"entry": entry, "attachments": [a], "editable": True, "request": self.request(applicant)},
        )
        assert unlabelled_controls(html) == []
        assert "毕业证书" in html and "查看" in html and "替换" in html and "删除" in html
        assert f'name="entry_id" value="{entry.pk}"' in html
        readonly = render_to_string(
            "attachments/includes/entry_attachments.html",
            {"entry": entry, "attachments": [a], "editable": False, "request": self.request(applicant)},
        )
        assert "查看" in readonly and "替换" not in readonly and "<form" not in readonly

    def test_entry_upload_error_comes_back_at_its_entry(self, client, applicant):
        """Issue 11 item 23: a refused upload under an entry keeps its context — the section page,
        that entry's form with the category and the name typed, the reason next to the field."""
        entry = make_entry(applicant)
        client.force_login(applicant)
        response = client.post(
            "/attachments/upload/",
            {
                "kind": "diploma",
                "entry_id": entry.pk,
                "title": "毕业证书",
                "next": "/dossier/section/education/",
                "file": corpus.upload("a.gif", b"GIF89a" + b"\0" * 40, "image/gif"),
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "<h1>学历情况</h1>" in html
        form = html[html.index(f'id="entry-{entry.pk}-attachments"') :]
        assert f'name="entry_id" value="{entry.pk}"' in form
        assert 'value="毕业证书"' in form  # what was typed is kept
        assert '<option value="diploma" selected>学历学位证书</option>' in form
        assert "文件内容是GIF 图片，只能上传 JPG、PNG 图片或 PDF 文件。" in form
        file_input = form[form.index('<input type="file"') :]
        assert f'id="att-{entry.pk}-file"' in file_input[: file_input.index(">")]
        assert " autofocus " in file_input[: file_input.index(">")]  # the field with the error
        assert 'value="/dossier/section/education/"' in html  # links lead back to the section
        assert unlabelled_controls(html) == []
        response = client.post(
            "/attachments/upload/",
            {
                "kind": "diploma",
                "entry_id": entry.pk,
                "title": "毕业证书",
                "next": "/dossier/section/education/",
                "file": corpus.upload("a.png", corpus.png_bytes(), "image/png"),
            },
        )
        assert response["Location"] == f"/dossier/section/education/#entry-{entry.pk}"

    @pytest.mark.parametrize("kind", ["photo", "delayed_retirement"])
    def test_kind_attachments(self, applicant, kind):
        html = render_to_string(
            "attachments/includes/kind_attachments.html",
            {"kind": kind, "request": self.request(applicant, "/dossier/basic/")},
        )
        assert unlabelled_controls(html) == []
        assert 'enctype="multipart/form-data"' in html
        if kind == "photo":
            assert RULE_23_TEXT in html.replace("&quot;", '"')
            assert 'action="/attachments/photo/"' in html
        else:
            assert 'name="kind" value="delayed_retirement"' in html

    def test_kind_attachments_frozen(self, applicant):
        services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("p.jpg", corpus.photo_in_range(12, 28), "image/jpeg")
        )
        make_application(applicant, status="approved")
        html = render_to_string(
            "attachments/includes/kind_attachments.html",
            {"kind": "photo", "request": self.request(applicant)},
        )
        assert "附件已冻结" in html and "<form" not in html and "查看" in html


@pytest.mark.django_db
def test_a_refused_upload_from_basic_information_names_its_category(client, applicant):
    """Issue 11 item 23: 基本信息's 延迟退休批准文件 refused — the page names the category, keeps it
    chosen and the name typed, says exactly why, and leads back."""
    client.force_login(applicant)
    response = client.post(
        "/attachments/upload/",
        {
            "kind": "delayed_retirement",
            "title": "延迟退休批复",
            "next": "/dossier/basic/",
            "file": corpus.upload("a.pdf", corpus.pdf_with_javascript(), "application/pdf"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>上传附件：延迟退休批准文件</h1>" in html
    assert '<option value="delayed_retirement" selected>延迟退休批准文件</option>' in html
    assert 'value="延迟退休批复"' in html
    assert "PDF 文件含有/JavaScript（脚本）" in html and "可能在打开时运行程序，不能上传" in html
    assert 'href="/dossier/basic/"' in html and " autofocus " in html


@pytest.mark.django_db
def test_a_refused_upload_on_the_manage_page_keeps_its_category_and_name(client, applicant, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    client.force_login(applicant)
    big = corpus.pdf_bytes(b"%" + b"x" * 3000 + b"\n")
    response = client.post(
        "/attachments/upload/",
        {
            "kind": "annual_assessment",
            "title": "2025年度考核表",
            "file": corpus.upload("a.pdf", big, "application/pdf"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert '<option value="annual_assessment" selected>年度考核材料</option>' in html
    assert 'value="2025年度考核表"' in html
    assert (
        "超过了每个文件 1000 字节 的上限" in html and f"文件大小为 {round(len(big) / 1024, 1):g} KB" in html
    )
    assert "“年度考核材料”也可以在" in html  # where else it may go: under the assessments' entries


@pytest.mark.django_db
def test_deleting_a_file_asks_first(client, applicant):
    """Issue 11 item 22: every delete form of an attachment carries its confirmation."""
    entry = make_entry(applicant)
    services.attachment_upload(
        user=applicant,
        kind="",
        title="毕业证书",
        entry_id=entry.pk,
        uploaded_file=corpus.upload("a.png", corpus.png_bytes(), "image/png"),
    )
    services.attachment_upload(
        user=applicant,
        kind="pledge",
        title="承诺书",
        uploaded_file=corpus.upload("a.pdf", corpus.pdf_bytes(), "application/pdf"),
    )
    client.force_login(applicant)
    for url in ("/attachments/", "/dossier/section/education/"):
        html = client.get(url).content.decode()
        forms = re.findall(r'<form method="post" action="/attachments/\d+/delete/"[^>]*>', html)
        assert forms, url
        assert all('data-confirm="确定删除附件“' in form for form in forms), url
