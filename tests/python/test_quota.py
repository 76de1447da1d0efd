#!/usr/bin/python3
"""Admission quotas through a real hosod: QuotaSet per unit and year and per
term, QuotaShow rolling admissions (files whose ceremony falls in the
period) up from the cells to the wards to the top unit, percent =
admitted / target * 100, the children of the unit shown, and the funnel
identified -> in course -> course passed -> admitted.  Every person is
invented."""

from hoso_wire import Daemon, describe, is_eq, ok, pb, run
from hoso_flow import advance, candidate, member, must_ok, walk


def setup(c):
    top = c.create_org(pb.ORG_DISTRICT, "Quận ủy Bình Thạnh", code="Q-QT")
    w1 = c.create_org(pb.ORG_WARD, "Đảng ủy Phường 25", parent_id=top.id, code="P25-QT")
    w2 = c.create_org(pb.ORG_WARD, "Đảng ủy Phường 26", parent_id=top.id, code="P26-QT")
    c11 = c.create_org(pb.ORG_CELL, "Chi bộ Khu phố 1", parent_id=w1.id, code="CB-P25-01")
    c12 = c.create_org(pb.ORG_CELL, "Chi bộ Khu phố 2", parent_id=w1.id, code="CB-P25-02")
    c21 = c.create_org(pb.ORG_CELL, "Chi bộ Khu phố 5", parent_id=w2.id, code="CB-P26-05")
    pol = c.create_org(pb.ORG_POLICE, "Công an Phường 25", parent_id=w1.id, code="CA-P25")
    members = {}
    people = [("Nguyễn Văn Quang", "1965-03-03", pb.MALE), ("Trần Thị Thu", "1970-04-04", pb.FEMALE),
              ("Lê Văn Sơn", "1972-05-05", pb.MALE), ("Phạm Thị Yến", "1975-06-06", pb.FEMALE),
              ("Hoàng Minh Đức", "1978-07-07", pb.MALE), ("Vũ Thị Kim Anh", "1980-08-08", pb.FEMALE),
              ("Đỗ Hữu Phúc", "1966-09-09", pb.MALE), ("Bùi Thị Ngọc", "1969-10-10", pb.FEMALE),
              ("Đinh Công Hải", "1974-11-11", pb.MALE)]
    for i, cell in enumerate((c11, c12, c21)):
        members[cell.id] = [member(c, n, b, g, cell.id, "2010-0%d-15" % (k + 1)).id
                            for k, (n, b, g) in enumerate(people[3 * i:3 * i + 3])]
    # A member entered directly in 2024 is no admission.
    member(c, "Hồ Văn Tài", "1985-12-12", pb.MALE, c21.id, "2024-05-01")
    return top, w1, w2, c11, c12, c21, pol, members


ADMITTED = [
    # name, born, gender, cell key, decision date, ceremony date (None: not yet)
    ("Ngô Thị Hồng Nhung", "1998-01-11", pb.FEMALE, "c11", "2024-02-20", "2024-03-12"),
    ("Dương Văn Khoa", "1996-02-12", pb.MALE, "c11", "2024-09-20", "2024-10-15"),
    ("Lý Thị Mai", "1999-03-13", pb.FEMALE, "c12", "2024-05-20", "2024-06-05"),
    ("Huỳnh Văn Bình", "1994-04-14", pb.MALE, "c21", "2024-08-20", "2024-09-10"),
    ("Phan Thị Thảo", "1997-05-15", pb.FEMALE, "c21", "2023-10-25", "2023-11-20"),
    ("Võ Quốc Trung", "1995-06-16", pb.MALE, "c12", "2024-11-01", None),
]


def report(c, org, year=0, term=None, desc=""):
    ts, te = term or (0, 0)
    r = c.call("quota_show", pb.QuotaShow(org_id=org, year=year, term_start=ts, term_end=te))
    if not ok(r.status == pb.OK, "QuotaShow %s" % desc, describe(r)):
        return None
    return r.quota_report


def funnel(r):
    f = r.funnel
    return (f.identified, f.in_course, f.course_passed, f.admitted)


def close(a, b):
    return abs(a - b) < 1e-9


def main():
    d = Daemon().start()
    c = d.connect()
    top, w1, w2, c11, c12, c21, pol, members = setup(c)
    cells = {"c11": c11, "c12": c12, "c21": c21}

    # Six candidates identified on 2023-01-05 (every early stage in 2023),
    # voted on in 2023, decided and admitted on the dates above.
    for name, born, g, key, decided, ceremony in ADMITTED:
        cell = cells[key]
        p = candidate(c, name, born, g, cell.id, "2023-01-05")
        ms = members[cell.id]
        walk(c, p.id, pb.STAGE_DECIDED, "2023-01-05", ms[:1], ms[:2], votes_for=3,
             dates={pb.STAGE_DECIDED: decided})
        if ceremony:
            must_ok(advance(c, p.id, pb.STAGE_PROBATION, ceremony), "ceremony of %s" % name)
    ok(True, "six candidates walked to their decision, five admitted at a ceremony")

    # The funnel of 2024: three identified, two sent to the course, one passed.
    f1 = candidate(c, "Mai Văn Tuấn", "2002-07-17", pb.MALE, c11.id, "2024-01-15")
    f2 = candidate(c, "Tô Thị Lan", "2003-08-18", pb.FEMALE, c11.id, "2024-02-10")
    f3 = candidate(c, "Châu Minh Long", "2001-09-19", pb.MALE, c21.id, "2024-04-01")
    for pid, to, at, kw in ((f1.id, pb.STAGE_IN_COURSE, "2024-03-01", {}),
                            (f1.id, pb.STAGE_COURSE_PASSED, "2024-06-01", {"cert_number": "88/GCN"}),
                            (f3.id, pb.STAGE_IN_COURSE, "2024-05-01", {}),
                            (f2.id, pb.STAGE_WITHDRAWN, "2024-07-01",
                             {"reason": "Chuyển công tác ra nước ngoài"})):
        must_ok(advance(c, pid, to, at, **kw), "funnel move")

    # Quotas.
    def qset(desc, want=pb.OK, field=None, **q):
        r = c.call("quota_set", pb.QuotaSet(quota=pb.Quota(**q)))
        ok(r.status == want and (field is None or r.field == field), desc, describe(r))
        return r

    r = qset("QuotaSet for the district, 2024: 8 admissions, 20 sent to the course",
             org_id=top.id, year=2024, target=8, course_target=20)
    is_eq((r.quota.org_id, r.quota.year, r.quota.target, r.quota.course_target),
          (top.id, 2024, 8, 20), "QuotaSet answers with the quota")
    qset("QuotaSet for the district, term 2020-2025: 20", org_id=top.id, term_start=2020,
         term_end=2025, target=20)
    qset("QuotaSet for ward 25, 2024: 5", org_id=w1.id, year=2024, target=5)
    qset("QuotaSet for ward 25, 2024 again: 4 replaces 5", org_id=w1.id, year=2024, target=4)
    qset("QuotaSet for ward 26, 2024: 3", org_id=w2.id, year=2024, target=3)
    qset("QuotaSet for cell 1, 2024: 1", org_id=c11.id, year=2024, target=1)
    qset("QuotaSet for cell 2, 2024: 2", org_id=c12.id, year=2024, target=2)
    qset("a year and a term at once -> INVALID_ARGUMENT", want=pb.INVALID_ARGUMENT,
         org_id=top.id, year=2024, term_start=2020, term_end=2025, target=1)
    qset("neither a year nor a term -> INVALID_ARGUMENT", want=pb.INVALID_ARGUMENT,
         org_id=top.id, target=1)
    qset("a term ending before it starts -> INVALID_ARGUMENT", want=pb.INVALID_ARGUMENT,
         org_id=top.id, term_start=2025, term_end=2020, target=1)
    qset("a term of 20 years -> INVALID_ARGUMENT", want=pb.INVALID_ARGUMENT,
         org_id=top.id, term_start=2020, term_end=2040, target=1)
    qset("year 1800 -> INVALID_ARGUMENT field 'year'", want=pb.INVALID_ARGUMENT, field="year",
         org_id=top.id, year=1800, target=1)
    qset("a police station has no target -> INVALID_ARGUMENT", want=pb.INVALID_ARGUMENT,
         field="org_id", org_id=pol.id, year=2024, target=1)
    qset("an unknown unit -> NOT_FOUND", want=pb.NOT_FOUND, field="org_id", org_id=999999,
         year=2024, target=1)
    qset("a target of 100001 -> INVALID_ARGUMENT", want=pb.INVALID_ARGUMENT, field="target",
         org_id=top.id, year=2024, target=100001)
    r = c.call("quota_set", pb.QuotaSet())
    ok(r.status == pb.INVALID_ARGUMENT, "QuotaSet without a quota -> INVALID_ARGUMENT", describe(r))

    # The district in 2024.
    t = report(c, top.id, 2024, desc="for the district, 2024")
    if t is not None:
        is_eq((t.org_id, t.org_name, t.period, t.target, t.course_target),
              (top.id, "Quận ủy Bình Thạnh", "2024", 8, 20),
              "the district's 2024 report: its name, period, targets")
        is_eq(t.admitted, 4, "4 admitted in 2024 across every cell (the 2023 ceremony, the "
              "decision without a ceremony and the member entered directly do not count)")
        ok(close(t.percent, 50.0), "percent = 4 / 8 * 100 = 50", "got %r" % t.percent)
        is_eq(funnel(t), (3, 2, 1, 4), "the funnel of 2024: identified 3, in course 2, "
              "course passed 1, admitted 4")
        kids = {k.org_id: k for k in t.children}
        is_eq(sorted(kids), sorted([w1.id, w2.id]),
              "the district's children are its two wards (no cell, no police station)")
        if w1.id in kids and w2.id in kids:
            k1, k2 = kids[w1.id], kids[w2.id]
            is_eq((k1.target, k1.admitted), (4, 3), "ward 25: target 4 (replaced), 3 admitted")
            ok(close(k1.percent, 75.0), "ward 25: 75 percent", "got %r" % k1.percent)
            is_eq((k2.target, k2.admitted), (3, 1), "ward 26: target 3, 1 admitted")
            ok(close(k2.percent, 100.0 / 3), "ward 26: 33.33 percent", "got %r" % k2.percent)
            is_eq(k1.admitted + k2.admitted, t.admitted, "the wards' admissions add up to the district's")
            is_eq(funnel(k1), (2, 1, 1, 3), "ward 25's funnel: identified 2, in course 1, passed 1, admitted 3")
            is_eq(funnel(k2), (1, 1, 0, 1), "ward 26's funnel: identified 1, in course 1, passed 0, admitted 1")
            is_eq(k1.period, "2024", "a child's period is the same year")

    w = report(c, w1.id, 2024, desc="for ward 25, 2024")
    if w is not None:
        is_eq((w.target, w.admitted), (4, 3), "ward 25 shown on its own: target 4, 3 admitted")
        kids = {k.org_id: k for k in w.children}
        is_eq(sorted(kids), sorted([c11.id, c12.id]),
              "ward 25's children are its two cells, not its police station")
        if c11.id in kids and c12.id in kids:
            is_eq((kids[c11.id].target, kids[c11.id].admitted), (1, 2), "cell 1: target 1, 2 admitted")
            ok(close(kids[c11.id].percent, 200.0), "cell 1: 200 percent (over target is not capped)",
               "got %r" % kids[c11.id].percent)
            is_eq((kids[c12.id].target, kids[c12.id].admitted), (2, 1), "cell 2: target 2, 1 admitted")
            ok(close(kids[c12.id].percent, 50.0), "cell 2: 50 percent", "got %r" % kids[c12.id].percent)
            is_eq(kids[c11.id].admitted + kids[c12.id].admitted, w.admitted,
                  "the cells' admissions add up to the ward's")
    cr = report(c, c21.id, 2024, desc="for cell 5 (no quota), 2024")
    if cr is not None:
        is_eq((cr.target, cr.admitted, list(cr.children)), (0, 1, []),
              "a cell without a quota: target 0, 1 admitted, no children")
        ok(close(cr.percent, 0.0), "without a target the percent is 0", "got %r" % cr.percent)

    # The term and another year.
    t = report(c, top.id, term=(2020, 2025), desc="for the district, term 2020-2025")
    if t is not None:
        is_eq((t.period, t.target, t.admitted), ("2020-2025", 20, 5),
              "term 2020-2025: its own target 20, 5 admitted (2023 and 2024)")
        ok(close(t.percent, 25.0), "term percent = 5 / 20 * 100 = 25", "got %r" % t.percent)
        is_eq(funnel(t), (9, 8, 7, 5), "the term's funnel: identified 9, in course 8, passed 7, admitted 5")
    t = report(c, top.id, 2023, desc="for the district, 2023")
    if t is not None:
        is_eq((t.target, t.admitted, funnel(t)), (0, 1, (6, 6, 6, 1)),
              "2023: no target, the one ceremony of 2023, six identified, in course and passed")
    t = report(c, top.id, 2025, desc="for the district, 2025")
    if t is not None:
        is_eq((t.target, t.admitted, funnel(t)), (0, 0, (0, 0, 0, 0)), "2025: nothing yet")

    r = c.call("quota_show", pb.QuotaShow(org_id=999999, year=2024))
    ok(r.status == pb.NOT_FOUND, "QuotaShow of an unknown unit -> NOT_FOUND", describe(r))
    r = c.call("quota_show", pb.QuotaShow(org_id=top.id, year=2024, term_start=2020, term_end=2025))
    ok(r.status == pb.INVALID_ARGUMENT, "QuotaShow with a year and a term -> INVALID_ARGUMENT",
       describe(r))

    # Quotas survive a restart.
    c.close()
    is_eq(d.stop(), 0, "hosod exits 0 on SIGTERM")
    d.start()
    c = d.connect()
    t = report(c, top.id, 2024, desc="after a restart")
    if t is not None:
        is_eq((t.target, t.admitted), (8, 4), "after a restart the quota and the count are the same")
    c.close()
    is_eq(d.stop(), 0, "hosod exits 0 again")
    d.remove()


if __name__ == "__main__":
    run(main)
