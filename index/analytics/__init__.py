"""Views across the years, computed from the index: trends, concordance,
collocates, first appearances and new expressions, and the targets table.

Counting goes through `index.search.search` (so every fix to exact search
counts here too); text comes from the stored paragraphs, never the files.
"""
