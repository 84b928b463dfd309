"""Once ready, the bot moves its long-lived objects out of the collector's full passes, and back on close."""

import gc


async def test_ready_freezes_long_lived_objects_and_close_unfreezes(start_harness):
    gc.unfreeze()
    async with start_harness() as h:
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # modules, the library, the guild caches
        assert h.bot.library.default is not None
    assert gc.get_freeze_count() == 0
