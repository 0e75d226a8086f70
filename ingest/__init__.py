"""The ingest pipeline: read → clean → segment → link → store → index.

Each stage is a module with a pure function at its heart over the dataclasses in
:mod:`ingest.model`; only ``store`` and ``index`` do I/O. :mod:`ingest.pipeline` runs them
in order (the pure stages are :mod:`ingest.stages`) and :mod:`ingest.cli` is the thin
``devzone`` command, started by :mod:`ingest.launch`. ``link`` ends with
:func:`ingest.facts.document_facts` (what each article states about its zones), so all of
the pure work runs on an ingest's worker processes and ``store`` only writes.
"""
