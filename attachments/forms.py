"""Input only: every check and its Chinese message lives in attachments/services.py and checks.py."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from core.forms import focus_field

from .checks import human_size, max_upload_bytes
from .models import AttachmentKind
from .selectors import entry_kinds

ACCEPT = ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
FILE_HELP = "JPG、PNG 图片或 PDF 文件，每个文件不超过 {limit}；请清晰扫描原件。"
TITLE_HELP = "按材料内容命名，如“学历证书-本科”“2023年度考核表”。"

# The kinds chosen on the 附件管理 page (the photo has its own form; entry files are uploaded
# on the section pages).
UPLOAD_KINDS = [
    (kind.value, kind.label)
    for kind in AttachmentKind
    if kind not in (AttachmentKind.PHOTO, AttachmentKind.ENTRY)
]


def file_help() -> str:
    """The file input's help: the formats and the upload limit (ATTACHMENT_MAX_BYTES) written out."""
    return FILE_HELP.format(limit=human_size(max_upload_bytes()))


def file_field(label: str, *, accept: str = ACCEPT, help_text: str = "") -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.ClearableFileInput(attrs={"accept": accept}),
    )


class AttachmentUploadForm(InputForm):
    marked = ("kind", "title", "file")
    kind = forms.ChoiceField(label="材料类别", required=False, choices=[("", "（请选择）"), *UPLOAD_KINDS])
    title = text("材料名称", help_text=TITLE_HELP, maxlength=100)
    file = file_field("文件")
    entry_id = forms.CharField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "upload_%s")  # unique ids next to the photo form
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()
        if self.data.get("kind") == AttachmentKind.ENTRY or self.initial.get("kind") == AttachmentKind.ENTRY:
            self.fields["kind"].choices = [(AttachmentKind.ENTRY.value, AttachmentKind.ENTRY.label)]

    def choose(self, kind: str) -> bool:
        """附件管理 opened by a 去完善 link (?kind=…): the category chosen, the name filled in with
        it, the file input focused. False for a kind this form does not take."""
        if kind not in dict(UPLOAD_KINDS):
            return False
        self.initial.update(kind=kind, title=AttachmentKind(kind).label)
        focus_field(self, "file")
        return True


class EntryAttachmentForm(InputForm):
    """A scan under one entry of 申报信息 (the section pages): its category is one its section
    names (dossier.sections `attachment_kinds`), chosen already when there is only one, so it
    counts as what the committee requires (issue 11 item 4). Ids are unique per entry."""

    marked = ("kind", "title", "file")
    kind = forms.CharField(label="材料类别", required=False, widget=forms.Select())
    title = text("材料名称", help_text="按材料内容命名，如“学历证书-本科”。", maxlength=100)
    file = file_field("扫描件")
    entry_id = forms.CharField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, entry, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"att-{entry.pk}-%s")
        super().__init__(*args, **kwargs)
        kinds = entry_kinds(entry.section)
        self.entry = entry
        self.fields["kind"].widget.choices = [(kind, AttachmentKind(kind).label) for kind in kinds]
        self.fields["file"].help_text = file_help()
        self.initial.setdefault("kind", kinds[0])
        self.initial["entry_id"] = str(entry.pk)


class PhotoUploadForm(InputForm):
    """The 1-inch photo: required only of applicants to a provincial committee (seed question 23),
    so not marked required (issue 11 item 21); the page says who needs it."""

    file = file_field("照片文件", accept=".jpg,.jpeg,image/jpeg")

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "photo_%s")
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["aria-describedby"] = "photo-requirements"


class AttachmentReplaceForm(InputForm):
    marked = ("file",)
    title = text("材料名称", help_text="不填写则沿用原名称。" + TITLE_HELP, maxlength=100)
    file = file_field("新文件")

    def __init__(self, *args, photo: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if photo:
            del self.fields["title"]
            self.fields["file"].widget.attrs["accept"] = ".jpg,.jpeg,image/jpeg"
        else:
            self.fields["file"].help_text = file_help()
