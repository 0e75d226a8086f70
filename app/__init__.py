"""devzone-archive: the archive side (store, search, web). Never imports ``ingest``."""
