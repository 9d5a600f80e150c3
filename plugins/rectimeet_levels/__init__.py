"""The built-in level plugins: township, county bureau, provincial department, school and
municipal government.

Each is loaded through the ``rectimeet`` entry-point group like any third-party plugin and keeps
its content in ``data/<level>.yaml``; see ``docs/levels.md``.
"""
