#!/usr/bin/python3
"""The pipeline board (protocol 1.6): PipelineCount and PersonList's stage
and unit filters through a real hosod, and the CLI's 'file pipeline' and
'person list --stage --unit'.

The admin builds a district with wards A and B, cells A1 and A2 under A,
B1 under B and D1 directly under the district, members entered directly
(outside the pipeline), candidates walked to several stages (on hold and
withdrawn too) and one candidate without a cell.  Then: the counts of the
district, each ward, each cell and of 0 agree with a PersonList walk of
the same unit and with the numbers the data was built with; the stages
come in Stage order; FileAdvance (a step, a file moved to another cell)
changes the counts; the stage filter alone and with a unit, a cell or a
place of residence; paging a filtered list; what each role sees of it
(its own unit for 0, PERMISSION_DENIED outside it); NOT_FOUND and
INVALID_ARGUMENT with their fields; the CLI's output in English and in
Vietnamese.  Every person is invented."""

import collections
import json
import os
import re
import subprocess

from hoso_wire import TOP, Daemon, describe, is_eq, note, ok, pb, run
from hoso_flow import advance, candidate, member, po_entries, walk

NOW = "2026-11-23T09:00"
BASE = "2026-02-28"
PW = "mat-khau-bang-quy-trinh-1"
HOSO = os.environ.get("HOSO") or os.path.join(TOP, "build", "hoso")

S = pb.Stage.Value
IDENT, COURSE, PASSED, MENTORED, DOSSIER, VERIFYING, ON_HOLD, WITHDRAWN = (
    pb.STAGE_IDENTIFIED, pb.STAGE_IN_COURSE, pb.STAGE_COURSE_PASSED, pb.STAGE_MENTORED,
    pb.STAGE_DOSSIER, pb.STAGE_VERIFYING, pb.STAGE_ON_HOLD, pb.STAGE_WITHDRAWN)

# The candidates of each cell, by the stage they are walked to.
PLAN = {
    "A1": [IDENT, IDENT, IDENT, COURSE, COURSE, PASSED, VERIFYING],
    "A2": [IDENT, IDENT, MENTORED, ON_HOLD],
    "B1": [IDENT, IDENT, DOSSIER, WITHDRAWN],
    "D1": [IDENT, COURSE],
}
UNITS_OF = {"A": ["A1", "A2"], "B": ["B1"], "A1": ["A1"], "A2": ["A2"], "B1": ["B1"],
            "D1": ["D1"]}

FAMILY = ["Lê", "Trần", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý",
          "Tạ", "Quách", "Lương", "Châu", "Mạc", "Kiều", "Khúc", "Lạc", "Thân"]
MIDDLE = {False: ["Văn", "Hữu", "Đức", "Minh"], True: ["Thị", "Ngọc", "Thu", "Bích"]}
GIVEN = {False: ["Hùng", "Khoa", "Tài", "Sơn", "Phúc"], True: ["Mai", "Lan", "Hạnh", "Yến",
                                                                 "Trang"]}
_serial = [0]


def new_name(female=False):
    """A new invented name, unique in this test."""
    _serial[0] += 1
    i = _serial[0]
    return "%s %s %s" % (FAMILY[i % 20], MIDDLE[female][(i // 20) % 4], GIVEN[female][i % 5])


def stage_labels():
    """Stage enum name -> (word, English label), from libhoso's table."""
    text = open(os.path.join(TOP, "client", "lib", "names.c"), encoding="utf-8").read()
    body = text[text.index("hoso_stage_words[]"):]
    body = body[:body.index("};")]
    out = {}
    for m in re.finditer(r'HOSO__STAGE__(STAGE_\w+),\s*"([\w-]+)",\s*N_\("([^"]+)"\)', body):
        out[S(m.group(1))] = (m.group(2), m.group(3))
    return out


LABELS = stage_labels()


# ---- the world -------------------------------------------------------------------

class World:
    pass


def seed(d):
    w = World()
    w.d = d
    a = w.a = d.connect()
    o = {}
    o["D"] = a.create_org(pb.ORG_DISTRICT, "Quận ủy Hòa Bình", code="Q-PL")
    o["A"] = a.create_org(pb.ORG_WARD, "Đảng ủy Phường An Lạc", o["D"].id, "P-AL")
    o["B"] = a.create_org(pb.ORG_WARD, "Đảng ủy Phường Bình Trị", o["D"].id, "P-BT")
    o["A1"] = a.create_org(pb.ORG_CELL, "Chi bộ Khu phố 1 An Lạc", o["A"].id, "CB-AL-1")
    o["A2"] = a.create_org(pb.ORG_CELL, "Chi bộ Khu phố 2 An Lạc", o["A"].id, "CB-AL-2")
    o["B1"] = a.create_org(pb.ORG_CELL, "Chi bộ Khu phố 1 Bình Trị", o["B"].id, "CB-BT-1")
    o["D1"] = a.create_org(pb.ORG_CELL, "Chi bộ Cơ quan Quận ủy", o["D"].id, "CB-QU-1")
    o["PA"] = a.create_org(pb.ORG_POLICE, "Công an Phường An Lạc", o["A"].id, "CA-AL")
    w.o = o
    ward_of = {"A1": "A", "A2": "A", "B1": "B", "D1": None}
    w.members, w.cands = {}, collections.defaultdict(list)
    for k in PLAN:
        res = o[ward_of[k]].id if ward_of[k] else 0
        w.members[k] = [member(a, new_name(), "1968-0%d-1%d" % (i + 1, i), pb.MALE, o[k].id,
                               "2010-05-05", residence_id=res).id for i in range(2)]
    for k, stages in PLAN.items():
        res = o[ward_of[k]].id if ward_of[k] else 0
        for i, target in enumerate(stages):
            female = i % 2 == 1
            p = candidate(a, new_name(female), "199%d-0%d-1%d" % (i, i + 1, i),
                          pb.FEMALE if female else pb.MALE, o[k].id, BASE, residence_id=res)
            if target in (ON_HOLD, WITHDRAWN):
                walk(a, p.id, COURSE, BASE, w.members[k], w.members[k])
                r = advance(a, p.id, target, "2026-11-20", reason="Chuyển công tác xa")
                if r.status != pb.OK:
                    raise AssertionError("advance to %s: %s" % (pb.Stage.Name(target),
                                                                 describe(r)))
            elif target != IDENT:
                walk(a, p.id, target, BASE, w.members[k][:1], w.members[k][:2])
            w.cands[k].append(p.id)
    # A candidate entered without a cell: only the district's count has her.
    w.nocell = candidate(a, new_name(True), "2000-03-03", pb.FEMALE, 0, BASE).id
    # Accounts.
    spec = {"wardA": (pb.ROLE_WARD_OFFICER, o["A"].id, "can.bo.an.lac", "Lương Văn Đạt"),
            "cellA1": (pb.ROLE_CELL_SECRETARY, o["A1"].id, "bi.thu.a1", "Mạc Văn Tâm"),
            "police": (pb.ROLE_POLICE, o["PA"].id, "cong.an.an.lac", "Thượng úy Võ Văn Khải"),
            "inspector": (pb.ROLE_INSPECTOR, 0, "thanh.tra", "Hà Thị Thanh")}
    w.conns = {"admin": a}
    for role, (rl, org, login, name) in spec.items():
        a.must("user_add", pb.UserAdd(login=login, display_name=name, role=rl, org_id=org,
                                      password=PW))
        w.conns[role] = d.connect_as(login, PW)
    return w


def expected(keys, nocell=False):
    """Counter stage -> count of the cells keys as PLAN built them."""
    n = collections.Counter()
    for k in keys:
        n.update(PLAN[k])
    if nocell:
        n[IDENT] += 1
    return n


# ---- helpers ---------------------------------------------------------------------

def counts(r):
    return collections.Counter({x.stage: x.count for x in r.pipeline.counts})


def show(cnt):
    return ", ".join("%s %d" % (LABELS[s][0], n) for s, n in sorted(cnt.items()))


def listed(c, **kw):
    """Every person of a filtered PersonList, following cursors."""
    items, pages = c.list_all("person_list", **kw)
    return items, pages


def walk_counts(c, org):
    items, _ = listed(c, org_id=org)
    return collections.Counter(p.stage for p in items if p.stage != pb.STAGE_NONE), items


def cli(d, *args, token=None, lang="en"):
    env = dict(os.environ)
    env.update(HOSO_TOKEN=token or d.token() or "", XDG_RUNTIME_DIR=d.tmpdir,
               XDG_CONFIG_HOME=d.tmpdir, HOSO_KNOWN_SERVERS=os.path.join(d.tmpdir, "known"),
               LANGUAGE=lang, LC_ALL="C.UTF-8")
    p = subprocess.run([HOSO, "--server", "127.0.0.1:%d" % d.port] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace")


# ---- counts against lists ----------------------------------------------------------

def test_counts(w):
    a, o = w.a, w.o
    everyone, _ = listed(a)
    cell_of = {p.id: p.cell_id for p in everyone}
    cases = [("the district", o["D"].id, list(PLAN), True),
             ("0 (the admin: everyone)", 0, list(PLAN), True),
             ("ward A", o["A"].id, UNITS_OF["A"], False),
             ("ward B", o["B"].id, UNITS_OF["B"], False),
             ("cell A1", o["A1"].id, ["A1"], False),
             ("cell A2", o["A2"].id, ["A2"], False),
             ("cell D1 (directly under the district)", o["D1"].id, ["D1"], False)]
    for what, org, keys, nocell in cases:
        r = a.call("pipeline_count", pb.PipelineCount(org_id=org))
        if not ok(r.status == pb.OK, "PipelineCount of %s -> OK" % what, describe(r)):
            continue
        got = counts(r)
        want = expected(keys, nocell)
        ok(got == want, "%s: %s" % (what, show(want)), "got %s" % show(got))
        by_list, items = walk_counts(a, org)
        ok(got == by_list, "%s: the counts are those of a PersonList walk of the unit" % what,
           "list: %s" % show(by_list))
        is_eq(r.pipeline.total, sum(want.values()), "%s: total %d, members not counted"
              % (what, sum(want.values())))
        is_eq(r.pipeline.org_id, org, "%s: Pipeline.org_id is the unit asked for" % what)
        stages = [x.stage for x in r.pipeline.counts]
        ok(stages == sorted(stages) and all(x.count > 0 for x in r.pipeline.counts),
           "%s: only stages with someone, in Stage order" % what, stages)
        if org in (0, o["D"].id):
            ids = {p.id for p in everyone}
        else:
            cells = {o[k].id for k in keys}
            ids = {i for i, cid in cell_of.items() if cid in cells}
        is_eq(sorted(p.id for p in items), sorted(ids),
              "%s: PersonList org_id lists exactly the people of the unit (%d, members too)"
              % (what, len(ids)))
    r = a.call("pipeline_count", pb.PipelineCount(org_id=o["PA"].id))
    ok(r.status == pb.OK and not r.pipeline.counts and r.pipeline.total == 0,
       "PipelineCount of a police station: no cells, nobody", describe(r))


def test_changes(w):
    """FileAdvance moves a count; a file moved to another cell moves it
    between the cells and leaves the ward's alone."""
    a, o = w.a, w.o

    def cnt(k):
        return counts(a.must("pipeline_count", pb.PipelineCount(org_id=o[k].id)))

    before = {k: cnt(k) for k in ("D", "A", "A1", "A2")}
    pid = w.cands["A1"][0]
    r = advance(a, pid, COURSE, "2026-11-20")
    ok(r.status == pb.OK, "an A1 candidate goes to the awareness course", describe(r))
    for k in ("D", "A", "A1"):
        want = before[k].copy()
        want[IDENT] -= 1
        want[COURSE] += 1
        is_eq(cnt(k), +want, "after the step: %s counts one fewer identified, one more "
              "attending the course" % k)
    is_eq(cnt("A2"), before["A2"], "after the step: A2's counts did not change")
    ids = [p.id for p in listed(a, org_id=o["A1"].id, stage=COURSE)[0]]
    ok(pid in ids, "PersonList of A1 at the course stage now lists that candidate", ids)

    before = {k: cnt(k) for k in ("A", "A1", "A2")}
    pid = w.cands["A1"][1]
    r = advance(a, pid, pb.STAGE_MOVED, "2026-11-21", cell_id=o["A2"].id)
    ok(r.status == pb.OK, "an identified A1 candidate's file moves to cell A2", describe(r))
    w.cands["A1"].remove(pid)
    w.cands["A2"].append(pid)
    want1, want2 = before["A1"].copy(), before["A2"].copy()
    want1[IDENT] -= 1
    want2[IDENT] += 1
    is_eq(cnt("A1"), +want1, "after the move: A1 counts one identified fewer")
    is_eq(cnt("A2"), +want2, "after the move: A2 counts one identified more")
    is_eq(cnt("A"), before["A"], "after the move: ward A's counts are the same")
    PLAN["A1"] = [COURSE, IDENT, COURSE, COURSE, PASSED, VERIFYING]
    PLAN["A2"] = PLAN["A2"] + [IDENT]


def test_filters(w):
    a, o = w.a, w.o
    everyone, _ = listed(a)
    for k in ("A", "D"):
        r = a.must("pipeline_count", pb.PipelineCount(org_id=o[k].id))
        for sc in r.pipeline.counts:
            items, _ = listed(a, org_id=o[k].id, stage=sc.stage)
            ok(len(items) == sc.count and all(p.stage == sc.stage for p in items),
               "unit %s, stage %s: PersonList lists the %d the count says" % (
                   k, LABELS[sc.stage][0], sc.count),
               "got %s" % [(p.id, p.stage) for p in items])
    items, _ = listed(a, stage=IDENT)
    want = sorted(p.id for p in everyone if p.stage == IDENT)
    is_eq(sorted(p.id for p in items), want,
          "stage filter alone: everyone identified, the cell-less one too (%d)" % len(want))
    items, _ = listed(a, cell_id=o["A2"].id, stage=IDENT)
    want = sorted(p.id for p in everyone if p.stage == IDENT and p.cell_id == o["A2"].id)
    is_eq(sorted(p.id for p in items), want, "stage and cell_id: A2's identified (%d)" % len(want))
    items, _ = listed(a, residence_id=o["B"].id, stage=DOSSIER)
    want = sorted(p.id for p in everyone if p.stage == DOSSIER and p.residence_id == o["B"].id)
    ok(len(want) == 1 and sorted(p.id for p in items) == want,
       "stage and residence_id: ward B's resident preparing the dossier",
       [p.id for p in items], want)
    items, _ = listed(a, org_id=o["A"].id, residence_id=o["A"].id, stage=IDENT)
    want = sorted(p.id for p in everyone if p.stage == IDENT and p.residence_id == o["A"].id
                  and p.cell_id in (o["A1"].id, o["A2"].id))
    is_eq(sorted(p.id for p in items), want, "unit, residence and stage together (%d)" % len(want))
    items, _ = listed(a, org_id=o["A"].id, cell_id=o["B1"].id)
    is_eq(len(items), 0, "unit ward A with cell_id B1: nobody")
    items, _ = listed(a, org_id=o["A"].id, stage=pb.STAGE_NONE)
    ok(any(p.stage == pb.STAGE_NONE for p in items) and len(items) == len(
        [p for p in everyone if p.cell_id in (o["A1"].id, o["A2"].id)]),
       "stage STAGE_NONE means any stage: ward A's members are listed with its candidates")
    items, _ = listed(a, stage=pb.STAGE_MOVED)
    is_eq(len(items), 0, "nobody rests at the 'moved' stage")


def test_paging(w):
    a, o = w.a, w.o
    full, _ = listed(a, org_id=o["A"].id, stage=IDENT)
    n = len(full)
    seen, pages, cursor, sizes = [], 0, "", []
    while True:
        r = a.must("person_list", pb.PersonList(org_id=o["A"].id, stage=IDENT, limit=2,
                                                cursor=cursor))
        pages += 1
        sizes.append(len(r.person_page.items))
        seen += [p.id for p in r.person_page.items]
        cursor = r.person_page.next_cursor
        if not cursor or pages > 50:
            break
    ok(n >= 5 and pages == (n + 1) // 2 and max(sizes) <= 2,
       "ward A's %d identified by 2: %d pages, none longer than 2, no empty last one" % (
           n, (n + 1) // 2), "page sizes %s" % sizes)
    ok(sorted(seen) == sorted(p.id for p in full) and len(set(seen)) == len(seen),
       "the pages hold each of them once", seen)
    cells = {next(p.cell_id for p in full if p.id == i) for i in seen}
    ok(seen == sorted(seen) and len(cells) == 2, "the list is in id order across the ward's "
       "two cells", seen)
    items, _ = listed(a, org_id=o["A"].id, limit=3)
    ids = [p.id for p in items]
    ok(ids == sorted(ids) and ids != sorted(ids, key=lambda i: (
        next(p.cell_id for p in items if p.id == i), i)),
       "ward A's whole list by 3 is in id order, its cells' people interleaved", ids)
    items, pages = listed(a, limit=1, org_id=o["D"].id, stage=COURSE)
    want = counts(a.must("pipeline_count", pb.PipelineCount(org_id=o["D"].id)))[COURSE]
    ok(len(items) == want and pages == want,
       "the district's %d at the course stage, one per page: %d pages" % (want, want),
       "got %d items in %d pages" % (len(items), pages))
    r = a.call("person_list", pb.PersonList(org_id=o["A"].id, stage=IDENT, cursor="zz"))
    ok(r.status == pb.INVALID_ARGUMENT and r.field == "cursor",
       "a cursor that is not hex -> INVALID_ARGUMENT on cursor", describe(r))


def test_roles(w):
    o = w.o
    ward_a = counts(w.a.must("pipeline_count", pb.PipelineCount(org_id=o["A"].id)))
    cell_a1 = counts(w.a.must("pipeline_count", pb.PipelineCount(org_id=o["A1"].id)))
    whole = counts(w.a.must("pipeline_count", pb.PipelineCount()))

    c = w.conns["wardA"]
    r = c.call("pipeline_count", pb.PipelineCount())
    ok(r.status == pb.OK and r.pipeline.org_id == o["A"].id and counts(r) == ward_a,
       "ward officer A asking for 0: ward A's counts, org_id ward A", describe(r))
    r = c.call("pipeline_count", pb.PipelineCount(org_id=o["A1"].id))
    ok(r.status == pb.OK and counts(r) == cell_a1, "ward officer A: cell A1 -> its counts",
       describe(r))
    for k in ("B", "B1", "D", "D1"):
        r = c.call("pipeline_count", pb.PipelineCount(org_id=o[k].id))
        is_eq(pb.Status.Name(r.status), "PERMISSION_DENIED",
              "ward officer A: PipelineCount of unit %s (outside) -> PERMISSION_DENIED" % k)
    r = c.call("person_list", pb.PersonList(org_id=o["B"].id, stage=IDENT))
    is_eq(pb.Status.Name(r.status), "PERMISSION_DENIED",
          "ward officer A: PersonList of ward B -> PERMISSION_DENIED")
    items, _ = listed(c, stage=IDENT)
    is_eq(len(items), ward_a[IDENT], "ward officer A: PersonList by stage alone lists only its "
          "ward's %d identified" % ward_a[IDENT])

    c = w.conns["cellA1"]
    r = c.call("pipeline_count", pb.PipelineCount())
    ok(r.status == pb.OK and r.pipeline.org_id == o["A1"].id and counts(r) == cell_a1,
       "cell secretary A1 asking for 0: cell A1's counts", describe(r))
    for k in ("A2", "A", "B1", "D"):
        r = c.call("pipeline_count", pb.PipelineCount(org_id=o[k].id))
        ok(r.status == pb.PERMISSION_DENIED and "permission denied" in r.message,
           "cell secretary A1: PipelineCount of unit %s -> PERMISSION_DENIED" % k, describe(r))
    r = c.call("person_list", pb.PersonList(org_id=o["A2"].id))
    is_eq(pb.Status.Name(r.status), "PERMISSION_DENIED",
          "cell secretary A1: PersonList of cell A2 -> PERMISSION_DENIED")
    items, _ = listed(c, org_id=o["A1"].id, stage=COURSE)
    is_eq(len(items), cell_a1[COURSE], "cell secretary A1: its own cell at the course stage")

    c = w.conns["inspector"]
    r = c.call("pipeline_count", pb.PipelineCount())
    ok(r.status == pb.OK and r.pipeline.org_id == 0 and counts(r) == whole,
       "inspector asking for 0: everyone", describe(r))
    r = c.call("pipeline_count", pb.PipelineCount(org_id=o["B"].id))
    is_eq(pb.Status.Name(r.status), "OK", "inspector: ward B -> OK")

    c = w.conns["police"]
    r = c.call("pipeline_count", pb.PipelineCount(org_id=o["A"].id))
    is_eq(pb.Status.Name(r.status), "PERMISSION_DENIED", "police: PipelineCount -> "
          "PERMISSION_DENIED (the role reads no files)")


def test_refusals(w):
    a = w.a
    for body, msg in (("pipeline_count", pb.PipelineCount(org_id=9999)),
                      ("person_list", pb.PersonList(org_id=9999))):
        r = a.call(body, msg)
        ok(r.status == pb.NOT_FOUND and r.field == "org_id" and "9999" in r.message,
           "%s of unit 9999 -> NOT_FOUND on org_id" % body, describe(r))
    for v in (12, 99, -1):
        r = a.call("person_list", pb.PersonList(stage=v))
        ok(r.status == pb.INVALID_ARGUMENT and r.field == "stage",
           "PersonList stage %d (no such stage) -> INVALID_ARGUMENT on stage" % v, describe(r))


# ---- the CLI ------------------------------------------------------------------------

def table_rows(out):
    """The (label, count) rows of 'file pipeline' after its header line."""
    lines = out.splitlines()
    rows = []
    try:
        # The header: two columns apart, whose names may have spaces
        # ("Số quần chúng").
        start = next(i for i, l in enumerate(lines) if re.match(r"^\S.*\S\s{2,}\S", l)
                     and not l.startswith("Unit") and not l.startswith("Đơn vị"))
    except StopIteration:
        return []
    for l in lines[start + 1:]:
        m = re.match(r"^(.*?)\s{2,}(\d+)$", l)
        if m:
            rows.append((m.group(1), int(m.group(2))))
    return rows


def test_cli(w):
    d, o = w.d, w.o
    if not ok(os.path.exists(HOSO), "the hoso CLI is built"):
        return
    want = counts(w.a.must("pipeline_count", pb.PipelineCount(org_id=o["A"].id)))
    rc, out = cli(d, "file", "pipeline", "--unit", "P-AL")
    rows = table_rows(out)
    ok(rc == 0 and re.search(r"^Unit: +%d \(Đảng ủy Phường An Lạc\)$" % o["A"].id, out, re.M),
       "hoso file pipeline --unit P-AL: names the unit", out)
    exp = [(LABELS[s][1], n) for s, n in sorted(want.items())] + [("Total", sum(want.values()))]
    is_eq(rows, exp, "hoso file pipeline --unit P-AL: a line per stage with its English label "
          "and count, in Stage order, then the total")
    ok(re.search(r"^Stage +Candidates$", out, re.M), "the table has the header Stage, Candidates",
       out)
    rc2, out2 = cli(d, "file", "pipeline", "--unit", str(o["A"].id))
    ok(rc2 == 0 and out2 == out, "--unit takes the unit's number too", out2)
    rc, out = cli(d, "--json", "file", "pipeline", "--unit", "cb-al-1")
    try:
        j = json.loads(out)
    except ValueError:
        j = None
    a1 = counts(w.a.must("pipeline_count", pb.PipelineCount(org_id=o["A1"].id)))
    ok(rc == 0 and j is not None and j["org_id"] == o["A1"].id and
       j["counts"] == [{"stage": LABELS[s][0], "count": n} for s, n in sorted(a1.items())] and
       j["total"] == sum(a1.values()),
       "hoso --json file pipeline --unit cb-al-1 (case ignored): org_id, counts as stage words, "
       "total", out)
    rc, out = cli(d, "file", "pipeline")
    ok(rc == 0 and re.search(r"^Unit: +every unit$", out, re.M) and
       table_rows(out)[-1] == ("Total", sum(counts(w.a.must(
           "pipeline_count", pb.PipelineCount())).values())),
       "hoso file pipeline (the admin, no unit): every unit and everyone's total", out)
    rc, out = cli(d, "file", "pipeline", "--unit", "KHONG-CO")
    ok(rc == 1 and "--unit" in out and "KHONG-CO" in out,
       "--unit with a code nobody has: exit 1, says which option", out)
    rc, out = cli(d, "file", "pipeline", "--unit", "9999")
    ok(rc == 1 and "--unit: there is no unit with id 9999" in out,
       "--unit 9999: the server's NOT_FOUND, on --unit", out)

    # In Vietnamese: the stage labels as po/vi.po has them.
    po = po_entries()
    rc, out = cli(d, "file", "pipeline", "--unit", "P-AL", lang="vi")
    rows = table_rows(out)
    vi = [po.get(LABELS[s][1]) or LABELS[s][1] for s in sorted(want)]
    ok(rc == 0 and [r[0] for r in rows[:-1]] == vi and [r[1] for r in rows] ==
       [n for _, n in sorted(want.items())] + [sum(want.values())],
       "LANGUAGE=vi: the same counts under the Vietnamese stage labels", out, vi)

    # The cell secretary: its own cell by default, another unit refused.
    tok = w.conns["cellA1"].token
    rc, out = cli(d, "file", "pipeline", token=tok)
    ok(rc == 0 and re.search(r"^Unit: +%d \(Chi bộ Khu phố 1 An Lạc\)$" % o["A1"].id, out, re.M),
       "the cell secretary's hoso file pipeline: its own cell", out)
    rc, out = cli(d, "file", "pipeline", "--unit", "P-AL", token=tok)
    ok(rc == 1 and "permission denied" in out, "the cell secretary's --unit P-AL (its ward): "
       "exit 1, permission denied", out)
    rc, out = cli(d, "file", "pipeline", "--unit", "CB-AL-2", token=tok)
    ok(rc == 1 and "no unit with code CB-AL-2" in out, "the cell secretary's --unit CB-AL-2 (a "
       "cell it may not see): exit 1, no such unit for it", out)

    # person list --unit --stage
    people = listed(w.a, org_id=o["A"].id, stage=IDENT)[0]
    rc, out = cli(d, "person", "list", "--unit", "P-AL", "--stage", "identified")
    ok(rc == 0 and all(p.name in out for p in people) and
       len([l for l in out.splitlines()[1:] if l.strip()]) == len(people),
       "hoso person list --unit P-AL --stage identified: the %d of them" % len(people), out)
    rc, out = cli(d, "person", "list", "--unit", "P-AL", "--stage", "identified", "--limit", "2")
    m = re.search(r"--cursor (\S+)", out)
    ok(rc == 0 and m and sum(p.name in out for p in people) == 2,
       "--limit 2: two of them, and how to go on", out)
    if m:
        rc, out2 = cli(d, "person", "list", "--unit", "P-AL", "--stage", "identified",
                       "--limit", "2", "--cursor", m.group(1))
        ok(rc == 0 and sum(p.name in out2 for p in people) == 2 and
           not any(p.name in out and p.name in out2 for p in people),
           "--cursor: the next two", out2)
    rc, out = cli(d, "person", "list", "--stage", "dang-lam")
    ok(rc == 2 and "--stage" in out and "identified" in out,
       "--stage with a word that is no stage: exit 2, the words listed", out)
    rc, out = cli(d, "--json", "person", "list", "--unit", "CB-BT-1", "--stage", "withdrawn")
    try:
        j = json.loads(out)
    except ValueError:
        j = None
    ok(rc == 0 and j is not None and len(j["items"]) == 1 and j["next"] is None,
       "hoso --json person list --unit CB-BT-1 --stage withdrawn: the one who withdrew", out)


def main():
    d = Daemon("--now", NOW).start()
    w = seed(d)
    note("units: %s" % {k: v.id for k, v in w.o.items()})
    test_counts(w)
    test_filters(w)
    test_paging(w)
    test_roles(w)
    test_refusals(w)
    test_cli(w)
    test_changes(w)
    test_counts(w)
    for c in w.conns.values():
        c.close()
    is_eq(d.stop(), 0, "hosod exits 0")
    d.remove()


run(main)
