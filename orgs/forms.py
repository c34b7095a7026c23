"""Forms only collect input; every check is in orgs/services.py (so page and API say the same).

`InputField` keeps `required` for the label's asterisk and the browser's hint, but does no
validation of its own: an empty or bad value reaches the service, which names the mistake."""

from __future__ import annotations

from django import forms

from .models import Ownership
from .selectors import departments, district_offices


class InputField(forms.CharField):
    def validate(self, value):  # the service validates
        return


def _office_choices() -> list[tuple[str, str]]:
    return [("", "请选择属地县（市）区人社部门")] + [(str(o.pk), str(o)) for o in district_offices()]


def _department_choices() -> list[tuple[str, str]]:
    return [("", "（非公有制经济组织、社会组织、人事代理机构不选）")] + [
        (str(o.pk), o.name) for o in departments()
    ]


class UnitFieldsMixin:
    def _set_choices(self) -> None:
        self.fields["district_id"].widget.choices = _office_choices()
        self.fields["department_id"].widget.choices = _department_choices()


class UnitRegisterForm(UnitFieldsMixin, forms.Form):
    name = InputField(label="单位名称", help_text="填写单位全称，不得使用简称。")
    credit_code = InputField(
        label="统一社会信用代码",
        help_text="18 位，见营业执照或事业单位法人证书（组织机构代码）。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": "18"}),
    )
    ownership = InputField(
        label="单位性质",
        widget=forms.Select(choices=[("", "请选择单位性质"), *Ownership.choices]),
    )
    district_id = InputField(label="属地县（市）区人社部门", widget=forms.Select())
    department_id = InputField(
        label="主管部门",
        required=False,
        help_text="市属、县区国有企事业单位必须选择；其他单位留空。",
        widget=forms.Select(),
    )
    civil_servant_managed = forms.BooleanField(
        label="参照公务员法管理（参公）", required=False, help_text="仅国有企事业单位可能适用。"
    )
    head_name = InputField(label="单位负责人姓名")
    head_phone = InputField(
        label="单位负责人手机",
        help_text="用于接收短信验证码和找回单位账号。",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "maxlength": "11"}),
    )
    phone = InputField(label="单位联系电话", help_text="固定电话如 0871-63108336，或手机号码。")
    username = InputField(
        label="管理员用户名",
        required=False,
        help_text="4–40 位字母、数字或下划线；不填则为统一社会信用代码。",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = InputField(
        label="密码",
        strip=False,
        help_text="至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3 种。",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirm = InputField(
        label="确认密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    sms_code = InputField(
        label="短信验证码",
        help_text="先填写单位负责人手机，再点击“获取验证码”。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices()


class UnitInfoForm(UnitFieldsMixin, forms.Form):
    name = InputField(label="单位名称", help_text="单位更名而统一社会信用代码未变的，在此修改名称。")
    phone = InputField(label="单位联系电话")
    head_name = InputField(label="单位负责人姓名")
    head_phone = InputField(
        label="单位负责人手机", widget=forms.TextInput(attrs={"type": "tel", "maxlength": "11"})
    )
    district_id = InputField(label="属地县（市）区人社部门", widget=forms.Select())
    department_id = InputField(label="主管部门", required=False, widget=forms.Select())
    civil_servant_managed = forms.BooleanField(label="参照公务员法管理（参公）", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices()


class StaffSearchForm(forms.Form):
    q = forms.CharField(label="姓名或身份证号", required=False, max_length=40)


class StaffMessageForm(forms.Form):
    title = InputField(label="标题", widget=forms.TextInput(attrs={"maxlength": "100"}))
    body = InputField(label="内容", widget=forms.Textarea(attrs={"rows": 6}))
