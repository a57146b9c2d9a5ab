"""The data that flows through the pipeline: files -> Document -> DocFacts.

Plain dataclasses, so that a DocFacts crosses processes cheaply and goes into
the per-document cache as JSON, and tables.py can turn lists of them into DataFrames.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    """One input file, read and cleaned; nothing after ingest touches files."""

    doc_id: str
    path: str
    text: str = ""  # article text only, site chrome removed
    title: str = ""
    published: str = ""  # ISO date from metadata or a stamp in the text
    url: str = ""
    source: str = ""
    sha256: str = ""
    status: str = "ok"  # "ok" or "rejected: <reason>"
    warning: str = ""  # read, but not all of it as written (bytes replaced, HTML read as text)


@dataclass(frozen=True)
class DateValue:
    """A date at some precision: year/month/day may be missing (None)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_iso(cls, text: str) -> DateValue:
        """The inverse of iso(): 'YYYY-MM-DD', 'YYYY-MM', 'YYYY', '--MM-DD' or ''."""
        if text.startswith("--"):
            month, day = text[2:].split("-")
            return cls(None, int(month), int(day))
        parts = [int(p) for p in text.split("-")] if text else []
        return cls(*parts)

    @property
    def precision(self) -> str:
        if self.year and self.month and self.day:
            return "day"
        if self.year and self.month:
            return "month"
        if self.year:
            return "year"
        if self.month and self.day:
            return "monthday"
        return "unknown"

    def iso(self) -> str:
        """SPEC.md format: YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD or empty."""
        p = self.precision
        if p == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if p == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if p == "year":
            return f"{self.year:04d}"
        if p == "monthday":
            return f"--{self.month:02d}-{self.day:02d}"
        return ""


@dataclass
class Meeting:
    meeting_id: str
    doc_id: str
    date: DateValue = field(default_factory=DateValue)
    kind: str = "meeting"
    ru_region: str = ""
    kz_regions: list[str] = field(default_factory=list)
    place: str = ""
    is_primary: bool = False
    evidence: str = ""
    evidence_start: int = 0  # text[evidence_start:evidence_end] == evidence
    evidence_end: int = 0


@dataclass
class Participant:
    doc_id: str
    meeting_id: str
    name: str
    role: str
    side: str
    mention: str
    evidence: str = ""
    person_key: str = ""  # surname + first initial, the same for "Бабушкин И.Ю." and "Игорь Бабушкин"
    start: int = 0  # the first mention: text[start:end] is `mention` as it stands in the text
    end: int = 0    # (`mention` joins its words by one space, look-alike letters matched)
    evidence_start: int = 0
    evidence_end: int = 0


@dataclass
class SectorHit:
    doc_id: str
    meeting_id: str
    sector: str
    evidence: str
    start: int = 0  # text[start:end]: the words that named the sector
    end: int = 0
    evidence_start: int = 0
    evidence_end: int = 0


@dataclass
class Figure:
    doc_id: str
    meeting_id: str
    kind: str
    value: float
    unit: str
    qualifier: str
    evidence: str
    scope: str = "regional"  # or "national": what the figure measures (SPEC.md "Figure scope")
    start: int = 0  # text[start:end]: the number and unit as written
    end: int = 0
    evidence_start: int = 0
    evidence_end: int = 0
    ru_region: str = ""  # the region of the figure's meeting (or of the document, for background)
    kz_regions: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """One span of the text a fact rests on, for highlighting: text[start:end] == text."""

    doc_id: str
    kind: str   # person, region, sector, figure, date (MENTION_KINDS in analysis.schema)
    value: str  # canonical: the name, region, sector key, "value unit", ISO date
    text: str
    start: int
    end: int
    evidence_start: int  # the sentence around it
    evidence_end: int


@dataclass
class Agreement:
    """An agreement, memorandum, road map, plan, contract or protocol signed or announced;
    start/end is its name in the article text, evidence_start/evidence_end its sentence."""

    agreement_id: str
    doc_id: str
    meeting_id: str
    kind: str
    subject: str
    ru_parties: list[str]
    kz_parties: list[str]
    date: DateValue
    status: str  # "signed" or "planned"
    term: str
    evidence: str
    start: int
    end: int
    evidence_start: int
    evidence_end: int


@dataclass
class DocFacts:
    """Everything found in one document; the unit of caching and parallelism."""

    document: Document
    published: str = ""  # publication date the text states, when ingest found none
    event_date: DateValue = field(default_factory=DateValue)
    ru_regions: list[str] = field(default_factory=list)
    kz_regions: list[str] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    sectors: list[SectorHit] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)

    @property
    def has_facts(self) -> bool:
        """Whether anything was found: a document without facts is in no report's evidence."""
        return bool(self.meetings or self.participants or self.sectors or self.figures
                    or self.agreements or self.mentions)

    @property
    def publication_date(self) -> str:
        """The publication date: ingest's (metadata, page) first, else what the text states."""
        return self.document.published or self.published
