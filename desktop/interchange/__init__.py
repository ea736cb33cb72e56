"""Bringing a job search in and taking it out: the JSON backup, and later vCard, CSV, iCalendar."""
