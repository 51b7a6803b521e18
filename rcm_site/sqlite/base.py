"""SQLite that keeps its query planner's statistics current.

Without statistics SQLite guesses, and with 100,000 statements it guessed wrong: it
read every published statement through the two-valued status index and sorted them,
instead of walking the latest-first index and stopping at twenty (110 ms against
0.5 ms). SQLite's advice is to run ``PRAGMA optimize`` before closing each connection,
and every few hours on one kept open: a worker's connection is closed after 10 minutes
(CONN_MAX_AGE). It analyses the tables that connection used that have no statistics
yet or have grown many times over since, so it usually does nothing (a whole analysis
of 100,000 statements took 44 ms).
"""

import contextlib

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        if self.connection is not None:
            # Another connection may hold the write lock: the statistics can wait
            # for a later close rather than hold up or fail this one.
            with contextlib.suppress(base.Database.OperationalError):
                self.connection.execute("PRAGMA optimize")
        return super()._close()
