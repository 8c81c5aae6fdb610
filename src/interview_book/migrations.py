"""An Alembic project in a temporary directory, for demonstrating migrations in a notebook.

``alembic init`` would create the same pieces on disk; ``Workspace()`` builds them in a temporary
directory so a notebook can autogenerate, upgrade and downgrade against a SQLite file:

- ``migrations/env.py``: connects with the configured URL and calls ``context.configure`` with
  ``target_metadata`` taken from ``config.attributes`` (a real project imports ``Base.metadata``
  there) and ``render_as_batch=True``, so that autogenerate wraps changes in
  ``op.batch_alter_table()``, which SQLite needs for most ``ALTER`` operations;
- ``migrations/script.py.mako``: Alembic's own template for new revision files;
- ``migrations/versions/``: the revision files;
- a ``Config`` (quiet: no "Generating <path>" lines) naming the script location and URL, passed
  to ``alembic.command`` functions, which are what the ``alembic`` command line calls.

``close()`` disposes the inspection engine and removes the directory; it is safe to call twice.
"""
from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
from pathlib import Path

ENV_PY = '''
from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=config.attributes["target_metadata"],    # a project imports Base.metadata here
        render_as_batch=RENDER_AS_BATCH,                         # SQLite: ALTER via table copy
    )
    with context.begin_transaction():
        context.run_migrations()
'''


class Workspace:
    """A throw-away Alembic project and SQLite database; see the module docstring."""

    def __init__(self, render_as_batch: bool = True, quiet_logs: bool = True) -> None:
        import alembic
        import sqlalchemy as sa
        from alembic.config import Config

        if quiet_logs:
            logging.getLogger("alembic").setLevel(logging.WARNING)  # keep INFO chatter off stderr
        self._directory = tempfile.TemporaryDirectory(prefix="interview-book-alembic-")
        self.root = Path(self._directory.name)
        self.script_dir = self.root / "migrations"
        self.versions = self.script_dir / "versions"
        self.versions.mkdir(parents=True)
        (self.script_dir / "env.py").write_text(ENV_PY.replace("RENDER_AS_BATCH", str(bool(render_as_batch))))
        shutil.copy(Path(alembic.__file__).parent / "templates" / "generic" / "script.py.mako", self.script_dir)
        self.url = f"sqlite:///{self.root / 'shop.db'}"
        self.config = Config(cmd_opts=argparse.Namespace(quiet=True))
        self.config.set_main_option("script_location", str(self.script_dir))
        self.config.set_main_option("sqlalchemy.url", self.url)
        self.engine = sa.create_engine(self.url)  # for inspecting the migrated database
        self._closed = False

    def upgrade_body(self, revision_id: str) -> str:
        """The ``upgrade()`` function of a revision file, without its header (path, date)."""
        matches = sorted(self.versions.glob(f"{revision_id}_*.py"))
        if not matches:
            raise FileNotFoundError(f"no revision file for {revision_id!r} in {self.versions}")
        source = matches[0].read_text()
        return source[source.index("def upgrade"):source.index("def downgrade")].strip()

    def current_revision(self) -> str | None:
        from alembic.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def columns(self, table: str) -> list[str]:
        import sqlalchemy as sa

        return [column["name"] for column in sa.inspect(self.engine).get_columns(table)]

    def close(self) -> None:
        if not self._closed:
            self.engine.dispose()  # release the SQLite file before deleting it
            self._directory.cleanup()
            self._closed = True
