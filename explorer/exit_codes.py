"""The exit codes of `reportx` and its commands."""

EXIT_ERROR = 1
"""The command could not do its work (an unreadable file, a damaged index)."""
EXIT_USAGE = 2
"""The command was called wrongly (argparse uses 2 too)."""
