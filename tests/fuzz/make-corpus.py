#!/usr/bin/python3
"""make-corpus.py: write the seed corpus of the fuzz targets.

    B=build /usr/bin/python3 tests/fuzz/make-corpus.py

needs hoso_pb2 (`make build/proto/hoso_pb2.py`, Debian python3-protobuf)
and rewrites tests/fuzz/corpus/{frame,request,dispatch,cal}/.  The files
are committed: a fuzz run starts from them.  Input layouts are described at
the top of each tests/fuzz/fuzz_<name>.c.  All people are invented.
"""

import hashlib
import os
import random
import struct
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, os.environ.get("B", "build"), "proto"))
import hoso_pb2 as pb  # noqa: E402

CORPUS = os.path.join(TOP, "tests", "fuzz", "corpus")


def req(rid, **body):
    """A Request with id rid and one body field set from keyword args."""
    r = pb.Request(id=rid)
    (name, fields), = body.items()
    getattr(r, name).SetInParent()
    sub = getattr(r, name)
    for k, v in fields.items():
        if isinstance(v, dict):
            getattr(sub, k).CopyFrom(type(getattr(sub, k))(**v))
        elif isinstance(v, list):
            getattr(sub, k).extend(v)
        else:
            setattr(sub, k, v)
    return r.SerializeToString()


def frame(body):
    return struct.pack(">I", len(body)) + body


PERSON = dict(name="Phạm Thị Mai", born="1996-05-14", gender=pb.FEMALE,
              id_number="079196001234", ethnicity="Kinh", religion="Không",
              education=pb.UNIVERSITY, residence_id=2, cell_id=5,
              introduced_by=pb.YOUTH_UNION, phone="0903 111 222")

# One request of (nearly) every type, against the store fuzz_dispatch.c
# seeds: hosod --demo's district (daemon/demo.c: district 1, wards 2-4,
# cells 5-10, police 11-13, people 1-30, checks, accounts).
REQUESTS = {
    "ping": req(1, ping={}),
    "logout": req(2, logout={}),
    "org-create": req(3, org_create=dict(kind=pb.ORG_CELL, name="Chi bộ Khu phố 2",
                                          code="P01-KP9", parent_id=2)),
    "org-get": req(4, org_get=dict(id=2)),
    "org-update": req(5, org_update=dict(id=5, expected_version=1, fields=["name"],
                                          org=dict(name="Chi bộ KP 1"))),
    "org-list": req(6, org_list=dict(limit=2)),
    "person-create": req(7, person_create=dict(person=PERSON)),
    "person-get": req(8, person_get=dict(id=1)),
    "person-update": req(9, person_update=dict(id=1, expected_version=1,
                                               fields=["phone", "notes"],
                                               person=dict(phone="0912 345 678",
                                                           notes="Dòng một\nDòng hai"))),
    "person-list": req(10, person_list=dict(cell_id=5, limit=1)),
    "person-list-all": req(11, person_list=dict(limit=2)),
    "person-find": req(12, person_find=dict(text="nguyen van", limit=5)),
    "person-find-cccd": req(13, person_find=dict(text="079")),
    "file-get": req(14, file_get=dict(person_id=1)),
    "file-moves": req(15, file_moves=dict(person_id=1, at="2026-11-20")),
    "file-advance": req(16, file_advance=dict(person_id=1, to=pb.STAGE_IN_COURSE,
                                              at="2026-11-20")),
    "file-record": req(17, file_record=dict(person_id=1, note="x",
                                            document=dict(kind=1, date="2026-11-02"))),
    "history-list": req(18, history_list=dict(person_id=1, limit=3)),
    "evaluations-due": req(19, evaluations_due=dict(cell_id=5, as_of="2026-11-20")),
    "quota-set": req(20, quota_set=dict(quota=dict(org_id=2, year=2026, target=15))),
    "quota-show": req(21, quota_show=dict(org_id=1, year=2026)),
    "calendar-set": req(22, calendar_set=dict(date="2026-12-31", kind=pb.CAL_DAY_OFF,
                                              reason="Nghỉ bù")),
    "calendar-unset": req(23, calendar_unset=dict(date="2026-12-05")),
    "calendar-show": req(24, calendar_show=dict(year=2026)),
    "calendar-lunar": req(25, calendar_lunar=dict(date="2026-02-17")),
    "calendar-add-workdays": req(26, calendar_add_workdays=dict(date="2026-02-13", n=1)),
    "calendar-workdays": req(27, calendar_workdays={"from": "2026-01-01",
                                                    "to": "2026-03-01"}),
    "check-open": req(28, check_open=dict(person_id=5, ward_id=4, subject="Hoàng Văn Tư",
                                          by="Lê Thị Hoa")),
    "check-step": req(29, check_step=dict(check_id=1, step=1)),
    "check-get": req(30, check_get=dict(check_id=1)),
    "check-list": req(31, check_list=dict(ward_id=2, overdue=True)),
    "check-explain": req(32, check_explain=dict(check_id=1)),
    "check-report": req(33, check_report={"from": "2026-11-01", "to": "2026-11-30"}),
    "alert-list": req(34, alert_list=dict(unacked=True)),
    "alert-ack": req(35, alert_ack=dict(alert_id=1)),
    "subscribe": req(36, subscribe=dict(all=True)),
    "user-add": req(37, user_add=dict(login="clerk1", display_name="Văn thư",
                                      role=pb.ROLE_WARD_OFFICER, org_id=2,
                                      password="a-long-password")),
    "user-set-enabled": req(38, user_set_enabled=dict(login="clerk1", enabled=False)),
    "user-passwd": req(39, user_passwd=dict(login="clerk1", password="another-password")),
    "user-list": req(40, user_list=dict(limit=5)),
    "audit-list": req(41, audit_list=dict(limit=5)),
    # protocol 1.6: the pipeline board and the list behind it
    "pipeline-count": req(42, pipeline_count=dict(org_id=4)),
    "pipeline-count-all": req(43, pipeline_count={}),
    "person-list-stage": req(44, person_list=dict(org_id=2, stage=pb.STAGE_IN_COURSE,
                                                  limit=1)),
}

# Sequences that build on each other inside one input.
SEQUENCES = {
    "seq-person-advance": ["person-create", "file-advance", "file-moves", "history-list"],
    "seq-calendar": ["calendar-set", "calendar-show", "calendar-add-workdays",
                     "calendar-unset", "calendar-workdays"],
    "seq-user": ["user-add", "user-list", "user-passwd", "user-set-enabled", "audit-list"],
    "seq-org": ["org-create", "org-list", "org-update", "org-get"],
    "seq-quota": ["quota-set", "quota-show", "evaluations-due"],
}


def clear(name):
    d = os.path.join(CORPUS, name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.unlink(os.path.join(d, f))
    return d


def write(d, name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    d = clear("request")
    for name, body in REQUESTS.items():
        write(d, name, b"\x01" + body)

    d = clear("dispatch")
    # Byte 0: who asks ((b & 0x3f) % 7, fuzz_dispatch.c pick_who): 0 the
    # daemon, 1 admin, 2 ward officer, 3 cell secretary; 0x80 strict CCCD.
    for name, body in REQUESTS.items():
        write(d, name, bytes([0x81]) + frame(body))
    for name, steps in SEQUENCES.items():
        write(d, name, bytes([0x81]) + b"".join(frame(REQUESTS[s]) for s in steps))
    write(d, "ward-officer-reads", bytes([0x82]) + b"".join(
        frame(REQUESTS[s]) for s in ("person-get", "person-find", "file-get",
                                     "check-list", "alert-list")))
    write(d, "ward-officer-pipeline", bytes([0x82]) + b"".join(
        frame(REQUESTS[s]) for s in ("pipeline-count-all", "pipeline-count",
                                     "person-list-stage")))
    write(d, "cell-secretary-writes", bytes([0x83]) + b"".join(
        frame(REQUESTS[s]) for s in ("person-create", "person-update",
                                     "file-advance", "org-create")))

    d = clear("frame")
    # Byte 0: limit (0 -> 64 bytes, 4 -> 1 MiB); byte 1: chunk seed.
    stream = b"".join(frame(REQUESTS[s]) for s in ("ping", "person-get", "org-list"))
    write(d, "three-frames", b"\x04\x07" + stream)
    write(d, "empty-frame", b"\x04\x01" + frame(REQUESTS["ping"]) + b"\0\0\0\0" +
          frame(REQUESTS["ping"]))
    write(d, "over-limit", b"\x00\x02" + frame(REQUESTS["person-create"]))
    write(d, "partial", b"\x04\x03" + frame(REQUESTS["org-create"])[:-3])
    write(d, "garbage-body", b"\x02\x05" + frame(b"\xff\xff\xff"))

    d = clear("cal")
    rnd = random.Random(6)
    for i in range(12):
        data = bytes(rnd.randrange(256) for _ in range(160))
        write(d, "random-%02d" % i, data)
    for s in (b"2026-02-17", b"29/2/2024", b"2026-11-20T16:30+07:00", b"9999-12-31"):
        data = bytes(rnd.randrange(256) for _ in range(17)) + bytes([len(s)]) + s
        write(d, "text-" + hashlib.sha1(s).hexdigest()[:8], data + bytes(120))


if __name__ == "__main__":
    main()
