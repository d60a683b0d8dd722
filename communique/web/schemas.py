"""Pydantic models of what the REST API returns and accepts: they *are* its OpenAPI schema.

Why every endpoint declares one: clients (and schemathesis, in the tests)
read ``/api/openapi.json`` to know the shape of each answer, so a model that
is wrong or loose would mislead them. The contract models mirror
``../shared/CONTRACT.md`` and :mod:`communique.model` field for field; the
row models mirror the columns that the store's query functions select
(``speech/queries.py``, ``cli/core.py``, ``cli/entities.py``,
``encounters/timeline.py``…). Extra fields stay allowed on the contract
record, as the contract says ("extra fields are welcome").
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from communique.lexicon import PLOVER_TYPES

T = TypeVar("T")

MAX_LIMIT = 500
MAX_OFFSET = 10_000
ISO3 = r"^[A-Za-z]{3}$"


class Layer(str, Enum):
    segments = "segments"
    entities = "entities"
    mentions = "mentions"
    encounters = "encounters"
    turns = "turns"
    quotes = "quotes"
    claims = "claims"
    events = "events"
    framing = "framing"


Plover = Enum("Plover", {t: t for t in PLOVER_TYPES}, type=str)
Plover.__doc__ = "PLOVER's 16 event types (the contract's ``events[].type``), from communique.lexicon."


class DocKind(str, Enum):
    transcript = "transcript"
    readout = "readout"
    news = "news"
    statement = "statement"
    mixed = "mixed"


# ---- the output contract ----------------------------------------------------------------
class _Item(BaseModel):
    model_config = ConfigDict(extra="allow")


class Segment(_Item):
    start: int
    end: int
    kind: str = Field(description="transcript | statement | narrative | commentary")


class Entity(_Item):
    id: str
    type: str = Field(description="PERSON | COUNTRY | ORG | PLACE | GROUP")
    name: str
    aliases: list[str] = []
    country: str | None = Field(None, description="ISO 3166 alpha-3, 'WST' for the West, or null")
    roles: list[str] = []
    anonymous: bool = False
    kb_id: str | None = None


class Mention(_Item):
    start: int
    end: int
    entity: str | None


class Encounter(_Item):
    kind: str = Field(description="meeting | talks | phone_call | visit | summit | press_conference")
    date: str | None = Field(None, description="YYYY-MM-DD of the encounter itself")
    place: str | None = None
    participants: list[str]
    start: int
    end: int
    country: str | None = None
    also_present: list[str] = []
    planned: bool = False
    side: bool = False


class Turn(_Item):
    start: int
    end: int
    speaker: str | None
    label: str
    delivery: str = Field("original", description="original | interpreted | retranslated")
    language: str | None = None
    body_start: int = 0
    empty: bool = False


class Quote(_Item):
    start: int
    end: int
    speaker: str | None
    kind: str = Field(description="direct | indirect")
    via: str | None = None
    cue: str | None = None


class Claim(_Item):
    start: int
    end: int
    speaker: str | None
    value: float
    unit: str
    quantity: str = ""
    change: str = Field("level", description="increase | decrease | level")
    period: str | None = None
    text: str = ""


class Event(_Item):
    start: int
    end: int
    type: str = Field(description="one of PLOVER's 16 types")
    source: str | None
    target: str | None
    speaker: str | None = None
    mode: str | None = None
    modality: str = "asserted"
    sources: list[str] = []
    targets: list[str] = []
    trigger: str | None = None


class Framing(_Item):
    start: int
    end: int
    label: str
    voice: str | None = None
    technique: str | None = None


class DocumentRecord(BaseModel):
    """One analysed document in the output contract: every span is ``[start, end)`` into ``text``."""

    model_config = ConfigDict(extra="allow")

    id: str
    source: str
    title: str | None
    publisher: str | None
    published: str | None = Field(description="YYYY-MM-DD or null")
    language: str
    kind: str
    text: str
    content: list[list[int]] = Field(description="main-content spans as [start, end] pairs")
    segments: list[Segment]
    entities: list[Entity]
    mentions: list[Mention]
    encounters: list[Encounter]
    turns: list[Turn]
    quotes: list[Quote]
    claims: list[Claim]
    events: list[Event]
    framing: list[Framing]
    meta: dict[str, object] = {}


# ---- one layer of one document -----------------------------------------------------------
class _Spanned(BaseModel):
    span_text: str = Field(description="the covered text, text[start:end]")


class SegmentItem(_Spanned, Segment):
    pass


class MentionItem(_Spanned, Mention):
    pass


class EncounterItem(_Spanned, Encounter):
    pass


class TurnItem(_Spanned, Turn):
    pass


class QuoteItem(_Spanned, Quote):
    pass


class ClaimItem(_Spanned, Claim):
    pass


class EventItem(_Spanned, Event):
    pass


class FramingItem(_Spanned, Framing):
    pass


class EntityItem(Entity):
    mentions: int = Field(description="how many mentions point to this entity")
    spellings: list[str] = Field(description="every distinct way the text writes it")


class LayerOut(BaseModel, Generic[T]):
    doc_id: str
    layer: Layer
    items: list[T]


# ---- pages of rows -----------------------------------------------------------------------
class Page(BaseModel, Generic[T]):
    """A page of results: ask again with ``offset=next_offset`` for the next one (null: no more)."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None


class DocumentSummary(BaseModel):
    id: str
    source: str | None
    title: str | None
    publisher: str | None
    published: date | None
    kind: str | None
    language: str | None
    chars: int = Field(description="length of the text in characters")
    ingested_at: datetime | None


class SearchHit(BaseModel):
    id: str
    source: str | None
    title: str | None
    publisher: str | None
    published: date | None
    kind: str | None
    hits: int = Field(description="occurrences of the query words")
    score: float = Field(description="BM25 score: higher is a better match")
    snippet: str
    marks: list[list[int]] = Field(description="[start, end) spans of the query's words within the snippet")


class TurnRow(BaseModel):
    doc_id: str
    published: date | None
    title: str | None
    span_start: int
    span_end: int
    speaker: str | None
    speaker_name: str | None
    label: str | None
    delivery: str | None
    language: str | None
    text: str | None


class QuoteRow(BaseModel):
    published: date | None
    title: str | None
    publisher: str | None
    doc_id: str
    span_start: int
    span_end: int
    speaker_name: str | None
    kind: str | None
    via_name: str | None
    cue: str | None
    text: str | None


class ClaimRow(BaseModel):
    published: date | None
    title: str | None
    doc_id: str
    span_start: int
    span_end: int
    speaker_name: str | None
    value: float
    unit: str | None
    quantity: str | None
    change: str | None
    period: str | None
    text: str | None


class ClaimSeriesRow(BaseModel):
    when: str | None = Field(description="the period the claim covers, else the publication date")
    published: date | None
    period: str | None
    value: float
    unit: str | None
    change: str | None
    quantity: str | None
    speaker_name: str | None
    title: str | None
    doc_id: str
    span_start: int
    span_end: int
    text: str | None


class EventRow(BaseModel):
    doc_id: str
    published: date | None
    title: str | None
    span_start: int
    span_end: int
    type: str
    source: str | None
    source_name: str | None
    source_country: str | None
    target: str | None
    target_name: str | None
    target_country: str | None
    speaker: str | None
    speaker_name: str | None
    mode: str | None
    modality: str | None
    text: str | None


class PersonMention(BaseModel):
    """One mention of a person (the ``who`` query)."""

    doc_id: str
    published: date | None
    title: str | None
    span_start: int
    span_end: int
    entity: str | None
    entity_name: str | None
    text: str | None
    turn_label: str | None = Field(description="label of the speaker turn the mention sits in")


class EncounterRow(BaseModel):
    """One encounter joined across every record that reports it."""

    group_id: str
    date: date | None
    undated: bool = Field(False, description="no account gives its day; see window")
    window: list[date | None] | None = Field(
        None, description="for an undated encounter: [earliest, latest] possible dates (latest: the report's date)"
    )
    kind: str | None
    place: str | None
    country: str | None
    participants: list[str]
    countries: list[str]
    planned: bool
    accounts: int = Field(description="how many records report it")


class AccountClaim(BaseModel):
    speaker_name: str | None
    value: float
    unit: str | None
    quantity: str | None
    change: str | None
    period: str | None
    text: str | None


class AccountEvent(BaseModel):
    type: str
    source_name: str | None
    source_country: str | None
    target_name: str | None
    target_country: str | None
    modality: str | None
    text: str | None


class Account(BaseModel):
    """One record's account of a joined encounter, and what only it reports."""

    doc_id: str
    idx: int
    source: str | None
    title: str | None
    publisher: str | None
    published: date | None
    kind: str
    date: date | None
    place: str | None
    participants: list[str]
    evidence: str
    speakers: list[str]
    quoted: list[str]
    claims: list[AccountClaim]
    events: list[AccountEvent]
    only_here: dict[str, list[str]] = Field(
        description="voices, claims, events, date or place that no other account of the encounter has"
    )


class Comparison(BaseModel):
    group_id: str
    accounts: list[Account]


class Passage(BaseModel):
    kind: str
    start: int
    end: int
    text: str


class FramingTag(BaseModel):
    label: str
    technique: str | None
    voice: str | None
    voice_name: str | None
    start: int
    end: int
    text: str


class DocumentFramingOut(BaseModel):
    doc_id: str
    title: str | None
    publisher: str | None
    published: str | None
    kind: str
    commentary_share: float = Field(description="commentary characters over main-content characters")
    passages: list[Passage]
    items: list[FramingTag]


class TermCount(BaseModel):
    term: str
    technique: str | None
    count: int
    documents: int


class TechniqueCount(BaseModel):
    technique: str | None
    count: int


class TargetCount(BaseModel):
    entity: str | None
    count: int


class VoiceCount(BaseModel):
    voice: str | None = Field(description="who voices it; null = the publisher itself")
    count: int


class PublisherProfileOut(BaseModel):
    publisher: str
    documents: int
    content_chars: int
    commentary_chars: int
    commentary_share: float
    terms: list[TermCount]
    techniques: list[TechniqueCount]
    targets: list[TargetCount]
    voices: list[VoiceCount]


class StoreInfo(BaseModel):
    version: str
    read_only: bool
    documents: int
    rows: dict[str, int] = Field(description="rows per store table")
    publishers: list[str]


# ---- requests ------------------------------------------------------------------------------
class AnalyzeText(BaseModel):
    """Analyse this text (as if read from a ``.txt`` file: YAML front matter is honoured)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the record's text")
    source: str | None = Field(None, max_length=500, description="a label to keep as the record's source")


class AnalyzeUrl(BaseModel):
    """Fetch this http(s) URL (under the server's time and size limits) and analyse it."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=4096)


class IngestResult(BaseModel):
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    kind: str
    replaced: bool = Field(description="true when a document with this id was already stored")
    href: str = Field(description="where the stored record can be read")


class Problem(BaseModel):
    """An error: ``detail`` says what is wrong, naming the id or input concerned."""

    detail: str


class ValidationProblem(BaseModel):
    """A request that does not fit the schema: one entry per problem, as FastAPI reports them."""

    detail: list[dict[str, object]]
