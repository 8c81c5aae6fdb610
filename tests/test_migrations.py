"""The throw-away Alembic workspace: autogenerate, upgrade, downgrade, inspection, clean-up."""
import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from interview_book import migrations


def metadata(with_phone):
    class Base(DeclarativeBase):
        pass

    class Customer(Base):
        __tablename__ = "customers"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(sa.String(100))
        if with_phone:
            phone: Mapped[str | None] = mapped_column(sa.String(32))

    return Base.metadata


@pytest.fixture
def workspace():
    ws = migrations.Workspace()
    yield ws
    ws.close()


def test_autogenerate_upgrade_and_downgrade(workspace):
    assert workspace.current_revision() is None
    workspace.config.attributes["target_metadata"] = metadata(with_phone=False)
    command.revision(workspace.config, "create", autogenerate=True, rev_id="0001")
    assert "op.create_table('customers'" in workspace.upgrade_body("0001")
    command.upgrade(workspace.config, "head")
    workspace.config.attributes["target_metadata"] = metadata(with_phone=True)
    command.revision(workspace.config, "phone", autogenerate=True, rev_id="0002")
    assert "batch_alter_table" in workspace.upgrade_body("0002")  # render_as_batch for SQLite
    command.upgrade(workspace.config, "head")
    assert workspace.current_revision() == "0002" and workspace.columns("customers") == ["id", "name", "phone"]
    command.downgrade(workspace.config, "-1")
    assert workspace.current_revision() == "0001" and workspace.columns("customers") == ["id", "name"]


def test_a_missing_revision_is_reported(workspace):
    with pytest.raises(FileNotFoundError, match="0042"):
        workspace.upgrade_body("0042")


def test_close_removes_everything_and_can_be_repeated():
    ws = migrations.Workspace()
    root = ws.root
    assert (root / "migrations" / "env.py").exists() and (root / "migrations" / "script.py.mako").exists()
    ws.close()
    ws.close()
    assert not root.exists()


def test_batch_rendering_can_be_switched_off():
    ws = migrations.Workspace(render_as_batch=False)
    try:
        assert "render_as_batch=False" in (ws.script_dir / "env.py").read_text()
    finally:
        ws.close()
