"""How many threads llama.cpp gets for the next answer: the cores that other work leaves free.

llama.cpp's threads meet at a barrier at every step of every token, so one thread that has to
share its core with another process holds all the others up. On 2 cores with one kept busy
(a browser on a shopper's laptop), 2 threads took 6.9 × the idle time of a need's answer
while 1 thread was unaffected, and idle, 1 thread is 1.8 × slower than 2
(``bench/assistant_speed.py``, docs/PERFORMANCE.md). No fixed count suits both, so before each
answer the worker looks at how busy the cores are for a moment and leaves out the ones that
other work holds.
"""

from __future__ import annotations

import time

import psutil

# Long enough to see a busy core through the scheduler's time slices; short beside an answer
# that takes seconds.
SAMPLE_SECONDS = 0.1
# A core counts as taken when other work kept it busy for at least this share of the sample.
TAKEN_SHARE = 0.5
# The kinds of CPU time that keep a core from llama.cpp (psutil's names on Linux, macOS and
# Windows).
BUSY_TIMES = ("user", "nice", "system", "irq", "softirq", "steal", "interrupt", "dpc")
GUEST_TIMES = ("guest", "guest_nice")  # counted in "user" already


def busy_cores(sample_seconds: float = SAMPLE_SECONDS) -> float:
    """Physical cores' worth of CPU time other processes used over the sample.

    "Nice" time counts too. A low-priority process that never sleeps barely slows 2 threads
    (``bench/assistant_speed.py``), but one that sleeps and wakes (a test run beside the
    evaluations here) made need answers with 2 threads take 40 s instead of 4: a waking task
    may take a core from a llama.cpp thread for a moment, and the others wait. Counting it
    costs at most one thread (1.8 × slower). Call it while this process is idle (between
    answers): its own use would count too. From the counters' differences: psutil's own
    percentages did not add up to 100 on a virtual machine here."""
    before = psutil.cpu_times(percpu=True)
    time.sleep(sample_seconds)
    after = psutil.cpu_times(percpu=True)
    used = total = 0.0
    for old, new in zip(before, after, strict=True):
        spent = {name: getattr(new, name) - getattr(old, name) for name in old._fields
                 if name not in GUEST_TIMES}
        total += sum(spent.values())
        used += sum(spent.get(name, 0.0) for name in BUSY_TIMES)
    physical = psutil.cpu_count(logical=False) or len(before)
    return used / total * physical if total > 0 else 0.0


def threads_for_next_answer(most: int, busy: float, cores: int | None = None) -> int:
    """At most ``most`` threads, on the ``cores`` (physical; this machine's by default) that
    ``busy`` cores' worth of other work leaves free, and never fewer than one."""
    cores = cores or psutil.cpu_count(logical=False) or most
    taken = int(busy + 1.0 - TAKEN_SHARE)
    return max(1, min(most, cores - taken))
