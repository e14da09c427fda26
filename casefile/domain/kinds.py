"""The record kinds of a case file: the fields each one has, and everything else that defines a kind.

One table of field specs drives validation, storage mapping, JSON interchange and the
editor forms, so a field added here shows up everywhere the same way. The same spec says
how a kind is named, listed in its record table, indexed for search, placed in the
dossier and coloured, so a new kind is one spec here, its table (storage/models.py and a
migration) and its tests; see DEVELOPERS.md, "Adding a record kind".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from enum import StrEnum

from casefile.domain import record_names as rn
from casefile.domain.sections import Section


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
class Naming:
    """How a record of the kind is named: the fields read (by name) and the function that words them."""

    fields: tuple[str, ...]
    text: Callable[[rn.Values, rn.NameOf], str]


@dataclass(frozen=True)
class Column:
    """One column of the kind's record table (services/tables.py).

    A field shows its value; a long text its first characters; a choice its label; a reference the
    name of the record it points at (its kind's `name_field`, or its full label when it may point at
    any kind). Several fields show the first one present, or all of them run together if `joined`.
    """

    header: str
    fields: tuple[str, ...]
    joined: bool = False


class Shape(StrEnum):
    """A kind's outline in the window's link chart (ui/widgets/kind_style.py), so kinds read at a glance."""

    BOX = "box"
    ELLIPSE = "ellipse"
    ROUNDED = "rounded"
    DIAMOND = "diamond"
    HEXAGON = "hexagon"
    SLANTED = "slanted"
    PILL = "pill"


@dataclass(frozen=True)
class Look:
    """How the kind is drawn: its colour and shape in the window's charts, its box fill and legend word in the PDF."""

    colour: str
    fill: str
    legend: str | None = None  # None: not named in the PDF chart's legend
    shape: Shape = Shape.BOX


@dataclass(frozen=True)
class KindSpec:
    kind: Kind
    label: str
    plural: str
    json_key: str
    fields: tuple[FieldSpec, ...]
    _: KW_ONLY
    table: str  # its table in the case file, one row per record (storage/models.py)
    naming: Naming
    columns: tuple[Column, ...]  # its record table; empty for the case, which is not listed
    dossier: Section  # the part of the PDF dossier where records of this kind are described
    dossier_entry: bool  # each record has an entry there that references can point at
    look: Look
    name_field: str | None = None  # the field a typed name fills, and what a table shows for a reference to it
    search_by_name: bool = False  # records referring to one of this kind are found by its name_field
    search_prefix: str = ""  # indexed before its searchable fields ("Art. " so "Art. 87" is found)

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
N = Naming


def C(header: str, *fields: str, joined: bool = False) -> Column:
    return Column(header, fields, joined)


# Records with no box colour of their own in the PDF chart, and no word in its legend.
_PLAIN_FILL = "#eeeeee"

SPECS: dict[Kind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(Kind.CASE, "Case", "Case", "case", (
            F("title", "Title", required=True, searchable=True),
            F("summary", "Summary", T.LONGTEXT, searchable=True),
            F("classification", "Classification marking"),
            F("analyst", "Analyst"),
        ), table="cases", naming=N(("title",), rn.by_title), columns=(),
           dossier=Section.COVER, dossier_entry=False, look=Look("#333333", _PLAIN_FILL)),
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
        ), table="persons", naming=N(("name",), rn.by_name),
           columns=(C("Name", "name"), C("Original script", "original_name"), C("Role", "role"),
                    C("Nationality", "nationality")),
           dossier=Section.PERSONS, dossier_entry=True, look=Look("#1f77b4", "#d8e6f7", "Person", Shape.ELLIPSE),
           name_field="name", search_by_name=True),
        KindSpec(Kind.STATE, "State", "States", "states", (
            F("name", "Name", required=True, searchable=True),
            F("iso2", "ISO 3166 code", T.ISO2, required=True),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
        ), table="states", naming=N(("name",), rn.by_name),
           columns=(C("Name", "name"), C("ISO code", "iso2")),
           dossier=Section.PERSONS, dossier_entry=True, look=Look("#2ca02c", "#dcefd9", "State"),
           name_field="name", search_by_name=True),
        KindSpec(Kind.ORGANISATION, "Organisation", "Organisations", "organisations", (
            F("name", "Name", required=True, searchable=True),
            F("kind", "Kind", T.CHOICE, choices=ORGANISATION_KINDS, default="other"),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
            F("icc_organ", "ICC organ", T.BOOL, default=False),
        ), table="organisations", naming=N(("name",), rn.by_name),
           columns=(C("Name", "name"), C("Kind", "kind")),
           dossier=Section.PERSONS, dossier_entry=True, look=Look("#8c564b", "#f3e6cf", "Organisation", Shape.ROUNDED),
           name_field="name", search_by_name=True),
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
        ), table="warrants", naming=N(("reference", "issued", "subject"), rn.warrant),
           columns=(C("Subject", "subject"), C("Reference", "reference"), C("Issued by", "issuer"),
                    C("Issued", "issued"), C("Status", "status")),
           dossier=Section.WARRANTS, dossier_entry=True, look=Look("#d62728", "#f6d2d2", "Warrant", Shape.DIAMOND),
           name_field="reference"),
        KindSpec(Kind.VISIT, "Visit", "Visits", "visits", (
            F("person", "Person", T.REF, required=True, ref_kinds=(Kind.PERSON,)),
            F("state", "Host state", T.REF, required=True, ref_kinds=(Kind.STATE,)),
            F("place", "Place", searchable=True),
            F("start", "First day", T.DATE, required=True),
            F("end", "Last day", T.DATE),
            F("purpose", "Purpose", searchable=True),
            F("outcome", "Outcome", T.CHOICE, choices=OUTCOMES, default="unknown"),
            F("notes", "Notes", T.LONGTEXT, searchable=True),
        ), table="visits", naming=N(("person", "state", "start"), rn.visit),
           columns=(C("Person", "person"), C("Host state", "state"), C("Place", "place"), C("From", "start"),
                    C("To", "end"), C("Outcome", "outcome")),
           dossier=Section.VISITS, dossier_entry=True, look=Look("#ff7f0e", "#e7dcf3", "Visit", Shape.HEXAGON)),
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
        ), table="quotes", naming=N(("text",), rn.quote),
           columns=(C("Text", "text"), C("Speaker", "speaker"), C("Said on", "said_on"), C("Source", "source"),
                    C("Language", "language")),
           dossier=Section.COMMENTARY, dossier_entry=True, look=Look("#9467bd", "#f2f2f2", "Quote", Shape.PILL)),
        KindSpec(Kind.ARTICLE, "Statute article", "Statute articles", "articles", (
            F("instrument", "Instrument", required=True, default="Rome Statute"),
            F("number", "Article", T.ARTICLE_NUMBER, required=True, searchable=True),
            F("title", "Title", searchable=True),
            F("text", "Text", T.LONGTEXT, searchable=True),
        ), table="articles", naming=N(("number", "instrument"), rn.article),
           columns=(C("Article", "number"), C("Title", "title"), C("Instrument", "instrument")),
           dossier=Section.APPENDIX, dossier_entry=True, look=Look("#7f7f7f", "#fff1b8", "Article"),
           name_field="number", search_prefix="Art. "),
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
        ), table="sources", naming=N(("title",), rn.by_title),
           columns=(C("Title", "title"), C("Outlet", "outlet"), C("Kind", "kind"), C("Published", "published"),
                    C("Grade", "reliability", "credibility", joined=True)),
           # A source's entry is its numbered note, which services/dossier_context.py points at itself.
           dossier=Section.SOURCES, dossier_entry=False, look=Look("#17becf", "#d9f0f0", "Source", Shape.SLANTED),
           name_field="title"),
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
        ), table="status_corrections",
           naming=N(("action", "iso2", "event", "event_kind"), rn.status_correction),
           columns=(C("State", "iso2"), C("Correction", "action"), C("Shipped event", "event"),
                    C("Event", "event_kind"), C("Date", "date"), C("Source", "source", "citation"),
                    C("Recorded by", "recorded_by")),
           # Corrections change the party status the compliance assessment reads; they have no entry of their own.
           dossier=Section.COMPLIANCE, dossier_entry=False, look=Look("#555555", _PLAIN_FILL)),
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
        ), table="precedents",
           naming=N(("chamber", "decided", "person", "state"), rn.precedent),
           columns=(C("Person", "person"), C("Host state", "state"), C("Decided", "decided"),
                    C("Court or chamber", "chamber"), C("Claim", "claim"), C("Outcome", "outcome")),
           dossier=Section.PRECEDENTS, dossier_entry=False, look=Look("#555555", _PLAIN_FILL),
           name_field="reference"),
        KindSpec(Kind.LINK, "Link", "Links", "links", (
            F("from", "From", T.REF, required=True),
            F("to", "To", T.REF, required=True),
            F("kind", "Kind of link", required=True),
            F("note", "Note", T.LONGTEXT, searchable=True),
            F("date", "Date", T.DATE),
            F("source", "Source", T.REF, ref_kinds=(Kind.SOURCE,)),
        ), table="links", naming=N(("from", "kind", "to"), rn.link),
           columns=(C("From", "from"), C("Kind", "kind"), C("To", "to"), C("Date", "date"), C("Note", "note")),
           # A link is told in the entries of the records it ties (their "links" lines) and drawn in the chart.
           dossier=Section.LINK_CHART, dossier_entry=False, look=Look("#bcbd22", _PLAIN_FILL)),
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
