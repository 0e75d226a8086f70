"""A copied archive on a read-only disk is served as it is (app/db.py, app/config.py):
no migration, no WAL pragma, SQLite opened immutable. Checked as an unprivileged user,
because root ignores file modes: the server runs as root with the capabilities that
override file modes dropped (the interpreter lives where only root may read)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from app.config import Settings

#: A copied folder is the whole archive only on SQLite.
pytestmark = pytest.mark.sqlite_only

SERVE_ONCE = """
import sys
from fastapi.testclient import TestClient
from app.config import Settings
from app.search import engine
from app.main import create_app
settings = Settings(data_dir=sys.argv[1])
assert settings.serve_read_only
with TestClient(create_app(settings)) as client:
    answer = client.get("/api/search", params={"q": "开发区"})
    assert answer.status_code == 200 and answer.json()["total"] > 0, answer.text
    assert client.get("/").status_code == 200
print("ok")
"""


def test_serve_answers_from_a_read_only_copy(sample_settings: Settings) -> None:
    setpriv = shutil.which("setpriv")
    if os.getuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv (util-linux) to drop the file-mode capabilities")
    unprivileged = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    root = Path(tempfile.mkdtemp(prefix="devzone-ro-"))
    try:
        copy = root / "archive"
        shutil.copytree(sample_settings.data_dir, copy, ignore=shutil.ignore_patterns("*.lock"))
        for path in [root, *copy.rglob("*"), copy]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        done = subprocess.run(
            [*unprivileged, sys.executable, "-c", SERVE_ONCE, str(copy)], capture_output=True, text=True,
            timeout=120, cwd=str(root),
        )
        assert done.returncode == 0 and "ok" in done.stdout, done.stderr[-2000:]
    finally:
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755)
        shutil.rmtree(root)
