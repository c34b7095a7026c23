"""Helpers for pages: a ServiceError's field messages go next to the matching inputs."""

from django import forms

from .errors import ServiceError


def add_service_error(form: forms.Form, error: ServiceError) -> None:
    placed = False
    for field, messages in error.errors.items():
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
                placed = True
            else:
                form.add_error(None, message)
                placed = True
    if not placed or not error.errors:
        form.add_error(None, error.detail)
