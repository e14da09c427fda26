"""What every open case offers the layers above, whether it is a file or a schema on a PostgreSQL server."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from casefile import identity
from casefile.storage.failures import translated


class OpenCase(ABC):
    """An open case. Sessions come from unit_of_work(); nothing here holds one open."""

    def __init__(self, engine: Engine, *, read_only: bool = False, actor: str | None = None) -> None:
        # Who the audit rows name; None means whoever uses the program when the edit is made
        # (casefile.identity), so changing one's name in Preferences applies to the next edit.
        self.fixed_actor = actor
        self.read_only = read_only
        self._engine = engine
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        # What storage should know in every session of this case beyond the actor (storage.search_index).
        self.session_info: dict[str, str] = {}

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action, one short transaction: commit on success, roll back on error."""
        with translated(), self._sessions() as session:
            session.info["actor"] = self.actor  # services.audit.append records it on every row
            session.info.update(self.session_info)
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; whatever happens, nothing is committed."""
        with translated(), self._sessions() as session:
            session.info["actor"] = self.actor  # who an export read here is signed for
            session.info.update(self.session_info)
            try:
                yield session
            finally:
                session.rollback()

    @property
    def actor(self) -> str | None:
        return self.fixed_actor if self.fixed_actor is not None else identity.current()

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the case lives, in words for messages and window titles (a file's path, a server case's name)."""

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
