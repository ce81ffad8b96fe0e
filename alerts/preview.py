"""What a target will receive, without sending it: the message goes through the same apprise object
`alerts.delivery.send` builds (format conversion, Slack's mrkdwn, splitting), and is taken at the
last step, the plugin's `send`, instead of going to the network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alerts.delivery import _FORMATS, NOTIFY_TYPES, notifier_for
from alerts.message import Message
from alerts.targets import Target


@dataclass(frozen=True)
class Preview:
    """One piece as the target's plugin would post it (a long message may be split into several)."""

    title: str
    body: str
    body_format: str  # the format the plugin sends: markdown, html or text
    notify_type: str  # apprise's: failure, warning or info
    data: dict[str, Any] | None  # JSON targets: the `callwatch` key of the POST body


def preview(target: Target, message: Message, *, key: str | None = None) -> list[Preview]:
    """The pieces `target` would receive for `message`.

    Raises:
        DeliveryFailed: apprise cannot load the URL (nothing would be sent either).
    """
    notifier = notifier_for(target, key=key, data=message.data)
    pieces: list[Preview] = []

    def capture(body: str, title: str = "", notify_type: Any = None, body_format: Any = None, **_: Any) -> bool:
        pieces.append(Preview(title, body, str(getattr(body_format, "value", body_format)),
                              str(getattr(notify_type, "value", notify_type)),
                              dict(message.data) if message.data is not None else None))
        return True

    for service in notifier:
        # An instance attribute shadows the plugin's method: apprise calls `self.send(...)` last.
        service.send = capture
    notifier.notify(body=message.body, title=message.title, body_format=_FORMATS[target.body_format],
                    notify_type=NOTIFY_TYPES[message.severity])
    return pieces

