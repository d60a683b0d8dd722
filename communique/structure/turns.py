"""The turns stage: speaker turns of transcripts and briefings.

A turn runs from its label to the start of the next label, or to the end of
its transcript passage (an end marker such as "End of the transcript.", a
closing time stamp "5:33 P.M. EDT", or the end of the main content), so
continuation paragraphs belong to the current speaker. Each named speaker
becomes one PERSON entity whose aliases are the spellings of their labels;
two labels naming the same person ("President Vladimir Putin", "President
Putin") share one entity. Anonymous questions ("Q", "Question") get a null
speaker. A speaker whose first turn was marked "(retranslated)" keeps that
delivery on later unmarked turns, as transcripts mark it only once.
"""

from __future__ import annotations

import bisect
import re

from communique.model import Document, Entity, Turn
from communique.structure.labels import Label, find_labels
from communique.structure.speakers import name_from_label
from communique.textutil import strip_span

# lines that close a transcript passage
END_MARKER = re.compile(
    r"^[ \t]*(?:End of (?:the )?(?:transcript|meeting|conversation|press conference|briefing|interview|remarks)\b.*"
    r"|(?:\\?#){3}\s*|END\b.*|\d{1,2}:\d{2}\s*[AP]\.?\s?M\.?(?:\s+[A-Z]{2,4})?\s*)$",
    re.MULTILINE | re.IGNORECASE,
)


def transcript_regions(doc: Document, labels: list[Label]) -> list[tuple[int, int]]:
    """Passages that hold speaker turns: from a first label to an end marker or the content end."""
    if not labels:
        return []
    text = doc.flat
    spans = doc.content or [(doc.body_start, len(text))]
    regions: list[tuple[int, int]] = []
    # labels come in text order: each span's and each run's labels are a slice found by bisection,
    # not a filter of every label per span and per end marker (quadratic in a long transcript)
    if any(a.start > b.start for a, b in zip(labels, labels[1:], strict=False)):
        labels = sorted(labels, key=lambda lab: lab.start)
    starts = [lab.start for lab in labels]
    for lo, hi in spans:
        first, stop = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        if first >= stop:
            continue
        start = labels[first].start
        pos = start
        while True:
            m = END_MARKER.search(text, labels[stop - 1].body_start if pos == start else pos, hi)
            # the end marker must come after the last label of this run
            if m is None:
                regions.append((start, hi))
                break
            regions.append((start, m.end() if m.group().lower().lstrip().startswith("end of") else m.start()))
            first = max(first, bisect.bisect_left(starts, m.end(), first, stop))
            if first >= stop:
                break
            start = pos = labels[first].start
    return [strip_span(text, s, e) for s, e in regions if e > s]


def _speaker_entity(doc: Document, by_key: dict[str, Entity], label: Label) -> Entity:
    name, title = name_from_label(label.name)
    surname = name.split()[-1].lower()
    key = name.lower()
    ent = by_key.get(key)
    if ent is None and not title and name.lower().startswith("the "):
        pass  # an office alone ("THE PRESIDENT", "THE VICE PRESIDENT"): one speaker per office
    elif ent is None:
        # "Putin" and "Vladimir Putin" (same last word) are one speaker
        for k, cand in by_key.items():
            if k.split()[-1] == surname:
                ent = cand
                if len(name.split()) > len(cand.name.split()):
                    cand.name = name
                break
    if ent is None:
        ent = doc.new_entity("PERSON", name)
    by_key[key] = ent
    ent.add_alias(name)
    ent.add_alias(" ".join(label.name.split()))
    if title and not title.isupper():
        ent.add_role(title)
    elif title:
        ent.add_role(title.title())
    return ent


def run(doc: Document) -> None:
    labels = find_labels(doc)
    regions = transcript_regions(doc, labels)
    text = doc.flat
    by_key: dict[str, Entity] = {}
    delivery_of: dict[str, str] = {}
    for rs, re_ in regions:
        inside = [lab for lab in labels if rs <= lab.start < re_]
        for i, lab in enumerate(inside):
            end = inside[i + 1].start if i + 1 < len(inside) else re_
            marker = END_MARKER.search(text, lab.body_start, end)
            if marker and marker.start() >= lab.body_start:
                end = marker.start()
            _, end = strip_span(text, lab.start, end)
            end = max(end, lab.end - (1 if text[lab.end - 1 : lab.end].isspace() else 0))
            speaker: str | None = None
            delivery = lab.delivery
            if not lab.anonymous:
                ent = _speaker_entity(doc, by_key, lab)
                speaker = ent.id
                if lab.delivery != "original" or lab.language:
                    delivery_of[ent.id] = lab.delivery
                elif ent.id in delivery_of:
                    delivery = delivery_of[ent.id]
            doc.turns.append(
                Turn(
                    start=lab.start,
                    end=max(end, lab.start + len(lab.label)),
                    speaker=speaker,
                    label=lab.label,
                    delivery=delivery,
                    language=lab.language,
                    body_start=min(lab.body_start, max(end, lab.start)),
                    empty=lab.body_start >= end,
                )
            )
