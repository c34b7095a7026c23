"""Forms only collect input: every check (and its Chinese message) lives in the services, so
fields are not `required` here; `marked` fields show the asterisk and carry aria-required."""

from __future__ import annotations

from django import forms

from orgs.models import Organisation, OrgKind


def unit_choice_label(unit: Organisation) -> str:
    """How a choosable unit reads in the 工作单位 select: a district office as what it is there (seed
    question 5 (1) d: the 户口所在地人社部门 of a freelancer)."""
    if unit.kind == OrgKind.DISTRICT_BUREAU:
        return f"{unit.name}（户口所在地人社部门，仅自由职业者选择）"
    return unit.name


class InputForm(forms.Form):
    marked: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.marked:
            self.fields[name].widget.attrs["aria-required"] = "true"
            self.fields[name].show_required = True


def text(label: str, *, help_text: str = "", autocomplete: str = "", input_type: str = "text", **attrs):
    widget_attrs = {**attrs}
    if autocomplete:
        widget_attrs["autocomplete"] = autocomplete
    widget = forms.TextInput(attrs=widget_attrs)
    widget.input_type = input_type
    return forms.CharField(label=label, required=False, strip=False, help_text=help_text, widget=widget)


def secret(label: str, *, autocomplete: str = "current-password", help_text: str = ""):
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


PASSWORD_HELP = "至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3 种，不能是常见密码。"  # noqa: S105 - help text, not a password
SMS_HELP = "点击“获取验证码”，验证码将发送到上面填写的手机号码，10 分钟内有效。"


# The login page's tabs: (label of the account field, its help). Any account signs in from any
# tab (accounts.services.auth_login reads 身份证号, mobile or username alike); the tab only words
# the field for the person (issue 11 point 20: staff have a tab of their own).
LOGIN_TABS: dict[str, tuple[str, str]] = {
    "person": ("身份证号/手机号", "填写身份证号（末位 X 大小写均可）或注册时填写的手机号码。"),
    "unit": ("用户名/手机号", "用户名为单位的统一社会信用代码，也可填写单位注册时的手机号码。"),
    "staff": ("用户名/手机号", "填写系统分配给您的用户名，也可填写账号登记的手机号码。"),
}


class LoginForm(InputForm):
    marked = ("username", "password")
    username = text("身份证号/手机号", autocomplete="username")
    password = secret("密码")

    def __init__(self, *args, tab: str = "person", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label, help_text = LOGIN_TABS.get(tab, LOGIN_TABS["person"])
        self.fields["username"].label = label
        self.fields["username"].help_text = help_text


class UnitChoiceMixin(forms.Form):
    """The 工作单位 select, filtered by `unit_q` (检索); the options are the registered units."""

    unit_q = text("检索工作单位", help_text="输入单位名称的一部分，点击“检索”。", input_type="search")
    unit_id = forms.CharField(
        label="工作单位",
        required=False,
        help_text="如果检索不到工作单位，请联系单位负责人注册单位账号。",
        widget=forms.Select(),
    )

    def set_unit_choices(self, units: list[Organisation], selected: Organisation | None = None) -> None:
        choices = [("", "（暂不选择）")]
        choices += [(str(unit.pk), unit_choice_label(unit)) for unit in units]
        if selected is not None and str(selected.pk) not in {value for value, _ in choices}:
            choices.insert(1, (str(selected.pk), unit_choice_label(selected)))
        self.fields["unit_id"].widget.choices = choices


class RegisterForm(InputForm, UnitChoiceMixin):
    marked = ("name", "id_number", "phone", "sms_code", "password", "password_confirm")
    name = text("姓名", autocomplete="name", help_text="按身份证上的姓名填写。")
    id_number = text("身份证号", help_text="18 位居民身份证号码，注册后作为用户名。")
    phone = text("手机号码", autocomplete="tel", input_type="tel", help_text="必须填写现在本人常用的手机号。")
    sms_code = text("短信验证码", autocomplete="one-time-code", inputmode="numeric", help_text=SMS_HELP)
    password = secret("密码", autocomplete="new-password", help_text=PASSWORD_HELP)
    password_confirm = secret("确认密码", autocomplete="new-password")

    field_order = [
        "name",
        "id_number",
        "phone",
        "sms_code",
        "password",
        "password_confirm",
        "unit_q",
        "unit_id",
    ]


class PasswordResetForm(InputForm):
    marked = ("id_number", "phone", "sms_code", "new_password", "new_password_confirm")
    id_number = text("身份证号")
    phone = text("手机号码", autocomplete="tel", input_type="tel", help_text="注册时填写的手机号码。")
    sms_code = text("短信验证码", autocomplete="one-time-code", inputmode="numeric", help_text=SMS_HELP)
    new_password = secret("新密码", autocomplete="new-password", help_text=PASSWORD_HELP)
    new_password_confirm = secret("确认新密码", autocomplete="new-password")


class UnitPasswordResetForm(InputForm):
    marked = ("username", "phone", "sms_code", "new_password", "new_password_confirm")
    username = text("用户名（统一社会信用代码）", autocomplete="username")
    phone = text(
        "手机号码", autocomplete="tel", input_type="tel", help_text="单位注册时填写的单位负责人手机号码。"
    )
    sms_code = text("短信验证码", autocomplete="one-time-code", inputmode="numeric", help_text=SMS_HELP)
    new_password = secret("新密码", autocomplete="new-password", help_text=PASSWORD_HELP)
    new_password_confirm = secret("确认新密码", autocomplete="new-password")


class PasswordChangeForm(InputForm):
    marked = ("old_password", "new_password", "new_password_confirm")
    old_password = secret("原密码")
    new_password = secret("新密码", autocomplete="new-password", help_text=PASSWORD_HELP)
    new_password_confirm = secret("确认新密码", autocomplete="new-password")

    def __init__(self, *args, temporary: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if temporary:
            self.fields["old_password"].label = "临时密码"
            self.fields["old_password"].help_text = "短信中收到的临时密码。"


class UnitChoiceForm(InputForm, UnitChoiceMixin):
    marked = ("unit_id",)


class SupportSearchForm(forms.Form):
    q = forms.CharField(
        label="身份证号/手机号/用户名/姓名",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autofocus": True}),
    )
