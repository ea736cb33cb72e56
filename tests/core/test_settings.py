"""RuleSettings (stored and imported settings) and the formality suggestion."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import time, timedelta
from typing import Any

import pytest

from desktop.core.formality import suggest_formality
from desktop.core.settings import FORMALITIES, RuleSettings, SettingsError, UserProfile

# --- defaults --------------------------------------------------------------------------


def test_defaults_are_the_etiquette_of_the_design() -> None:
    s = RuleSettings()
    assert s.thank_you_remind == timedelta(hours=2)
    assert s.thank_you_due == timedelta(hours=24)
    assert s.thank_you_late == timedelta(hours=48)
    assert s.default_interview_length == timedelta(minutes=60)
    assert s.check_in_business_days_after_promise == 2
    assert s.check_in_days_without_promise == 7
    assert s.second_check_in_days == 3
    assert s.move_on_days == 7
    assert s.morning_reminder == time(9, 0)
    assert (s.quiet_start, s.quiet_end) == (time(21, 0), time(8, 0))
    assert s.card_for_formal is True
    assert (s.email_max_words, s.card_max_words, s.max_exclamations) == (200, 90, 1)
    s.validate()  # the defaults are valid


def test_settings_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        RuleSettings().move_on_days = 3  # type: ignore[misc]


def test_durations_follow_the_hour_and_minute_fields() -> None:
    s = RuleSettings(
        thank_you_remind_hours=1.5,
        thank_you_due_hours=12,
        thank_you_late_hours=36,
        default_interview_minutes=45,
    )
    assert s.thank_you_remind == timedelta(minutes=90)
    assert s.thank_you_due == timedelta(hours=12)
    assert s.thank_you_late == timedelta(hours=36)
    assert s.default_interview_length == timedelta(minutes=45)


# --- to_dict / from_dict ---------------------------------------------------------------


def test_to_dict_gives_plain_json_values_with_times_as_hh_mm() -> None:
    out = RuleSettings().to_dict()
    assert out["quiet_start"] == "21:00"
    assert out["quiet_end"] == "08:00"
    assert out["morning_reminder"] == "09:00"
    assert out["thank_you_due_hours"] == 24.0
    assert out["card_for_formal"] is True
    assert set(out) == {f.name for f in dataclasses.fields(RuleSettings)}
    json.dumps(out)  # JSON-ready


def test_round_trip_of_the_defaults() -> None:
    assert RuleSettings.from_dict(RuleSettings().to_dict()) == RuleSettings()


def test_round_trip_of_changed_settings_through_json() -> None:
    changed = RuleSettings(
        thank_you_remind_hours=3.5,
        thank_you_due_hours=20.0,
        thank_you_late_hours=72.0,
        default_interview_minutes=45,
        check_in_business_days_after_promise=0,
        check_in_days_without_promise=10,
        second_check_in_days=4,
        move_on_days=14,
        morning_reminder=time(10, 15),
        quiet_start=time(22, 30),
        quiet_end=time(7, 0),
        card_for_formal=False,
        email_max_words=150,
        card_max_words=80,
        max_exclamations=0,
    )
    restored = RuleSettings.from_dict(json.loads(json.dumps(changed.to_dict())))
    assert restored == changed
    assert restored.quiet_start == time(22, 30)
    assert restored.card_for_formal is False


def test_from_dict_fills_missing_values_with_defaults_and_ignores_unknown_keys() -> None:
    s = RuleSettings.from_dict({"move_on_days": 10, "theme": "dark"})
    assert s == RuleSettings(move_on_days=10)
    assert RuleSettings.from_dict({}) == RuleSettings()


def test_from_dict_accepts_whole_numbers_for_hour_fields() -> None:
    s = RuleSettings.from_dict({"thank_you_due_hours": 30})
    assert s.thank_you_due_hours == 30.0
    assert isinstance(s.thank_you_due_hours, float)


def test_from_dict_accepts_times_with_seconds() -> None:
    assert RuleSettings.from_dict({"quiet_end": "07:30:00"}).quiet_end == time(7, 30)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("default_interview_minutes", "60", "expected a whole number"),
        ("default_interview_minutes", 60.5, "expected a whole number"),
        ("default_interview_minutes", True, "expected a whole number"),
        ("move_on_days", None, "expected a whole number"),
        ("thank_you_due_hours", "24", "expected a number"),
        ("thank_you_due_hours", False, "expected a number"),
        ("card_for_formal", "yes", "expected true or false"),
        ("card_for_formal", 1, "expected true or false"),
        ("quiet_start", "9pm", "expected a time like 21:00"),
        ("quiet_start", "25:00", "expected a time like 21:00"),
        ("quiet_end", 8, "expected a time like 21:00"),
        ("morning_reminder", "", "expected a time like 21:00"),
        # A wall-clock setting with an offset could not be compared with local times.
        ("quiet_start", "21:00+01:00", "expected a time like 21:00"),
    ],
)
def test_a_bad_value_is_refused_naming_the_field(field: str, value: Any, message: str) -> None:
    expected = f"{field}: {message}, got {value!r}"
    with pytest.raises(SettingsError, match=f"^{re.escape(expected)}$"):
        RuleSettings.from_dict({field: value})


def test_settings_errors_are_value_errors() -> None:
    assert issubclass(SettingsError, ValueError)


# --- validate --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"thank_you_remind_hours": -1.0}, "thank_you_remind_hours"),
        ({"thank_you_remind_hours": 25.0}, "thank_you_remind_hours"),  # after the deadline
        ({"thank_you_late_hours": 12.0}, "thank_you_late_hours"),  # before the deadline
        ({"default_interview_minutes": 0}, "default_interview_minutes"),
        ({"check_in_days_without_promise": 0}, "check_in_days_without_promise"),
        ({"second_check_in_days": -3}, "second_check_in_days"),
        ({"move_on_days": 0}, "move_on_days"),
        ({"email_max_words": 0}, "email_max_words"),
        ({"card_max_words": -1}, "card_max_words"),
        ({"check_in_business_days_after_promise": -1}, "check_in_business_days_after_promise"),
        ({"max_exclamations": -1}, "max_exclamations"),
    ],
)
def test_validate_refuses_settings_that_break_the_rules(
    changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(SettingsError, match=rf"^{field}: "):
        RuleSettings(**changes).validate()
    with pytest.raises(SettingsError, match=rf"^{field}: "):
        RuleSettings.from_dict(changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"thank_you_remind_hours": 0.0},  # remind right at the end
        {"thank_you_remind_hours": 24.0},  # remind at the deadline
        {"thank_you_late_hours": 24.0},  # late as soon as due
        {"check_in_business_days_after_promise": 0},
        {"max_exclamations": 0},
        {"quiet_start": time(8, 0), "quiet_end": time(8, 0)},  # no quiet hours at all
    ],
)
def test_validate_accepts_the_limits(changes: dict[str, Any]) -> None:
    RuleSettings(**changes).validate()
    assert RuleSettings.from_dict(RuleSettings(**changes).to_dict()) == RuleSettings(**changes)


def test_user_profile_defaults_are_empty() -> None:
    profile = UserProfile()
    assert (profile.name, profile.emails, profile.timezone) == ("", (), "")


# --- suggest_formality -----------------------------------------------------------------


def test_formalities_are_the_three_known_ones() -> None:
    assert FORMALITIES == ("formal", "neutral", "casual")


@pytest.mark.parametrize(
    "industry",
    [
        "Law",
        "Legal services",
        "Investment Banking",
        "bank",
        "Finance",
        "Financial services",
        "Government",
        "public sector",
        "Insurance",
        "Accounting",
        "Management consulting",
        "University",
        "  LAW  ",
    ],
)
def test_formal_industries(industry: str) -> None:
    assert suggest_formality(industry) == "formal"


@pytest.mark.parametrize(
    "industry",
    ["Software", "software startup", "Start-up", "Tech", "Video games", "Media", "Retail"],
)
def test_casual_industries(industry: str) -> None:
    assert suggest_formality(industry) == "casual"


@pytest.mark.parametrize("industry", ["Manufacturing", "Logistics", "Nursing", "", "   ", None])
def test_other_or_missing_industries_are_neutral(industry: str | None) -> None:
    assert suggest_formality(industry) == "neutral"


def test_a_formal_word_wins_over_a_casual_one() -> None:
    # Software for banks is still banking: the note should be formal.
    assert suggest_formality("Banking software") == "formal"


def test_every_suggestion_is_a_known_formality() -> None:
    for industry in ("law", "software", "farming", None):
        assert suggest_formality(industry) in FORMALITIES
