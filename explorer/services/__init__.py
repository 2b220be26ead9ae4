"""What the explorer screen owns besides its widgets: the library and the notes, as plain objects.

No Textual here. The methods block (they read the index or files), so the
screen calls them from its thread workers and posts what they return as
messages; the screen's message handlers own the UI state.
"""
