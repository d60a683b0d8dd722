"""framing: commentary passages and loaded-language phrases, each with who voices it (see README.md).

The segments stage calls :func:`communique.framing.commentary.commentary_spans`;
the pipeline's ``framing`` stage is :func:`communique.framing.stage.run`.
"""
