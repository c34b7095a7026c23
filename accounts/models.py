"""Accounts: one user model for applicants, unit admins, reviewers and support (roles), the
record of every login attempt, API tokens and SMS verification codes."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.dates import datetime_label


class Role(models.TextChoices):
    APPLICANT = "applicant", "申报人"
    UNIT_ADMIN = "unit_admin", "单位管理员"
    DEPARTMENT_REVIEWER = "department_reviewer", "主管部门审核员"
    DISTRICT_REVIEWER = "district_reviewer", "县（市）区人社局审核员"
    CITY_REVIEWER = "city_reviewer", "市人社局审核员"
    COMMITTEE_OFFICE = "committee_office", "评委会办事机构"
    SUPPORT = "support", "技术支持/系统管理员"
    # 评审专家 (人社部令第40号, rules 27–35): bound to committees through evaluation pools, not to an
    # organisation here.
    EXPERT = "expert", "评审专家"


# The organisation kind each role is bound to (None: no organisation; committee office: a committee).
ROLE_ORG_KIND: dict[str, tuple[str, ...] | None] = {
    Role.APPLICANT: ("unit", "agency"),  # optional: the applicant's employer unit
    Role.UNIT_ADMIN: ("unit", "agency"),
    Role.DEPARTMENT_REVIEWER: ("department",),
    Role.DISTRICT_REVIEWER: ("district_bureau",),
    Role.CITY_REVIEWER: ("city_bureau",),
    Role.COMMITTEE_OFFICE: None,
    Role.SUPPORT: None,
    Role.EXPERT: None,
}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **fields):
        user = self.model(username=username, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **fields):
        fields.setdefault("role", Role.SUPPORT)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(username, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    username = models.CharField("用户名", max_length=40, unique=True)
    name = models.CharField("姓名", max_length=40)
    id_number = models.CharField("身份证号", max_length=18, unique=True, null=True, blank=True)
    phone = models.CharField("手机号码", max_length=11, blank=True, db_index=True)
    role = models.CharField(
        "角色", max_length=30, choices=Role.choices, default=Role.APPLICANT, db_index=True
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="所属单位/机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    committee = models.ForeignKey(
        "orgs.Committee",
        verbose_name="所属评委会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="office_staff",
    )
    is_active = models.BooleanField("有效", default=True)
    is_staff = models.BooleanField("可进入后台", default=False)
    date_joined = models.DateTimeField("注册时间", default=timezone.now)
    # Rule 21: consecutive wrong passwords, counted in this row under a row lock.
    failed_login_count = models.PositiveSmallIntegerField("连续密码错误次数", default=0, editable=False)
    locked_at = models.DateTimeField("锁定时间", null=True, blank=True, editable=False)
    must_change_password = models.BooleanField("下次登录须修改密码", default=False, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["id"]
        constraints = [
            # An applicant logs in by mobile number, so two applicants never share one.
            models.UniqueConstraint(
                fields=["phone"],
                condition=Q(role="applicant") & ~Q(phone=""),
                name="user_applicant_unique_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.username}）" if self.name else self.username

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_applicant(self) -> bool:
        return self.role == Role.APPLICANT

    @property
    def is_support(self) -> bool:
        return self.role == Role.SUPPORT


class LoginResult(models.TextChoices):
    SUCCESS = "success", "成功"
    WRONG_PASSWORD = "wrong_password", "密码错误"
    LOCKED_NOW = "locked_now", "密码错误，账号被锁定"
    LOCKED = "locked", "账号已锁定"
    UNKNOWN = "unknown", "账号不存在"
    INACTIVE = "inactive", "账号已停用"


class LoginChannel(models.TextChoices):
    WEB = "web", "网页"
    API = "api", "接口"


class LoginAttempt(models.Model):
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        User,
        verbose_name="账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="login_attempts",
    )
    identifier = models.CharField("输入的账号", max_length=64)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=LoginResult.choices)
    channel = models.CharField("渠道", max_length=10, choices=LoginChannel.choices, default=LoginChannel.WEB)

    class Meta:
        verbose_name = "登录记录"
        verbose_name_plural = "登录记录"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        when = datetime_label(self.created_at, seconds=True)
        return f"{when} {self.identifier} {self.get_result_display()}"


class ApiToken(models.Model):
    """A bearer token for API clients; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.user} {datetime_label(self.created_at)}"


class SmsPurpose(models.TextChoices):
    REGISTER = "register", "个人注册"
    RESET_PASSWORD = "reset_password", "找回密码"
    UNIT_REGISTER = "unit_register", "单位注册"


class SmsCode(models.Model):
    phone = models.CharField("手机号码", max_length=11, db_index=True)
    purpose = models.CharField("用途", max_length=20, choices=SmsPurpose.choices)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField("发送时间", default=timezone.now)
    expires_at = models.DateTimeField("失效时间")
    tries = models.PositiveSmallIntegerField("尝试次数", default=0)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "短信验证码"
        verbose_name_plural = "短信验证码"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["phone", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"{self.phone} {self.get_purpose_display()}"
