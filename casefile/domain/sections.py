"""The dossier's sections, apart from the dossier's data classes so that the kind specs can name them cheaply."""

from __future__ import annotations

from enum import StrEnum


class Section(StrEnum):
    """The dossier's sections, in the order they appear; each can be switched off."""

    COVER = "cover"
    CONTENTS = "contents"
    SUMMARY = "summary"
    KEY_FACTS = "key-facts"
    COMPLIANCE = "compliance"
    CHRONOLOGY = "chronology"
    PERSONS = "persons"
    WARRANTS = "warrants"
    VISITS = "visits"
    COMMENTARY = "commentary"
    APPENDIX = "appendix"
    PRECEDENTS = "precedents"
    EVIDENCE_GAPS = "evidence-gaps"
    SOURCES = "sources"
    LINK_CHART = "link-chart"
