"""The built-in level plugins: township, county bureau, provincial department, school and
municipal government.

Each is loaded through the ``rectimeet`` entry-point group like any third-party plugin and keeps
its content in ``data/<level>.yaml``, served by :class:`rectimeet.levels.DataLevel`; see
``docs/levels.md``.
"""

PACKAGE = __name__
"""Where the data files (``data/``) and scaffolds (``scaffolds/``) of the built-in levels live."""
