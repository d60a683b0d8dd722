"""PLOVER event coding: the events stage, the coder interface, the export.

Public entry points: :func:`communique.events.coder.get_coder` /
:func:`~communique.events.coder.register_coder` (the ``Coder`` protocol, the
rule coder is ``"rules"``), :func:`communique.events.export.plover_records`
and :func:`~communique.events.export.write_csv`. The stage adds events only:
its actors are the entities stage's entities and mentions. See README.md here
for the method and its measured accuracy.
"""
