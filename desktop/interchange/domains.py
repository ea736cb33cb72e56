"""Which email addresses can name an employer, and the employer's name from a domain.

An invite's attendees tell the company by their addresses, but many addresses belong to
no employer: free mail (gmail.com), a tenant's relay (contoso.onmicrosoft.com), a calendar
service speaking for someone (imip.me.com, resource.calendar.google.com), a scheduling
platform (greenhouse.io) or a no-reply sender (no-reply@zoom.us). Domains are cut at the
public suffix by `publicsuffixlist` with the list it ships (ICANN section; it never fetches
and writes nothing), so hale-pierce.co.uk is Hale-Pierce, not "Co". tldextract was the first
choice: it imports requests, whose urllib3 binds a socket at import time to probe for IPv6,
which the no-network test (tests/privacy) rightly refuses.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

# Registered domains (under the public suffix) whose mailboxes belong to people, not employers.
FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "web.de",
        "zoho.com",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "mail.ru",
        "qq.com",
        "163.com",
        "126.com",
        "tutanota.com",
        "tuta.io",
        "posteo.de",
        "mailbox.org",
        "t-online.de",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "btinternet.com",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "rediffmail.com",
        "ymail.com",
    }
)
# Free-mail families with a domain in many countries (hotmail.co.uk, yahoo.fr, gmx.at).
FREE_MAIL_NAMES = frozenset({"hotmail", "live", "yahoo", "gmx", "yandex", "libero", "outlook"})
# Relays and platforms: a tenant's default domain, Apple's and Google's calendar services,
# applicant-tracking and scheduling systems that send invites on an employer's behalf.
RELAY_DOMAINS = frozenset(
    {
        "onmicrosoft.com",
        "privaterelay.appleid.com",
        "greenhouse.io",
        "lever.co",
        "ashbyhq.com",
        "myworkday.com",
        "goodtime.io",
        "calendly.com",
        "icims.com",
        "smartrecruiters.com",
        "workablemail.com",
        "jobvite.com",
        "bamboohr.com",
        "hirevue.com",
        "teamtailor-mail.com",
        "recruitee.com",
    }
)
# Hosts that speak for a person or a room rather than being one.
SERVICE_HOSTS = ("calendar.google.com", "imip.me.com", "calendar.yahoo.com")
_NO_REPLY = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|noreply-\w+|notifications?|"
    r"calendar(?:-notification|-server)?|invit(?:es|ations?)|mailer-daemon|postmaster|"
    r"bounces?(?:[+-].*)?|scheduling|scheduler)$",
    re.IGNORECASE,
)


@cache
def _suffixes() -> PublicSuffixList:
    from publicsuffixlist import PublicSuffixList

    # ICANN rules only: a private entry (github.io) would make each user a "company".
    return PublicSuffixList(only_icann=True)


@lru_cache(maxsize=4096)
def split_domain(domain: str) -> tuple[str, str]:
    """(name label, public suffix): 'mail.hale-pierce.co.uk' → ('hale-pierce', 'co.uk')."""
    host = domain.strip().lower().rstrip(".")
    suffix = _suffixes().publicsuffix(host) if "." in host else None
    if not suffix or suffix == host:
        return "", suffix or ""
    return host[: -len(suffix) - 1].rsplit(".", 1)[-1], suffix


# Cached: an invite of thousands of guests has a handful of domains.
def registered_domain(domain: str) -> str:
    """The domain a company registered: 'us02web.zoom.us' → 'zoom.us'."""
    name, suffix = split_domain(domain)
    return f"{name}.{suffix}" if name and suffix else domain.strip().lower()


def is_no_reply(email: str) -> bool:
    """An address that sends on a system's behalf and reaches no one (no-reply@zoom.us)."""
    return bool(_NO_REPLY.match(email.strip().lower().rpartition("@")[0]))


def is_service_address(email: str) -> bool:
    """A no-reply sender, a calendar service or a room: never a person of an interview."""
    local, _, host = email.strip().lower().rpartition("@")
    if not local:
        return False
    if _NO_REPLY.match(local):
        return True
    return any(host == h or host.endswith("." + h) for h in SERVICE_HOSTS)


def names_no_company(email_or_domain: str) -> str | None:
    """Why an address cannot name its owner's employer (None when it can)."""
    text = email_or_domain.strip().lower()
    host = text.rpartition("@")[2]
    if not host or "." not in host:
        return "no domain"
    if "@" in text and is_service_address(text):
        return "a service address"
    if any(host == h or host.endswith("." + h) for h in SERVICE_HOSTS):
        return "a calendar service"
    name, suffix = split_domain(host)
    if not name or not suffix:
        return "no registered domain"
    registered = f"{name}.{suffix}"
    if registered in FREE_MAIL or name in FREE_MAIL_NAMES:
        return "personal mail"
    if registered in RELAY_DOMAINS:
        return "a relay or platform"
    return None


def company_name_from_domain(domain: str) -> str:
    """brightloop.com → Brightloop; hale-pierce.co.uk → Hale-Pierce."""
    name, _ = split_domain(domain)
    label = name or domain.strip().lower().split(".")[0]
    return "-".join(part.capitalize() for part in label.split("-"))
