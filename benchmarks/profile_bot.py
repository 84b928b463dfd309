"""Profile the bot process under load: ``python -m benchmarks.profile_bot KIND [COUNT]``.

Starts the sandbox and the bot process as the end-to-end benchmark does, attaches py-spy to the bot
process and sends COUNT (default 3000) messages of KIND (floor, cast, quote, release, film) from 50
concurrent senders; writes benchmarks/results/profile-KIND.txt (py-spy's raw collapsed stacks) and prints
the functions with the most samples, inclusive and exclusive. Needs py-spy (``pip install py-spy``).
"""

from __future__ import annotations

import asyncio
import collections
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_e2e import FILMS_DIR, RESULTS, Load, Part
from benchmarks.bot_driver import TOKEN, BotProcess, ReplyClock, bench_world
from bot.sandbox import Sandbox


def summarise(collapsed: Path, top: int = 25) -> str:
    inclusive: collections.Counter = collections.Counter()
    exclusive: collections.Counter = collections.Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        n = int(count)
        total += n
        frames = stack.split(";")
        for frame in set(frames):
            inclusive[frame] += n
        exclusive[frames[-1]] += n
    lines = [f"{total} samples", "inclusive:"]
    lines += [f"  {n / total:6.1%}  {f}" for f, n in inclusive.most_common(top)]
    lines.append("exclusive:")
    lines += [f"  {n / total:6.1%}  {f}" for f, n in exclusive.most_common(top)]
    return "\n".join(lines)


async def profile(kind: str, count: int) -> str:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    world = bench_world(users=max(300, count), channels=20)
    out = RESULTS / f"profile-{kind}.txt"
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        async with Sandbox(world, token=TOKEN) as sandbox:
            bot = BotProcess(sandbox, database=Path(tmp) / "bot.db", films_dir=FILMS_DIR,
                             log_path=RESULTS / "bot-profile.log")
            clock = ReplyClock(sandbox)
            try:
                await bot.start()
                load = Load(bot, clock, sandbox)
                await load.sequential(kind, 20)
                spy = await asyncio.create_subprocess_exec(
                    py_spy, "record", "--pid", str(bot.proc.pid), "--format", "raw", "--rate", "500",
                    "--output", str(out), "--nonblocking",
                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
                await asyncio.sleep(1.0)
                figures = Part.figures([await load.concurrent(kind, count)])
                spy.send_signal(signal.SIGINT)
                await asyncio.wait_for(spy.wait(), 10)
            finally:
                clock.close()
                await bot.stop()
    return f"{kind}: {figures['bot_cpu_us_per_command']} µs bot CPU per command\n" + summarise(out)


def main(argv: list[str]) -> None:
    kind = argv[0] if argv else "floor"
    count = int(argv[1]) if len(argv) > 1 else 3000
    print(asyncio.run(profile(kind, count)))


if __name__ == "__main__":
    main(sys.argv[1:])
