"""The record kinds of a case file and the fields each one has.

One table of field specs drives validation, storage mapping, JSON interchange and the
editor forms, so a field added here shows up everywhere the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    CASE = "case"
    PERSON = "person"
    STATE = "state"
    ORGANISATION = "organisation"
    WARRANT = "warrant"
    VISIT = "visit"
    QUOTE = "quote"
    ARTICLE = "article"
    SOURCE = "source"
    STATUS_CORRECTION = "status_correction"
    PRECEDENT = "precedent"
    LINK = "link"


class FieldType(StrEnum):
    TEXT = "text"
    LONGTEXT = "longtext"
    DATE = "date"  # a partial date, stored as ISO text at its precision
    BOOL = "bool"
    CHOICE = "choice"
    INTEGER_CHOICE = "integer_choice"
    REF = "ref"  # the id of another record
    REFS = "refs"  # an ordered list of ids
    TEXTLIST = "textlist"
    ISO2 = "iso2"
    ARTICLE_NUMBER = "article_number"
    URL = "url"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    ref_kinds: tuple[Kind, ...] = ()  # empty means any kind of record
    default: object = None
    searchable: bool = False


@dataclass(frozen=True)
class KindSpec:
    kind: Kind
    label: str
    plural: str
    json_key: str
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.kind} has no field {name!r}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


OUTCOMES = ("arrested", "not_arrested", "unknown")
WARRANT_STATUSES = ("outstanding", "executed", "withdrawn", "vacated", "other")
SOURCE_KINDS = (
    "news_article", "court_decision", "press_release", "report", "interview",
    "statement", "treaty", "web_page", "other",
)  # fmt: skip
ORGANISATION_KINDS = (
    "court", "chamber", "outlet", "ministry", "government", "ngo", "university",
    "intergovernmental", "other",
)  # fmt: skip
RELIABILITY = ("A", "B", "C", "D", "E", "F")
CREDIBILITY = ("1", "2", "3", "4", "5", "6")

RELIABILITY_MEANING = {
    "A": "Completely reliable", "B": "Usually reliable", "C": "Fairly reliable",
    "D": "Not usually reliable", "E": "Unreliable", "F": "Reliability cannot be judged",
}  # fmt: skip
CREDIBILITY_MEANING = {
    "1": "Confirmed by other sources", "2": "Probably true", "3": "Possibly true",
    "4": "Doubtful", "5": "Improbable", "6": "Truth cannot be judged",
}  # fmt: skip

# A case's correction of one ICC party-status event (schema revision 4): what it does to the shipped event.
CORRECTION_ACTIONS = ("add", "replace", "dispute", "confirm")
STATUS_EVENT_KINDS = (
    "withdrawal_notified", "withdrawal_effective", "withdrawal_revoked", "withdrawal_announced_not_deposited",
    "article_12_3_declaration", "article_124_declaration",
)  # fmt: skip
# A precedent the analyst adds to the case: what was claimed and what the Court decided (icc_precedents.csv's words).
PRECEDENT_CLAIMS = ("immunity", "consultation", "other")
PRECEDENT_OUTCOMES = (
    "non_compliance_referred", "non_compliance_not_referred", "referral_reversed_on_appeal", "informed_only", "other",
)  # fmt: skip

LINK_KIND_SUGGESTIONS = (
    "subject of", "issued by", "visited", "hosted", "comments on", "cites", "contradicts",
    "corroborates", "reported by", "spokesperson for", "member of", "affiliated with",
    "mentions", "confirms", "concerns",
)  # fmt: skip

F = FieldSpec
T = FieldType

SPECS: dict[Kind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(Kind.CASE, "Case", "Case", "case", (
            F("title", "Title", required=True, searchable=True),
            F("summary", "Summary", T.LONGTEXT, searchable=True),
            F("classification", "Classification marking"),
            F("analyst", "Analyst"),
        )),
        KindSpec(Kind.PERSON, "Person", "Persons", "persons", (
            F("name", "Name", required=True, searchable=True),
            F("original_name", "Name in original script", searchable=True),
            F("aliases", "Aliases and transliterations", T.TEXTLIST, searchable=True),
            F("role", "Role or title", searchable=True),
            F("role_from", "Role held from", T.DATE),
            F("role_to", "Role held until", T.DATE),
            F("nationality", "Nationality"),
            F("protected", "Protected identity", T.BOOL, default=False),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
        )),
        KindSpec(Kind.STATE, "State", "States", "states", (
            F("name", "Name", required=True, searchable=True),
            F("iso2", "ISO 3166 code", T.ISO2, required=True),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
        )),
        KindSpec(Kind.ORGANISATION, "Organisation", "Organisations", "organisations", (
            F("name", "Name", required=True, searchable=True),
            F("kind", "Kind", T.CHOICE, choices=ORGANISATION_KINDS, default="other"),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
            F("icc_organ", "ICC organ", T.BOOL, default=False),
        )),
        KindSpec(Kind.WARRANT, "Warrant", "Warrants", "warrants", (
            F("issuer", "Issued by", T.REF, ref_kinds=(Kind.ORGANISATION,)),
            F("reference", "Reference number", searchable=True),
            F("subject", "Subject", T.REF, required=True, ref_kinds=(Kind.PERSON,)),
            F("issued", "Date issued", T.DATE, required=True),
            F("status", "Status", T.CHOICE, choices=WARRANT_STATUSES, default="outstanding"),
            F("status_date", "Status as of", T.DATE),
            F("sealed", "Sealed", T.BOOL, default=False),
            F("charges", "Charges", T.LONGTEXT, searchable=True),
            F("articles", "Articles cited", T.REFS, ref_kinds=(Kind.ARTICLE,)),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
        )),
        KindSpec(Kind.VISIT, "Visit", "Visits", "visits", (
            F("person", "Person", T.REF, required=True, ref_kinds=(Kind.PERSON,)),
            F("state", "Host state", T.REF, required=True, ref_kinds=(Kind.STATE,)),
            F("place", "Place", searchable=True),
            F("start", "First day", T.DATE, required=True),
            F("end", "Last day", T.DATE),
            F("purpose", "Purpose", searchable=True),
            F("outcome", "Outcome", T.CHOICE, choices=OUTCOMES, default="unknown"),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
        )),
        KindSpec(Kind.QUOTE, "Quote", "Quotes", "quotes", (
            F("text", "Verbatim text", T.LONGTEXT, required=True, searchable=True),
            F("language", "Language"),
            F("translation", "Translation", T.LONGTEXT, searchable=True),
            F("translation_language", "Translation language"),
            F("speaker", "Speaker", T.REF, ref_kinds=(Kind.PERSON,)),
            F("speaker_role", "Speaker's role at the time", searchable=True),
            F("said_on", "Date said", T.DATE),
            F("source", "Source", T.REF, ref_kinds=(Kind.SOURCE,)),
            F("pinpoint", "Pinpoint (page, paragraph, timestamp)"),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
        )),
        KindSpec(Kind.ARTICLE, "Statute article", "Statute articles", "articles", (
            F("instrument", "Instrument", required=True, default="Rome Statute"),
            F("number", "Article", T.ARTICLE_NUMBER, required=True, searchable=True),
            F("title", "Title", searchable=True),
            F("text", "Text", T.LONGTEXT, searchable=True),
        )),
        KindSpec(Kind.SOURCE, "Source", "Sources", "sources", (
            F("kind", "Kind", T.CHOICE, choices=SOURCE_KINDS, default="news_article"),
            F("title", "Title", required=True, searchable=True),
            F("outlet", "Outlet", T.REF, ref_kinds=(Kind.ORGANISATION,)),
            F("author", "Author", searchable=True),
            F("url", "URL", T.URL),
            F("published", "Published", T.DATE),
            F("accessed", "Accessed", T.DATE),
            F("language", "Language"),
            F("reliability", "Source reliability (A–F)", T.CHOICE, choices=RELIABILITY),
            F("credibility", "Information credibility (1–6)", T.INTEGER_CHOICE, choices=CREDIBILITY),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
        )),
        KindSpec(Kind.STATUS_CORRECTION, "Status correction", "Status corrections", "status_corrections", (
            F("iso2", "State (ISO 3166 code)", T.ISO2, required=True),
            F("action", "Correction", T.CHOICE, required=True, choices=CORRECTION_ACTIONS, default="add"),
            F("event", "Shipped event corrected"),  # its key, e.g. "HU:withdrawal_revoked:" (see party_status)
            F("event_kind", "Event", T.CHOICE, choices=STATUS_EVENT_KINDS),
            F("date", "Date", T.DATE),
            F("effective", "Effective date", T.DATE),
            F("source", "Source", T.REF, ref_kinds=(Kind.SOURCE,)),
            F("citation", "Citation", searchable=True),
            F("note", "Note", T.LONGTEXT, searchable=True),
            F("recorded_by", "Recorded by", searchable=True),
        )),
        KindSpec(Kind.PRECEDENT, "Precedent", "Precedents", "precedents", (
            F("chamber", "Court or chamber", required=True, searchable=True),
            F("decided", "Decision date", T.DATE),
            F("reference", "Decision reference", searchable=True),
            F("person", "Person", T.REF, required=True, ref_kinds=(Kind.PERSON,)),
            F("state", "Host state", T.REF, required=True, ref_kinds=(Kind.STATE,)),
            F("visit_start", "Visit's first day", T.DATE),
            F("visit_end", "Visit's last day", T.DATE),
            F("claim", "Claim", T.CHOICE, choices=PRECEDENT_CLAIMS),
            F("outcome", "Outcome", T.CHOICE, required=True, choices=PRECEDENT_OUTCOMES, default="other"),
            F("source", "Source", T.REF, ref_kinds=(Kind.SOURCE,)),
            F("citation", "Citation", searchable=True),
            F("summary", "Summary", T.LONGTEXT, searchable=True),
            F("recorded_by", "Recorded by", searchable=True),
        )),
        KindSpec(Kind.LINK, "Link", "Links", "links", (
            F("from", "From", T.REF, required=True),
            F("to", "To", T.REF, required=True),
            F("kind", "Kind of link", required=True),
            F("note", "Note", T.LONGTEXT, searchable=True),
            F("date", "Date", T.DATE),
            F("source", "Source", T.REF, ref_kinds=(Kind.SOURCE,)),
        )),
    )
}  # fmt: skip

# The order of the lists in the JSON document and of the navigator.
RECORD_KINDS = (
    Kind.PERSON, Kind.STATE, Kind.ORGANISATION, Kind.WARRANT, Kind.VISIT,
    Kind.QUOTE, Kind.ARTICLE, Kind.SOURCE, Kind.STATUS_CORRECTION, Kind.PRECEDENT, Kind.LINK,
)  # fmt: skip


def spec(kind: Kind | str) -> KindSpec:
    return SPECS[Kind(kind)]


# Choices whose words are not a plain lower-case phrase.
_CHOICE_WORDS = {"ngo": "NGO", "intergovernmental": "Intergovernmental organisation"}


def choice_label(value: str) -> str:
    """'not_arrested' reads as 'Not arrested'; 'ngo' as 'NGO'."""
    return _CHOICE_WORDS.get(value) or value.replace("_", " ").capitalize()
