#!/usr/bin/env python3
"""test_kill9: kill -9 hosod under a write load, again and again.

16 connections pipeline writes (PersonCreate; PersonUpdate of the name and
cell, which moves index entries and writes history; FileAdvance
IDENTIFIED -> IN_COURSE -> COURSE_PASSED, which moves the deadline index).
Every reply is recorded.  At a random moment (seeded: the seed is printed,
HOSO_CRASH_SEED repeats a run) the daemon gets SIGKILL.  Then:

  * `hosod --check` on the data directory exits 0 (every index matches its
    records, the audit chain links);
  * the daemon starts again on it;
  * every write acknowledged OK is there with the acknowledged content;
  * a write without a reply (in flight at the kill) is either wholly there
    or wholly absent; a write refused with an error is absent;
  * a sample of people is found by name and by CCCD (the indexes serve).

HOSO_CRASH_KILLS sets the number of kills (default 20; see README.md for
the long run).  The data directory is on the disk $TMPDIR names (real disk
here, so fsync is real).
"""

import os
import random
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from hoso_wire import (Daemon, Closed, HOSOD, TIMEOUT, cccd, describe, is_eq,
                       note, ok, org_tree, pb, run)

SAN = os.environ.get("SANITIZE") == "1"
KILLS = int(os.environ.get("HOSO_CRASH_KILLS", "20"))
SEED = int(os.environ.get("HOSO_CRASH_SEED", str(time.time_ns() % 1000000007)))
CLIENTS = 16
WINDOW = 8                          # requests in flight per connection
LOAD_MIN, LOAD_MAX = (0.05, 0.6) if SAN else (0.05, 1.2)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thanh"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Mai",
         "Nam", "Phúc", "Quyên", "Sơn", "Trang", "Vinh", "Yến"]


class Person:
    """What the client knows a person to be (after an acknowledged write)."""

    __slots__ = ("pid", "version", "name", "cell", "stage", "cccd")

    def __init__(self, pid, version, name, cell, stage, cccd_):
        self.pid, self.version, self.name = pid, version, name
        self.cell, self.stage, self.cccd = cell, stage, cccd_

    def key(self):
        return (self.version, self.name, self.cell, self.stage)

    def copy(self, **kw):
        p = Person(self.pid, self.version, self.name, self.cell, self.stage, self.cccd)
        for k, v in kw.items():
            setattr(p, k, v)
        return p


class Client:
    """One connection's share of the load: its own people, so that its
    requests never race another client's."""

    def __init__(self, n, rng):
        self.n = n
        self.rng = rng
        self.people = {}            # pid -> Person, as acknowledged
        self.serial = 0
        self.unacked = []           # ("create", Person) / ("change", Person after)
        self.refused = []           # the same, answered with an error
        self.acks = 0
        self.error = None

    def name(self):
        r = self.rng
        return "%s %s %s" % (r.choice(FAMILY), r.choice(MIDDLE), r.choice(GIVEN))

    def plan(self, cells):
        """A window of requests: (body, message, what it makes)."""
        out, busy = [], set()
        pids = list(self.people)
        for _ in range(WINDOW):
            roll = self.rng.random()
            p = self.people[self.rng.choice(pids)] if pids else None
            # Fewer new people once a client has many: a long run then
            # mostly changes the ones it has, and each check stays cheap.
            if p is None or p.pid in busy or roll < (0.45 if len(pids) < 1500 else 0.03):
                self.serial += 1
                born = "19%02d-%02d-%02d" % (70 + self.serial % 30, 1 + self.serial % 12,
                                            1 + self.serial % 28)
                g = pb.MALE if self.serial % 2 else pb.FEMALE
                cd = cccd(born, g, self.n * 40000 + self.serial)
                after = Person(0, 1, self.name(), self.rng.choice(cells),
                               pb.STAGE_IDENTIFIED, cd)
                msg = pb.PersonCreate(person=pb.Person(
                    name=after.name, born=born, gender=g, id_number=cd,
                    ethnicity="Kinh", religion="Không", cell_id=after.cell))
                out.append(("person_create", msg, ("create", after)))
                continue
            busy.add(p.pid)
            if roll < 0.75 or p.stage == pb.STAGE_COURSE_PASSED:
                after = p.copy(version=p.version + 1, name=self.name(),
                               cell=self.rng.choice(cells))
                msg = pb.PersonUpdate(id=p.pid, expected_version=p.version,
                                      fields=["name", "cell_id"],
                                      person=pb.Person(name=after.name, cell_id=after.cell))
                out.append(("person_update", msg, ("change", after)))
            else:
                to = (pb.STAGE_IN_COURSE if p.stage == pb.STAGE_IDENTIFIED
                      else pb.STAGE_COURSE_PASSED)
                after = p.copy(version=p.version + 1, stage=to)
                msg = pb.FileAdvance(person_id=p.pid, to=to,
                                     cert_number="GCN-%d" % p.pid
                                     if to == pb.STAGE_COURSE_PASSED else "")
                out.append(("file_advance", msg, ("change", after)))
        return out

    def settle(self, what, r):
        """Apply one reply to what the client knows."""
        kind, after = what
        if r.status != pb.OK:
            self.refused.append(what)
            return
        self.acks += 1
        if kind == "create":
            got = r.person
            if (got.name, got.cell_id, got.version) != (after.name, after.cell, 1):
                raise AssertionError("create reply %r differs from request" % got)
            self.people[got.id] = after.copy(pid=got.id)
        else:
            if r.WhichOneof("body") == "person" and r.person.version != after.version:
                raise AssertionError("update of %d: version %d, want %d"
                                     % (after.pid, r.person.version, after.version))
            self.people[after.pid] = after

    def work(self, conn, stop, cells):
        """Pipeline windows until the connection dies or stop is set."""
        try:
            while not stop.is_set():
                window = self.plan(cells)
                reqs = [conn.request(body, msg) for body, msg, _ in window]
                data = b"".join(_frame(q) for q in reqs)
                pending = list(zip(reqs, window))
                try:
                    conn.send_raw(data)
                    while pending:
                        r = conn.recv_response()
                        q, (_, _, what) = pending.pop(0)
                        if r.id != q.id:
                            raise AssertionError("reply %d to request %d" % (r.id, q.id))
                        self.settle(what, r)
                except (Closed, OSError):
                    self.unacked += [w for _, (_, _, w) in pending]
                    return
        except BaseException as e:          # reported by the main thread
            self.error = e
        finally:
            conn.close()


def _frame(req):
    p = req.SerializeToString()
    return len(p).to_bytes(4, "big") + p


def fsck(d):
    p = subprocess.run([HOSOD, "--data", d.tmpdir, "--check"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def stored(c):
    """Every person as stored: pid -> Person."""
    items, _ = c.list_all()
    return {p.id: Person(p.id, p.version, p.name, p.cell_id, p.stage, p.id_number)
            for p in items}


def verify(c, clients, rnd):
    """Compare the store with what the clients were told; adopt what the
    unacknowledged writes left behind.  Returns the number of mismatches."""
    have = stored(c)
    bad = []
    known = {}
    for cl in clients:
        known.update(cl.people)
    # In-flight changes, by person; in-flight creates, by CCCD.
    changes, creates = {}, {}
    for cl in clients:
        for kind, after in cl.unacked:
            (creates if kind == "create" else changes)[
                after.cccd if kind == "create" else after.pid] = (cl, after)
        for kind, after in cl.refused:
            if kind == "create" and after.cccd in {p.cccd for p in have.values()}:
                bad.append("refused create %s is stored" % after.cccd)
    for pid, want in known.items():
        got = have.get(pid)
        if got is None:
            bad.append("acknowledged person %d is missing" % pid)
            continue
        if got.key() == want.key():
            continue
        ch = changes.get(pid)
        if ch is not None and got.key() == ch[1].key():
            ch[0].people[pid] = ch[1]       # the unacknowledged change landed
            continue
        bad.append("person %d is %r, acknowledged as %r%s" % (
            pid, got.key(), want.key(),
            " or in flight %r" % (ch[1].key(),) if ch else ""))
    adopted = 0
    for pid, got in have.items():
        if pid in known:
            continue
        cr = creates.get(got.cccd)
        if cr is None:
            bad.append("person %d (%s) was never acknowledged nor in flight" % (pid, got.cccd))
            continue
        cl, after = cr
        if (got.name, got.cell, got.version, got.stage) != (after.name, after.cell, 1,
                                                             pb.STAGE_IDENTIFIED):
            bad.append("unacknowledged create %s stored as %r" % (got.cccd, got.key()))
            continue
        cl.people[pid] = after.copy(pid=pid)
        adopted += 1
    # The indexes serve reads: a sample by name and by CCCD.
    sample = rnd.sample(sorted(have), min(20, len(have)))
    for pid in sample:
        p = have[pid]
        found, _ = c.list_all("person_find", text=p.name)
        if pid not in {x.id for x in found}:
            bad.append("person %d not found by name %r" % (pid, p.name))
        found, _ = c.list_all("person_find", text=p.cccd)
        if [x.id for x in found] != [pid]:
            bad.append("CCCD %s finds %r, not person %d" % (p.cccd, [x.id for x in found], pid))
    for cl in clients:
        cl.unacked, cl.refused = [], []
    return len(have), adopted, bad


def main():
    rnd = random.Random(SEED)
    note("seed %d (HOSO_CRASH_SEED=%d repeats this run), %d kills%s" % (
        SEED, SEED, KILLS, " (sanitizer build)" if SAN else ""))
    d = Daemon()
    d.start()
    c = d.connect()
    t = org_tree(c)
    cells = [t["cell"].id, t["cell2"].id]
    c.close()
    clients = [Client(i, random.Random(rnd.random())) for i in range(CLIENTS)]
    started = time.time()
    total_acks = 0
    failures = 0
    for k in range(1, KILLS + 1):
        conns = [d.connect() for _ in clients]
        stop = threading.Event()
        threads = [threading.Thread(target=cl.work, args=(cn, stop, cells), daemon=True)
                   for cl, cn in zip(clients, conns)]
        before = sum(cl.acks for cl in clients)
        for th in threads:
            th.start()
        time.sleep(rnd.uniform(LOAD_MIN, LOAD_MAX))
        d.kill9()
        for th in threads:
            th.join(TIMEOUT)
        errors = [cl.error for cl in clients if cl.error is not None]
        if errors:
            raise errors[0]
        acks = sum(cl.acks for cl in clients) - before
        total_acks += acks
        inflight = sum(len(cl.unacked) for cl in clients)
        rc, out = fsck(d)
        good = ok(rc == 0, "kill %d: hosod --check passes after %d acknowledged "
                  "writes (%d in flight)" % (k, acks, inflight), out[-3000:])
        d.start()
        c = d.connect()
        n, adopted, bad = verify(c, clients, rnd)
        c.close()
        good &= ok(not bad, "kill %d: %d people, every acknowledged write there, "
                   "%d in-flight creates wholly there" % (k, n, adopted), *bad[:20])
        failures += not good
        if failures >= 3:
            note("stopping after 3 failed rounds")
            break
    ok(total_acks > 0, "%d writes acknowledged in %.1f s" % (total_acks, time.time() - started))
    d.stop()


if __name__ == "__main__":
    run(main)
