"""Text stored before issue 11 as people read it now: the system's own messages of that time may
carry an internal rule number ("视为放弃（规则 5）" in an event's opinion, "（规则 12）" in a
snapshot's label). Pages and PDFs show them without it; what people type is never touched (the
pattern is the system's own bracketed form only)."""

from __future__ import annotations

import re

_RULE_NUMBER = re.compile(r"[（(]\s*规则\s*[0-9０-９][0-9０-９、，,\s和及]*[）)]")


def for_people(text: object) -> str:
    text = "" if text is None else str(text)
    return _RULE_NUMBER.sub("", text) if "规则" in text else text
