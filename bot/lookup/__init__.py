"""Film lookups without Discord: answers for !cast, !crew, !quote, !release, !film, !plot, !reception.

``answers`` builds pages (embeds as data) from ``Film`` objects; ``pages`` keeps them within Discord's
limits; ``releases``, ``quotes`` and ``roles`` hold the filters; ``text`` escapes what is echoed.
"""
