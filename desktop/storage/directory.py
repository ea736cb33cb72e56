"""Companies and contacts: paged reads for the lists, validated saves for the forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.core.formality import suggest_formality
from desktop.core.job import linkedin_problem, linkedin_url, normalize_tags, tags_problem, tags_text
from desktop.core.names import SALUTATIONS, guess_surname, split_salutation
from desktop.core.settings import FORMALITIES
from desktop.core.validation import email_problem, required
from desktop.storage.models import Application, Company, Contact, Participant
from desktop.storage.records import (
    CompanyInput,
    CompanyRecord,
    ContactInput,
    ContactRecord,
    ValidationError,
)

AnySelect = Select[*tuple[Any, ...]]


def matches(text: str, *columns: Any) -> Any:
    """Case-insensitive substring match of `text` on any of `columns` (LIKE-escaped)."""
    needle = text.strip()
    return or_(*(col.icontains(needle, autoescape=True) for col in columns))


# --- companies ---


def _company_filter(stmt: AnySelect, text: str) -> AnySelect:
    if text.strip():
        stmt = stmt.where(matches(text, Company.name, Company.industry))
    return stmt


def count_companies(session: Session, text: str) -> int:
    stmt = _company_filter(select(func.count(Company.id)), text)
    return int(session.scalar(stmt) or 0)


def read_companies(
    session: Session,
    offset: int = 0,
    limit: int = 200,
    text: str = "",
    company_ids: Iterable[int] | None = None,
) -> list[CompanyRecord]:
    """Companies by name (case-insensitively, then id), with contact and application counts."""
    people = (
        select(Contact.company_id, func.count(Contact.id).label("n"))
        .group_by(Contact.company_id)
        .subquery()
    )
    apps = (
        select(Application.company_id, func.count(Application.id).label("n"))
        .group_by(Application.company_id)
        .subquery()
    )
    stmt = (
        select(
            Company,
            func.coalesce(people.c.n, 0).label("contacts"),
            func.coalesce(apps.c.n, 0).label("applications"),
        )
        .outerjoin(people, people.c.company_id == Company.id)
        .outerjoin(apps, apps.c.company_id == Company.id)
        .order_by(func.lower(Company.name), Company.id)
    )
    if company_ids is not None:
        stmt = stmt.where(Company.id.in_(list(company_ids)))
    else:
        stmt = _company_filter(stmt, text).offset(offset).limit(limit)
    return [
        CompanyRecord(
            id=c.id,
            name=c.name,
            industry=c.industry,
            formality=c.formality,
            website=c.website,
            notes=c.notes,
            contacts=int(n_contacts),
            applications=int(n_apps),
            mailing_address=c.mailing_address,
        )
        for c, n_contacts, n_apps in session.execute(stmt)
    ]


def company_problems(data: CompanyInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    if message := required(data.name, "Name"):
        problems["name"] = message
    if data.formality and data.formality not in FORMALITIES:
        problems["formality"] = f"Formality must be one of {', '.join(FORMALITIES)}"
    return problems


def save_company(session: Session, data: CompanyInput, company_id: int | None) -> tuple[int, bool]:
    """Create or update a company. Returns its id and whether its formality changed."""
    if problems := company_problems(data):
        raise ValidationError(problems)
    company = Company() if company_id is None else _get(session, Company, company_id, "company")
    formality = data.formality or suggest_formality(data.industry)
    changed = company_id is not None and company.formality != formality
    company.name = data.name.strip()
    company.industry = data.industry.strip()
    company.formality = formality
    company.website = data.website.strip()
    company.notes = data.notes
    company.mailing_address = data.mailing_address.strip()
    session.add(company)
    session.flush()
    return company.id, changed


def applications_of_company(session: Session, company_id: int) -> list[int]:
    return list(session.scalars(select(Application.id).where(Application.company_id == company_id)))


# --- contacts ---


def _contact_query(stmt: AnySelect, text: str, tag: str = "") -> AnySelect:
    from desktop.storage.pipeline import tag_clause

    stmt = stmt.outerjoin(Company, Company.id == Contact.company_id)
    if text.strip():
        stmt = stmt.where(matches(text, Contact.name, Contact.email, Contact.title, Company.name))
    if tag.strip():
        stmt = stmt.where(tag_clause(Contact.tags, tag))
    return stmt


def count_contacts(session: Session, text: str, tag: str = "") -> int:
    if not text.strip() and not tag.strip():
        return int(session.scalar(select(func.count(Contact.id))) or 0)
    return int(session.scalar(_contact_query(select(func.count(Contact.id)), text, tag)) or 0)


def read_contacts(
    session: Session,
    offset: int = 0,
    limit: int = 200,
    text: str = "",
    contact_id: int | None = None,
    tag: str = "",
) -> list[ContactRecord]:
    """Contacts by name (case-insensitively, then id), with their company's name."""
    stmt = _contact_query(select(Contact, Company.name.label("company_name")), text, tag)
    if contact_id is not None:
        stmt = stmt.where(Contact.id == contact_id)
    stmt = stmt.order_by(func.lower(Contact.name), Contact.id).offset(offset).limit(limit)
    return [
        ContactRecord(
            id=p.id,
            name=p.name,
            preferred_name=p.preferred_name,
            title=p.title,
            company_id=p.company_id,
            company=company_name or "",
            email=p.email,
            phone=p.phone,
            mailing_address=p.mailing_address,
            notes=p.notes,
            salutation=p.salutation,
            surname=p.surname,
            linkedin_url=p.linkedin_url,
            tags=normalize_tags(p.tags),
        )
        for p, company_name in session.execute(stmt)
    ]


def contact_problems(session: Session, data: ContactInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    if message := required(data.name, "Name"):
        problems["name"] = message
    if message := email_problem(data.email):
        problems["email"] = message
    if data.company_id is not None and session.get(Company, data.company_id) is None:
        problems["company_id"] = "That company no longer exists"
    if data.salutation and data.salutation not in SALUTATIONS:
        problems["salutation"] = f"Salutation must be one of {', '.join(SALUTATIONS[1:])} or none"
    if message := linkedin_problem(data.linkedin_url):
        problems["linkedin_url"] = message
    if message := tags_problem(normalize_tags(data.tags)):
        problems["tags"] = message
    return problems


def contact_names(data: ContactInput) -> tuple[str, str, str]:
    """(salutation, name, surname) to store: a salutation typed into the name moves to its
    own field, and an empty surname is taken from the name."""
    salutation, name = data.salutation, data.name.strip()
    typed, rest = split_salutation(name)
    if typed and (not salutation or salutation == typed):
        salutation, name = typed, rest
    return salutation, name, data.surname.strip() or guess_surname(name)


def save_contact(session: Session, data: ContactInput, contact_id: int | None) -> int:
    if problems := contact_problems(session, data):
        raise ValidationError(problems)
    contact = Contact() if contact_id is None else _get(session, Contact, contact_id, "contact")
    contact.salutation, contact.name, contact.surname = contact_names(data)
    contact.preferred_name = data.preferred_name.strip()
    contact.title = data.title.strip()
    contact.company_id = data.company_id
    contact.email = data.email.strip()
    contact.phone = data.phone.strip()
    contact.mailing_address = data.mailing_address
    contact.notes = data.notes
    contact.linkedin_url = linkedin_url(data.linkedin_url)
    contact.tags = tags_text(normalize_tags(data.tags))
    session.add(contact)
    session.flush()
    return contact.id


def tags_in_use(session: Session, kind: str) -> list[str]:
    """Every tag on applications (`kind` "application") or contacts, A to Z."""
    column = Application.tags if kind == "application" else Contact.tags
    found: dict[str, str] = {}
    for text in session.scalars(select(column).where(column != "").distinct()):
        for tag in normalize_tags(text):
            found.setdefault(tag.casefold(), tag)
    return sorted(found.values(), key=str.casefold)


def applications_of_contact(session: Session, contact_id: int) -> list[int]:
    """Applications whose follow-ups may depend on this contact."""
    from desktop.storage.models import Interview

    as_interviewer = (
        select(Interview.application_id)
        .join(Participant, Participant.interview_id == Interview.id)
        .where(Participant.contact_id == contact_id)
    )
    as_primary = select(Application.id).where(Application.primary_contact_id == contact_id)
    return sorted(set(session.scalars(as_interviewer.union(as_primary))))


def _get(session: Session, model: type[Any], row_id: int, what: str) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise ValidationError({"id": f"That {what} no longer exists"})
    return row
