"""hoso_flow: helpers for the recruitment-workflow tests (test_workflow.py,
test_quota.py, tests/integration/test_workflow_cli.sh).

Builds invented members and candidates over the protocol, moves a file
through its stages (FileAdvance), records papers, introducers, relatives and
checks (FileRecord), reads the history, and computes working-day deadlines
independently of the daemon.  Every person here is invented.
"""

import datetime
import os
import re

from hoso_wire import TOP, cccd, pb

D = datetime.date


def iso(d):
    return d.isoformat()


def day(s):
    return D.fromisoformat(s)


def add_days(s, n):
    return iso(day(s) + datetime.timedelta(days=n))


def add_months(s, n):
    """The same day n months later (clamped to the month's last day)."""
    d = day(s)
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return iso(D(y, m, min(d.day, last)))


# ---- working days ----------------------------------------------------------
#
# Monday to Friday minus Vietnam's public holidays (Labour Code 2019, Art.
# 112) as the government fixed them for the years these tests touch.  The
# tests pick their deadline ranges so that none of these days falls inside
# (mid-May to August, or November to mid-December), so the expectations
# hold whether the daemon's calendar knows the holidays or only weekends;
# HOLIDAYS is here to prove that (workdays_add(..., check_clear=True)).

HOLIDAYS = {
    # 2023: New Year (Sun 1/1 -> Mon 2/1), Tết 20-26/1, Hùng Kings Sat 29/4,
    # 30/4 Sun and 1/5, with 2/5 and 3/5 off; 2/9 Sat with 1/9 and 4/9.
    D(2023, 1, 2), *[D(2023, 1, d) for d in range(20, 27)],
    D(2023, 4, 29), D(2023, 4, 30), D(2023, 5, 1), D(2023, 5, 2), D(2023, 5, 3),
    D(2023, 9, 1), D(2023, 9, 2), D(2023, 9, 4),
    # 2024: 1/1, Tết 8-14/2, Hùng Kings 18/4, 29/4 (swapped), 30/4, 1/5,
    # 2/9 and 3/9.
    D(2024, 1, 1), *[D(2024, 2, d) for d in range(8, 15)], D(2024, 4, 18),
    D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1), D(2024, 9, 2), D(2024, 9, 3),
    # 2025: 1/1, Tết 25/1-2/2, Hùng Kings 7/4, 30/4, 1/5, 1/9 and 2/9.
    D(2025, 1, 1), *[D(2025, 1, d) for d in range(25, 32)], D(2025, 2, 1),
    D(2025, 2, 2), D(2025, 4, 7), D(2025, 4, 30), D(2025, 5, 1), D(2025, 9, 1),
    D(2025, 9, 2),
}


def workday(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def workdays_add(s, n, check_clear=False):
    """The n-th working day after date s (ISO).  With check_clear, raise if
    a public holiday falls on a weekday in the range (the expectation would
    then depend on the daemon's calendar)."""
    d = day(s)
    while n > 0:
        d += datetime.timedelta(days=1)
        if check_clear and d in HOLIDAYS and d.weekday() < 5:
            raise AssertionError("holiday %s inside the range after %s" % (d, s))
        if workday(d):
            n -= 1
    return iso(d)


def today_vn():
    """Today in Vietnam (UTC+7), as the daemon sees it."""
    return (datetime.datetime.now(datetime.timezone.utc) +
            datetime.timedelta(hours=7)).date()


# ---- people --------------------------------------------------------------

_serial = [500000]


def next_serial():
    _serial[0] += 1
    return _serial[0]


def new_person(c, name, born, gender, province="079", **kw):
    """PersonCreate; returns the Response (callers check the status)."""
    p = pb.Person(name=name, born=born, gender=gender,
                  id_number=cccd(born, gender, next_serial(), province),
                  ethnicity=kw.pop("ethnicity", "Kinh"),
                  religion=kw.pop("religion", "Không"), **kw)
    return c.call("person_create", pb.PersonCreate(person=p))


def member(c, name, born, gender, cell_id, since, official=True, **kw):
    """A party member entered directly (no file)."""
    r = new_person(c, name, born, gender, cell_id=cell_id, member_since=since,
                   membership=pb.MEMBER_OFFICIAL if official else pb.MEMBER_PROBATIONARY,
                   **kw)
    if r.status != pb.OK:
        raise AssertionError("member %s: %s %s" % (name, pb.Status.Name(r.status), r.message))
    return r.person


def candidate(c, name, born, gender, cell_id, since, education=pb.UNIVERSITY, **kw):
    r = new_person(c, name, born, gender, cell_id=cell_id, stage_since=since,
                   education=education, **kw)
    if r.status != pb.OK:
        raise AssertionError("candidate %s: %s %s" % (name, pb.Status.Name(r.status), r.message))
    return r.person


# ---- the file --------------------------------------------------------------

def advance(c, pid, to, at=None, **kw):
    return c.call("file_advance", pb.FileAdvance(person_id=pid, to=to, at=at or "", **kw))


def record(c, pid, note="", **item):
    return c.call("file_record", pb.FileRecord(person_id=pid, note=note, **item))


def file_of(c, pid):
    r = c.call("file_get", pb.FileGet(person_id=pid))
    if r.status != pb.OK:
        raise AssertionError("FileGet %d: %s" % (pid, r.message))
    return r.file


def moves(c, pid, at=""):
    return c.call("file_moves", pb.FileMoves(person_id=pid, at=at))


def move_unmet(c, pid, to, at=""):
    """The codes FileMoves lists as unmet for the move to `to` on at, or
    None when the move is not offered."""
    r = moves(c, pid, at)
    if r.status != pb.OK:
        raise AssertionError("FileMoves %d: %s" % (pid, r.message))
    for m in r.moves.moves:
        if m.to == to:
            return [u.code for u in m.unmet]
    return None


def history(c, pid, limit=1000):
    """Every history entry of pid, following cursors."""
    out, cursor = [], ""
    for _ in range(10000):
        r = c.call("history_list", pb.HistoryList(person_id=pid, limit=limit, cursor=cursor))
        if r.status != pb.OK:
            raise AssertionError("HistoryList %d: %s" % (pid, r.message))
        out += list(r.history_page.items)
        cursor = r.history_page.next_cursor
        if not cursor:
            return out
    raise AssertionError("history cursor loop")


def codes(r):
    return [u.code for u in r.unmet]


def stage_name(s):
    try:
        return pb.Stage.Name(s)
    except ValueError:
        return str(s)


def must_ok(r, what):
    if r.status != pb.OK:
        raise AssertionError("%s: %s %s field=%r unmet=%s" % (
            what, pb.Status.Name(r.status), r.message, r.field, codes(r)))
    return r


PAPERS = [pb.DOC_APPLICATION, pb.DOC_BACKGROUND, pb.DOC_INTRODUCTION,
          pb.DOC_MASS_ORG_COMMENT, pb.DOC_RESIDENCE_CELL_COMMENT, pb.DOC_SUMMARY]

ORDER = [pb.STAGE_IN_COURSE, pb.STAGE_COURSE_PASSED, pb.STAGE_MENTORED,
         pb.STAGE_DOSSIER, pb.STAGE_VERIFYING, pb.STAGE_CELL_VOTE,
         pb.STAGE_PROPOSED, pb.STAGE_DECIDED, pb.STAGE_PROBATION]


def schedule(base):
    """Dates for a quick walk starting at the identification date base:
    every step comes after the one before, the papers are fresh at the
    vote, the course certificate is valid."""
    return {
        pb.STAGE_IN_COURSE: add_days(base, 20),
        pb.STAGE_COURSE_PASSED: add_days(base, 60),
        pb.STAGE_MENTORED: add_days(base, 70),
        pb.STAGE_DOSSIER: add_days(base, 200),
        "papers": add_days(base, 205),
        pb.STAGE_VERIFYING: add_days(base, 215),
        "checks": add_days(base, 240),
        pb.STAGE_CELL_VOTE: add_days(base, 260),
        pb.STAGE_PROPOSED: add_days(base, 270),
        pb.STAGE_DECIDED: add_days(base, 290),
        pb.STAGE_PROBATION: add_days(base, 300),
    }


def walk(c, pid, target, base, mentors, introducers, votes_for=0, dates=None,
         before_verifying=None):
    """Move the candidate pid from its current stage up to target along the
    main path, using schedule(base) (overridden by dates).  mentors: member
    ids; introducers: two official member ids known to the candidate for
    years.  Concludes every check before the vote.  Raises on any refusal."""
    sch = schedule(base)
    sch.update(dates or {})
    f = file_of(c, pid)
    for to in ORDER:
        if ORDER.index(to) <= (ORDER.index(f.stage) if f.stage in ORDER else -1):
            continue
        if ORDER.index(to) > ORDER.index(target):
            break
        kw = {}
        if to == pb.STAGE_COURSE_PASSED:
            kw["cert_number"] = "%d/GCN-TTCT" % pid
        elif to == pb.STAGE_MENTORED:
            kw["mentor_ids"] = list(mentors)
        elif to == pb.STAGE_VERIFYING:
            for k in PAPERS:
                must_ok(record(c, pid, document=pb.Document(kind=k, date=sch["papers"])),
                        "paper %d" % k)
            for m in introducers:
                must_ok(record(c, pid, introducer=pb.Introducer(
                    member_id=m, since=add_months(sch["papers"], -30), date=sch["papers"])),
                    "introducer %d" % m)
            if before_verifying:
                before_verifying()
        elif to == pb.STAGE_CELL_VOTE:
            conclude_checks(c, pid, sch["checks"])
            kw["votes_for"] = votes_for
        elif to == pb.STAGE_DECIDED:
            kw["decision_number"] = "%d-QĐ/QU" % pid
        must_ok(advance(c, pid, to, sch[to], **kw), "advance %d to %s" % (pid, stage_name(to)))
        f = file_of(c, pid)
    return f


def conclude_checks(c, pid, date):
    for ck in file_of(c, pid).checks:
        if ck.status == pb.CHECK_PENDING:
            must_ok(record(c, pid, check_update=pb.CheckUpdate(
                check_id=ck.id, action=pb.CHECK_CONCLUDE, date=date)),
                "conclude check %d" % ck.id)


# ---- translations ------------------------------------------------------------

def po_entries(path=None):
    """msgid -> msgstr of a .po file (plain entries; plural forms keep
    msgstr[0])."""
    path = path or os.path.join(TOP, "po", "vi.po")
    out = {}
    try:
        text = open(path, encoding="utf-8").read()
    except FileNotFoundError:
        return out
    cur, key = {}, None

    def flush():
        if "msgid" in cur:
            out[cur["msgid"]] = cur.get("msgstr", cur.get("msgstr[0]", ""))

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            if line.startswith("#") and "msgid" in cur and "msgstr" not in cur:
                continue
            if not line:
                flush()
                cur, key = {}, None
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if m:
            if m.group(1) == "msgid" and "msgid" in cur:
                flush()
                cur = {}
            key = m.group(1)
            cur[key] = _unquote(m.group(2))
        elif line.startswith('"') and key:
            cur[key] += _unquote(line[1:-1])
    flush()
    return out


def _unquote(s):
    return (s.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t")
            .replace("\\\\", "\\"))


def source_msgids(*files):
    """Every N_("...") msgid in the given source files (C string pieces
    joined)."""
    out = []
    for f in files:
        text = open(os.path.join(TOP, f), encoding="utf-8").read()
        for m in re.finditer(r'N_\(((?:\s*"(?:[^"\\]|\\.)*")+)\s*\)', text):
            pieces = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
            out.append(_unquote("".join(pieces)))
    return out
