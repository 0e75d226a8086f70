"""The archive's read side: one query function per page, each returning a documented context.

Routes call these and hand the context to a template (HTML) or to :func:`as_json` (the
JSON twin). Nothing here writes.
"""
