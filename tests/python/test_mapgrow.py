#!/usr/bin/env python3
"""The LMDB map fills up with audit entries of reads, between writes.

Regression: when an audit append filled the map, the writer went on with
a transaction LMDB had already given up on, so the write in that batch got
INTERNAL "MDB_BAD_TXN" instead of the map being grown and the batch run
again.  Here a small map (--map-size 1M) is filled by audited reads
(PersonGet) pipelined with updates; every update must succeed and the map
must have grown.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hoso_wire import Daemon, describe, invented_person, is_eq, ok, pb, run  # noqa: E402


def main():
    d = Daemon("--map-size", "1M").start()
    c = d.connect()
    p = c.must("person_create", pb.PersonCreate(person=pb.Person(**invented_person(3)))).person
    version = p.version
    bad = []
    for rnd in range(12):
        calls = [("person_get", pb.PersonGet(id=p.id))] * 2000
        calls.append(("person_update", pb.PersonUpdate(
            id=p.id, expected_version=version, fields=["notes"],
            person=pb.Person(notes="vòng %d" % rnd))))
        rs = c.pipeline(calls)
        bad += [describe(r) for r in rs if r.status != pb.OK]
        if rs[-1].status == pb.OK:
            version = rs[-1].person.version
    ok(not bad, "24 000 audited reads and 12 updates on a 1 MiB map: all OK", bad[:3])
    r = c.must("person_get", pb.PersonGet(id=p.id))
    is_eq(r.person.notes, "vòng 11", "the last update is there")
    c.close()
    is_eq(d.stop(), 0, "hosod exits 0 on SIGTERM")
    log = d.log()
    ok("map grown" in log or "grown" in log, "the map grew", d.log_tail())
    ok("BAD_TXN" not in log, "no MDB_BAD_TXN in the log", d.log_tail())
    d.remove()


run(main)
