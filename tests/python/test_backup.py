#!/usr/bin/env python3
"""Online backup (hoso admin backup FILE, AdminBackup) and hosod --restore.

A backup taken while several clients write must hold every write that was
acknowledged before the backup started, restore into a dir that then
serves them and passes hosod --check.  Also: the stream on the wire (chunks
in order, size and SHA-256 at the end), the data dir's lock (a second hosod,
a restore while a daemon runs), and files that are not backups.
"""

import hashlib
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hoso_wire import (HOSOD, TOP, Daemon, describe, invented_person, note, ok,  # noqa: E402
                       is_eq, pb, run)

HOSO = os.environ.get("HOSO") or os.path.join(TOP, "build", "hoso")
WRITERS = 6


def cli(d, *args, env_extra=None):
    env = dict(os.environ)
    env.update(HOSO_TOKEN=d.token() or "", XDG_RUNTIME_DIR=d.tmpdir,
               XDG_CONFIG_HOME=d.tmpdir, HOSO_KNOWN_SERVERS=os.path.join(d.tmpdir, "known"),
               LANGUAGE="en", LC_ALL="C.UTF-8")
    env.update(env_extra or {})
    p = subprocess.run([HOSO, "--server", "127.0.0.1:%d" % d.port] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def hosod(*args):
    p = subprocess.run([HOSOD] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


class Load:
    """WRITERS connections creating people as fast as they are answered;
    acked[pid] = (name, monotonic time the OK reply was read)."""

    def __init__(self, d):
        self.d = d
        self.acked = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.errors = []
        self.threads = [threading.Thread(target=self.write, args=(k,)) for k in range(WRITERS)]

    def write(self, k):
        try:
            c = self.d.connect()
            i = 10000 * (k + 1)
            while not self.stop.is_set():
                p = invented_person(i)
                r = c.call("person_create", pb.PersonCreate(person=pb.Person(**p)))
                t = time.monotonic()
                if r.status != pb.OK:
                    self.errors.append(describe(r))
                    return
                with self.lock:
                    self.acked[r.person.id] = (p["name"], t)
                i += 1
            c.close()
        except Exception as e:  # noqa: BLE001 - reported as a failure below
            self.errors.append(repr(e))

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join()


def wire_backup(c):
    """AdminBackup on connection c: (responses, data bytes)."""
    first = c.call("admin_backup", pb.AdminBackup())
    out = [first]
    data = bytearray()
    r = first
    while r.status == pb.OK and not r.backup.last:
        r = c.recv_response()
        if r.id != first.id:
            ok(False, "every chunk carries the request's id", r.id, first.id)
            break
        out.append(r)
        data += r.backup.data
    return out, bytes(data)


def stream_cases(d):
    with d.connect() as c:
        rs, data = wire_backup(c)
        first, last = rs[0], rs[-1]
        ok(first.status == pb.OK and first.backup.schema >= 5 and not first.backup.data,
           "the first Response says the schema and has no data", describe(first))
        ok(last.status == pb.OK and last.backup.last, "the last Response is marked last",
           describe(last))
        is_eq(last.backup.size, len(data), "the size sent last is the bytes received")
        is_eq(last.backup.sha256, hashlib.sha256(data).digest(),
              "the SHA-256 sent last is that of the bytes received")
        ok(len(rs) >= 3, "the copy came in several chunks (%d Responses, %d bytes)"
           % (len(rs), len(data)))
        r = c.ping()
        ok(r.status == pb.OK, "the connection serves requests after the backup", describe(r))
        # Requests sent right behind the backup wait for it, in order.
        c.send(pb.Request(id=900, admin_backup=pb.AdminBackup()))
        c.send(pb.Request(id=901, ping=pb.Ping()))
        ids = []
        while True:
            r = c.recv_response()
            ids.append(r.id)
            if r.id != 900 or r.backup.last:
                if r.id == 900:
                    r = c.recv_response()
                    ids.append(r.id)
                break
        ok(ids[-1] == 901 and all(i == 900 for i in ids[:-1]),
           "a request pipelined behind a backup is answered after its last chunk",
           ids[:3], ids[-3:])
    # A client that leaves in the middle: the daemon stays up.
    c = d.connect()
    c.send(pb.Request(id=7, admin_backup=pb.AdminBackup()))
    c.recv_response()
    c.close()
    time.sleep(0.3)
    with d.connect() as c2:
        ok(c2.ping().status == pb.OK, "a client that leaves during a backup does not hurt "
           "the daemon")


def restore_cases(d, backup):
    # The live dir is locked: neither a second hosod nor a restore.
    rc, out = hosod("--data", d.tmpdir, "--listen", "127.0.0.1:0", "--port-file",
                    os.path.join(d.tmpdir, "port2"))
    ok(rc != 0 and "in use by another hosod" in out,
       "a second hosod on the same data dir is refused", rc, out)
    rc, out = hosod("--data", d.tmpdir, "--restore", backup)
    ok(rc != 0 and "in use by another hosod" in out,
       "hosod --restore on a dir a daemon serves is refused", rc, out)
    rc, out = hosod("--data", d.tmpdir, "--check")
    is_eq(rc, 0, "hosod --check beside the running daemon exits 0")
    # Files that are not backups change nothing.
    e = Daemon()
    e.start()
    with e.connect() as c:
        c.must("person_create", pb.PersonCreate(person=pb.Person(**invented_person(1))))
    e.stop()
    junk = os.path.join(e.tmpdir, "junk.bin")
    with open(junk, "wb") as f:
        f.write(os.urandom(100000))
    before = open(os.path.join(e.tmpdir, "data.mdb"), "rb").read()
    rc, out = hosod("--data", e.tmpdir, "--restore", junk)
    ok(rc == 1 and "cannot be restored" in out, "--restore of random bytes exits 1 and says why",
       rc, out)
    rc, out = hosod("--data", e.tmpdir, "--restore", os.path.join(e.tmpdir, "missing"))
    ok(rc != 0 and "missing" in out, "--restore of a missing file is refused", rc, out)
    rc, out = hosod("--data", e.tmpdir, "--restore")
    ok(rc == 2, "--restore without a file is a usage error", rc, out)
    ok(open(os.path.join(e.tmpdir, "data.mdb"), "rb").read() == before,
       "the refused restores left data.mdb as it was")
    ok(not os.path.exists(os.path.join(e.tmpdir, "restore.tmp")),
       "and left no restore.tmp behind")
    # Restoring over an existing database keeps the old one.
    rc, out = hosod("--data", e.tmpdir, "--restore", backup)
    is_eq(rc, 0, "--restore over an existing database exits 0")
    kept = [n for n in os.listdir(e.tmpdir) if n.startswith("data.mdb.before-restore-")]
    ok(len(kept) == 1 and open(os.path.join(e.tmpdir, kept[0]), "rb").read() == before,
       "the database it replaced is kept beside it", kept)
    e.remove()


def main():
    d = Daemon().start()
    with d.connect() as c:
        for i in range(300):
            c.must("person_create", pb.PersonCreate(person=pb.Person(**invented_person(i))))
    stream_cases(d)

    load = Load(d).start()
    time.sleep(1.0)
    backup = os.path.join(d.tmpdir, "hoso-backup.mdb")
    t0 = time.monotonic()
    rc, out = cli(d, "admin", "backup", backup)
    t1 = time.monotonic()
    time.sleep(0.5)
    load.finish()
    ok(not load.errors, "the write load ran without errors", load.errors[:3])
    is_eq(rc, 0, "hoso admin backup FILE under write load exits 0")
    note(out.strip())
    ok("Backup written to" in out, "and says where it wrote", out)
    ok(os.path.exists(backup) and not os.path.exists(backup + ".part"),
       "FILE is there and FILE.part is gone")
    before = {pid: v for pid, v in load.acked.items() if v[1] < t0}
    during = [pid for pid, v in load.acked.items() if t0 <= v[1] <= t1]
    note("%d writes acknowledged before the backup started, %d while it ran, %d in all; "
         "backup took %.2f s" % (len(before), len(during), len(load.acked), t1 - t0))
    ok(len(before) > 50 and len(during) > 0, "writes were acknowledged before and during the backup")
    ok("backup sent" in d.log(), "the daemon logs the backup it sent", d.log_tail())
    restore_cases(d, backup)
    d.stop()

    # Restore into a fresh dir and serve it.
    n = Daemon(init_admin=False)
    rc, out = hosod("--data", n.tmpdir, "--restore", backup)
    is_eq(rc, 0, "hosod --data NEW --restore FILE exits 0")
    ok("restored" in out, "and says so", out)
    rc, out = hosod("--data", n.tmpdir, "--check")
    is_eq(rc, 0, "hosod --check on the restored dir exits 0")
    n.init_admin = True         # its admin account came with the backup
    n.start()
    missing, wrong = [], []
    with n.connect() as c:
        for pid, (name, _) in sorted(before.items()):
            r = c.call("person_get", pb.PersonGet(id=pid))
            if r.status != pb.OK:
                missing.append(pid)
            elif r.person.name != name:
                wrong.append(pid)
        r = c.call("person_get", pb.PersonGet(id=1))
        ok(r.status == pb.OK, "the people made before the load are there too", describe(r))
    ok(not missing, "every write acknowledged before the backup started is in the restored "
       "database (%d checked)" % len(before), missing[:10])
    ok(not wrong, "with the name it was acknowledged with", wrong[:10])
    ok(n.stop() == 0, "the restored daemon exits 0 on SIGTERM")
    n.remove()
    log = d.log()
    ok("AddressSanitizer" not in log and "runtime error" not in log,
       "no sanitizer report in the daemon log", d.log_tail())
    d.remove()


run(main)
