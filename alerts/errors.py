"""Errors of the alerts package; data in attributes, secrets never in messages."""

from __future__ import annotations


class AlertError(Exception):
    """Base of alert errors."""


class DeliveryFailed(AlertError):
    """A target did not accept a message. `reason` never contains the target's URL."""

    def __init__(self, target: str, reason: str) -> None:
        self.target = target
        self.reason = reason
        super().__init__(f"{target}: {reason}")


class TemplateError(AlertError):
    """A digest template is missing or broken."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"template {name}: {reason}")
