"""Pictures of the store, drawn as SVG by hand: the encounter timeline, the who-met-whom network and
claim series over time.

Why hand-written SVG: the CLI and the web pages draw the same picture from the
same function, a base install needs no plotting library (matplotlib was an
optional extra, so ``communique timeline`` failed without it), the pages need
no script and fetch nothing, and the output is text a test can read. A PNG is
the same SVG rasterised by ``resvg`` (the ``plot`` extra), see :mod:`.files`.
"""
