"""Attachment API: attachment_upload, photo_upload, attachments_list, attachment_replace,
attachment_delete, attachment_download and dossier_backup (bearer token)."""

import io
import zipfile

import pytest

from accounts.auth import token_issue
from attachments.models import Attachment
from tests.factories import make_applicant

from . import corpus
from .conftest import make_application, make_entry

BASE = "/api/v1/attachments/"


@pytest.fixture
def auth(applicant):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_issue(user=applicant)}"}


@pytest.mark.django_db
class TestApi:
    def test_upload_list_replace_delete(self, client, applicant, auth):
        entry = make_entry(applicant)
        response = client.post(
            BASE,
            {
                "kind": "entry",
                "title": "毕业证书",
                "entry_id": str(entry.pk),
                "file": corpus.upload("a.png", corpus.png_bytes(), "image/png"),
            },
            **auth,
        )
        assert response.status_code == 201, response.content
        data = response.json()
        assert (data["kind"], data["title"], data["entry_id"], data["download_name"]) == (
            "entry",
            "毕业证书",
            entry.pk,
            "毕业证书.png",
        )
        listed = client.get(BASE, **auth).json()
        assert [row["id"] for row in listed] == [data["id"]]
        response = client.post(
            f"{BASE}{data['id']}/replace",
            {"title": "", "file": corpus.upload("b.pdf", corpus.pdf_bytes(), "application/pdf")},
            **auth,
        )
        assert response.status_code == 201
        new_id = response.json()["id"]
        assert response.json()["content_type"] == "application/pdf"
        response = client.delete(f"{BASE}{new_id}", **auth)
        assert response.json() == {"detail": "附件已删除。"}
        assert client.get(BASE, **auth).json() == []

    def test_refusal_messages(self, client, applicant, auth):
        response = client.post(
            BASE,
            {
                "kind": "diploma",
                "title": "",
                "file": corpus.upload("x.jpg", corpus.elf_bytes(), "image/jpeg"),
            },
            **auth,
        )
        assert response.status_code == 400
        assert response.json() == {
            "detail": "附件未上传，请按提示修改。",
            "errors": {
                "title": ["请填写材料名称。"],
                "file": ["文件内容是Linux 可执行程序（ELF），只能上传 JPG、PNG 图片或 PDF 文件。"],
            },
        }
        response = client.post(BASE, {"kind": "diploma", "title": "x"}, **auth)
        assert response.json()["errors"] == {"file": ["请选择要上传的文件。"]}
        assert response.status_code == 400
        assert not Attachment.objects.exists()

    def test_photo(self, client, applicant, auth):
        bad = corpus.photo_in_range(9, 9.9)
        response = client.post(f"{BASE}photo", {"file": corpus.upload("p.jpg", bad, "image/jpeg")}, **auth)
        assert response.status_code == 400
        assert response.json()["errors"]["file"][0].startswith("照片文件大小为 9.")
        good = corpus.photo_in_range(12, 28, color=(255, 255, 255))
        response = client.post(f"{BASE}photo", {"file": corpus.upload("p.jpg", good, "image/jpeg")}, **auth)
        assert response.status_code == 201
        body = response.json()
        assert (
            body["kind"] == "photo" and body["download_name"] == f"{applicant.id_number}{applicant.name}.jpg"
        )
        assert body["warnings"] and "不是蓝色" in body["warnings"][0]

    def test_frozen(self, client, applicant, auth):
        make_application(applicant, status="in_review")
        response = client.post(
            BASE,
            {
                "kind": "diploma",
                "title": "x",
                "file": corpus.upload("a.png", corpus.png_bytes(), "image/png"),
            },
            **auth,
        )
        assert response.status_code == 409
        assert response.json()["detail"] == "申报已提交审核，附件已冻结；被返回修改后方可补充或替换。"

    def test_download_and_others(self, client, applicant, auth):
        a = client.post(
            BASE,
            {
                "kind": "diploma",
                "title": "学历证书-本科",
                "file": corpus.upload("a.png", corpus.png_bytes(), "image/png"),
            },
            **auth,
        ).json()
        response = client.get(f"{BASE}{a['id']}/file", **auth)
        assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
        other = {"HTTP_AUTHORIZATION": f"Bearer {token_issue(user=make_applicant())}"}
        assert client.get(f"{BASE}{a['id']}/file", **other).status_code == 404
        assert client.delete(f"{BASE}{a['id']}", **other).status_code == 404
        assert client.get(BASE).status_code == 401

    def test_backup(self, client, applicant, auth):
        client.post(
            BASE,
            {
                "kind": "pledge",
                "title": "承诺书",
                "file": corpus.upload("a.pdf", corpus.pdf_bytes(), "application/pdf"),
            },
            **auth,
        )
        response = client.get(f"{BASE}backup", **auth)
        assert response.status_code == 200 and response["Content-Type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
        assert names == ["index.html", "index.txt", "附件/承诺书/承诺书.pdf"]

    def test_operation_ids(self, client):
        schema = client.get("/api/v1/openapi.json").json()
        ids = {op["operationId"] for methods in schema["paths"].values() for op in methods.values()}
        assert {
            "attachments_list",
            "attachment_upload",
            "photo_upload",
            "attachment_replace",
            "attachment_delete",
            "attachment_download",
            "dossier_backup",
        } <= ids
