"""``python -m rcx``: the same as the ``rcx`` command."""

from rcx.cli import main

main()
