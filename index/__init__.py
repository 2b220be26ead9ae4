"""reportx headless core: reading reports, sections, the Whoosh index, search, themes, notes. Never imports textual."""
