"""Submission of a URL to the Wayback Machine's Save Page Now 2 API (ORM-free).

A second, independent copy of the evidence at a public archive. Off by default
(``WAYBACK_SPN_ENABLED``); every request goes through the safe fetcher's ``post`` under the
same address policy as any other outgoing request.

Protocol: ``POST {endpoint}`` with ``url=…`` (form-encoded), ``Accept: application/json`` and
``Authorization: LOW {access_key}:{secret}`` answers ``{"url": …, "job_id": …}``; then
``POST {endpoint}/status/{job_id}`` answers ``{"status": "pending" | "success" | "error", …}``
with ``timestamp`` and ``original_url`` on success.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from sources.fetching.policy import FetchPolicy
from sources.fetching.post import Answer, PostFailed, post


@dataclass(frozen=True)
class SpnConfig:
    endpoint: str
    access_key: str
    secret: str
    replay_prefix: str = "https://web.archive.org/web"


@dataclass(frozen=True)
class SpnStatus:
    state: str  # "pending", "success" or "error"
    archived_url: str = ""
    message: str = ""


class WaybackError(Exception):
    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient


def _call(url: str, form: dict[str, str], config: SpnConfig, policy: FetchPolicy) -> dict:
    headers = {
        "Accept": "application/json",
        "Authorization": f"LOW {config.access_key}:{config.secret}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    try:
        answer: Answer = post(url, body=urlencode(form).encode(), headers=headers, policy=policy)
    except PostFailed as exc:
        raise WaybackError(f"Save Page Now unreachable: {exc}", transient=exc.transient) from exc
    if answer.status == 429 or answer.status >= 500:
        raise WaybackError(f"Save Page Now answered HTTP {answer.status}", transient=True)
    try:
        data = json.loads(answer.body_text)
    except ValueError as exc:
        raise WaybackError(
            f"Save Page Now answered HTTP {answer.status} without JSON", transient=False
        ) from exc
    if answer.status >= 400 or not isinstance(data, dict):
        message = data.get("message") if isinstance(data, dict) else None
        raise WaybackError(
            f"Save Page Now refused (HTTP {answer.status}): {message or 'no reason given'}",
            transient=False,
        )
    return data


def spn_submit(url: str, *, config: SpnConfig, policy: FetchPolicy) -> str:
    """Ask Save Page Now to capture ``url``; returns its job id."""
    data = _call(config.endpoint, {"url": url}, config, policy)
    job_id = data.get("job_id")
    if not isinstance(job_id, str) or not job_id:
        raise WaybackError(
            f"Save Page Now gave no job id: {data.get('message', data)}", transient=False
        )
    return job_id


def spn_status(job_id: str, *, config: SpnConfig, policy: FetchPolicy) -> SpnStatus:
    """The state of a Save Page Now job; on success, the replay URL of the capture."""
    data = _call(f"{config.endpoint.rstrip('/')}/status/{job_id}", {}, config, policy)
    state = data.get("status")
    if state == "success":
        timestamp, original = data.get("timestamp", ""), data.get("original_url", "")
        return SpnStatus("success", f"{config.replay_prefix}/{timestamp}/{original}")
    if state == "error":
        return SpnStatus("error", message=str(data.get("message") or data.get("status_ext")))
    return SpnStatus("pending")
