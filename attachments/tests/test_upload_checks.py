"""Upload refusals by content (issue 3 item 3): a corpus of bad files, each with its Chinese
message, and nothing saved; good files are re-encoded without EXIF."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from attachments import services
from attachments.models import Attachment
from core.errors import ServiceError

from . import corpus


def refused(user, upload, *, kind="diploma", title="学历证书-本科") -> list[str]:
    before = Attachment.objects.count()
    with pytest.raises(ServiceError) as info:
        services.attachment_upload(user=user, kind=kind, title=title, uploaded_file=upload)
    assert Attachment.objects.count() == before
    return info.value.errors.get("file", [])


@pytest.mark.django_db
class TestCorpus:
    def test_renamed_elf_executable(self, applicant):
        errors = refused(applicant, corpus.upload("证书.jpg", corpus.elf_bytes(), "image/jpeg"))
        assert errors == ["文件内容是Linux 可执行程序（ELF），只能上传 JPG、PNG 图片或 PDF 文件。"]

    def test_renamed_windows_executable(self, applicant):
        errors = refused(applicant, corpus.upload("scan.jpg", corpus.exe_bytes(), "image/jpeg"))
        assert errors == ["文件内容是Windows 可执行程序（EXE/DLL），只能上传 JPG、PNG 图片或 PDF 文件。"]

    def test_truncated_jpeg(self, applicant):
        errors = refused(applicant, corpus.upload("scan.jpg", corpus.truncated_jpeg(), "image/jpeg"))
        assert errors == ["JPG 图片已损坏或不完整，无法打开；请重新扫描或导出后上传。"]

    def test_svg_with_script_named_png(self, applicant):
        errors = refused(applicant, corpus.upload("scan.png", corpus.svg_with_script(), "image/png"))
        assert errors == ["文件内容是SVG 矢量图（可含脚本），只能上传 JPG、PNG 图片或 PDF 文件。"]

    def test_svg_declared_as_svg(self, applicant):
        errors = refused(applicant, corpus.upload("scan.svg", corpus.svg_with_script(), "image/svg+xml"))
        assert errors == ["文件内容是SVG 矢量图（可含脚本），只能上传 JPG、PNG 图片或 PDF 文件。"]

    def test_html_page(self, applicant):
        html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
        errors = refused(applicant, corpus.upload("scan.pdf", html, "application/pdf"))
        assert errors == ["文件内容是HTML 网页，只能上传 JPG、PNG 图片或 PDF 文件。"]

    def test_pixel_flood(self, applicant):
        flood = corpus.pixel_flood_png()
        assert len(flood) < 10_000
        errors = refused(applicant, corpus.upload("scan.png", flood, "image/png"))
        assert errors == [
            "图片为 30000×30000 像素（共 9 亿像素），超过了 4000 万像素的上限；请缩小图片后上传。"
        ]

    def test_pixel_cap_setting(self, applicant, settings):
        settings.ATTACHMENT_MAX_PIXELS = 1000
        errors = refused(applicant, corpus.upload("scan.png", corpus.png_bytes((50, 30)), "image/png"))
        assert errors == ["图片为 50×30 像素（共 1500 像素），超过了 1000 像素的上限；请缩小图片后上传。"]

    def test_oversized_file_with_lower_limit(self, applicant, settings):
        settings.ATTACHMENT_MAX_BYTES = 1000
        data = corpus.pdf_bytes(b"%" + b"x" * 1000 + b"\n")
        errors = refused(applicant, corpus.upload("scan.pdf", data, "application/pdf"))
        assert errors == [
            f"文件大小为 {round(len(data) / 1024, 1):g} KB，超过了每个文件 1000 字节 的上限；"
            "请降低扫描分辨率或压缩后重新上传。"
        ]

    def test_oversized_by_one_byte_real_default(self, applicant):
        data = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1 - 9)
        assert len(data) == 10 * 1024 * 1024 + 1
        errors = refused(applicant, corpus.upload("scan.pdf", data, "application/pdf"))
        assert errors == ["文件大小为 10 MB，超过了每个文件 10 MB 的上限；请降低扫描分辨率或压缩后重新上传。"]

    def test_exactly_the_limit_is_accepted(self, applicant, settings):
        data = corpus.pdf_bytes()
        settings.ATTACHMENT_MAX_BYTES = len(data)
        a = services.attachment_upload(
            user=applicant,
            kind="pledge",
            title="承诺书",
            uploaded_file=corpus.upload("p.pdf", data, "application/pdf"),
        )
        assert a.size == len(data)

    def test_size_lie_is_caught_while_reading(self, applicant, settings):
        settings.ATTACHMENT_MAX_BYTES = 1000
        upload = corpus.upload("scan.pdf", corpus.pdf_bytes(b"%" + b"x" * 2000 + b"\n"), "application/pdf")
        upload.size = 10  # a client lying about the size
        errors = refused(applicant, upload)
        assert errors == ["文件大小超过了每个文件 1000 字节 的上限；请降低扫描分辨率或压缩后重新上传。"]

    def test_pdf_with_javascript(self, applicant):
        errors = refused(
            applicant, corpus.upload("scan.pdf", corpus.pdf_with_javascript(), "application/pdf")
        )
        assert errors == [
            "PDF 文件含有/JavaScript（脚本）、/JS（脚本），"
            "可能在打开时运行程序，不能上传；请重新导出为普通 PDF。"
        ]

    def test_pdf_with_launch_hidden_in_compressed_stream(self, applicant):
        errors = refused(
            applicant, corpus.upload("scan.pdf", corpus.pdf_with_hidden_launch(), "application/pdf")
        )
        assert errors == [
            "PDF 文件含有/Launch（启动程序），可能在打开时运行程序，不能上传；请重新导出为普通 PDF。"
        ]

    def test_pdf_without_eof(self, applicant):
        data = corpus.pdf_bytes().replace(b"%%EOF", b"")
        errors = refused(applicant, corpus.upload("scan.pdf", data, "application/pdf"))
        assert errors == ["PDF 文件不完整：文件末尾缺少 %%EOF 结束标记，请重新导出或扫描后上传。"]

    def test_extension_must_match_content(self, applicant):
        errors = refused(applicant, corpus.upload("scan.jpg", corpus.png_bytes(), "image/jpeg"))
        assert errors == ["文件扩展名为 .jpg，但文件内容是PNG 图片；扩展名须与内容一致（应为 .png）。"]

    def test_declared_type_must_match_content(self, applicant):
        errors = refused(applicant, corpus.upload("scan.png", corpus.png_bytes(), "image/svg+xml"))
        assert errors == ["文件声明的类型为 image/svg+xml，但文件内容是PNG 图片；类型须与内容一致。"]

    def test_missing_extension(self, applicant):
        errors = refused(applicant, corpus.upload("scan", corpus.png_bytes(), "image/png"))
        assert errors == ["文件名缺少扩展名；文件内容是PNG 图片，扩展名应为 .png。"]

    def test_gif_refused(self, applicant):
        buf = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buf, "GIF")
        errors = refused(applicant, corpus.upload("scan.gif", buf.getvalue(), "image/gif"))
        assert errors == ["文件内容是GIF 图片，只能上传 JPG、PNG 图片或 PDF 文件。"]

    def test_empty_file(self, applicant):
        errors = refused(applicant, corpus.upload("scan.jpg", b"", "image/jpeg"))
        assert errors == ["文件是空的，请重新选择文件。"]

    def test_no_file_and_no_title_reported_together(self, applicant):
        with pytest.raises(ServiceError) as info:
            services.attachment_upload(user=applicant, kind="", title="  ", uploaded_file=None)
        assert info.value.errors == {
            "kind": ["请选择材料类别。"],
            "title": ["请填写材料名称。"],
            "file": ["请选择要上传的文件。"],
        }
        assert not Attachment.objects.exists()

    def test_title_too_long(self, applicant):
        with pytest.raises(ServiceError) as info:
            services.attachment_upload(
                user=applicant,
                kind="diploma",
                title="证" * 101,
                uploaded_file=corpus.upload("a.png", corpus.png_bytes(), "image/png"),
            )
        assert info.value.errors == {"title": ["材料名称最多 100 个字，当前 101 个字。"]}


@pytest.mark.django_db
class TestAccepted:
    def test_jpeg_with_gps_exif_is_stored_without_it(self, applicant):
        original = corpus.jpeg_bytes((200, 150), exif=corpus.exif_with_gps())
        assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
        a = services.attachment_upload(
            user=applicant,
            kind="diploma",
            title="学历证书-本科",
            uploaded_file=corpus.upload("IMG_0001.JPG", original, "image/jpeg"),
        )
        with default_storage.open(a.file.name, "rb") as handle:
            stored = handle.read()
        image = Image.open(io.BytesIO(stored))
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert b"Exif" not in stored and b"TestCamera" not in stored
        assert (a.width, a.height, a.content_type) == (200, 150, "image/jpeg")
        assert a.size == len(stored)
        import hashlib

        assert a.sha256 == hashlib.sha256(stored).hexdigest()

    def test_exif_orientation_applied_before_stripping(self, applicant):
        exif = Image.Exif()
        exif[0x0112] = 6  # rotate 90° clockwise on display
        original = corpus.jpeg_bytes((200, 100), exif=exif.tobytes())
        a = services.attachment_upload(
            user=applicant,
            kind="diploma",
            title="证书",
            uploaded_file=corpus.upload("a.jpg", original, "image/jpeg"),
        )
        assert (a.width, a.height) == (100, 200)

    def test_png(self, applicant):
        a = services.attachment_upload(
            user=applicant,
            kind="annual_assessment",
            title="2023年度考核表",
            uploaded_file=corpus.upload("考核.PNG", corpus.png_bytes((64, 48)), "image/png"),
        )
        assert (a.content_type, a.width, a.height) == ("image/png", 64, 48)
        assert a.file.name.startswith(f"attachments/{applicant.pk}/") and a.file.name.endswith(".png")
        assert "考核" not in a.file.name
        with default_storage.open(a.file.name, "rb") as handle:
            assert Image.open(handle).format == "PNG"

    def test_pdf_stored_unchanged(self, applicant):
        data = corpus.pdf_bytes()
        a = services.attachment_upload(
            user=applicant,
            kind="pledge",
            title="承诺书",
            uploaded_file=corpus.upload("../../etc/passwd.pdf", data, "application/pdf"),
        )
        assert a.content_type == "application/pdf" and a.width is None
        assert ".." not in a.file.name and "passwd" not in a.file.name
        with default_storage.open(a.file.name, "rb") as handle:
            assert handle.read() == data


@pytest.mark.django_db
def test_jpeg_pixel_flood_refused_from_its_header(applicant):
    """A small JPEG whose frame header claims 30000×30000: refused before decoding."""
    data = bytearray(corpus.jpeg_bytes((16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = (30000).to_bytes(2, "big") + (30000).to_bytes(2, "big")
    errors = refused(applicant, corpus.upload("scan.jpg", bytes(data), "image/jpeg"))
    assert errors == ["图片为 30000×30000 像素（共 9 亿像素），超过了 4000 万像素的上限；请缩小图片后上传。"]


@pytest.mark.django_db
def test_manage_page_queries_are_constant(client, applicant, django_assert_max_num_queries):
    for i in range(30):
        services.attachment_upload(
            user=applicant,
            kind="diploma",
            title=f"证书{i}",
            uploaded_file=corpus.upload("a.png", corpus.png_bytes((8, 8)), "image/png"),
        )
    client.force_login(applicant)
    # 9: the left menu asks once whether the applicant has a committee's result (评审结果).
    with django_assert_max_num_queries(9):
        assert client.get("/attachments/").status_code == 200


@pytest.mark.django_db
def test_size_limit_upload_handler_keeps_big_files_out(client, applicant, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    settings.FILE_UPLOAD_HANDLERS = [
        "attachments.uploadhandlers.AttachmentSizeLimitUploadHandler",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ]
    client.force_login(applicant)
    big = corpus.pdf_bytes(b"%" + b"x" * 200_000 + b"\n")
    response = client.post(
        "/attachments/upload/",
        {"kind": "pledge", "title": "承诺书", "file": corpus.upload("a.pdf", big, "application/pdf")},
    )
    assert response.status_code == 400
    assert (
        f"文件大小为 {round(len(big) / 1024, 1):g} KB，超过了每个文件 1000 字节 的上限；"
        "请降低扫描分辨率或压缩后重新上传。" in response.content.decode()
    )
    assert not Attachment.objects.exists()
    small = corpus.pdf_bytes()
    response = client.post(
        "/attachments/upload/",
        {"kind": "pledge", "title": "承诺书", "file": corpus.upload("a.pdf", small, "application/pdf")},
    )
    assert response.status_code == 302
    assert Attachment.objects.get().size == len(small)
