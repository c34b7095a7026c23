from django.core.exceptions import ValidationError

from core import rulebook


class CharacterClassValidator:
    """At least 3 of: upper-case letter, lower-case letter, digit, symbol."""

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < rulebook.PASSWORD_MIN_CLASSES:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、符号中的至少 3 种。", code="password_too_simple"
            )

    def get_help_text(self) -> str:
        return "密码须包含大写字母、小写字母、数字、符号中的至少 3 种。"
