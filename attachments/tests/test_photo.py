"""Rule 23: the 1-inch photo. JPG/JPEG, 10 KB to 30 KB, larger than 295×413 px; each failure
says what was found and what is required; the download is named 身份证号+姓名."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from attachments import rules, services
from attachments.checks import jpeg_strip_metadata
from attachments.models import Attachment, AttachmentKind
from attachments.selectors import current_photo
from core.errors import ServiceError

from . import corpus


def photo_refused(user, upload) -> list[str]:
    before = Attachment.objects.count()
    with pytest.raises(ServiceError) as info:
        services.photo_upload(user=user, uploaded_file=upload)
    assert Attachment.objects.count() == before
    assert info.value.detail == "照片不符合要求，请按提示修改后重新上传。"
    return info.value.errors["file"]


def size_message(size: int) -> str:
    return (
        f"照片文件大小为 {size / 1024:.1f} KB（{size} 字节），"
        "要求在 10 KB 与 30 KB 之间（10240 至 30720 字节）。"
    )


PIXEL_MESSAGE = "照片像素为 {w}×{h}，要求大于 295×413（宽须大于 295 像素，高须大于 413 像素）。"


@pytest.mark.django_db
class TestRule23Refusals:
    def test_png_given(self, applicant):
        buf = io.BytesIO()
        Image.new("RGB", (358, 441), corpus.BLUE).save(buf, "PNG")
        data = buf.getvalue()
        errors = photo_refused(applicant, corpus.upload("photo.png", data, "image/png"))
        assert errors == [
            "照片只能是 JPG 或 JPEG 格式（申报省级评委会的电子照片要求，见《职称知识25问》第23问），"
            "所选文件是PNG 图片。",
            size_message(len(data)),
        ]

    def test_9_kb(self, applicant):
        data = corpus.photo_in_range(9, 9.9)
        errors = photo_refused(applicant, corpus.upload("photo.jpg", data, "image/jpeg"))
        assert errors == [size_message(len(data))]
        assert errors[0].startswith("照片文件大小为 9.")

    def test_31_kb(self, applicant):
        data = corpus.photo_in_range(30.6, 31.4)
        errors = photo_refused(applicant, corpus.upload("photo.jpg", data, "image/jpeg"))
        assert errors == [size_message(len(data))]
        assert errors[0].startswith("照片文件大小为 3")

    def test_exactly_295_by_413(self, applicant):
        data = corpus.photo_in_range(12, 28, size=(295, 413))
        errors = photo_refused(applicant, corpus.upload("photo.jpg", data, "image/jpeg"))
        assert errors == [PIXEL_MESSAGE.format(w=295, h=413)]

    def test_300_by_400(self, applicant):
        data = corpus.photo_in_range(12, 28, size=(300, 400))
        errors = photo_refused(applicant, corpus.upload("photo.jpg", data, "image/jpeg"))
        assert errors == [PIXEL_MESSAGE.format(w=300, h=400)]

    def test_several_failures_at_once(self, applicant):
        data = corpus.photo_in_range(2, 9, size=(200, 300))
        errors = photo_refused(applicant, corpus.upload("photo.jpg", data, "image/jpeg"))
        assert errors == [size_message(len(data)), PIXEL_MESSAGE.format(w=200, h=300)]

    def test_bad_file_as_photo(self, applicant):
        errors = photo_refused(applicant, corpus.upload("photo.jpg", corpus.exe_bytes(), "image/jpeg"))
        assert errors == [
            "照片只能是 JPG 或 JPEG 格式（申报省级评委会的电子照片要求，见《职称知识25问》第23问），"
            "所选文件的内容是Windows 可执行程序（EXE/DLL）。"
        ]

    def test_no_file(self, applicant):
        assert photo_refused(applicant, None) == ["请选择要上传的照片。"]


@pytest.mark.django_db
class TestRule23Accepted:
    def test_good_photo(self, applicant):
        data = corpus.photo_in_range(12, 28, size=(296, 414))
        photo = services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("我.jpeg", data, "image/jpeg")
        )
        assert (photo.kind, photo.title, photo.width, photo.height) == ("photo", "1寸电子照片", 296, 414)
        assert photo.size == len(data)  # not re-encoded: the size the rule judged is the size stored
        with default_storage.open(photo.file.name, "rb") as handle:
            assert handle.read() == data
        assert rules.photo_problems(attachment=photo) == []
        assert photo.photo_warnings == []
        assert current_photo(user=applicant) == photo

    def test_boundaries_10_and_30_kb_are_allowed(self):
        assert rules.photo_problems_of(content_type="image/jpeg", size=10240, width=296, height=414) == []
        assert rules.photo_problems_of(content_type="image/jpeg", size=30720, width=296, height=414) == []
        assert rules.photo_problems_of(content_type="image/jpeg", size=10239, width=296, height=414) == [
            size_message(10239)
        ]
        assert rules.photo_problems_of(content_type="image/jpeg", size=30721, width=296, height=414) == [
            size_message(30721)
        ]

    def test_exif_stripped_losslessly_and_rule_checked_on_stored_bytes(self, applicant):
        plain = corpus.photo_in_range(26, 29)
        image = Image.open(io.BytesIO(plain))
        exif = corpus.exif_with_gps() + b""
        buf = io.BytesIO()
        # Same pixels, plus EXIF with GPS and a long comment: over 30 KB as uploaded.
        image.save(buf, "JPEG", quality="keep", exif=exif, comment=b"x" * 4000)
        uploaded = buf.getvalue()
        assert len(uploaded) > 30 * 1024
        photo = services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("p.jpg", uploaded, "image/jpeg")
        )
        with default_storage.open(photo.file.name, "rb") as handle:
            stored = handle.read()
        assert stored == jpeg_strip_metadata(uploaded)
        assert len(stored) == photo.size <= 30 * 1024
        assert b"Exif" not in stored and b"xxxx" not in stored
        assert len(Image.open(io.BytesIO(stored)).getexif()) == 0

    def test_trailing_data_after_end_of_image_is_cut(self):
        data = corpus.photo_in_range(12, 28) + b"PK\x03\x04 hidden zip"
        stripped = jpeg_strip_metadata(data)
        assert stripped.endswith(b"\xff\xd9") and b"hidden" not in stripped

    def test_progressive_jpeg_survives_stripping(self):
        buf = io.BytesIO()
        Image.new("RGB", (320, 440), corpus.BLUE).save(
            buf, "JPEG", progressive=True, exif=corpus.exif_with_gps()
        )
        stripped = jpeg_strip_metadata(buf.getvalue())
        image = Image.open(io.BytesIO(stripped))
        image.load()
        assert image.size == (320, 440)

    def test_not_blue_background_is_a_warning_not_a_refusal(self, applicant):
        data = corpus.photo_in_range(12, 28, color=(250, 250, 250))
        photo = services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("p.jpg", data, "image/jpeg")
        )
        assert photo.pk
        assert len(photo.photo_warnings) == 1
        assert photo.photo_warnings[0].startswith(
            "照片背景看起来不是蓝色：边缘只有 0% 的像素为蓝色，要求为蓝底照片"
        )
        assert rules.photo_warnings(attachment=photo) == photo.photo_warnings

    def test_light_and_dark_blue_backgrounds_pass(self):
        for color in ((67, 142, 219), (150, 200, 240), (20, 60, 160), (0, 191, 243)):
            data = corpus.photo_in_range(12, 28, color=color)
            assert rules.photo_warnings_of(data) == [], color

    def test_new_photo_archives_the_previous(self, applicant):
        first = services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("a.jpg", corpus.photo_in_range(12, 20), "image/jpeg")
        )
        second = services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("b.jpg", corpus.photo_in_range(20, 28), "image/jpeg")
        )
        first.refresh_from_db()
        assert first.archived_at is not None
        assert current_photo(user=applicant) == second
        assert (
            Attachment.objects.filter(owner=applicant, kind=AttachmentKind.PHOTO, archived_at=None).count()
            == 1
        )

    def test_attachment_upload_with_kind_photo_uses_rule_23(self, applicant):
        data = corpus.photo_in_range(9, 9.9)
        with pytest.raises(ServiceError) as info:
            services.attachment_upload(
                user=applicant,
                kind="photo",
                title="",
                uploaded_file=corpus.upload("p.jpg", data, "image/jpeg"),
            )
        assert info.value.errors["file"] == [size_message(len(data))]

    def test_download_name(self, applicant):
        assert rules.photo_download_name(user=applicant) == f"{applicant.id_number}{applicant.name}.jpg"
