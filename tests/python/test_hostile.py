#!/usr/bin/python3
"""Hostile and broken input: each bad request gets a clear error, changes
nothing, and the daemon keeps serving other clients afterwards."""

import re
import socket
import struct
import time

from hoso_wire import (Conn, Daemon, describe, invented_person, note, ok,
                       org_tree, pb, run)

OK, INVALID, NOT_FOUND, CONFLICT, PRECOND, EXHAUSTED = (
    pb.OK, pb.INVALID_ARGUMENT, pb.NOT_FOUND, pb.CONFLICT, pb.FAILED_PRECONDITION,
    pb.RESOURCE_EXHAUSTED)


def expect(r, status, desc, field=None, rid=None):
    """One check: r has this status (and field, and id when given)."""
    good = r.status == status
    if field is not None:
        good = good and r.field == field
    if rid is not None:
        good = good and r.id == rid
    want = pb.Status.Name(status)
    if field is not None:
        want += " field %r" % field
    if rid is not None:
        want += " id %d" % rid
    return ok(good, "%s -> %s" % (desc, want), "got " + describe(r))


class World:
    """The daemon under test and a snapshot of its store."""

    def __init__(self, d):
        self.d = d
        with d.connect() as c:
            self.tree = org_tree(c)
            self.base = c.create_person(**invented_person(
                0, name="Nguyễn Văn An", born="1990-05-17", gender=pb.MALE,
                id_number="079090012345", cell_id=self.tree["cell"].id,
                residence_id=self.tree["ward"].id))
            for i in range(1, 4):
                c.create_person(**invented_person(i, cell_id=self.tree["cell"].id))
        self.snap = self.state()

    def state(self):
        with self.d.connect() as c:
            persons, _ = c.list_all("person_list")
            orgs, _ = c.list_all("org_list")
        return ([p.SerializeToString(deterministic=True) for p in persons],
                [o.SerializeToString(deterministic=True) for o in orgs])

    def resnap(self):
        self.snap = self.state()

    def unchanged(self, desc):
        """Fresh connection: the daemon answers and the store is as before."""
        time.sleep(0.05)  # let the server finish with the bad connection
        if not ok(self.d.running(), "%s: daemon still running" % desc,
                  self.d.log_tail()):
            raise RuntimeError("daemon died; log:\n" + self.d.log_tail())
        with self.d.connect() as c:
            ok(c.ping().status == OK, "%s: a fresh connection is served" % desc)
        now = self.state()
        ok(now == self.snap, "%s: nothing changed (%d persons, %d orgs)"
           % (desc, len(now[0]), len(now[1])),
           "before: %d persons, %d orgs" % (len(self.snap[0]), len(self.snap[1])))


def frame(payload):
    return struct.pack(">I", len(payload)) + payload


def new_person_request(c, i=50, **over):
    return c.request("person_create", pb.PersonCreate(person=pb.Person(
        **invented_person(i, **over))))


def framing_cases(w):
    d = w.d

    # Truncated frame then disconnect: a PersonCreate cut in half.
    c = d.connect()
    payload = new_person_request(c).SerializeToString()
    c.send_raw(frame(payload)[:4 + len(payload) // 2])
    c.close()
    w.unchanged("truncated PersonCreate frame then disconnect")

    # Disconnect inside the length prefix.
    c = d.connect()
    c.send_raw(b"\x00\x00")
    c.close()
    w.unchanged("disconnect after 2 bytes of a length prefix")

    # A complete request, then half of the next one, then disconnect.
    c = d.connect()
    q1 = c.request("ping", pb.Ping())
    p2 = new_person_request(c, 51).SerializeToString()
    c.send_raw(frame(q1.SerializeToString()) + frame(p2)[:10])
    r = c.recv_response()
    expect(r, OK, "ping pipelined before a partial frame", rid=q1.id)
    c.close()
    w.unchanged("disconnect in the middle of a PersonCreate body")

    # A length prefix of 4 GB.
    c = d.connect()
    c.send_raw(b"\xff\xff\xff\xff")
    r = c.recv_response()
    expect(r, EXHAUSTED, "length prefix 0xFFFFFFFF", rid=0)
    ok(r.message != "", "the refusal has a message", describe(r))
    ok(c.is_closed(), "the server closes the connection after a 4 GB length")
    c.close()
    w.unchanged("4 GB length prefix")

    # One byte over the announced max frame.
    c = d.connect()
    mf = c.hello_reply.max_frame
    ok(mf == 1048576, "HelloReply.max_frame is 1 MiB by default", mf)
    c.send_raw(struct.pack(">I", mf + 1))
    r = c.recv_response()
    expect(r, EXHAUSTED, "length max_frame+1", rid=0)
    ok(c.is_closed(), "the server closes the connection after max_frame+1")
    c.close()
    w.unchanged("length max_frame+1")

    # Exactly max_frame is allowed (a PersonFind padded to the limit).
    c = d.connect()
    n = mf - 16
    while True:
        req = c.request("person_find", pb.PersonFind(text="a" * n), rid=4242)
        size = req.ByteSize()
        if size == mf:
            break
        n += mf - size
    c.send(req)
    r = c.recv_response()
    ok(r.id == 4242 and r.status != EXHAUSTED,
       "a frame of exactly max_frame bytes is read and answered", describe(r))
    ok(c.ping().status == OK, "the connection is usable after a max_frame request")
    c.close()
    w.unchanged("frame of exactly max_frame")

    # Zero-length frame.
    c = d.connect()
    c.send_raw(b"\x00\x00\x00\x00")
    r = c.recv_response()
    expect(r, INVALID, "zero-length frame", rid=0)
    ok(c.ping().status == OK, "the connection stays usable after a zero-length frame")
    c.close()
    w.unchanged("zero-length frame")

    # Bytes that are not protobuf.
    c = d.connect()
    c.send_frame(b"not protobuf at all")
    r = c.recv_response()
    expect(r, INVALID, "bytes that are not protobuf", rid=0)
    ok(c.ping().status == OK, "the connection stays usable after garbage")
    c.close()
    w.unchanged("non-protobuf frame")

    # Unknown request type: id 77 and field 99 (varint 1) only.
    c = d.connect()
    c.send_frame(b"\x08\x4d" + b"\x98\x06\x01")
    r = c.recv_response()
    expect(r, INVALID, "request with an unknown body (field 99)", rid=77)
    ok(r.message != "", "the refusal has a message", describe(r))
    c.send_frame(b"\x08\x4e")
    r = c.recv_response()
    expect(r, INVALID, "request with an id and no body", rid=78)
    ok(c.ping().status == OK, "the connection stays usable after an unknown body")
    c.close()
    w.unchanged("unknown request type")


def session_cases(w):
    d = w.d

    # Requests before Hello.
    c = Conn(d.port)
    r = c.ping()
    expect(r, PRECOND, "Ping before Hello", rid=1)
    r = c.call("person_create", pb.PersonCreate(person=pb.Person(**invented_person(60))))
    expect(r, PRECOND, "PersonCreate before Hello", rid=2)
    r = c.hello()
    ok(r.status == OK, "Hello afterwards on the same connection is accepted", describe(r))
    ok(c.ping().status == OK, "and the connection is then served")
    c.close()
    w.unchanged("requests before Hello")

    # Hello with another major version.
    c = Conn(d.port)
    r = c.hello(major=99)
    expect(r, PRECOND, "Hello with protocol_major 99", rid=1)
    text = r.message + " " + " ".join(r.message_args)
    ok("99" in text and re.search(r"(?<![\d.])1(\.\d+)?(?![\d])", text),
       "the refusal names both versions (99 and 1)", describe(r))
    ok(c.is_closed(), "the server closes the connection after a major mismatch")
    c.close()
    w.unchanged("Hello with major 99")

    # A later minor is fine.
    c = Conn(d.port)
    r = c.hello(minor=7)
    ok(r.status == OK and r.hello.protocol_major == 1,
       "Hello 1.7 from a newer client is accepted", describe(r))
    c.close()


def person_cases(w):
    d = w.d
    c = d.connect()
    t = w.tree

    # Invalid UTF-8 in the name: patch the bytes after serialising.
    req = new_person_request(c, 61, name="Nguyễn QQQQ")
    raw = req.SerializeToString().replace(b"QQQQ", b"\xff\xfe\xc3\x28")
    c.send_frame(raw)
    r = c.recv_response()
    expect(r, INVALID, "invalid UTF-8 in a name", field="name", rid=req.id)
    ok(r.message != "", "the refusal says why", describe(r))

    r = c.call("person_create", pb.PersonCreate(person=pb.Person(
        **invented_person(62, name="Lê Hoàng\x07 Phúc"))))
    expect(r, INVALID, "a control character in a name", field="name")

    # Dates.
    for born in ("2027-02-30", "1990-02-29", "1990-13-01", "1990-1-5", "17/05/1990", "hôm qua"):
        r = c.call("person_create", pb.PersonCreate(person=pb.Person(
            **invented_person(63, born=born, gender=pb.MALE, id_number="079090077777"))))
        expect(r, INVALID, "born %r" % born, field="born")

    # Required fields.
    for f in ("name", "born", "gender", "id_number"):
        p = pb.Person(**invented_person(64))
        p.ClearField(f)
        r = c.call("person_create", pb.PersonCreate(person=p))
        expect(r, INVALID, "PersonCreate without %s" % f, field=f)
    r = c.call("person_create", pb.PersonCreate(person=pb.Person(
        **invented_person(65, name="   "))))
    expect(r, INVALID, "a name of blanks only", field="name")

    # CCCD structure.
    for bad, why in (("07909001234", "11 digits"), ("07909001234x", "a letter"),
                     ("079290012346", "2000s century digit for a 1990 birth"),
                     ("079191012346", "female digit for a man"),
                     ("079085012346", "year 85 for a 1990 birth"),
                     ("999090012346", "province code 999")):
        r = c.call("person_create", pb.PersonCreate(person=pb.Person(
            **invented_person(66, born="1990-05-17", gender=pb.MALE, id_number=bad))))
        expect(r, INVALID, "CCCD %s (%s)" % (bad, why), field="id_number")

    # Duplicate CCCD.
    b = w.base
    r = c.call("person_create", pb.PersonCreate(person=pb.Person(
        name="Nguyễn Văn Bình", born=b.born, gender=b.gender, id_number=b.id_number)))
    expect(r, CONFLICT, "a second person with the same CCCD", field="id_number")

    # References.
    r = c.call("person_create", pb.PersonCreate(person=pb.Person(
        **invented_person(67, cell_id=t["ward"].id))))
    expect(r, INVALID, "cell_id pointing to a ward", field="cell_id")
    r = c.call("person_create", pb.PersonCreate(person=pb.Person(
        **invented_person(68, residence_id=t["cell"].id))))
    expect(r, INVALID, "residence_id pointing to a cell", field="residence_id")
    r = c.call("person_create", pb.PersonCreate(person=pb.Person(
        **invented_person(69, cell_id=987654))))
    expect(r, NOT_FOUND, "cell_id of no record", field="cell_id")
    c.close()
    w.unchanged("bad person creates")

    # Updates.
    c = d.connect()
    r = c.call("person_update", pb.PersonUpdate(
        id=987654, expected_version=1, fields=["phone"], person=pb.Person(phone="0903000000")))
    expect(r, NOT_FOUND, "update of a person that does not exist")
    r = c.call("person_get", pb.PersonGet(id=987654))
    expect(r, NOT_FOUND, "get of a person that does not exist")
    c.close()
    w.unchanged("update of a missing person")

    c = d.connect()
    r = c.call("person_update", pb.PersonUpdate(
        id=b.id, expected_version=b.version, fields=["phone"],
        person=pb.Person(phone="0903111222")))
    expect(r, OK, "update with the right expected_version")
    ok(r.person.version == b.version + 1 and r.person.phone == "0903111222"
       and r.person.name == b.name, "the update bumps the version and keeps other fields",
       r.person)
    c.close()
    w.resnap()

    c = d.connect()
    r = c.call("person_update", pb.PersonUpdate(
        id=b.id, expected_version=b.version, fields=["phone"],
        person=pb.Person(phone="0903999999")))
    expect(r, CONFLICT, "update with a stale expected_version", field="expected_version")
    r = c.call("person_update", pb.PersonUpdate(
        id=b.id, expected_version=b.version + 1, fields=["born"],
        person=pb.Person(born="2027-02-30")))
    expect(r, INVALID, "update to an impossible date", field="born")
    r = c.call("person_update", pb.PersonUpdate(
        id=b.id, expected_version=b.version + 1, fields=["no_such_field"],
        person=pb.Person(phone="0903999999")))
    expect(r, INVALID, "update naming an unknown field", field="fields")
    other = c.list_all("person_list")[0]
    other = [p for p in other if p.id != b.id][0]
    r = c.call("person_update", pb.PersonUpdate(
        id=other.id, expected_version=other.version,
        fields=["born", "gender", "id_number"],
        person=pb.Person(born=b.born, gender=b.gender, id_number=b.id_number)))
    expect(r, CONFLICT, "update to another person's CCCD", field="id_number")
    c.close()
    w.unchanged("bad updates")


def org_cases(w):
    c = w.d.connect()
    t = w.tree
    r = c.call("org_create", pb.OrgCreate(kind=pb.ORG_WARD, name="Đảng ủy Phường 3",
                                          parent_id=t["cell"].id))
    expect(r, INVALID, "a ward under a cell", field="parent_id")
    r = c.call("org_create", pb.OrgCreate(kind=pb.ORG_POLICE, name="Công an Quận",
                                          parent_id=t["district"].id))
    expect(r, INVALID, "a police station under the district", field="parent_id")
    r = c.call("org_create", pb.OrgCreate(kind=pb.ORG_CELL, name="Chi bộ X",
                                          parent_id=t["police"].id))
    expect(r, INVALID, "a cell under a police station", field="parent_id")
    r = c.call("org_create", pb.OrgCreate(name="Không loại"))
    expect(r, INVALID, "an org without kind", field="kind")
    r = c.call("org_create", pb.OrgCreate(kind=pb.ORG_WARD, parent_id=t["district"].id))
    expect(r, INVALID, "an org without name", field="name")
    r = c.call("org_create", pb.OrgCreate(kind=pb.ORG_WARD, name="Đảng ủy Phường 9",
                                          parent_id=t["district"].id, code=t["ward"].code))
    expect(r, CONFLICT, "an org code already taken", field="code")
    r = c.call("org_update", pb.OrgUpdate(id=987654, expected_version=1, fields=["name"],
                                          org=pb.Org(name="Mới")))
    expect(r, NOT_FOUND, "update of an org that does not exist")
    r = c.call("org_update", pb.OrgUpdate(id=t["ward"].id, expected_version=99,
                                          fields=["name"], org=pb.Org(name="Mới")))
    expect(r, CONFLICT, "org update with a stale version", field="expected_version")
    c.close()
    w.unchanged("bad org requests")


def limit_cases():
    """Connection limits, each on a daemon of its own."""
    d = Daemon("--max-connections", "2").start()
    a, b = d.connect(), d.connect()
    c = Conn(d.port)
    try:
        r = c.recv_response()
        expect(r, EXHAUSTED, "a third connection over --max-connections 2", rid=0)
        ok(c.is_closed(), "and is closed")
    except Exception as e:
        ok(False, "a third connection over --max-connections 2 gets RESOURCE_EXHAUSTED", e)
    c.close()
    ok(a.ping().status == OK and b.ping().status == OK, "the first two are still served")
    a.close()
    time.sleep(0.2)
    with d.connect() as e:
        ok(e.ping().status == OK, "after one closes, a new connection is served")
    b.close()
    ok(d.stop() == 0, "hosod --max-connections 2 exits 0 on SIGTERM")
    d.remove()

    d = Daemon("--idle-timeout", "5", "--frame-timeout", "1").start()
    idle = d.connect()
    busy = d.connect()
    part = d.connect()
    part.send_raw(b"\x00\x00\x01\x00abc")
    t0 = time.time()
    time.sleep(1.8)
    ok(part.is_closed(timeout=1.5),
       "a connection stuck in the middle of a frame is closed after --frame-timeout 1")
    ok(not idle.is_closed(timeout=0.1),
       "an idle connection is still open before --idle-timeout 5")
    alive = True
    while time.time() - t0 < 7:
        alive = alive and busy.ping().status == OK
        time.sleep(0.5)
    ok(alive, "a connection that pings every 0.5 s outlives --idle-timeout 5")
    ok(idle.is_closed(timeout=2), "an idle connection is closed after --idle-timeout 5")
    for x in (idle, busy, part):
        x.close()
    with d.connect() as e:
        ok(e.ping().status == OK, "the daemon serves new connections after timeouts")
    ok(d.stop() == 0, "hosod with timeouts exits 0 on SIGTERM")
    d.remove()

    # A client that sends many requests and never reads the replies: once
    # --output-cap bytes wait for it the server stops reading from it, and
    # after --write-timeout seconds without progress it drops it.
    d = Daemon("--output-cap", "65536", "--write-timeout", "1").start()
    with d.connect() as c:
        notes = "Ghi chú dài để làm đầy câu trả lời. " * 20
        c.pipeline([("person_create", pb.PersonCreate(person=pb.Person(
            **invented_person(i, notes=notes)))) for i in range(100)])
        page = c.call("person_list", pb.PersonList(limit=1000))
        reply_size = len(pb.ServerMessage(response=page).SerializeToString()) + 4
    nreq = 500
    lazy = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lazy.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    lazy.settimeout(20)
    lazy.connect(("127.0.0.1", d.port))
    hello = pb.Request(id=1, hello=pb.Hello(protocol_major=1, token=d.token() or ""))
    reqs = [frame(hello.SerializeToString())]
    for i in range(2, 2 + nreq):
        reqs.append(frame(pb.Request(id=i, person_list=pb.PersonList(limit=1000))
                          .SerializeToString()))
    blob = b"".join(reqs)
    try:
        lazy.sendall(blob)
    except OSError:
        pass  # already dropped: fine
    time.sleep(3.5)
    got = 0
    try:
        while True:
            chunk = lazy.recv(1 << 20)
            if not chunk:
                break
            got += len(chunk)
    except (ConnectionResetError, socket.timeout):
        pass
    lazy.close()
    note("the lazy client read %d bytes before the end" % got)
    ok(got < nreq * reply_size, "a client that does not read its replies is dropped "
       "(--output-cap 65536 --write-timeout 1) before getting them all",
       "read %d of %d bytes" % (got, nreq * reply_size))
    ok("not reading" in d.log(), "the daemon logs why it dropped the client", d.log_tail())
    with d.connect() as e:
        ok(e.ping().status == OK, "the daemon serves others after dropping a lazy client")
    ok(d.stop() == 0, "hosod --output-cap exits 0 on SIGTERM")
    d.remove()


def main():
    d = Daemon().start()
    w = World(d)
    framing_cases(w)
    session_cases(w)
    person_cases(w)
    org_cases(w)
    rc = d.stop()
    ok(rc == 0, "hosod exits 0 on SIGTERM after all that", "exit status %r" % rc)
    log = d.log()
    ok("AddressSanitizer" not in log and "runtime error" not in log,
       "no sanitizer report in the daemon log", d.log_tail())
    d.remove()
    limit_cases()


run(main)
