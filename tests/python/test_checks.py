#!/usr/bin/python3
"""Background checks, deadlines and alerts through a real hosod and LMDB.

The daemon runs with --now (its clock set to Monday 23/11/2026 09:00 in
Vietnam) so the expectations do not depend on the real date.  A check is
received by the ward committee on a Friday afternoon and walks through its
legs; each leg's deadline is computed in working days; extensions keep the
missed original; a suspension moves the deadline; a calendar edit moves open
checks; a subscribed client gets the overdue alert pushed; alerts are raised
on start for deadlines that passed while the daemon was stopped; and
notify_command runs for each new alert.  Every person is invented."""

import os
import stat
import time

from hoso_wire import Daemon, describe, is_eq, ok, org_tree, pb, run
from hoso_flow import candidate, file_of, member, move_unmet, walk

NOW = "2026-11-23T09:00"


def ts(s):
    """Unix seconds of 'YYYY-MM-DDTHH:MM' in Vietnam (UTC+7)."""
    import datetime
    d = datetime.datetime.fromisoformat(s).replace(
        tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    return int(d.timestamp())


def step(c, cid, kind, at=None, **kw):
    return c.call("check_step", pb.CheckStep(check_id=cid, step=kind,
                                             at=ts(at) if at else 0, **kw))


def get(c, cid, as_of=""):
    r = c.call("check_get", pb.CheckGet(check_id=cid, as_of=as_of))
    assert r.status == pb.OK, describe(r)
    return r.check


def wait_events(c, n, timeout=10.0):
    """Read Events from c until n arrived or timeout; returns them."""
    c.sock.settimeout(timeout)
    end = time.time() + timeout
    while len(c.events) < n and time.time() < end:
        try:
            m = c.recv()
        except OSError:
            break
        if m.WhichOneof("body") == "event":
            c.events.append(m.event)
    return c.events


def setup(c):
    t = org_tree(c, "CK")
    ms = [member(c, n, b, g, t["cell"].id, "2010-05-05").id for n, b, g in (
        ("Trương Văn Lộc", "1968-02-02", pb.MALE),
        ("Mai Thị Hoa", "1971-03-03", pb.FEMALE),
        ("Kiều Văn Tấn", "1974-04-04", pb.MALE))]
    p = candidate(c, "Lâm Thị Bích Ngọc", "1999-06-14", pb.FEMALE, t["cell"].id,
                  "2026-02-28")
    walk(c, p.id, pb.STAGE_VERIFYING, "2026-02-28", ms[:1], ms[:2])
    return t, p


def main():
    tmp_notify = None
    d = Daemon("--now", NOW)
    notify_out = os.path.join(d.tmpdir, "notify.out")
    script = os.path.join(d.tmpdir, "notify.sh")
    with open(script, "w") as f:
        f.write("#!/bin/sh\necho \"$# $1 $2 $HOSO_ALERT_KIND $HOSO_ALERT_DUE\" >> %s\n"
                % notify_out)
    os.chmod(script, stat.S_IRWXU)
    d.extra += ["--notify-command", script, "--alert-delay", "2"]
    d.start()
    c = d.connect()
    t, p = setup(c)
    ward, top = t["ward"], t["district"]
    is_eq(file_of(c, p.id).stage, pb.STAGE_VERIFYING, "candidate in verification")

    # A listener subscribed to the ward.
    w = d.connect()
    r = w.call("subscribe", pb.Subscribe(org_ids=[ward.id]))
    ok(r.status == pb.OK, "Subscribe to the ward", describe(r))

    # --- bad input changes nothing -----------------------------------------
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, ward_id=ward.id,
                                          outside="Phường X, Quận Y"))
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "ward_id"), "ward and outside both refused")
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, ward_id=t["cell"].id))
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "ward_id"), "a cell is not a ward")
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, ward_id=ward.id,
                                          at=ts("2026-11-24T10:00")))
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "at"), "a future timestamp refused")
    r = c.call("check_list", pb.CheckList(include_closed=True))
    is_eq(len(r.check_page.items), 0, "refused opens stored nothing")
    r = c.call("deadline_sweep", pb.DeadlineSweep())
    ok(r.status == pb.INVALID_ARGUMENT, "clients cannot send the internal sweep", describe(r))

    # --- the candidate's own check, received on a Friday afternoon ----------
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, ward_id=ward.id,
                                          at=ts("2026-11-20T16:30"), by="Cán bộ Hà"))
    ok(r.status == pb.OK, "check opened", describe(r))
    a = r.check
    is_eq(a.legs[0].kind, pb.LEG_FORWARD, "first leg: forward to police")
    is_eq(a.legs[0].due, "2026-11-20", "forwarding is due the same working day (Friday)")
    is_eq(a.status, "overdue", "on Monday the unforwarded check is overdue")
    ck = [x for x in file_of(c, p.id).checks if x.request_id == a.id]
    ok(len(ck) == 1 and ck[0].relation == pb.SELF, "it answers the candidate's own file check")

    ev = wait_events(w, 1)
    ok(any(e.alert.kind == "overdue" and e.alert.record_id == a.id for e in ev),
       "the subscribed ward client got the overdue alert pushed",
       [(e.kind, e.record_id) for e in ev])
    if ev:
        al = ev[0].alert
        is_eq(al.escalated_to, top.id, "overdue escalates to the district")
        is_eq(al.deadline, "check-forward", "alert names the leg's deadline")

    r = step(c, a.id, pb.STEP_FORWARD, "2026-11-23T07:45", by="Cán bộ Hà")
    ok(r.status == pb.OK, "forwarded to police on Monday, late", describe(r))
    pol = r.check.legs[1]
    ok(pol.start_assumed, "police receipt not yet recorded: counted from forwarding")
    is_eq(pol.due, "2026-12-02", "police result due 7 working days after Monday 23/11")
    r = step(c, a.id, pb.STEP_FORWARD, "2026-11-23T07:50")
    is_eq(r.status, pb.FAILED_PRECONDITION, "forwarding twice refused")
    r = step(c, a.id, pb.STEP_POLICE_RECEIVED, "2026-11-19T08:00")
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "at"), "a step before the previous one refused")
    r = step(c, a.id, pb.STEP_POLICE_RECEIVED, "2026-11-23T08:00", by="Thượng úy Khải")
    ok(r.status == pb.OK, "police received", describe(r))
    is_eq(r.check.legs[1].due, "2026-12-02", "police result due 7 working days after Monday 23/11")
    is_eq(get(c, a.id, "2026-11-24").status, "on-time", "on-time on 24/11")
    is_eq(get(c, a.id, "2026-12-01").status, "due-soon", "due-soon with one working day left")
    g = get(c, a.id, "2026-12-03")
    is_eq((g.status, g.due), ("overdue", "2026-12-02"), "overdue after 2/12")

    r = step(c, a.id, pb.STEP_POLICE_RESULT, "2026-11-23T08:30")
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "result"), "a result needs clear or concern")
    r = step(c, a.id, pb.STEP_POLICE_RESULT, "2026-11-23T08:30", result=pb.RESULT_CONCERN)
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "text"), "a concern needs its text")
    r = step(c, a.id, pb.STEP_POLICE_RESULT, "2026-11-23T08:30", result=pb.RESULT_CONCERN,
             text="Cha từng bị xử phạt hành chính năm 2010", by="Thượng úy Khải")
    ok(r.status == pb.OK, "police result with a concern", describe(r))
    is_eq(r.check.legs[2].due, "2026-11-26", "signed return due 3 working days after 23/11")
    r = step(c, a.id, pb.STEP_RETURN, "2026-11-23T08:50", by="Cán bộ Hà")
    ok(r.status == pb.OK and r.check.status == "closed", "returned: closed", describe(r))
    ok(r.check.missed, "the late forwarding stays recorded as missed")
    fc = [x for x in file_of(c, p.id).checks if x.request_id == a.id][0]
    ok(fc.status == pb.CHECK_CONCLUDED and fc.concern and not fc.concern_resolved,
       "the file check is concluded with an open concern")
    ok("check_concern" in move_unmet(c, p.id, pb.STAGE_CELL_VOTE),
       "the concern blocks the cell vote")
    r = step(c, a.id, pb.STEP_DECIDE, text="Đảng ủy xem xét: không ảnh hưởng")
    ok(r.status == pb.OK, "committee decision recorded", describe(r))
    ok("check_concern" not in move_unmet(c, p.id, pb.STAGE_CELL_VOTE),
       "after the decision the concern no longer blocks the vote")

    # --- steps entered one after another settle before any alert ----------
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, ward_id=ward.id, subject="Lâm Văn Bảo",
                                          at=ts("2026-11-20T10:00")))
    x = r.check
    is_eq(x.status, "overdue", "a back-dated check is overdue until its forwarding is entered")
    r = step(c, x.id, pb.STEP_FORWARD, "2026-11-20T11:00")
    ok(r.status == pb.OK and r.check.status == "on-time", "forwarded the same day", describe(r))
    time.sleep(3.5)
    r = c.call("alert_list", pb.AlertList())
    ok(not [y for y in r.alert_page.items if y.record_id == x.id and y.record_kind == "check"],
       "no alert for a leg that was on time once the clerk's entries settled (alert_delay)")

    # --- a relative's check: extension and suspension ---------------------
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, ward_id=t["ward2"].id,
                                          subject="Lâm Văn Đức", at=ts("2026-11-20T09:00")))
    ok(r.status == pb.OK, "a check for a relative not declared adds a file check", describe(r))
    b = r.check
    step(c, b.id, pb.STEP_FORWARD, "2026-11-20T10:00")
    r = step(c, b.id, pb.STEP_POLICE_RECEIVED, "2026-11-20T11:00")
    is_eq(r.check.legs[1].due, "2026-12-01", "relative's police leg due 1/12")
    r = step(c, b.id, pb.STEP_SUSPEND, "2026-11-20T15:00", reason="Thiếu giấy tờ")
    ok(r.status == pb.OK and r.check.status == "suspended", "clock stopped", describe(r))
    r = step(c, b.id, pb.STEP_POLICE_RESULT, "2026-11-20T16:00", result=pb.RESULT_CLEAR)
    is_eq(r.status, pb.FAILED_PRECONDITION, "no step while the clock is stopped")
    r = step(c, b.id, pb.STEP_RESUME, "2026-11-23T08:00")
    ok(r.status == pb.OK, "clock restarted", describe(r))
    is_eq(r.check.legs[1].due, "2026-12-02",
          "the stop from Friday to Monday moves the deadline by one working day")
    r = step(c, b.id, pb.STEP_EXTEND, new_due="2026-12-01", reason="x")
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "new_due"), "an extension must move later")
    r = step(c, b.id, pb.STEP_EXTEND, new_due="2026-12-09",
             reason="Chờ xác minh nơi cư trú cũ", by="Thượng úy Khải")
    ok(r.status == pb.OK, "extended", describe(r))
    l = r.check.legs[1]
    is_eq((l.due, l.due_original), ("2026-12-09", "2026-12-02"),
          "the new date is in force; the original deadline is kept")
    g = get(c, b.id, "2026-12-04")
    ok(g.status == "on-time" and g.missed, "after the original deadline: on time to the new "
       "date, and missed stays true")
    r = c.call("check_explain", pb.CheckExplain(check_id=b.id))
    ok(r.status == pb.OK, "explain", describe(r))
    lines = r.explanation.lines
    codes = [x.code for x in lines]
    skipped = [x.date for x in lines if x.code == "skip"]
    ok("2026-11-21" in skipped and "2026-11-22" in skipped, "explain shows the weekend skipped",
       skipped)
    ok("suspend" in codes and "extend" in codes, "explain shows the suspension and the extension",
       codes)
    ok(all(x.message and "%s" not in x.message for x in lines), "every line reads as text")

    # --- a calendar edit moves open deadlines ------------------------------
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, ward_id=ward.id,
                                          subject="Lâm Thị Hạnh", at=ts("2026-11-23T08:10")))
    cc = r.check
    step(c, cc.id, pb.STEP_FORWARD, "2026-11-23T08:20")
    r = step(c, cc.id, pb.STEP_POLICE_RECEIVED, "2026-11-23T08:40")
    is_eq(r.check.legs[1].due, "2026-12-02", "third check's police leg due 2/12")
    r = c.call("calendar_set", pb.CalendarSet(date="2026-11-27", kind=pb.CAL_DAY_OFF,
                                              reason="Nghỉ bù thử nghiệm"))
    ok(r.status == pb.OK and r.calendar_change.checks_moved >= 1,
       "a day off reports moved checks", describe(r))
    is_eq(get(c, cc.id).legs[1].due, "2026-12-03", "the deadline moved past the new day off")
    r = c.call("check_explain", pb.CheckExplain(check_id=cc.id))
    ok(any(x.code == "skip" and x.date == "2026-11-27" and "Nghỉ bù thử nghiệm" in x.message
           for x in r.explanation.lines), "explain names the admin's edit")
    c.call("calendar_unset", pb.CalendarUnset(date="2026-11-27"))
    is_eq(get(c, cc.id).legs[1].due, "2026-12-02", "unset puts the deadline back")

    # --- outside the district ------------------------------------------------
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, outside="Đảng ủy xã An Phú, tỉnh X",
                                          subject="Lâm Văn Tư", at=ts("2026-11-02T09:00")))
    ok(r.status == pb.OK, "a check outside the district", describe(r))
    o = r.check
    is_eq((o.legs[0].kind, o.legs[0].due), (pb.LEG_OUTSIDE, "2026-11-23"),
          "reminder deadline 15 working days after 2/11")
    r = step(c, o.id, pb.STEP_RETURN, "2026-11-23T08:55")
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "result"), "an answer from outside needs its result")
    r = step(c, o.id, pb.STEP_RETURN, "2026-11-23T08:55", result=pb.RESULT_CLEAR)
    ok(r.status == pb.OK and r.check.status == "closed", "answered from outside", describe(r))

    # --- lists, alerts, report ----------------------------------------------
    r = c.call("check_list", pb.CheckList(ward_id=ward.id, include_closed=True))
    is_eq(sorted(y.id for y in r.check_page.items), sorted([a.id, x.id, cc.id]), "list by ward")
    r = c.call("check_list", pb.CheckList(overdue=True, as_of="2026-12-03"))
    is_eq(sorted(y.id for y in r.check_page.items), sorted([x.id, cc.id]), "overdue as of 3/12")
    r = c.call("check_list", pb.CheckList(ward_id=t["cell"].id))
    is_eq((r.status, r.field), (pb.INVALID_ARGUMENT, "ward_id"),
          "listing by a unit that is not a ward is refused")
    r = c.call("check_list", pb.CheckList(ward_id=9999))
    is_eq((r.status, r.field), (pb.NOT_FOUND, "ward_id"), "listing by an unknown unit is refused")
    r = c.call("alert_list", pb.AlertList(org_id=top.id))
    ok(any(x.record_id == a.id and x.kind == "overdue" for x in r.alert_page.items),
       "the district sees the escalated alert")
    al = [x for x in r.alert_page.items if x.record_id == a.id][0]
    r = c.call("alert_ack", pb.AlertAck(alert_id=al.id, by="Chánh văn phòng"))
    ok(r.status == pb.OK and r.alert.acked_by == "Chánh văn phòng", "alert acknowledged")
    r = c.call("alert_ack", pb.AlertAck(alert_id=al.id, by="x"))
    is_eq(r.status, pb.FAILED_PRECONDITION, "acknowledging twice refused")
    r = c.call("alert_list", pb.AlertList(org_id=ward.id, unacked=True))
    ok(all(x.acked_at == 0 for x in r.alert_page.items), "unacked filter")

    r = c.call("check_report", pb.CheckReport(**{"from": "2026-11-01", "to": "2026-11-30"}))
    ok(r.status == pb.OK, "report", describe(r))
    wards = {x.ward_id: x for x in r.check_report.wards}
    ok(ward.id in wards and wards[ward.id].checks == 3, "three checks of ward 1 in November")
    legs = {x.kind: x for x in wards[ward.id].legs}
    is_eq((legs[pb.LEG_FORWARD].finished, legs[pb.LEG_FORWARD].late,
           legs[pb.LEG_FORWARD].on_time), (3, 1, 2), "three forwardings: one late, two on time")
    is_eq(legs[pb.LEG_RETURN].early, 1, "the return was early")
    ok(any(x.check_id == a.id and x.kind == pb.LEG_FORWARD and x.held_by == "Cán bộ Hà"
           for x in wards[ward.id].late), "the late leg names who held it")
    ok(0 in wards and wards[0].checks == 1, "the outside check is reported apart")

    # notify_command ran for the pushed alert
    end = time.time() + 5
    text = ""
    while time.time() < end:
        text = open(notify_out).read() if os.path.exists(notify_out) else ""
        if "overdue" in text:
            break
        time.sleep(0.1)
    ok("8 overdue check-forward overdue 2026-11-20" in text, "notify_command got the alert "
       "as arguments and environment", text)

    # --- deadlines that passed while the daemon was stopped ------------------
    before = {x.id for x in c.call("alert_list", pb.AlertList()).alert_page.items}
    c.close()
    w.close()
    is_eq(d.stop(), 0, "daemon stopped")
    d.start("--now", "2026-12-04T06:00", "--notify-command", script, "--alert-delay", "2")
    c = d.connect()
    end = time.time() + 5
    new = []
    while time.time() < end:
        new = [x for x in c.call("alert_list", pb.AlertList()).alert_page.items
               if x.id not in before]
        if any(x.record_id == cc.id and x.kind == "overdue" for x in new):
            break
        time.sleep(0.1)
    ok(any(x.record_id == cc.id and x.kind == "overdue" for x in new),
       "on start, an overdue alert for the deadline that passed while stopped",
       [(x.record_id, x.kind) for x in new])
    ok(not any(x.kind == "digest" for x in new), "no digest before the digest hour")
    ok(not any(x.record_id == b.id for x in new), "the extended check is not overdue")
    c.close()
    d.stop()
    d.remove()
    across_tet()


def across_tet():
    """Deadlines across Tết 2027 (5-9/2, with 6-7/2 on a weekend giving
    10-11/2 off), and a workflow deadline (the ceremony) alerting."""
    d = Daemon("--now", "2027-03-01T09:00", "--alert-delay", "0").start()
    c = d.connect()
    t, p = setup(c)
    r = c.call("check_open", pb.CheckOpen(person_id=p.id, ward_id=t["ward"].id,
                                          at=ts("2027-02-04T15:00")))
    ok(r.status == pb.OK, "check received on Thursday 4/2/2027, the day before Tết", describe(r))
    k = r.check
    step(c, k.id, pb.STEP_FORWARD, "2027-02-04T15:30")
    r = step(c, k.id, pb.STEP_POLICE_RECEIVED, "2027-02-04T16:00")
    is_eq(r.check.legs[1].due, "2027-02-22",
          "7 working days skip Tết and its compensatory days: due 22/2")
    r = c.call("check_explain", pb.CheckExplain(check_id=k.id))
    why = {x.date: x.message for x in r.explanation.lines if x.code == "skip"}
    ok("Lunar New Year" in why.get("2027-02-05", "") and
       "Lunar New Year" in why.get("2027-02-09", "") and
       "compensatory" in why.get("2027-02-11", ""), "explain names Tết and the days in lieu",
       why)
    counted = [x.date for x in r.explanation.lines if x.code == "count"]
    is_eq(counted, ["2027-02-12", "2027-02-15", "2027-02-16", "2027-02-17", "2027-02-18",
                    "2027-02-19", "2027-02-22"], "the seven working days counted")

    ms = [member(c, n, b, g, t["cell2"].id, "2010-05-05").id for n, b, g in (
        ("Tạ Văn Nghĩa", "1969-01-21", pb.MALE), ("Quách Thị Lụa", "1972-08-19", pb.FEMALE),
        ("Khúc Văn Hòa", "1970-12-01", pb.MALE))]
    q = candidate(c, "Lạc Văn Thành", "1996-09-09", pb.MALE, t["cell2"].id, "2026-03-20")
    walk(c, q.id, pb.STAGE_DECIDED, "2026-03-20", ms[:1], ms[:2], votes_for=3,
         dates={pb.STAGE_DECIDED: "2027-01-04"})
    f = file_of(c, q.id)
    ok(f.stage == pb.STAGE_DECIDED and f.ceremony_due < "2027-03-01",
       "a decided file whose ceremony deadline has passed", f.ceremony_due)
    end = time.time() + 5
    found = []
    while time.time() < end and not found:
        found = [x for x in c.call("alert_list", pb.AlertList(org_id=t["ward"].id)).alert_page.items
                 if x.record_kind == "file" and x.record_id == q.id]
        time.sleep(0.1)
    ok(any(x.deadline == "ceremony" and x.kind == "overdue" and x.due == f.ceremony_due
           for x in found), "the workflow's ceremony deadline raises an overdue alert",
       [(x.deadline, x.kind, x.due) for x in found])
    digests = [x for x in c.call("alert_list", pb.AlertList(org_id=t["ward"].id)).alert_page.items
               if x.kind == "digest"]
    ok(len(digests) == 1 and "Daily summary" in digests[0].message,
       "one daily digest for the ward after the digest hour", [x.message for x in digests])
    c.close()
    d.stop()


run(main)
