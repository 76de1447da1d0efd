#!/usr/bin/python3
"""The store seen through the protocol: a tiny LMDB map that must grow,
cursor paging, filters, name search, and durability across SIGTERM and
SIGKILL."""

import os
import time
import unicodedata

from hoso_wire import (Daemon, describe, invented_person, is_eq, note, ok,
                       org_tree, pb, run)


def create_many(c, people, batch=100):
    """Pipelined PersonCreate in batches; returns the responses."""
    out = []
    for i in range(0, len(people), batch):
        out += c.pipeline([("person_create", pb.PersonCreate(person=pb.Person(**p)))
                           for p in people[i:i + batch]])
    return out


def snapshot(c):
    items, _ = c.list_all("person_list", limit=1000)
    return {p.id: p.SerializeToString(deterministic=True) for p in items}


def map_growth():
    d = Daemon("--map-size", "1048576").start()
    c = d.connect()
    t = org_tree(c)
    n = 3000
    people = [invented_person(i, cell_id=t["cell"].id if i % 3 else t["cell2"].id,
                              residence_id=t["ward"].id,
                              workplace="Công ty TNHH Dịch vụ số %d" % i,
                              notes="Đoàn viên ưu tú năm %d" % (2015 + i % 9))
              for i in range(n)]
    t0 = time.time()
    rs = create_many(c, people)
    note("%d pipelined creates in %.1f s" % (n, time.time() - t0))
    bad = [describe(r) for r in rs if r.status != pb.OK]
    ok(not bad, "%d persons created into a 1 MiB map, all acknowledged OK" % n,
       *(bad[:5] + (["... %d more" % (len(bad) - 5)] if len(bad) > 5 else [])))
    ids = [r.person.id for r in rs if r.status == pb.OK]
    mdb = [os.path.getsize(os.path.join(root, f))
           for root, _, files in os.walk(d.tmpdir) for f in files if f.endswith(".mdb")
           and not f.startswith("lock")]
    ok(mdb and max(mdb) > 1048576, "the store really outgrew the 1 MiB map",
       "LMDB file sizes %s" % mdb)
    note("map growth in the log: %s" % [l for l in d.log().splitlines() if "map" in l.lower()][:3])
    is_eq(len(set(ids)), len(ids), "every create got its own id")

    before = snapshot(c)
    is_eq(set(before), set(ids), "the list holds exactly the acknowledged ids")
    wrong = [i for i, (r, p) in enumerate(zip(rs, people))
             if r.status == pb.OK and (r.person.name != p["name"] or
                                       r.person.id_number != p["id_number"])]
    ok(not wrong, "each acknowledged record carries what was sent", wrong[:5])
    for k in (0, n // 2, n - 1):
        r = c.get_person(ids[k])
        ok(r.status == pb.OK and r.person.name == people[k]["name"]
           and r.person.id_number == people[k]["id_number"]
           and r.person.workplace == people[k]["workplace"],
           "person #%d reads back" % k, describe(r))

    # A page size over the maximum.
    r = c.call("person_list", pb.PersonList(limit=5000))
    ok((r.status == pb.OK and len(r.person_page.items) == 1000)
       or (r.status == pb.INVALID_ARGUMENT and r.field == "limit"),
       "limit 5000 gives 1000 items or INVALID_ARGUMENT on 'limit'",
       describe(r) + " items=%d" % len(r.person_page.items))
    r = c.call("person_list", pb.PersonList())
    ok(r.status == pb.OK and len(r.person_page.items) == 50 and r.person_page.next_cursor,
       "limit 0 gives the default page of 50 and a cursor",
       describe(r) + " items=%d" % len(r.person_page.items))
    c.close()

    rc = d.stop()
    is_eq(rc, 0, "hosod exits 0 on SIGTERM")
    d.start()
    with d.connect() as c:
        after = snapshot(c)
        ok(after == before, "after a restart all %d records read back unchanged" % n,
           "before %d, after %d records" % (len(before), len(after)))
        more = create_many(c, [invented_person(n + i) for i in range(200)])
        ok(all(r.status == pb.OK for r in more), "and 200 more creates succeed after restart")
    is_eq(d.stop(), 0, "hosod exits 0 on the second SIGTERM")
    d.remove()


def paging_and_filters():
    d = Daemon().start()
    c = d.connect()
    t = org_tree(c)
    people = []
    for i in range(250):
        over = {}
        if i < 100:
            over = dict(cell_id=t["cell"].id, residence_id=t["ward"].id)
        elif i < 160:
            over = dict(cell_id=t["cell2"].id, residence_id=t["ward2"].id)
        people.append(invented_person(i, **over))
    rs = create_many(c, people, batch=50)
    ok(all(r.status == pb.OK for r in rs), "250 persons created")
    ids = [r.person.id for r in rs]

    seen, sizes, cursor = [], [], ""
    while True:
        r = c.call("person_list", pb.PersonList(limit=100, cursor=cursor))
        if not ok(r.status == pb.OK, "page %d is OK" % (len(sizes) + 1), describe(r)):
            break
        sizes.append(len(r.person_page.items))
        seen += [p.id for p in r.person_page.items]
        cursor = r.person_page.next_cursor
        if not cursor or len(sizes) > 10:
            break
    is_eq(sizes, [100, 100, 50], "250 persons with limit 100 come in 3 pages of 100, 100, 50")
    is_eq(len(seen), len(set(seen)), "no person appears twice across the pages")
    is_eq(set(seen), set(ids), "no person is missing from the pages")

    # Paging stays sound when records are added between pages.
    r1 = c.call("person_list", pb.PersonList(limit=100))
    extra = c.create_person(**invented_person(900))
    rest = []
    cur = r1.person_page.next_cursor
    while cur:
        r = c.must("person_list", pb.PersonList(limit=100, cursor=cur))
        rest += [p.id for p in r.person_page.items]
        cur = r.person_page.next_cursor
    got = [p.id for p in r1.person_page.items] + rest
    ok(len(got) == len(set(got)) and set(ids) <= set(got),
       "a create between pages causes no duplicate and no gap",
       "got %d ids, %d distinct" % (len(got), len(set(got))))
    ids.append(extra.id)

    r = c.call("person_list", pb.PersonList(limit=10, cursor="not-a-cursor\x01"))
    ok(r.status == pb.INVALID_ARGUMENT and r.field == "cursor",
       "a forged cursor -> INVALID_ARGUMENT field 'cursor'", describe(r))

    # Filters.
    in_cell = {r.person.id for r, p in zip(rs, people) if p.get("cell_id") == t["cell"].id}
    items, pages = c.list_all("person_list", limit=30, cell_id=t["cell"].id)
    got = [p.id for p in items]
    is_eq(sorted(got), sorted(in_cell), "list by cell returns exactly the cell's 100 persons")
    is_eq(pages, 4, "100 persons with limit 30 come in 4 pages")
    ok(all(p.cell_id == t["cell"].id for p in items), "every item is in that cell")
    in_ward2 = {r.person.id for r, p in zip(rs, people)
                if p.get("residence_id") == t["ward2"].id}
    items, _ = c.list_all("person_list", residence_id=t["ward2"].id)
    is_eq({p.id for p in items}, in_ward2, "list by residence ward returns its 60 persons")
    items, _ = c.list_all("person_list", cell_id=t["cell2"].id, residence_id=t["ward"].id)
    is_eq(len(items), 0, "cell and residence filters combine (none match both)")

    orgs, _ = c.list_all("org_list", kind=pb.ORG_CELL)
    is_eq(sorted(o.id for o in orgs), sorted([t["cell"].id, t["cell2"].id]),
          "org list by kind CELL")
    orgs, _ = c.list_all("org_list", parent_id=t["ward"].id)
    is_eq(sorted(o.id for o in orgs), sorted([t["cell"].id, t["cell2"].id, t["police"].id]),
          "org list by parent")
    c.close()
    is_eq(d.stop(), 0, "hosod exits 0 on SIGTERM")
    d.remove()


def search():
    d = Daemon().start()
    c = d.connect()
    t = org_tree(c)
    filler = create_many(c, [invented_person(i) for i in range(1, 120)])
    ok(all(r.status == pb.OK for r in filler), "119 other persons created")
    an = c.create_person(name="Nguyễn Văn An", born="1990-05-17", gender=pb.MALE,
                         id_number="079090012345", cell_id=t["cell"].id)
    huong = c.create_person(name="Đặng Thị Hường", born="1985-11-02", gender=pb.FEMALE,
                            id_number="001185004321", cell_id=t["cell"].id)
    ngoc = c.create_person(name="Trần Thị Bích Ngọc", born="2001-03-09", gender=pb.FEMALE,
                           id_number="048301000777")
    phuc = c.create_person(name="Lê Hoàng Phúc", born="2003-12-24", gender=pb.MALE,
                           id_number="079203009876")

    def find(text):
        items, _ = c.list_all("person_find", text=text)
        return {p.id for p in items}

    def finds(text, who, desc=None):
        got = find(text)
        ok(who.id in got, desc or "find %r finds %s" % (text, who.name),
           "got %d results" % len(got))
        return got

    finds("nguyen van", an)
    finds("NGUYỄN VĂN AN", an)
    finds("nguyen van an", an)
    finds("Nguyễn Văn An", an)
    finds(unicodedata.normalize("NFD", "Nguyễn Văn An"), an,
          "find with the name in NFD (decomposed) finds Nguyễn Văn An")
    finds("  nguyen   van  an ", an, "find ignores extra spaces")
    finds("van an", an, "a query starting at the second word ('van an') finds it")
    finds("an", an, "the given name alone finds it")
    finds("đang", huong)
    finds("dang", huong)
    finds("ĐẶNG THỊ HƯỜNG", huong)
    finds("thi huong", huong)
    finds("bich ngoc", ngoc)
    finds("le hoang phuc", phuc)
    ok(an.id not in find("dang"), "'dang' does not find Nguyễn Văn An")
    ok(huong.id not in find("nguyen van"), "'nguyen van' does not find Đặng Thị Hường")
    is_eq(find("xyzzy"), set(), "a name nobody has finds nothing")
    finds("nguyen v", an, "the last word of a query may be a prefix ('nguyen v')")
    ok(an.id not in find("guyen"), "a query does not start inside a word ('guyen')")
    ok(an.id not in find("an nguyen"), "words out of order do not match ('an nguyen')")
    r = c.call("person_find", pb.PersonFind(text="   "))
    ok(r.status == pb.INVALID_ARGUMENT and r.field == "text",
       "a blank query -> INVALID_ARGUMENT field 'text'", describe(r))

    finds("0790900123", an, "digits find by CCCD prefix (0790900123)")
    finds("079090012345", an, "the full CCCD finds the person")
    ok(find("001185") >= {huong.id}, "a 6-digit CCCD prefix finds Đặng Thị Hường")
    ok(an.id not in find("0790900199"), "a CCCD prefix nobody has does not find An")
    ok(an.id not in find("012345"), "digits match a CCCD prefix, not the middle")

    # The server normalises stored text.
    decomposed = unicodedata.normalize("NFD", "  Phạm   Minh Tuấn ")
    p = c.create_person(name=decomposed, born="1992-07-30", gender=pb.MALE,
                        id_number="079092000321")
    is_eq(p.name, "Phạm Minh Tuấn", "a name sent in NFD with extra blanks is stored NFC, "
          "trimmed, single-spaced")
    r = c.get_person(p.id)
    is_eq(r.person.name, "Phạm Minh Tuấn", "and reads back so")
    finds("pham minh tuan", p)

    # Renamed: the search follows.
    r = c.call("person_update", pb.PersonUpdate(id=phuc.id, expected_version=phuc.version,
                                                fields=["name"],
                                                person=pb.Person(name="Lê Hoàng Phước")))
    ok(r.status == pb.OK, "rename Lê Hoàng Phúc to Lê Hoàng Phước", describe(r))
    finds("phuoc", phuc, "find follows a rename")
    ok(phuc.id not in find("le hoang phuc"), "the old name no longer finds it")

    # Find pages like list.
    r = c.call("person_find", pb.PersonFind(text="nguyen", limit=5))
    items, pages = c.list_all("person_find", limit=5, text="nguyen")
    ok(r.status == pb.OK and len(r.person_page.items) <= 5, "find honours limit")
    is_eq(len(items), len({p.id for p in items}), "find pages have no duplicates")
    note("'nguyen' matched %d persons in %d pages" % (len(items), pages))
    c.close()
    is_eq(d.stop(), 0, "hosod exits 0 on SIGTERM")
    d.remove()


def sigkill():
    d = Daemon().start()
    c = d.connect()
    people = [invented_person(i) for i in range(600)]
    rs = create_many(c, people)
    acked = {r.person.id: p for r, p in zip(rs, people) if r.status == pb.OK}
    ok(len(acked) == 600, "600 creates acknowledged", len(acked))
    some = [r.person for r in rs[:50]]
    us = c.pipeline([("person_update", pb.PersonUpdate(
        id=p.id, expected_version=p.version, fields=["phone"],
        person=pb.Person(phone="09%08d" % p.id))) for p in some])
    updated = {r.person.id for r in us if r.status == pb.OK}
    ok(len(updated) == 50, "50 updates acknowledged", len(updated))
    rc = d.kill9()
    is_eq(rc, -9, "SIGKILL right after the last acknowledgement")
    c.close()
    d.start()
    with d.connect() as c:
        items, _ = c.list_all("person_list")
        have = {p.id: p for p in items}
        missing = [i for i in acked if i not in have]
        ok(not missing, "after SIGKILL and restart every acknowledged create is there",
           "%d missing, e.g. %s" % (len(missing), missing[:5]))
        wrong = [i for i, p in acked.items()
                 if i in have and (have[i].name != p["name"]
                                   or have[i].id_number != p["id_number"])]
        ok(not wrong, "and holds what was sent", wrong[:5])
        lost = [i for i in updated if i in have and have[i].phone != "09%08d" % i]
        ok(not lost, "every acknowledged update survived", lost[:5])
        r = c.call("person_create", pb.PersonCreate(person=pb.Person(**people[0])))
        ok(r.status == pb.CONFLICT and r.field == "id_number",
           "the unique CCCD index survived too", describe(r))
    is_eq(d.stop(), 0, "hosod exits 0 on SIGTERM after recovering")
    d.remove()


def main():
    map_growth()
    paging_and_filters()
    search()
    sigkill()


run(main)
