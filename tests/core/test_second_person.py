"""Talking points written about the interviewer read right in a note to them."""

from __future__ import annotations

import pytest

from desktop.core.second_person import to_second_person


@pytest.mark.parametrize(
    ("point", "said"),
    [
        ("her clerkship story", "your clerkship story"),
        ("the first cross-border deal she closed", "the first cross-border deal you closed"),
        ("the pro bono clinic he runs on Fridays", "the pro bono clinic you run on Fridays"),
        ("how she always watches the queue", "how you always watch the queue"),
        ("the team he is building", "the team you are building"),
        ("what she carries into every deal", "what you carry into every deal"),
        ("the story I told her about Basel", "the story I told you about Basel"),
        ("his advice to read the summaries", "your advice to read the summaries"),
        ("a book of his", "a book of yours"),
        ("the joke he made about himself", "the joke you made about yourself"),
        ("He said she's moving to Lisbon", "You said you're moving to Lisbon"),
        ("her last deal", "your last deal"),
        ("the Rust rewrite joke", "the Rust rewrite joke"),  # nothing to change
        ("their move from Angular", "their move from Angular"),  # the team's, not theirs
    ],
)
def test_third_person_becomes_second_person_in_every_position(point, said):
    assert to_second_person(point) == said
