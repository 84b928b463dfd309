"""Discord's size limits for messages and embeds, and the lookup commands' own input limits."""

from __future__ import annotations

CONTENT = 2000  # characters of message content
EMBED_TOTAL = 6000  # title + description + field names and values + footer + author
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048

MAX_ARGUMENT = 100  # longest argument a lookup accepts
PAGE_LINES = 12  # list entries per page, for readability
PAGE_CHARS = 1800  # characters of running text per page, for readability (well under the description limit)
