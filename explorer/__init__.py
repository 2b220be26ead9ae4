"""reportx explorer: the Textual app and the command line."""
