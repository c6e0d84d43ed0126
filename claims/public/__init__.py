"""The public face of the workbench: a page per published fact-check, an index and an Atom
feed, open to anyone without a login (``docs/reviewing.md``, "Publishing").

Only published data is shown (``claims.selectors.public``); archived copies of the sources are
downloads with the same sandboxing headers as the workbench's own (``sources.downloads``).
"""
