#!/usr/bin/python3
"""Who may do what (protocol 1.4): every request type against every role.

The admin seeds a district with two wards A and B, cells A1 and A2 under
A, B1 under B, police stations under both; candidates in A1, A2 and B1 in
the verification stage with background checks addressed to their own ward
and across (a relative of B1's candidate living in ward A, and the reverse);
overdue checks in both wards give alerts.  Then, for each role (admin, a
second admin, inspector, ward officer A and B, cell secretary A1, police A
and B) and each request type of Request.body, a representative request on
a record inside and one outside the caller's unit: allowed (OK, or the
domain error named) or PERMISSION_DENIED, and a denied write changes
nothing (the store is read back as the admin before and after).  Lists and
searches leave out what the caller may not see.  Before login every request
but Hello, Ping and Login is UNAUTHENTICATED; the daemon's own requests
(DeadlineSweep, SecurityAlert) are refused to everyone.  One TAP line per
cell of the matrix.  Every person is invented."""

import datetime
import time

from hoso_wire import (ADMIN_LOGIN, ADMIN_PASSWORD, Conn, Daemon, daemon_has_init_admin,
                       describe, is_eq, note, ok, pb, run)
from hoso_flow import candidate, history, member, new_person, record, walk

NOW = "2026-11-23T09:00"
NOTE_A1 = "Ghi chú của Đảng ủy An Lạc: chỉ cán bộ đọc"
NOTE_B1 = "Ghi chú của Đảng ủy Bình Trị: chỉ cán bộ đọc"
PW = "mat-khau-vai-tro-01"

ROLES = ["admin", "admin2", "inspector", "wardA", "wardB", "cellA1", "policeA", "policeB"]
LABEL = {"admin": "admin", "admin2": "admin 2", "inspector": "inspector",
         "wardA": "ward officer A", "wardB": "ward officer B", "cellA1": "cell secretary A1",
         "policeA": "police A", "policeB": "police B", "anon": "not logged in"}
LOGIN = {"admin2": "quan.tri.hai", "inspector": "thanh.tra.vien", "wardA": "can.bo.an.lac",
         "wardB": "can.bo.binh.tri", "cellA1": "bi.thu.a1", "policeA": "cong.an.an.lac",
         "policeB": "cong.an.binh.tri"}
ADMINS = ("admin", "admin2")

OK_, DENY, UNAUTH = pb.OK, pb.PERMISSION_DENIED, pb.UNAUTHENTICATED
ALLOWED = "allowed"

COVERED = {}        # request name -> set of roles that got a row


def ts(s):
    """Unix seconds of 'YYYY-MM-DDTHH:MM' in Vietnam (UTC+7)."""
    d = datetime.datetime.fromisoformat(s).replace(
        tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    return int(d.timestamp())


def dotted(body):
    return body.replace("_", ".", 1)


def st(s):
    return pb.Status.Name(s)


def label(want):
    if want == ALLOWED:
        return "allowed"
    if isinstance(want, tuple):
        return " or ".join(label(x) for x in want)
    return st(want)


def good(r, want):
    if want == ALLOWED:
        return r.status not in (DENY, UNAUTH)
    if isinstance(want, tuple):
        return any(good(r, x) for x in want)
    return r.status == want


def cell(role, body, what, r, want, *diag):
    """One cell of the matrix: a TAP line 'role: request on what -> want'."""
    COVERED.setdefault(body, set()).add(role)
    return ok(good(r, want), "%s: %s%s -> %s" % (LABEL[role], dotted(body),
                                                 " " + what if what else "", label(want)),
              describe(r), *diag)


# ---- the world ---------------------------------------------------------------

class World:
    def __init__(self, d):
        self.d = d
        self.a = d.connect()
        self.names = set()
        self.serial = 0
        self.pw = {"admin": ADMIN_PASSWORD}
        self.conns = {}
        self.events_from = {}

    def admin(self):
        """The admin's own connection (reconnects when its session ended)."""
        if self.a.call("ping", pb.Ping()).status != pb.OK or \
                self.a.call("calendar_lunar", pb.CalendarLunar(date="2026-01-01")).status != pb.OK:
            self.a.close()
            self.a = self.d.connect()
        return self.a

    def new_name(self, female=False):
        fam = ["Lê", "Trần", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý",
               "Tạ", "Quách", "Lương", "Châu", "Mạc"]
        mid = ["Thị", "Ngọc", "Thu", "Bích"] if female else ["Văn", "Hữu", "Đức", "Minh"]
        giv = (["Mai", "Lan", "Hạnh", "Yến", "Trang", "Thảo", "Nhung", "Quyên"] if female else
               ["Hùng", "Khoa", "Tài", "Sơn", "Phúc", "Lộc", "Vinh", "Tuấn"])
        while True:
            self.serial += 1
            i = self.serial
            n = "%s %s %s" % (fam[i % 16], mid[(i // 16) % 4], giv[(i // 64) % 8])
            if n not in self.names:
                self.names.add(n)
                return n

    def conn(self, role):
        return self.a if role == "anon" else self.conns[role]


def seed(d):
    w = World(d)
    a = w.a
    o = {}
    o["D"] = a.create_org(pb.ORG_DISTRICT, "Quận ủy Hòa Bình", code="Q-HB")
    o["A"] = a.create_org(pb.ORG_WARD, "Đảng ủy Phường An Lạc", o["D"].id, "P-AL")
    o["B"] = a.create_org(pb.ORG_WARD, "Đảng ủy Phường Bình Trị", o["D"].id, "P-BT")
    o["A1"] = a.create_org(pb.ORG_CELL, "Chi bộ Khu phố 1 An Lạc", o["A"].id, "CB-AL-1")
    o["A2"] = a.create_org(pb.ORG_CELL, "Chi bộ Khu phố 2 An Lạc", o["A"].id, "CB-AL-2")
    o["B1"] = a.create_org(pb.ORG_CELL, "Chi bộ Khu phố 1 Bình Trị", o["B"].id, "CB-BT-1")
    o["PA"] = a.create_org(pb.ORG_POLICE, "Công an Phường An Lạc", o["A"].id, "CA-AL")
    o["PB"] = a.create_org(pb.ORG_POLICE, "Công an Phường Bình Trị", o["B"].id, "CA-BT")
    w.o = o
    w.ward_of = {o["A1"].id: o["A"].id, o["A2"].id: o["A"].id, o["B1"].id: o["B"].id}

    members = {}
    for k, people in (("A1", [("Trương Văn Lộc", "1968-02-02", pb.MALE),
                              ("Mai Thị Hoa", "1971-03-03", pb.FEMALE)]),
                      ("A2", [("Kiều Văn Tấn", "1974-04-04", pb.MALE),
                              ("Lạc Thị Lụa", "1972-08-19", pb.FEMALE)]),
                      ("B1", [("Tạ Văn Nghĩa", "1969-01-21", pb.MALE),
                              ("Khúc Thị Hòa", "1970-12-01", pb.FEMALE)])):
        members[k] = [member(a, n, b, g, o[k].id, "2010-05-05").id for n, b, g in people]
    w.members = members
    for n in ("Lê Thị Thu Trang", "Trần Văn Khoa", "Phạm Thị Ngọc Hà"):
        w.names.add(n)
    p = {}
    p["A1"] = candidate(a, "Lê Thị Thu Trang", "1999-06-14", pb.FEMALE, o["A1"].id, "2026-02-28",
                        residence_id=o["A"].id, notes="Ghi chú nội bộ chi bộ 7731")
    p["A2"] = candidate(a, "Trần Văn Khoa", "1998-09-09", pb.MALE, o["A2"].id, "2026-02-28",
                        residence_id=o["A"].id, notes="Ghi chú nội bộ chi bộ 7732")
    p["B1"] = candidate(a, "Phạm Thị Ngọc Hà", "1997-11-20", pb.FEMALE, o["B1"].id, "2026-02-28",
                        residence_id=o["B"].id, notes="Ghi chú nội bộ chi bộ 7733")
    w.p = p
    for k in p:
        walk(a, p[k].id, pb.STAGE_VERIFYING, "2026-02-28", members[k][:1], members[k][:2])
    # Relatives: A1's father lives in ward B, B1's mother in ward A.
    r = record(a, p["A1"].id, relative=pb.Relative(relation=pb.FATHER, name="Lê Văn Hùng",
                                                     born="1968-05-05", residence="Phường Bình Trị",
                                                     residence_id=o["B"].id))
    assert r.status == pb.OK, describe(r)
    r = record(a, p["B1"].id, relative=pb.Relative(relation=pb.MOTHER, name="Nguyễn Thị Mai",
                                                     born="1970-07-07", residence="Phường An Lạc",
                                                     residence_id=o["A"].id))
    assert r.status == pb.OK, describe(r)
    for k in ("A1", "B1"):
        r = record(a, p[k].id, check_update=pb.CheckUpdate(action=pb.CHECK_PROPOSE))
        assert r.status == pb.OK, describe(r)
    w.names.update(["Lê Văn Hùng", "Nguyễn Thị Mai"])

    def open_(person, ward, subject="", at="2026-11-23T08:00", note=""):
        r = a.call("check_open", pb.CheckOpen(person_id=person.id, ward_id=ward.id,
                                              subject=subject, at=ts(at), note=note,
                                              by="Văn thư"))
        if r.status != pb.OK:
            raise AssertionError("CheckOpen %s/%s: %s" % (person.name, subject, describe(r)))
        return r.check

    c = {}
    c["A1"] = open_(p["A1"], o["A"], note=NOTE_A1)
    c["A2"] = open_(p["A2"], o["A"])
    c["B1"] = open_(p["B1"], o["B"], note=NOTE_B1)
    c["A1>B"] = open_(p["A1"], o["B"], subject="Lê Văn Hùng")      # A1's father, in ward B
    c["B1>A"] = open_(p["B1"], o["A"], subject="Nguyễn Thị Mai")   # B1's mother, in ward A
    w.c = c
    # Overdue checks (received Wednesday 18/11, never forwarded) for alerts.
    w.over = {"A": [open_(p["A2"], o["A"], w.new_name(), "2026-11-18T09:00") for _ in range(4)],
              "B": [open_(p["B1"], o["B"], w.new_name(), "2026-11-18T09:00") for _ in range(4)]}

    # Accounts.
    spec = {"admin2": (pb.ROLE_ADMIN, 0), "inspector": (pb.ROLE_INSPECTOR, 0),
            "wardA": (pb.ROLE_WARD_OFFICER, o["A"].id), "wardB": (pb.ROLE_WARD_OFFICER, o["B"].id),
            "cellA1": (pb.ROLE_CELL_SECRETARY, o["A1"].id),
            "policeA": (pb.ROLE_POLICE, o["PA"].id), "policeB": (pb.ROLE_POLICE, o["B"].id)}
    names = {"admin2": "Đoàn Văn Quý", "inspector": "Hà Thị Thanh", "wardA": "Lương Văn Đạt",
             "wardB": "Châu Thị Kim", "cellA1": "Mạc Văn Tâm", "policeA": "Thượng úy Võ Văn Khải",
             "policeB": "Đại úy Lý Thị Hằng"}
    for role, (rl, org) in spec.items():
        r = a.call("user_add", pb.UserAdd(login=LOGIN[role], display_name=names[role], role=rl,
                                          org_id=org, password=PW))
        if r.status != pb.OK:
            raise AssertionError("UserAdd %s: %s" % (role, describe(r)))
        w.pw[role] = PW
    r = a.call("user_add", pb.UserAdd(login="tam.thoi", display_name="Tạm Thời", role=pb.ROLE_INSPECTOR,
                                      password=PW))
    assert r.status == pb.OK, describe(r)
    LOGIN["admin"] = ADMIN_LOGIN
    for role in ROLES:
        w.conns[role] = d.connect_as(LOGIN[role], w.pw[role])
        w.conns[role].role = role
    return w


def wait_alerts(w, timeout=15.0):
    """Map check id -> its overdue alert, for every overdue check."""
    want = {x.id for k in w.over for x in w.over[k]}
    end = time.time() + timeout
    got = {}
    while time.time() < end:
        items = all_alerts(w.admin())
        got = {x.record_id: x for x in items if x.record_kind == "check" and x.kind == "overdue"
               and x.record_id in want}
        if len(got) == len(want):
            break
        time.sleep(0.2)
    return got


def all_alerts(c):
    out, cursor = [], ""
    while True:
        r = c.call("alert_list", pb.AlertList(limit=1000, cursor=cursor))
        if r.status != pb.OK:
            raise AssertionError(describe(r))
        out += list(r.alert_page.items)
        cursor = r.alert_page.next_cursor
        if not cursor:
            return out


def all_checks(c, **kw):
    out, cursor = [], ""
    while True:
        r = c.call("check_list", pb.CheckList(limit=1000, cursor=cursor, include_closed=True, **kw))
        if r.status != pb.OK:
            return r, out
        out += list(r.check_page.items)
        cursor = r.check_page.next_cursor
        if not cursor:
            return r, out


def snapshot(w):
    """Everything a write could change, read by the admin."""
    a = w.admin()

    def ser(xs):
        return [x.SerializeToString(deterministic=True) for x in xs]

    persons, _ = a.list_all("person_list")
    s = {"persons": ser(persons), "orgs": ser(a.list_all("org_list")[0])}
    cands = [p.id for p in persons if p.stage != pb.STAGE_NONE]
    s["files"] = [a.must("file_get", pb.FileGet(person_id=i)).file.SerializeToString(
        deterministic=True) for i in cands]
    s["history"] = [len(history(a, i)) for i in cands]
    s["checks"] = ser(all_checks(a)[1])
    r = a.must("user_list", pb.UserList(limit=1000))
    s["users"] = ser(r.user_page.items)
    s["quota"] = ser([a.must("quota_show", pb.QuotaShow(org_id=w.o["D"].id, year=2026)).quota_report])
    s["calendar"] = ser(a.must("calendar_show", pb.CalendarShow(year=2027)).calendar_year.edits)
    s["acked"] = sorted(x.id for x in all_alerts(a) if x.acked_at)
    s["due"] = [ser([a.must("evaluations_due", pb.EvaluationsDue(cell_id=w.o[k].id)).due_list])
                for k in ("A1", "A2", "B1")]
    return s


def denied_write(w, role, body, what, send, want=DENY):
    """A write the role may not do: refused, and nothing changed."""
    before = snapshot(w)
    r = send()
    cell(role, body, what, r, want)
    after = snapshot(w)
    diff = [k for k in before if before[k] != after[k]]
    ok(not diff, "%s: %s%s changed nothing" % (LABEL[role], dotted(body), " " + what if what else ""),
       "changed: %s" % diff)
    return r


def write(w, role, body, what, send, want):
    """A write: allowed ones are sent, denied ones are checked to change
    nothing."""
    if want == DENY or want == UNAUTH:
        return denied_write(w, role, body, what, send, want)
    r = send()
    cell(role, body, what, r, want)
    return r


# ---- scopes --------------------------------------------------------------------

def person_targets(role):
    """(target key, expected for reads, expected for writes)."""
    if role in ADMINS:
        return [("A1", OK_, OK_), ("B1", OK_, OK_)]
    if role == "inspector":
        return [("A1", OK_, DENY), ("B1", OK_, DENY)]
    if role == "wardA":
        return [("A1", OK_, OK_), ("A2", OK_, OK_), ("B1", DENY, DENY)]
    if role == "wardB":
        return [("B1", OK_, OK_), ("A1", DENY, DENY)]
    if role == "cellA1":
        return [("A1", OK_, OK_), ("A2", DENY, DENY), ("B1", DENY, DENY)]
    return [("A1", DENY, DENY), ("B1", DENY, DENY)]       # police


def check_read_targets(role):
    keys = ["A1", "A2", "B1", "A1>B", "B1>A"]
    if role in ADMINS or role == "inspector":
        yes = set(keys)
    else:
        yes = {"wardA": {"A1", "A2", "A1>B", "B1>A"}, "wardB": {"B1", "A1>B", "B1>A"},
               "cellA1": {"A1", "A1>B"}, "policeA": {"A1", "A2", "B1>A"},
               "policeB": {"B1", "A1>B"}}[role]
    return [(k, OK_ if k in yes else DENY) for k in keys]


def what_p(k):
    return "on %s candidate" % k


def what_c(k):
    return {"A1": "on A1 candidate's check (ward A)", "A2": "on A2 candidate's check (ward A)",
            "B1": "on B1 candidate's check (ward B)",
            "A1>B": "on A1 candidate's father's check (addressed to ward B)",
            "B1>A": "on B1 candidate's mother's check (addressed to ward A)"}[k]


def visible_person(w, role, p):
    if role in ADMINS or role == "inspector":
        return True
    if role == "wardA":
        return w.ward_of.get(p.cell_id) == w.o["A"].id
    if role == "wardB":
        return w.ward_of.get(p.cell_id) == w.o["B"].id
    if role == "cellA1":
        return p.cell_id == w.o["A1"].id
    return False


def visible_check(w, role, v, cell_of):
    if role in ADMINS or role == "inspector":
        return True
    pc = cell_of.get(v.person_id)
    if role == "wardA":
        return w.ward_of.get(pc) == w.o["A"].id or v.ward_id == w.o["A"].id
    if role == "wardB":
        return w.ward_of.get(pc) == w.o["B"].id or v.ward_id == w.o["B"].id
    if role == "cellA1":
        return pc == w.o["A1"].id
    if role == "policeA":
        return v.ward_id == w.o["A"].id
    if role == "policeB":
        return v.ward_id == w.o["B"].id
    return False


def person_cells(w):
    persons, _ = w.admin().list_all("person_list")
    return {p.id: p.cell_id for p in persons}, persons


# ---- rows ----------------------------------------------------------------------

def rows_session(w):
    d = w.d
    for role in ROLES:
        c = Conn(d.port)
        r = c.hello(token=w.conn(role).token, check=False)
        cell(role, "hello", "with the role's session token", r, OK_)
        is_eq(r.hello.user.login if r.status == OK_ else None, LOGIN[role],
              "%s: HelloReply.user is %s" % (LABEL[role], LOGIN[role]))
        c.close()
        cell(role, "ping", "", w.conn(role).ping(), OK_)
        c = d.connect(login=False)
        cell(role, "login", "with the right password", c.login(LOGIN[role], w.pw[role]), OK_)
        c.close()
        c = d.connect(login=False, source="127.0.0.%d" % (60 + ROLES.index(role)))
        cell(role, "login", "with a wrong password", c.login(LOGIN[role], "sai-mat-khau-000"),
             UNAUTH)
        c.close()
        c = d.connect_as(LOGIN[role], w.pw[role])
        cell(role, "logout", "of a second session", c.logout(), OK_)
        cell(role, "calendar_lunar", "after that logout, on its connection",
             c.call("calendar_lunar", pb.CalendarLunar(date="2026-02-17")), UNAUTH)
        c.close()
        cell(role, "calendar_lunar", "on the role's main session after the other logged out",
             w.conn(role).call("calendar_lunar", pb.CalendarLunar(date="2026-02-17")), OK_)
    c = Conn(d.port)
    r = c.hello(token="f" * 64, check=False)
    ok(r.status == UNAUTH, "anyone: hello with a token nobody got -> UNAUTHENTICATED", describe(r))
    c.close()


def rows_org(w):
    o = w.o
    for role in ROLES:
        c = w.conn(role)
        # org.get
        if role in ADMINS or role == "inspector":
            tg = [("D", OK_), ("A", OK_), ("B1", OK_)]
        elif role in ("wardA", "wardB"):
            me, other = ("A", "B") if role == "wardA" else ("B", "A")
            tg = [("D", OK_), (me, OK_), (me + "1", OK_), ("P" + me, OK_), (other, DENY),
                  (other + "1", DENY)]
        elif role == "cellA1":
            tg = [("A1", OK_), ("B", DENY), ("B1", DENY)]
        else:
            me, other = ("A", "B") if role == "policeA" else ("B", "A")
            tg = [(me, OK_), (other, DENY), (other + "1", DENY)]
        for k, want in tg:
            cell(role, "org_get", "of unit %s" % k, c.call("org_get", pb.OrgGet(id=o[k].id)), want)
        # org.list
        r = c.call("org_list", pb.OrgList(limit=1000))
        ids = {x.id for x in r.org_page.items}
        if role in ("policeA", "policeB"):
            me, other = ("A", "B") if role == "policeA" else ("B", "A")
            must, never = {me}, {other, other + "1", "P" + other}
        elif role in ("wardA", "wardB"):
            me, other = ("A", "B") if role == "wardA" else ("B", "A")
            must = {"D", me, me + "1", "P" + me} | ({"A2"} if me == "A" else set())
            never = {other, other + "1", "P" + other} | ({"A2"} if me == "B" else set())
        elif role == "cellA1":
            must, never = {"A1"}, {"B", "B1", "PB"}
        else:
            must, never = set(o), set()
        cell(role, "org_list", "", r, OK_)
        ok(r.status == OK_ and {o[k].id for k in must} <= ids and not ({o[k].id for k in never} & ids),
           "%s: org.list shows %s and none of %s" % (LABEL[role], sorted(must), sorted(never)),
           "got %s" % sorted(k for k in o if o[k].id in ids))
        # org.create
        code = "T-%s" % role
        write(w, role, "org_create", "of a cell under ward A",
              lambda: c.call("org_create", pb.OrgCreate(kind=pb.ORG_CELL, name="Chi bộ thử %s" % role,
                                                        parent_id=o["A"].id, code=code)),
              OK_ if role in ADMINS else DENY)
        # org.update
        for k in (("A", "B") if role in ADMINS else ("A1", "A", "B")):
            cur = w.admin().must("org_get", pb.OrgGet(id=o[k].id)).org
            write(w, role, "org_update", "of unit %s" % k,
                  lambda: c.call("org_update", pb.OrgUpdate(
                      id=cur.id, expected_version=cur.version, fields=["name"],
                      org=pb.Org(name=cur.name))), OK_ if role in ADMINS else DENY)


def rows_person(w):
    o, p = w.o, w.p
    for role in ROLES:
        c = w.conn(role)
        for k, rd, wr in person_targets(role):
            pid = p[k].id
            for body, msg in (("person_get", pb.PersonGet(id=pid)),
                              ("file_get", pb.FileGet(person_id=pid)),
                              ("file_moves", pb.FileMoves(person_id=pid)),
                              ("history_list", pb.HistoryList(person_id=pid))):
                cell(role, body, what_p(k), c.call(body, msg), rd)
            cur = w.admin().must("person_get", pb.PersonGet(id=pid)).person
            w.serial += 1
            phone = "09%08d" % (w.serial * 37 % 100000000)
            write(w, role, "person_update", what_p(k) + " (phone)",
                  lambda: c.call("person_update", pb.PersonUpdate(
                      id=pid, expected_version=cur.version, fields=["phone"],
                      person=pb.Person(phone=phone))), wr)
            write(w, role, "file_advance", what_p(k) + " to cell-vote without votes",
                  lambda: c.call("file_advance", pb.FileAdvance(person_id=pid, to=pb.STAGE_CELL_VOTE)),
                  pb.FAILED_PRECONDITION if wr == OK_ else wr)
            write(w, role, "file_record", what_p(k) + " (a paper)",
                  lambda: record(c, pid, note="Bổ sung", document=pb.Document(
                      kind=pb.DOC_SUMMARY, date="2026-11-20", note="Bản tổng hợp %s" % role)), wr)
            if wr == OK_:
                month = "2026-%02d" % (6 + len([x for x in w.eval_months if x[0] == pid]))
                w.eval_months.append((pid, month))
            else:
                month = "2026-10"
            write(w, role, "evaluation_add", what_p(k) + " for " + month,
                  lambda: c.call("evaluation_add", pb.EvaluationAdd(evaluation=pb.Evaluation(
                      person_id=pid, month=month, rating=pb.GOOD, comment="Tích cực",
                      evaluator_id=w.members[k][0]))), wr)
        # person.create
        for k in ("A1", "A2", "B1"):
            if role in ADMINS:
                want = OK_ if k != "A2" else None
            elif role == "wardA":
                want = OK_ if k in ("A1", "A2") else DENY
            elif role == "wardB":
                want = OK_ if k == "B1" else (DENY if k == "A1" else None)
            elif role == "cellA1":
                want = OK_ if k == "A1" else DENY
            else:
                want = DENY if k != "A2" else None
            if want is None:
                continue
            name = w.new_name(female=True)
            r = write(w, role, "person_create", "in cell %s" % k,
                      lambda: new_person(c, name, "2000-03-03", pb.FEMALE, cell_id=o[k].id,
                                         residence_id=w.ward_of[o[k].id]), want)
        # lists and searches
        cell_of, persons = person_cells(w)
        r = c.call("person_list", pb.PersonList(limit=1000))
        if role in ("policeA", "policeB"):
            cell(role, "person_list", "", r, DENY)
            cell(role, "person_find", "of the A1 candidate",
                 c.call("person_find", pb.PersonFind(text=p["A1"].name)), DENY)
            cell(role, "evaluations_due", "of cell A1",
                 c.call("evaluations_due", pb.EvaluationsDue(cell_id=o["A1"].id)), DENY)
            continue
        cell(role, "person_list", "(everyone)", r, OK_)
        want = sorted(x.id for x in persons if visible_person(w, role, x))
        is_eq(sorted(x.id for x in r.person_page.items), want,
              "%s: person.list lists exactly the people of its unit (%d)" % (LABEL[role], len(want)))
        for k in ("A1", "A2", "B1"):
            if visible_person(w, role, p[k]):
                continue
            r = c.call("person_list", pb.PersonList(cell_id=o[k].id))
            cell(role, "person_list", "of cell %s (outside) is an empty list" % k, r, OK_)
            is_eq(len(r.person_page.items), 0, "%s: person.list of cell %s shows nobody"
                  % (LABEL[role], k))
            r = c.call("person_find", pb.PersonFind(text=p[k].name))
            cell(role, "person_find", "of the %s candidate by name (outside)" % k, r, OK_)
            ok(p[k].id not in [x.id for x in r.person_page.items],
               "%s: person.find leaves the %s candidate out" % (LABEL[role], k))
            r = c.call("person_find", pb.PersonFind(text=p[k].id_number))
            ok(r.status == OK_ and p[k].id not in [x.id for x in r.person_page.items],
               "%s: person.find by the %s candidate's CCCD finds nothing" % (LABEL[role], k),
               describe(r))
        for k in ("A1", "A2", "B1"):
            if not visible_person(w, role, p[k]):
                continue
            r = c.call("person_find", pb.PersonFind(text=p[k].name))
            cell(role, "person_find", "of the %s candidate by name (inside)" % k, r, OK_)
            ok(p[k].id in [x.id for x in r.person_page.items],
               "%s: person.find finds the %s candidate" % (LABEL[role], k))
        for k in ("A1", "A2", "B1"):
            r = c.call("evaluations_due", pb.EvaluationsDue(cell_id=o[k].id, as_of="2026-11-23"))
            if visible_person(w, role, p[k]):
                cell(role, "evaluations_due", "of cell %s" % k, r, OK_)
            else:
                ok(r.status == DENY or (r.status == OK_ and not r.due_list.items),
                   "%s: evaluations.due of cell %s (outside) -> PERMISSION_DENIED or an empty list"
                   % (LABEL[role], k), describe(r), r.due_list)
                COVERED.setdefault("evaluations_due", set()).add(role)


def rows_pipeline(w):
    """PipelineCount (protocol 1.6) of a unit inside and outside the caller's,
    and of 0 (the caller's own unit): the counts are those of the people the
    caller may see; PersonList narrowed to a unit outside is refused too."""
    o = w.o
    _, persons = person_cells(w)
    for role in ROLES:
        c = w.conn(role)
        if role in ADMINS or role == "inspector":
            tg = [("D", OK_), ("A", OK_), ("B1", OK_)]
        elif role in ("wardA", "wardB"):
            me, other = ("A", "B") if role == "wardA" else ("B", "A")
            tg = [(me, OK_), (me + "1", OK_), (other, DENY), (other + "1", DENY), ("D", DENY)]
        elif role == "cellA1":
            tg = [("A1", OK_), ("A2", DENY), ("A", DENY), ("B1", DENY)]
        else:
            tg = [("A", DENY), ("B", DENY)]
        for k, want in tg:
            cell(role, "pipeline_count", "of unit %s" % k,
                 c.call("pipeline_count", pb.PipelineCount(org_id=o[k].id)), want)
        r = c.call("pipeline_count", pb.PipelineCount())
        if role in ("policeA", "policeB"):
            cell(role, "pipeline_count", "of its own unit (0)", r, DENY)
            continue
        cell(role, "pipeline_count", "of its own unit (0)", r, OK_)
        want = {}
        for x in persons:
            if x.stage != pb.STAGE_NONE and visible_person(w, role, x):
                want[x.stage] = want.get(x.stage, 0) + 1
        got = {x.stage: x.count for x in r.pipeline.counts}
        is_eq(got, want, "%s: pipeline.count of 0 counts exactly the candidates it may see"
              % LABEL[role])
        for k, want in tg:
            if want == DENY:
                r = c.call("person_list", pb.PersonList(org_id=o[k].id))
                cell(role, "person_list", "narrowed to unit %s (outside)" % k, r, DENY)
                break


def rows_quota_calendar(w):
    o = w.o
    w.admin().must("calendar_set", pb.CalendarSet(date="2027-07-01", kind=pb.CAL_DAY_OFF,
                                                  reason="Nghỉ thử"))
    for i, role in enumerate(ROLES):
        c = w.conn(role)
        write(w, role, "quota_set", "for ward A",
              lambda: c.call("quota_set", pb.QuotaSet(quota=pb.Quota(org_id=o["A"].id, year=2026,
                                                                     target=5 + i))),
              OK_ if role in ADMINS else DENY)
        if role in ADMINS or role == "inspector":
            tg = [("D", OK_), ("A", OK_), ("B1", OK_)]
        elif role in ("wardA", "wardB"):
            me, other = ("A", "B") if role == "wardA" else ("B", "A")
            tg = [(me, OK_), (me + "1", OK_), (other, DENY), (other + "1", DENY), ("D", DENY)]
        elif role == "cellA1":
            tg = [("A1", OK_), ("B", DENY), ("B1", DENY)]
        else:
            tg = [("A" if role == "policeA" else "B", DENY)]
        for k, want in tg:
            cell(role, "quota_show", "of unit %s" % k,
                 c.call("quota_show", pb.QuotaShow(org_id=o[k].id, year=2026)), want)
        day = "2027-06-%02d" % (10 + i)
        write(w, role, "calendar_set", day + " off",
              lambda: c.call("calendar_set", pb.CalendarSet(date=day, kind=pb.CAL_DAY_OFF,
                                                            reason="Nghỉ bù thử")),
              OK_ if role in ADMINS else DENY)
        write(w, role, "calendar_unset", "2027-07-01" if role not in ADMINS else day,
              lambda: c.call("calendar_unset", pb.CalendarUnset(
                  date="2027-07-01" if role not in ADMINS else day)),
              OK_ if role in ADMINS else DENY)
        cell(role, "calendar_show", "2027", c.call("calendar_show", pb.CalendarShow(year=2027)), OK_)
        cell(role, "calendar_lunar", "2026-02-17",
             c.call("calendar_lunar", pb.CalendarLunar(date="2026-02-17")), OK_)
        cell(role, "calendar_add_workdays", "2026-02-13 + 1",
             c.call("calendar_add_workdays", pb.CalendarAddWorkdays(date="2026-02-13", n=1)), OK_)
        cell(role, "calendar_workdays", "November 2026",
             c.call("calendar_workdays", pb.CalendarWorkdays(**{"from": "2026-11-01",
                                                                 "to": "2026-11-30"})), OK_)


def fresh_check(w, person, ward, forwarded=False):
    a = w.admin()
    r = a.call("check_open", pb.CheckOpen(person_id=person.id, ward_id=ward.id,
                                          subject=w.new_name(), by="Văn thư"))
    if r.status != pb.OK:
        raise AssertionError("CheckOpen: " + describe(r))
    v = r.check
    if forwarded:
        r = a.call("check_step", pb.CheckStep(check_id=v.id, step=pb.STEP_FORWARD))
        if r.status != pb.OK:
            raise AssertionError("forward: " + describe(r))
        v = r.check
    return v


def rows_checks(w):
    o, p, ch = w.o, w.p, w.c
    a = w.admin()
    for role in ROLES:
        c = w.conn(role)
        for k, want in check_read_targets(role):
            r = c.call("check_get", pb.CheckGet(check_id=ch[k].id))
            cell(role, "check_get", what_c(k), r, want)
            if r.status == OK_ and role in ("policeA", "policeB"):
                police_view(w, role, k, r)
            cell(role, "check_explain", what_c(k),
                 c.call("check_explain", pb.CheckExplain(check_id=ch[k].id)), want)
        if role in ("policeA", "policeB"):
            # A subject named at CheckOpen who is no declared relative.
            k = "A2" if role == "policeA" else "B1"
            v = fresh_check(w, p[k], o["A" if role == "policeA" else "B"])
            r = c.call("check_get", pb.CheckGet(check_id=v.id))
            si = r.check.subject_info
            ok(r.status == OK_ and si.subject_name == v.subject and si.name == p[k].name
               and si.subject_born != p[k].born,
               "%s: check.get of a check for someone undeclared: subject_info names that "
               "subject and does not give the candidate's birth date as theirs" % LABEL[role],
               describe(r), si)
        # check.open
        if role in ADMINS:
            tg = [("A1", "A", OK_), ("B1", "B", OK_)]
        elif role == "wardA":
            tg = [("A1", "A", OK_), ("A2", "A", OK_), ("B1", "B", DENY)]
        elif role == "wardB":
            tg = [("B1", "B", OK_), ("A1", "A", DENY)]
        else:
            tg = [("A1", "A", DENY), ("B1", "B", DENY)]
        for k, wd, want in tg:
            subj = w.new_name()
            write(w, role, "check_open", "for the %s candidate's relative, to ward %s" % (k, wd),
                  lambda: c.call("check_open", pb.CheckOpen(person_id=p[k].id, ward_id=o[wd].id,
                                                            subject=subj, by=LABEL[role])), want)
        # check.step
        fwd = []
        if role in ADMINS:
            fwd = [("A1", "A", OK_), ("B1", "B", OK_)]
        elif role == "wardA":
            fwd = [("A1", "A", OK_), ("B1", "A", OK_), ("B1", "B", DENY)]
        elif role == "wardB":
            fwd = [("B1", "B", OK_), ("A1", "B", OK_), ("A2", "A", DENY)]
        else:
            fwd = [("A1", "A", DENY)]
        for k, wd, want in fwd:
            v = fresh_check(w, p[k], o[wd])
            write(w, role, "check_step", "forward, on a check of the %s candidate to ward %s"
                  % (k, wd), lambda: c.call("check_step", pb.CheckStep(
                      check_id=v.id, step=pb.STEP_FORWARD, by=LABEL[role])), want)
        if role in ("policeA", "policeB") or role in ADMINS:
            me, other = ("A", "B") if role != "policeB" else ("B", "A")
            k_me, k_other = ("A2" if me == "A" else "B1"), ("B1" if other == "B" else "A2")
            v = fresh_check(w, p[k_me], o[me], forwarded=True)
            write(w, role, "check_step", "police-received, on a ward %s check" % me,
                  lambda: c.call("check_step", pb.CheckStep(check_id=v.id,
                                                            step=pb.STEP_POLICE_RECEIVED)), OK_)
            write(w, role, "check_step", "police-result clear, on that ward %s check" % me,
                  lambda: c.call("check_step", pb.CheckStep(check_id=v.id, step=pb.STEP_POLICE_RESULT,
                                                            result=pb.RESULT_CLEAR)), OK_)
            v = fresh_check(w, p[k_other], o[other], forwarded=True)
            write(w, role, "check_step", "police-received, on a ward %s check" % other,
                  lambda: c.call("check_step", pb.CheckStep(check_id=v.id,
                                                            step=pb.STEP_POLICE_RECEIVED)),
                  OK_ if role in ADMINS else DENY)
            if role not in ADMINS:
                v = fresh_check(w, p[k_me], o[me], forwarded=True)
                r = a.call("check_step", pb.CheckStep(check_id=v.id, step=pb.STEP_POLICE_RECEIVED))
                r = a.call("check_step", pb.CheckStep(check_id=v.id, step=pb.STEP_POLICE_RESULT,
                                                      result=pb.RESULT_CLEAR))
                write(w, role, "check_step", "return, on a ward %s check (not a police step)" % me,
                      lambda: c.call("check_step", pb.CheckStep(check_id=v.id, step=pb.STEP_RETURN)),
                      DENY)
        # check.list and check.report
        cell_of, _ = person_cells(w)
        _, every = all_checks(a)
        r, got = all_checks(c)
        cell(role, "check_list", "(everything)", r, OK_)
        want = sorted(v.id for v in every if visible_check(w, role, v, cell_of))
        is_eq(sorted(v.id for v in got), want,
              "%s: check.list lists exactly the checks it may read (%d of %d)"
              % (LABEL[role], len(want), len(every)))
        if role in ("policeA", "policeB"):
            ok(got and all(v.note == "" for v in got), "%s: every check listed has an empty note"
               % LABEL[role], [v.note for v in got if v.note][:3])
            other = o["B"] if role == "policeA" else o["A"]
            r, got2 = all_checks(c, ward_id=other.id)
            cell(role, "check_list", "of the other ward is an empty list", r, OK_)
            is_eq(len(got2), 0, "%s: check.list of the other ward shows nothing" % LABEL[role])
        r = c.call("check_report", pb.CheckReport(**{"from": "2026-11-01", "to": "2026-11-30"}))
        cell(role, "check_report", "November 2026", r, OK_)
        counts = {}
        for v in every:
            if visible_check(w, role, v, cell_of) and v.entered_at:
                counts[v.ward_id] = counts.get(v.ward_id, 0) + 1
        got = {x.ward_id: x.checks for x in r.check_report.wards if x.checks}
        is_eq(got, counts, "%s: check.report counts, per ward, exactly the checks it may read"
              % LABEL[role])


def police_view(w, role, k, r):
    v = r.check
    p = w.p["A1" if k.startswith("A1") else "A2" if k == "A2" else "B1"]
    si = v.subject_info
    res = {w.o["A"].id: w.o["A"].name, w.o["B"].id: w.o["B"].name}[p.residence_id]
    ok((si.name, si.born, si.id_number) == (p.name, p.born, p.id_number),
       "%s: check.get %s carries subject_info with the candidate's name, born, id_number"
       % (LABEL[role], what_c(k)), si)
    ok(si.residence == res or res in si.residence,
       "%s: ... and the candidate's ward of residence" % LABEL[role], si.residence)
    subj, born, rel = {"A1>B": ("Lê Văn Hùng", "1968-05-05", pb.FATHER),
                       "B1>A": ("Nguyễn Thị Mai", "1970-07-07", pb.MOTHER)}.get(
                           k, (p.name, p.born, None))
    is_eq((si.subject_name, si.subject_born), (subj, born),
          "%s: ... and the subject verified, with the subject's birth date" % LABEL[role])
    if rel is not None:
        is_eq(si.relation, rel, "%s: ... and how the subject is related" % LABEL[role])
    if k == "B1>A":
        ok(any(x.name == "Nguyễn Thị Mai" for x in si.relatives),
           "%s: ... and the relatives" % LABEL[role], si.relatives)
    is_eq(v.note, "", "%s: check.get %s has an empty note" % (LABEL[role], what_c(k)))
    raw = r.SerializeToString()
    ok(p.notes.encode() not in raw and NOTE_A1.encode() not in raw and NOTE_B1.encode() not in raw,
       "%s: the reply holds neither the person's notes nor the check's note" % LABEL[role])


def leaks(w, role, alerts, cell_of):
    """The alerts among these that role should not see: for police, any not
    on a check addressed to its ward; for the others, any of the other
    ward's units that is not about a check the role may read."""
    a = w.admin()
    every = all_checks(a)[1]
    if role in ("policeA", "policeB"):
        ward = w.o["A" if role == "policeA" else "B"].id
        theirs = {v.id for v in every if v.ward_id == ward}
        return [x for x in alerts if not (x.record_kind == "check" and x.record_id in theirs)]
    if role in ADMINS or role == "inspector":
        return []
    o = w.o
    other = ({o["B"].id, o["B1"].id, o["PB"].id} if role in ("wardA", "cellA1")
             else {o["A"].id, o["A1"].id, o["A2"].id, o["PA"].id})
    vis = {v.id for v in every if visible_check(w, role, v, cell_of)}
    return [x for x in alerts if x.org_id in other
            and not (x.record_kind == "check" and x.record_id in vis)]


def rows_alerts(w):
    amap = wait_alerts(w)
    ok(len(amap) == 8, "an overdue alert for each of the 8 overdue checks (%d)" % len(amap))
    a = w.admin()
    alerts = all_alerts(a)
    cell_of, _ = person_cells(w)
    for role in ROLES:
        c = w.conn(role)
        r = c.call("alert_list", pb.AlertList(limit=1000))
        cell(role, "alert_list", "(everything)", r, OK_)
        ids = {x.id for x in r.alert_page.items}
        mine = {x.id for x in r.alert_page.items}
        if role in ADMINS or role == "inspector":
            ok({x.id for x in alerts} <= ids, "%s: alert.list shows every alert" % LABEL[role])
            continue
        bad = leaks(w, role, r.alert_page.items, cell_of)
        if role in ("policeA", "policeB"):
            ok(not bad, "%s: alert.list shows only alerts on checks addressed to its ward"
               % LABEL[role], [(x.kind, x.record_kind, x.record_id, x.org_id) for x in bad][:5])
            k = "A" if role == "policeA" else "B"
            ok({amap[v.id].id for v in w.over[k] if v.id in amap} <= mine,
               "%s: ... including the overdue ones" % LABEL[role])
            continue
        ok(not bad, "%s: alert.list shows nothing of the other ward" % LABEL[role],
           [(x.kind, x.record_kind, x.record_id, x.org_id) for x in bad][:5])
        if role in ("wardA", "wardB"):
            k = role[-1]
            ok({amap[v.id].id for v in w.over[k] if v.id in amap} <= mine,
               "%s: alert.list shows its ward's overdue alerts" % LABEL[role])
    # alert.ack: A's overdue alerts 0..3 and B's 0..3.
    plan = {"admin": [("A", 0, OK_)], "admin2": [("B", 0, OK_)],
            "inspector": [("A", 1, DENY)],
            "wardA": [("A", 1, OK_), ("B", 1, DENY)], "wardB": [("B", 1, OK_), ("A", 2, DENY)],
            "cellA1": [("A", 2, DENY)],
            "policeA": [("A", 2, OK_), ("B", 2, DENY)], "policeB": [("B", 2, OK_), ("A", 3, DENY)]}
    for role in ROLES:
        c = w.conn(role)
        for k, i, want in plan[role]:
            v = w.over[k][i]
            if v.id not in amap:
                ok(False, "%s: alert.ack: no alert for overdue check %d" % (LABEL[role], v.id))
                continue
            al = amap[v.id]
            write(w, role, "alert_ack", "of an overdue alert of ward %s" % k,
                  lambda: c.call("alert_ack", pb.AlertAck(alert_id=al.id, by=LABEL[role])), want)


def rows_subscribe(w):
    o = w.o
    for role in ROLES:
        c = w.conn(role)
        if role in ADMINS or role == "inspector":
            cell(role, "subscribe", "to everything",
                 c.call("subscribe", pb.Subscribe(all=True)), OK_)
            continue
        if role == "cellA1":
            r = c.call("subscribe", pb.Subscribe(org_ids=[o["B"].id]))
            cell(role, "subscribe", "to ward B", r, (DENY, OK_))
            cell(role, "subscribe", "to cell A1",
                 c.call("subscribe", pb.Subscribe(org_ids=[o["A1"].id])), OK_)
            continue
        me, other = ("A", "B") if role in ("wardA", "policeA") else ("B", "A")
        cell(role, "subscribe", "to the other ward %s" % other,
             c.call("subscribe", pb.Subscribe(org_ids=[o[other].id])), DENY)
        cell(role, "subscribe", "to its ward %s" % me,
             c.call("subscribe", pb.Subscribe(org_ids=[o[me].id])), OK_)
    # New overdue checks in both wards: who hears of them?
    a = w.admin()
    t0 = time.time()
    na = a.must("check_open", pb.CheckOpen(person_id=w.p["A2"].id, ward_id=o["A"].id,
                                           subject=w.new_name(), at=ts("2026-11-18T10:00"))).check
    nb = a.must("check_open", pb.CheckOpen(person_id=w.p["B1"].id, ward_id=o["B"].id,
                                           subject=w.new_name(), at=ts("2026-11-18T10:00"))).check
    w.over["A"].append(na)
    w.over["B"].append(nb)
    wait_alerts(w)
    time.sleep(1.0)
    cell_of, _ = person_cells(w)
    for role in ROLES:
        c = w.conn(role)
        c.call("ping", pb.Ping())           # collects the events that came before
    for role in ROLES:
        ev = [e.alert for e in w.conn(role).events]
        got = {x.record_id for x in ev if x.record_kind == "check"}
        hear = {"admin": {na.id, nb.id}, "admin2": {na.id, nb.id}, "inspector": {na.id, nb.id},
                "wardA": {na.id}, "wardB": {nb.id}, "policeA": {na.id}, "policeB": {nb.id},
                "cellA1": set()}[role]
        never = {na.id, nb.id} - hear
        ok(hear <= got and not (never & got), "%s: subscribed, it hears of the new overdue check "
           "in %s and not of %s" % (LABEL[role], sorted(hear) or "none", sorted(never) or "none"),
           "events on checks: %s" % sorted(got))
        bad = leaks(w, role, ev, cell_of)
        ok(not bad, "%s: no event about what it may not see" % LABEL[role],
           [(x.kind, x.record_kind, x.record_id, x.org_id) for x in bad][:5])
    note("subscription events checked %.1f s after the checks were opened" % (time.time() - t0))


def rows_users(w):
    for i, role in enumerate(ROLES):
        c = w.conn(role)
        write(w, role, "user_add", "of an inspector",
              lambda: c.call("user_add", pb.UserAdd(
                  login="moi.%d" % i, display_name="Người mới %d" % i, role=pb.ROLE_INSPECTOR,
                  password=PW)), OK_ if role in ADMINS else DENY)
        write(w, role, "user_set_enabled", "of another account (disable)",
              lambda: c.call("user_set_enabled", pb.UserSetEnabled(login="tam.thoi", enabled=False)),
              OK_ if role in ADMINS else DENY)
        if role in ADMINS:
            w.admin().must("user_set_enabled", pb.UserSetEnabled(login="tam.thoi", enabled=True))
        r = c.call("user_list", pb.UserList(limit=1000))
        cell(role, "user_list", "", r, OK_ if role in ADMINS else DENY)
        if role in ADMINS:
            ok(r.user_page.items and all(u.password_hash == "" for u in r.user_page.items),
               "%s: user.list has no password_hash" % LABEL[role])
        r = c.call("audit_list", pb.AuditList(limit=10))
        cell(role, "audit_list", "", r, OK_ if role in ADMINS or role == "inspector" else DENY)
        r = c.call("admin_backup", pb.AdminBackup())
        cell(role, "admin_backup", "", r, OK_ if role in ADMINS else DENY)
        while r.status == OK_ and not r.backup.last:    # the rest of the copy
            r = c.recv_response()
        if role not in ADMINS:
            write(w, role, "user_passwd", "of another account",
                  lambda: c.call("user_passwd", pb.UserPasswd(login="tam.thoi",
                                                              password="mat-khau-bi-doi-99",
                                                              old_password=PW)), DENY)
    with w.d.connect(login=False, source="127.0.0.90") as t:
        r = t.login("tam.thoi", PW)
        ok(r.status == OK_, "the account whose password others tried to set keeps its password",
           describe(r))
    # Each changes its own password (the admin last: that ends the helper's
    # other admin sessions).
    for role in ROLES[::-1]:
        c = w.conn(role)
        new = w.pw[role] + "-2"
        r = write(w, role, "user_passwd", "of itself, with the old password",
                  lambda: c.call("user_passwd", pb.UserPasswd(password=new,
                                                              old_password=w.pw[role])), OK_)
        if r.status == OK_:
            w.pw[role] = new
    for role in ROLES:
        r = w.conn(role).call("calendar_lunar", pb.CalendarLunar(date="2026-02-17"))
        ok(r.status == OK_, "%s: the session that changed its own password goes on" % LABEL[role],
           describe(r))
    r = w.conn("admin").call("user_passwd", pb.UserPasswd(login="tam.thoi", password=PW + "-x"))
    cell("admin", "user_passwd", "of another account", r, OK_)
    r = w.conn("admin2").call("user_passwd", pb.UserPasswd(login="tam.thoi", password=PW))
    cell("admin2", "user_passwd", "of another account", r, OK_)
    # Put the test admin's password back for the helper.
    r = w.conn("admin").call("user_passwd", pb.UserPasswd(password=ADMIN_PASSWORD,
                                                          old_password=w.pw["admin"]))
    ok(r.status == OK_, "the admin's password is set back", describe(r))
    w.pw["admin"] = ADMIN_PASSWORD


def rows_internal(w):
    for role in ROLES:
        c = w.conn(role)
        write(w, role, "deadline_sweep", "",
              lambda: c.call("deadline_sweep", pb.DeadlineSweep()), pb.INVALID_ARGUMENT)
        write(w, role, "security_alert", "(a forged one)",
              lambda: c.call("security_alert", pb.SecurityAlert(login="gia.mao", peer="10.9.9.9",
                                                                failures=50)),
              pb.INVALID_ARGUMENT)
        forged = [x for x in all_alerts(w.admin()) if "gia.mao" in x.message or "10.9.9.9" in x.message]
        ok(not forged, "%s: the forged security alert raised nothing" % LABEL[role])


def representative(w):
    """One request of each type, for the requests before login."""
    o, p, ch = w.o, w.p, w.c
    pid = p["A1"].id
    return {
        "logout": pb.Logout(),
        "org_create": pb.OrgCreate(kind=pb.ORG_CELL, name="Chi bộ lạ", parent_id=o["A"].id),
        "org_get": pb.OrgGet(id=o["A"].id),
        "org_update": pb.OrgUpdate(id=o["A1"].id, expected_version=1, fields=["name"],
                                   org=pb.Org(name="Đổi tên")),
        "org_list": pb.OrgList(),
        "person_create": pb.PersonCreate(person=pb.Person(name="Hồ Thị Lạ", born="2001-01-01",
                                                          gender=pb.FEMALE,
                                                          id_number="079301000777",
                                                          cell_id=o["A1"].id)),
        "person_get": pb.PersonGet(id=pid),
        "person_update": pb.PersonUpdate(id=pid, expected_version=1, fields=["phone"],
                                         person=pb.Person(phone="0900000000")),
        "person_list": pb.PersonList(),
        "person_find": pb.PersonFind(text="le thi"),
        "pipeline_count": pb.PipelineCount(org_id=o["A"].id),
        "file_get": pb.FileGet(person_id=pid),
        "file_moves": pb.FileMoves(person_id=pid),
        "file_advance": pb.FileAdvance(person_id=pid, to=pb.STAGE_ON_HOLD, reason="x"),
        "file_record": pb.FileRecord(person_id=pid, document=pb.Document(kind=pb.DOC_SUMMARY,
                                                                         date="2026-11-20")),
        "history_list": pb.HistoryList(person_id=pid),
        "evaluation_add": pb.EvaluationAdd(evaluation=pb.Evaluation(
            person_id=pid, month="2026-05", rating=pb.GOOD, evaluator_id=w.members["A1"][0])),
        "evaluations_due": pb.EvaluationsDue(cell_id=o["A1"].id),
        "quota_set": pb.QuotaSet(quota=pb.Quota(org_id=o["A"].id, year=2027, target=3)),
        "quota_show": pb.QuotaShow(org_id=o["A"].id, year=2026),
        "calendar_set": pb.CalendarSet(date="2027-08-02", kind=pb.CAL_DAY_OFF, reason="x"),
        "calendar_unset": pb.CalendarUnset(date="2027-06-10"),
        "calendar_show": pb.CalendarShow(year=2026),
        "calendar_lunar": pb.CalendarLunar(date="2026-02-17"),
        "calendar_add_workdays": pb.CalendarAddWorkdays(date="2026-02-13", n=1),
        "calendar_workdays": pb.CalendarWorkdays(**{"from": "2026-11-01", "to": "2026-11-30"}),
        "check_open": pb.CheckOpen(person_id=pid, ward_id=o["A"].id, subject="Người Lạ"),
        "check_step": pb.CheckStep(check_id=ch["A1"].id, step=pb.STEP_FORWARD),
        "check_get": pb.CheckGet(check_id=ch["A1"].id),
        "check_list": pb.CheckList(),
        "check_explain": pb.CheckExplain(check_id=ch["A1"].id),
        "check_report": pb.CheckReport(**{"from": "2026-11-01", "to": "2026-11-30"}),
        "alert_list": pb.AlertList(),
        "alert_ack": pb.AlertAck(alert_id=w.over_alert, by="x"),
        "subscribe": pb.Subscribe(all=True),
        "deadline_sweep": pb.DeadlineSweep(),
        "security_alert": pb.SecurityAlert(login="gia.mao", peer="10.9.9.9", failures=9),
        "user_add": pb.UserAdd(login="ke.la", display_name="Kẻ Lạ", role=pb.ROLE_ADMIN,
                               password="mat-khau-ke-la-1"),
        "user_set_enabled": pb.UserSetEnabled(login=ADMIN_LOGIN, enabled=False),
        "user_passwd": pb.UserPasswd(login=ADMIN_LOGIN, password="mat-khau-ke-la-2"),
        "user_list": pb.UserList(),
        "audit_list": pb.AuditList(),
        "admin_backup": pb.AdminBackup(),
    }


def rows_anonymous(w):
    d = w.d
    reps = representative(w)
    before = snapshot(w)
    c = d.connect(login=False, source="127.0.0.99")
    for body in BODIES:
        if body in ("hello", "ping", "login"):
            continue
        r = c.call(body, reps[body])
        want = (pb.INVALID_ARGUMENT, UNAUTH) if body in ("deadline_sweep", "security_alert") \
            else UNAUTH
        cell("anon", body, "", r, want)
    after = snapshot(w)
    diff = [k for k in before if before[k] != after[k]]
    ok(not diff, "not logged in: none of those requests changed anything", "changed: %s" % diff)
    cell("anon", "ping", "", c.ping(), OK_)
    c.close()
    c = Conn(d.port)
    cell("anon", "hello", "without a token", c.hello(check=False), OK_)
    cell("anon", "login", "as the inspector", c.login(LOGIN["inspector"], w.pw["inspector"]), OK_)
    c.close()


BODIES = [f.name for f in pb.Request.DESCRIPTOR.oneofs_by_name["body"].fields]


def audit_of_police(w):
    """The police's reads of a check and their refused requests are in the
    audit log under their login and role."""
    want = [("check.get", "check", w.c["A1"].id, OK_),
            ("person.get", "person", w.p["A1"].id, DENY),
            ("file.get", "person", w.p["B1"].id, DENY)]
    a = w.admin()
    end = time.time() + 3
    while True:
        r = a.call("audit_list", pb.AuditList(user=LOGIN["policeA"], limit=1000))
        items = list(r.audit_page.items)
        got = {(e.request, e.record_kind, e.record_id, e.outcome) for e in items}
        if all(x in got for x in want) or time.time() > end:
            break
        time.sleep(0.1)
    for x in want:
        ok(x in got, "audit: police A's %s of %s %d -> %s is logged" % (x[0], x[1], x[2], st(x[3])),
           "entries for %s: %s" % (x[0], sorted(y for y in got if y[0] == x[0])))
    bad = [e for e in items if e.role != pb.ROLE_POLICE
           and not (e.request == "login" and e.outcome != OK_)]
    ok(items and not bad, "audit: police A's entries (but its failed logins) carry ROLE_POLICE",
       *["seq=%d request=%s role=%s outcome=%s" % (e.seq, e.request, e.role, st(e.outcome))
         for e in bad[:5]])


def main():
    if not ok(daemon_has_init_admin(), "hosod knows --init-admin"):
        return
    d = Daemon("--now", NOW, "--alert-delay", "1").start()
    w = seed(d)
    w.eval_months = []
    note("seeded: wards A=%d B=%d, cells A1=%d A2=%d B1=%d, police A=%d B=%d; candidates %s; "
         "checks %s" % (w.o["A"].id, w.o["B"].id, w.o["A1"].id, w.o["A2"].id, w.o["B1"].id,
                        w.o["PA"].id, w.o["PB"].id, {k: v.id for k, v in w.p.items()},
                        {k: v.id for k, v in w.c.items()}))
    a = w.admin()
    # Units an account's role does not fit.
    r = a.call("user_add", pb.UserAdd(login="sai.don.vi", display_name="Sai Đơn Vị",
                                      role=pb.ROLE_POLICE, org_id=w.o["A1"].id, password=PW))
    ok(r.status == pb.INVALID_ARGUMENT and r.field == "org_id",
       "UserAdd of police for a cell -> INVALID_ARGUMENT field 'org_id'", describe(r))
    r = a.call("user_add", pb.UserAdd(login="sai.don.vi", display_name="Sai Đơn Vị",
                                      role=pb.ROLE_CELL_SECRETARY, org_id=w.o["A"].id, password=PW))
    ok(r.status == pb.INVALID_ARGUMENT and r.field == "org_id",
       "UserAdd of a cell secretary for a ward -> INVALID_ARGUMENT field 'org_id'", describe(r))

    amap = wait_alerts(w)
    w.over_alert = next(iter(amap.values())).id if amap else 1
    rows_anonymous(w)
    rows_session(w)
    rows_org(w)
    rows_person(w)
    rows_pipeline(w)
    rows_quota_calendar(w)
    rows_checks(w)
    rows_alerts(w)
    rows_subscribe(w)
    rows_internal(w)
    rows_users(w)

    audit_of_police(w)

    missing = []
    for body in BODIES:
        roles = COVERED.get(body, set())
        lack = [r for r in ROLES + ["anon"] if r not in roles]
        if lack:
            missing.append("%s: %s" % (body, lack))
    ok(not missing, "every request type of Request.body has a row for every role and for a "
       "connection not logged in (%d types)" % len(BODIES), *missing)
    for c in w.conns.values():
        c.close()
    is_eq(d.stop(), 0, "hosod exits 0")
    d.remove()


run(main)
