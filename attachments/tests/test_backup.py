"""备份下载: one ZIP with index.html / index.txt and every current attachment, names deduplicated."""

import io
import zipfile

import pytest

from attachments import services
from attachments.backup import attachment_zip_paths
from tests.factories import make_applicant, make_support

from . import corpus
from .conftest import make_entry


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def filled(applicant):
    entry = make_entry(applicant)
    paper = make_entry(
        applicant,
        section="papers",
        data={
            "title": "论测试的方法",
            "journal": "测试学报",
            "journal_number": "CN 11-2065/TP",
            "published_on": "2023-05",
        },
    )
    files = {
        "entry": services.attachment_upload(
            user=applicant,
            kind="entry",
            title="毕业证书",
            entry_id=entry.pk,
            uploaded_file=corpus.upload("a.png", corpus.png_bytes(), "image/png"),
        ),
        "same1": services.attachment_upload(
            user=applicant,
            kind="diploma",
            title="学历证书/本科",
            uploaded_file=corpus.upload("b.jpg", corpus.jpeg_bytes(), "image/jpeg"),
        ),
        "same2": services.attachment_upload(
            user=applicant,
            kind="diploma",
            title="学历证书/本科",
            uploaded_file=corpus.upload("c.jpg", corpus.jpeg_bytes(), "image/jpeg"),
        ),
        "paper": services.attachment_upload(
            user=applicant,
            kind="entry",
            title="论文正文",
            entry_id=paper.pk,
            uploaded_file=corpus.upload("p.pdf", corpus.pdf_bytes(), "application/pdf"),
        ),
        "photo": services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("x.jpg", corpus.photo_in_range(12, 28), "image/jpeg")
        ),
    }
    deleted = services.attachment_upload(
        user=applicant,
        kind="pledge",
        title="旧承诺书",
        uploaded_file=corpus.upload("o.pdf", corpus.pdf_bytes(), "application/pdf"),
    )
    services.attachment_delete(user=applicant, attachment_id=deleted.pk)
    return files


@pytest.mark.django_db
class TestBackup:
    def test_zip_content(self, client, applicant, filled):
        client.force_login(applicant)
        response = client.get("/attachments/backup/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
        archive = zip_of(response)
        names = set(archive.namelist())
        n = applicant.id_number + applicant.name
        assert names == {
            "index.html",
            "index.txt",
            "附件/条目附件/毕业证书.png",
            "附件/条目附件/论文正文.pdf",
            "附件/学历学位证书/学历证书_本科.jpg",
            "附件/学历学位证书/学历证书_本科（2）.jpg",
            f"附件/1寸电子照片/{n}.jpg",
        }
        for key, attachment in filled.items():
            with attachment.file.storage.open(attachment.file.name, "rb") as handle:
                expected = handle.read()
            path = attachment_zip_paths([attachment])[attachment.pk]
            if key == "same2":
                path = "附件/学历学位证书/学历证书_本科（2）.jpg"
            assert archive.read(path) == expected, key
        html = archive.read("index.html").decode("utf-8")
        assert '<meta charset="utf-8">' in html
        for words in (
            "基本信息",
            applicant.name,
            "学历情况",
            "云南大学",
            "撰写论文情况",
            "论测试的方法",
            "测试学报",
            "其他附件",
        ):
            assert words in html, words
        assert (
            'href="%E9%99%84%E4%BB%B6/%E6%9D%A1%E7%9B%AE%E9%99%84%E4%BB%B6/%E6%AF%95%E4%B8%9A%E8%AF%81%E4%B9%A6.png"'
            in html
        )
        assert "旧承诺书" not in html
        text = archive.read("index.txt").decode("utf-8-sig")
        assert "【学历情况】" in text and "附件/条目附件/毕业证书.png" in text and "论测试的方法" in text

    def test_empty_dossier(self, client, applicant):
        client.force_login(applicant)
        archive = zip_of(client.get("/attachments/backup/"))
        assert archive.namelist() == ["index.html", "index.txt"]
        assert "（无）" in archive.read("index.html").decode()

    def test_titles_escape_html(self, client, applicant):
        services.attachment_upload(
            user=applicant,
            kind="other",
            title="<script>alert(1)</script>",
            uploaded_file=corpus.upload("a.png", corpus.png_bytes(), "image/png"),
        )
        client.force_login(applicant)
        html = zip_of(client.get("/attachments/backup/")).read("index.html").decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html

    def test_only_the_applicant(self, client):
        client.force_login(make_support())
        assert client.get("/attachments/backup/").status_code == 404

    def test_own_files_only(self, client, applicant, filled):
        other = make_applicant()
        client.force_login(other)
        assert zip_of(client.get("/attachments/backup/")).namelist() == ["index.html", "index.txt"]
