"""Every default of the follow-up etiquette (ARCHITECTURE §1), as one editable value."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Any

from desktop.errors import UserError

FORMALITIES = ("formal", "neutral", "casual")
SPELLING_VARIANTS = ("en-US", "en-GB")


class SettingsError(UserError, ValueError):
    """A settings value a person typed or imported is not usable; the message names it."""


@dataclass(frozen=True)
class RuleSettings:
    """The etiquette defaults. Durations are in hours or days so they read like the rules."""

    # Thank-you: remind at end + 2 h, due at end + 24 h, "late" after 48 h.
    thank_you_remind_hours: float = 2.0
    thank_you_due_hours: float = 24.0
    thank_you_late_hours: float = 48.0
    # An interview recorded without an end is assumed to last this long.
    default_interview_minutes: int = 60
    # Check-in: promised date + 2 business days, else interview end + 7 days.
    check_in_business_days_after_promise: int = 2
    check_in_days_without_promise: int = 7
    # Second check-in 3 days after the first was sent; move on 7 days after the last one.
    second_check_in_days: int = 3
    move_on_days: int = 7
    # A date-based deadline reminds at this time of the morning of its day.
    morning_reminder: time = time(9, 0)
    # No reminder fires inside quiet hours (they may wrap past midnight).
    quiet_start: time = time(21, 0)
    quiet_end: time = time(8, 0)
    # Formal companies get a handwritten card for the thank-you; others get email.
    card_for_formal: bool = True
    # Length limits for proofreading.
    email_max_words: int = 200
    card_max_words: int = 90
    max_exclamations: int = 1
    # The English the spelling check knows: en-US (American) or en-GB (British).
    spelling_variant: str = "en-US"

    @property
    def thank_you_remind(self) -> timedelta:
        return timedelta(hours=self.thank_you_remind_hours)

    @property
    def thank_you_due(self) -> timedelta:
        return timedelta(hours=self.thank_you_due_hours)

    @property
    def thank_you_late(self) -> timedelta:
        return timedelta(hours=self.thank_you_late_hours)

    @property
    def default_interview_length(self) -> timedelta:
        return timedelta(minutes=self.default_interview_minutes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values; times as "HH:MM"."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.strftime("%H:%M") if isinstance(value, time) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RuleSettings:
        """Build settings from stored values; unknown keys are ignored, bad values named."""
        defaults = cls()
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            raw = data[f.name]
            default = getattr(defaults, f.name)
            kwargs[f.name] = _coerce(f.name, raw, default)
        settings = cls(**kwargs)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Refuse settings under which the rules make no sense."""
        if not 0 <= self.thank_you_remind_hours <= self.thank_you_due_hours:
            raise SettingsError(
                "thank_you_remind_hours: must be between 0 and the thank-you deadline"
            )
        if self.thank_you_late_hours < self.thank_you_due_hours:
            raise SettingsError("thank_you_late_hours: must not be before the deadline")
        for name in (
            "default_interview_minutes",
            "check_in_days_without_promise",
            "second_check_in_days",
            "move_on_days",
            "email_max_words",
            "card_max_words",
        ):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name}: must be a positive number")
        for name in ("check_in_business_days_after_promise", "max_exclamations"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name}: must not be negative")
        if self.spelling_variant not in SPELLING_VARIANTS:
            raise SettingsError(f"spelling_variant: must be one of {', '.join(SPELLING_VARIANTS)}")


def _coerce(name: str, raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        raise SettingsError(f"{name}: expected true or false, got {raw!r}")
    if isinstance(default, time):
        if isinstance(raw, str):
            try:
                parsed = time.fromisoformat(raw)
            except ValueError:
                pass
            else:
                # A wall-clock setting: an offset would make it incomparable with local times.
                if parsed.tzinfo is None:
                    return parsed
        raise SettingsError(f"{name}: expected a time like 21:00, got {raw!r}")
    if isinstance(default, int):
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        raise SettingsError(f"{name}: expected a whole number, got {raw!r}")
    if isinstance(default, float):
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return float(raw)
        raise SettingsError(f"{name}: expected a number, got {raw!r}")
    if isinstance(default, str) and not isinstance(raw, str):
        raise SettingsError(f"{name}: expected text, got {raw!r}")
    return raw


@dataclass(frozen=True)
class UserProfile:
    """Who the user is, for signatures, return addresses and excluding their own addresses."""

    name: str = ""
    signature: str = ""
    emails: tuple[str, ...] = field(default_factory=tuple)
    mailing_address: str = ""
    timezone: str = ""  # IANA name; empty means the system's zone
