"""Annotations (highlights, notes, bookmarks): model, anchoring, storage, export. Never imports textual.

Import the submodules themselves (`index.notes.store`, ...): the package imports
nothing, so the app loads rapidfuzz and friends only when notes are used.
"""
