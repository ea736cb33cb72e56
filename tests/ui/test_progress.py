"""Progress, through its real widgets on the demo's database dated around a fixed "now":
the figures a person reads (the charts' words, the summary) are the service's, and they
move when a thank-you goes out late."""

from __future__ import annotations

from datetime import timedelta

from desktop.ui.views.progress import ProgressView
from tests.helpers.window_helpers import NOW


def open_progress(window) -> ProgressView:
    window.show_view("Progress")
    view = window.lazy_views["Progress"]
    assert isinstance(view, ProgressView) and view.isVisible()
    return view


def test_the_figures_shown_are_the_services_and_follow_a_late_thank_you(pinned_demo_window):
    window = pinned_demo_window
    view = open_progress(window)
    assert view.figures == window.search.progress()
    assert view.scroll_area.isVisible() and not view.empty.isVisible()
    # Demo: eight applied (the wishlist one is not), six with an interview; five
    # interviews are past, and Tern & Finch (casual, thanked by email) replied 1.8 days on.
    assert view.summary.text() == (
        "8 applied, 6 interviewed, 0 with an offer. Most replies came after an email (50%)."
    )
    assert view.funnel.accessibleDescription() == (
        "Applied: 8; Interviewed: 6 (75%); Offer: 0 (0%)"
    )
    assert view.by_channel.accessibleDescription() == (
        "Handwritten card: 0 of 1 replied (0%); Email: 1 of 2 replied (50%), median 1.8 days; "
        "No note sent: 0 of 2 replied (0%)"
    )
    assert view.by_formality.accessibleDescription() == (
        "Formal firms: 0 of 2 replied (0%); Neutral: 0 of 1 replied (0%); "
        "Casual: 1 of 2 replied (50%), median 1.8 days"
    )
    assert view.thank_yous.accessibleDescription() == (
        "On time: 3 (100%); Late: 0; Not sent, past due: 0"
    )
    assert view.open_followups.text() == "14 follow-ups open, 2 of them overdue."
    this_week = view.figures.weeks[-1]
    assert (this_week.week.day, this_week.interviews) == (16, 2)

    # Monday noon: Sam Lee's thank-you (due Sunday 10:00) goes out late, Jordan Blake's
    # is still not written.
    later = NOW + timedelta(days=2, hours=3)
    window.search.clock = lambda: later
    sam = next(i for i in view.search.agenda(NOW, later) if i.contact == "Sam Lee")
    window.search.mark_sent(sam.ref, later)
    window.refresh_all()
    assert view.thank_yous.accessibleDescription() == (
        "On time: 3 (75%); Late: 1; Not sent, past due: 3"
    )
    assert view.figures == window.search.progress()


def test_an_empty_search_says_what_progress_will_show(window):
    view = open_progress(window)
    assert view.empty.isVisible() and not view.scroll_area.isVisible()
    assert view.empty.text().startswith("Nothing to measure yet.")
