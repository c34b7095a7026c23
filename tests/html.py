"""Reading rendered pages in tests: the form controls and whether each has a label."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormControls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.label_for: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea"):
            if attrs.get("type") in ("hidden", "submit", "button"):
                return
            self.controls.append(attrs)


def unlabelled_controls(html: str) -> list[dict]:
    """Form controls without a <label for=…> (or aria-label)."""
    parser = _FormControls()
    parser.feed(html)
    return [
        c
        for c in parser.controls
        if not (c.get("id") and c["id"] in parser.label_for) and not c.get("aria-label")
    ]


def form_controls(html: str) -> list[dict]:
    parser = _FormControls()
    parser.feed(html)
    return parser.controls
