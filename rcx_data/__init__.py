"""Datasets shipped with rcx. ``human_trafficking/`` is the built-in regime complex."""
