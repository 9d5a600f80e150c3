"""江北省's additions to rectimeet (an example third-party plugin; 江北省 is invented).

The hooks live in :mod:`rectimeet_jiangbei.plugin`, which is what the ``rectimeet`` entry point
names; the extra rule lives in :mod:`rectimeet_jiangbei.rules`.
"""

__version__ = "0.1.0"
