"""SQLite that keeps its query planner's statistics current.

Without statistics SQLite guesses, and with 100,000 statements it guessed wrong: it
read every published statement through the two-valued status index and sorted them,
instead of walking the latest-first index and stopping at twenty (110 ms against
0.5 ms). SQLite's advice is to run ``PRAGMA optimize`` before closing each connection,
and every few hours on one kept open: a worker's connection is closed after 10 minutes
(CONN_MAX_AGE). It analyses the tables that connection used that have no statistics
yet or have grown many times over since, so it usually does nothing (a whole analysis
of 100,000 statements took 44 ms).

Not OPTIONS["init_command"] with "PRAGMA optimize=0x10002", SQLite's advice for
connections kept open: the 0x10000 bit (look at every table, not only those this
connection has queried) came with SQLite 3.46. Python 3.11 on Debian 12 has SQLite
3.40.1 (Ubuntu 24.04: 3.45.1), where at connect that pragma analyses nothing and
tests/test_scale.py's statistics test fails. Once the site's SQLite is 3.46 or newer,
that init_command can replace this backend.
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
