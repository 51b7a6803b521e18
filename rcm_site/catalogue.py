"""Is the Spanish catalogue complete and current?

The committed locale/es/LC_MESSAGES/django.po must be what makemessages writes from
the sources today (no new, changed or dropped message), with every message translated
and none fuzzy, and the committed django.mo must hold the same translations, so that a
machine without GNU gettext runs the site from the committed files as they are.

`manage.py check_messages` (make messages-check, CI) and the tests use this module.
"""

import gettext
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings

LANGUAGE = "es"
# The flags the committed catalogue is written with (make messages).
MAKEMESSAGES = [
    "makemessages",
    "--locale",
    LANGUAGE,
    "--no-location",
    "--no-obsolete",
    "--ignore=tests",
    "--ignore=bench",
    "--ignore=staticfiles",
    "--ignore=media",
]
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "media", "staticfiles", "__pycache__", "*.sqlite3*"
)


def po_path(root):
    return Path(root) / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"


def entry_key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def entry_value(entry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


def untranslated_or_fuzzy(po):
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        values = entry_value(entry)
        if not all(values if isinstance(values, tuple) else [values]):
            problems.append(f"not translated: {entry.msgid!r}")
    return problems


def mo_differences(po, mo_file):
    """The messages whose compiled translation differs from the .po's."""
    with open(mo_file, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in po:
        if entry.obsolete:
            continue
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, value in entry.msgstr_plural.items():
                expected[(msgid, int(index))] = value
        else:
            expected[msgid] = entry.msgstr
    compiled = {key: value for key, value in compiled.items() if key != ""}
    return [
        f"django.mo out of date for {key!r}"
        for key in sorted(set(expected) | set(compiled), key=str)
        if expected.get(key) != compiled.get(key)
    ]


def makemessages_differences(root):
    """Runs makemessages on a copy of the tree at `root` and lists what it would add,
    change or drop in the committed catalogue."""
    committed = polib.pofile(str(po_path(root)))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(root, copy, ignore=COPY_IGNORE)
        env = {**os.environ, "DJANGO_DEBUG": "1"}
        env.pop("DATABASE_URL", None)
        subprocess.run(  # noqa: S603  (this interpreter, the tree's own manage.py)
            [sys.executable, "manage.py", *MAKEMESSAGES, "--verbosity", "0"],
            cwd=copy,
            env=env,
            check=True,
            capture_output=True,
        )
        fresh = polib.pofile(str(po_path(copy)))
    old = {entry_key(e): e for e in committed if not e.obsolete}
    new = {entry_key(e): e for e in fresh if not e.obsolete}
    problems = [
        f"new message, not in the catalogue: {k[1]!r}" for k in new.keys() - old
    ]
    problems += [
        f"message no longer in the sources: {k[1]!r}" for k in old.keys() - new
    ]
    problems += [
        f"makemessages changes {key[1]!r}"
        for key in new.keys() & old.keys()
        if entry_value(new[key]) != entry_value(old[key])
        or new[key].flags != old[key].flags
    ]
    return problems + untranslated_or_fuzzy(fresh)


def problems(root=None, run_makemessages=True):
    root = Path(root or settings.BASE_DIR)
    po = polib.pofile(str(po_path(root)))
    found = untranslated_or_fuzzy(po)
    found += mo_differences(po, po_path(root).with_suffix(".mo"))
    if run_makemessages:
        found += makemessages_differences(root)
    return found
