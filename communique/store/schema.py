"""Table layout of the store: the contract's layers flattened to one row per item.

Every layer table has ``doc_id`` and the span as ``span_start``/``span_end``;
fields holding an entity id get ``<field>_name`` (and for actors
``<field>_country``) beside them, so queries need no join for the common
questions; ``text`` is the covered text. ``documents.data`` keeps the whole
contract JSON, so a stored document is returned exactly as analysed.

``documents.text`` is stored uncompressed: DuckDB compresses long strings with
zstd, and fetching a few texts by id (search snippets, phrase checks) then
decompressed whole blocks — 3 s for 20 texts in a 1,500-document store, 17 ms
uncompressed (benchmarks/search.py). The store grows by about the size of the texts.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

TABLES: dict[str, str] = {
    "documents": """
        id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, publisher VARCHAR, published DATE,
        kind VARCHAR, language VARCHAR, text VARCHAR USING COMPRESSION uncompressed, data JSON,
        ingested_at TIMESTAMP""",
    "entities": "doc_id VARCHAR, id VARCHAR, type VARCHAR, name VARCHAR, aliases VARCHAR[], country VARCHAR, roles VARCHAR[]",
    "mentions": "doc_id VARCHAR, span_start INTEGER, span_end INTEGER, entity VARCHAR, entity_name VARCHAR, text VARCHAR",
    "segments": "doc_id VARCHAR, span_start INTEGER, span_end INTEGER, kind VARCHAR, text VARCHAR",
    "turns": """doc_id VARCHAR, span_start INTEGER, span_end INTEGER, speaker VARCHAR, speaker_name VARCHAR,
        label VARCHAR, delivery VARCHAR, language VARCHAR, text VARCHAR""",
    "quotes": """doc_id VARCHAR, span_start INTEGER, span_end INTEGER, speaker VARCHAR, speaker_name VARCHAR,
        kind VARCHAR, via VARCHAR, via_name VARCHAR, cue VARCHAR, text VARCHAR""",
    "claims": """doc_id VARCHAR, span_start INTEGER, span_end INTEGER, speaker VARCHAR, speaker_name VARCHAR,
        value DOUBLE, unit VARCHAR, quantity VARCHAR, change VARCHAR, period VARCHAR, text VARCHAR""",
    "encounters": """doc_id VARCHAR, idx INTEGER, kind VARCHAR, date DATE, place VARCHAR, country VARCHAR,
        participants VARCHAR[], participant_names VARCHAR[], participant_countries VARCHAR[],
        also_present_names VARCHAR[], planned BOOLEAN, side BOOLEAN, span_start INTEGER, span_end INTEGER,
        text VARCHAR, date_from DATE, date_to DATE""",
    "events": """doc_id VARCHAR, span_start INTEGER, span_end INTEGER, type VARCHAR, source VARCHAR,
        source_name VARCHAR, source_country VARCHAR, target VARCHAR, target_name VARCHAR, target_country VARCHAR,
        speaker VARCHAR, speaker_name VARCHAR, mode VARCHAR, modality VARCHAR, text VARCHAR""",
    "framing": """doc_id VARCHAR, span_start INTEGER, span_end INTEGER, label VARCHAR, technique VARCHAR,
        voice VARCHAR, voice_name VARCHAR, text VARCHAR""",
}
LAYER_TABLES = [t for t in TABLES if t != "documents"]
