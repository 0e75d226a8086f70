"""Chinese full-text search over the archive.

``analyzer`` (the one analyzer) · ``schema`` and ``codec`` (the Whoosh index) ·
``documents`` (what is indexed) · ``query`` (the query language) · ``matching`` and
``ranking`` (exact literal matching, scoring) · ``snippets`` (marking) · ``service``
(:func:`app.search.service.search`, the one entry point).
"""
