"""Peak resident memory of this process, for benchmark children (standard library only)."""

from __future__ import annotations

import resource


def peak_rss_kb() -> int:
    """The process's peak resident set size in KiB.

    Read from ``VmHWM`` in /proc/self/status, which starts afresh at ``exec``. The usual
    ``getrusage(RUSAGE_SELF).ru_maxrss`` does not on Linux: a child started by a parent
    that holds 100 MB reports at least 100 MB, whatever it does. ``ru_maxrss`` is the
    fallback where /proc is missing.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
