"""What Python must draw or read again when it started from the snapshot made at setup
(docs/assets/runner/snapshot.mjs): the snapshot is one machine's Python, once started."""

import random
import time


def after_snapshot():
    """Draw and read again what Python's start-up drew at random or read from the machine,
    when it started from the snapshot made at setup (see snapshot.mjs): without this every
    reader would share one random seed, and the snapshot machine's time zone. The worker has
    already set C's time zone to the browser's; `time` keeps copies, computed here as CPython
    computes them where C's tzname is not at hand (from the zones of January and July)."""
    random.seed()
    year = (365 * 24 + 6) * 3600
    start = int(time.time()) // year * year
    january, july = time.localtime(start), time.localtime(start + year // 2)
    standard, summer = (july, january) if january.tm_gmtoff > july.tm_gmtoff else (january, july)
    time.timezone, time.altzone = -standard.tm_gmtoff, -summer.tm_gmtoff
    time.daylight = int(time.timezone != time.altzone)
    time.tzname = (standard.tm_zone, summer.tm_zone)
