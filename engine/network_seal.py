"""Closing the network of a whole process at the kernel, for native code the Python guard
cannot see (llama.cpp in the model worker).

:mod:`engine.network_guard` hears only connections made from Python. A process that needs no
network at all (the model worker talks to the app over an inherited Unix socket) can instead
be sealed by the kernel, which then refuses native code too:

- **seccomp** (Linux, through libseccomp): creating an IPv4, IPv6 or raw packet socket fails
  with EACCES, and io_uring, which could open sockets without the ``socket()`` call, is refused.
  No privileges are needed; the filter holds for the process and every child, and cannot be
  lifted.
- **network namespace** (Linux without libseccomp): the process moves into a new, empty
  namespace whose only interface, loopback, is down, so nothing is reachable, not even
  127.0.0.1. Needs unprivileged user namespaces, which some distributions switch off.

Elsewhere (macOS, Windows) there is no such mechanism here; :func:`seal` says so and the
privacy page tells the user plainly.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import logging
import socket
import sys

log = logging.getLogger(__name__)

SECCOMP = "seccomp"
NAMESPACE = "network namespace"
NONE = ""

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_REFUSED_FAMILIES = (socket.AF_INET, socket.AF_INET6, getattr(socket, "AF_PACKET", 17))


@functools.cache
def available() -> str:
    """The mechanism :func:`seal` would use in a new process here (NONE: none); asked once,
    since finding libseccomp runs ``ldconfig``."""
    if not sys.platform.startswith("linux"):
        return NONE
    return SECCOMP if ctypes.util.find_library("seccomp") else NAMESPACE


def seal() -> str:
    """Close this process's network for good; return the mechanism that did it (NONE: none).

    Call it before loading native code that should never reach the network. It never raises:
    a mechanism that the system refuses is logged, and the next one is tried.
    """
    if not sys.platform.startswith("linux"):
        return NONE
    for name, close in ((SECCOMP, _seccomp), (NAMESPACE, _namespace)):
        try:
            close()
        except (OSError, ImportError, RuntimeError, ValueError) as err:
            log.info("network seal by %s not available: %s", name, err)
            continue
        return name
    log.warning("this process keeps its network: no kernel mechanism is available")
    return NONE


def _seccomp() -> None:
    import pyseccomp  # ctypes over the system's libseccomp: fails here when it is missing

    refuse = pyseccomp.ERRNO(errno.EACCES)
    rules = pyseccomp.SyscallFilter(defaction=pyseccomp.ALLOW)
    for family in _REFUSED_FAMILIES:
        rules.add_rule(refuse, "socket", pyseccomp.Arg(0, pyseccomp.EQ, family))
    rules.add_rule(pyseccomp.ERRNO(errno.ENOSYS), "io_uring_setup")
    rules.load()


def _namespace() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"unshare: {errno.errorcode.get(code, code)}")
