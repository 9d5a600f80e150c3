"""Files shipped inside a package (message catalogues, level data, holiday schedules).

``importlib.resources`` reads them from anywhere a package can live, zip files included, but
importing it costs about 6 ms (it pulls in tempfile, shutil and zipfile), a noticeable part of a
``rectimeet check``. A package installed as plain files, which is how pip installs a wheel, is
read straight from its folder; anything else goes through ``importlib.resources``.
"""

from __future__ import annotations

import importlib
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def package_files(package: str) -> Path | Traversable:
    """The folder of ``package`` (imported if need be), as ``importlib.resources.files`` gives it."""
    module = sys.modules.get(package) or importlib.import_module(package)
    file = getattr(module, "__file__", None)
    if file and Path(file).name == "__init__.py" and Path(file).is_file():
        return Path(file).parent
    from importlib import resources

    return resources.files(package)


def fingerprint(data: bytes) -> str:
    """A checksum of a shipped file's bytes, for telling a file compiled from it (a ``.mo``, a
    level listing) is still in step. Not a cryptographic hash: ``hashlib``'s import alone
    costs more than reading the files."""
    return f"{zlib.crc32(data):08x}-{len(data)}"

