"""Delivery: one message to one target through apprise, with a reason when it fails (never the URL)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import apprise

from alerts.errors import DeliveryFailed
from alerts.targets import Target

# apprise's own warnings reach the user through DeliveryFailed, once, without duplicates on stderr.
logging.getLogger("apprise").propagate = False

# The longest a target may keep one step of a delivery (connecting, each reply): a server that
# accepts and never answers costs this, not apprise's 15 s for email (nor its 60 s overall).
DELIVERY_TIMEOUT_SECONDS = 10.0

_FORMATS = {"markdown": apprise.NotifyFormat.MARKDOWN, "html": apprise.NotifyFormat.HTML,
            "text": apprise.NotifyFormat.TEXT}
# Severity as apprise's notification type: Slack, Discord and Teams colour the message by it.
NOTIFY_TYPES = {"critical": apprise.NotifyType.FAILURE, "notable": apprise.NotifyType.WARNING,
                "info": apprise.NotifyType.INFO}


def send(target: Target, *, title: str, body: str, body_format: str | None = None, key: str | None = None,
         severity: str = "info", data: Mapping[str, Any] | None = None) -> None:
    """Send one message to one target.

    Args:
        key: an idempotency key, sent as the `X-Callwatch-Alert` header of emails: if a crash
            lands between the server's acceptance and our record of it, the alert is sent again
            with the same key, so a mail filter (or a reader) can tell it is the same alert.
        severity: critical, notable or info: apprise's failure, warning or info type.
        data: for JSON targets, posted as the `callwatch` key beside apprise's own fields.

    A fresh apprise object per message: the email plugin throttles repeated sends on one object,
    which must not delay unrelated alerts. The message is sent in the calling thread (no apprise
    worker pool), with socket timeouts of `DELIVERY_TIMEOUT_SECONDS`: a caller that stops (the
    service on SIGTERM) leaves with its thread instead of waiting for a pool thread at exit.

    Raises:
        DeliveryFailed: the target did not accept the message (reason without secrets).
    """
    notifier = notifier_for(target, key=key, data=data)
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
        result = notifier.notify(body=body, title=title, body_format=_FORMATS[body_format or target.body_format],
                                 notify_type=NOTIFY_TYPES[severity])
    if bool(result):
        return
    log_lines = [line.strip() for line in captured.getvalue().splitlines() if line.strip()]
    reason = log_lines[-1] if log_lines else f"apprise reported {getattr(result, 'status', 'failure')}"
    raise DeliveryFailed(target.label, _without_secrets(reason, target.url))


def notifier_for(target: Target, *, key: str | None = None, data: Mapping[str, Any] | None = None) -> apprise.Apprise:
    """The apprise object that sends to `target` (also what `alerts.preview` runs, minus the network).

    Raises:
        DeliveryFailed: apprise cannot load the URL.
    """
    url = target.url
    if key is not None and target.body_format == "html":
        url += ("&" if "?" in url else "?") + f"+X-Callwatch-Alert={key}"
    # Sent in the calling thread (no worker pool): see `send`. The plugin keeps the asset it is made with.
    asset = apprise.AppriseAsset(async_mode=False, service_timeout=0)
    plugin = apprise.Apprise.instantiate(url, asset=asset)
    if plugin is None:
        raise DeliveryFailed(target.label, "apprise cannot load this URL")
    if data is not None and target.takes_data:
        # apprise's JSON plugin adds its `payload_extras` (the URL's `:key=value`) to the posted object.
        plugin.payload_extras = {**plugin.payload_extras, "callwatch": dict(data)}
    plugin.socket_connect_timeout = min(plugin.socket_connect_timeout, DELIVERY_TIMEOUT_SECONDS)
    plugin.socket_read_timeout = min(plugin.socket_read_timeout, DELIVERY_TIMEOUT_SECONDS)
    notifier = apprise.Apprise(asset=asset)
    notifier.add(plugin)
    return notifier


def _without_secrets(text: str, url: str) -> str:
    """`text` with the URL and any password or token in it masked."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    for secret in (url, parts.password, parts.username if parts.password else None, parts.netloc):
        if secret:
            text = text.replace(secret, "***")
    for segment in parts.path.split("/"):
        if len(segment) >= 8:  # tokens in paths (Slack webhooks, Discord)
            text = text.replace(segment, "***")
    return text
