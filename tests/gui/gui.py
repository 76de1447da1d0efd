"""gui: helpers for the end-to-end GUI tests (tests/gui/test_*.py).

Drives a real window the way a person does, through the accessibility tree
(AT-SPI, read with dogtail): find a control by its accessible name, click
it, type into it, read a label, take a screenshot of the display.  Run
under tests/gui/run.sh, which gives a private X display (Xvfb), a session
bus and the AT-SPI bus; with /usr/bin/python3 (Debian's dogtail).

Names are compared exactly: the tests look controls up by the translated
accessible names of the contract (T() below), as a screen reader user
hears them.

Notes on GTK 4.8's AT-SPI (what this file works around, and what it
cannot):
- every node reports "showing" false, so searches look at hidden nodes
  too; a GtkStack keeps all its pages in the tree (each a panel named
  after its title): search inside the page's panel;
- a label's text is read with getText(0, characterCount) (getText(0, -1)
  gives "");
- component positions are relative to the window ("Screen coordinates
  not supported"); without a window manager every window sits at the top
  left of the display, so a mouse click at the reported position lands;
- a widget's name joins its accessible label and the text of what it is
  labelled by (a button made with a mnemonic is labelled by its own
  label: "Đăng nhập Đăng nhập"), and gtk_label_set_text() overwrites a
  label's accessible label with the text.
"""

import os
import re
import subprocess
import sys
import time

from gi.repository import Gio

# dogtail refuses to start unless the desktop says assistive technologies
# are on; set it in this process too (run.sh sets it through dconf).
try:
    Gio.Settings.new("org.gnome.desktop.interface").set_boolean(
        "toolkit-accessibility", True)
except Exception:       # no schema: dogtail will say what is missing
    pass

from dogtail import config as _dtconfig   # noqa: E402

_dtconfig.config.logDebugToFile = False
_dtconfig.config.logDebugToStdOut = False
_dtconfig.config.searchShowingOnly = False
_dtconfig.config.childrenLimit = 5000
_dtconfig.config.actionDelay = 0.2
_dtconfig.config.typingDelay = 0.02
_dtconfig.config.defaultDelay = 0.2

from dogtail import utils as _dtutils   # noqa: E402

if not _dtutils.isA11yEnabled():
    # dogtail.tree would exit(1) with its message sent to a log we turned off.
    print("# dogtail: assistive technologies are off "
          "(org.gnome.desktop.interface toolkit-accessibility)", flush=True)

from dogtail import rawinput, tree   # noqa: E402

from catalog import NT, T, message_text, msgfmt   # noqa: E402,F401


# ---- the accessibility tree --------------------------------------------------


def _safe(f, default=None):
    try:
        return f()
    except Exception:
        return default


def name(n):
    return _safe(lambda: n.name, "")


def role(n):
    return _safe(lambda: n.roleName, "")


def children(n):
    try:
        count = n.childCount
    except Exception:
        return []
    out = []
    for i in range(count):
        c = _safe(lambda: n.getChildAtIndex(i))
        if c is not None:
            out.append(c)
    return out


def walk(root, skip=None, limit=20000):
    """Every node under root (root first), breadth first, without what the
    nodes skip accepts hold (each AT-SPI call is a round trip: leave out
    the big parts that are not the point); nodes that vanish while we look
    are left out."""
    queue, seen = [root], 0
    while queue and seen < limit:
        n = queue.pop(0)
        seen += 1
        yield n
        if skip is None or n is root or not _safe(lambda: skip(n), False):
            queue.extend(children(n))


def find_all(root, pred, skip=None):
    return [n for n in walk(root, skip) if _safe(lambda: pred(n), False)]


def find(root, pred, timeout=10.0, interval=0.25, skip=None):
    """The first node under root that pred accepts, waiting up to timeout
    seconds for it to appear; None if it does not."""
    end = time.time() + timeout
    while True:
        for n in walk(root, skip):
            if _safe(lambda: pred(n), False):
                return n
        if time.time() >= end:
            return None
        time.sleep(interval)


def named(text, *roles):
    """A predicate: accessible name exactly text (and one of roles)."""
    return lambda n: name(n) == text and (not roles or role(n) in roles)


def wait_until(cond, timeout=10.0, interval=0.25):
    """Poll cond() until it is true (returns its value) or timeout (returns
    the last value)."""
    end = time.time() + timeout
    while True:
        v = _safe(cond, None)
        if v or time.time() >= end:
            return v
        time.sleep(interval)


def text(n):
    """A node's text (a label, an entry); "" when it has none."""
    def get():
        t = n.queryText()
        return t.getText(0, t.characterCount)
    return _safe(get, "") or ""


def _rect(n):
    x, y = n.position
    w, h = n.size
    return x, y, x + w, y + h


def on_screen(n, levels=40):
    """Whether n is drawn: it and each of its ancestors up to the window
    have an area, and n's rectangle overlaps each ancestor's.  (GTK 4.8
    reports no "showing" state; a widget hidden by a GtkRevealer keeps
    "visible" but its revealer shrinks to nothing.)"""
    try:
        x0, y0, x1, y1 = _rect(n)
        if x1 <= x0 or y1 <= y0:
            return False
        a = n.parent
        for _ in range(levels):
            if a is None or role(a) in ("frame", "dialog", "window", "application"):
                return True
            ax0, ay0, ax1, ay1 = _rect(a)
            if ax1 <= ax0 or ay1 <= ay0:
                return False
            if min(x1, ax1) <= max(x0, ax0) or min(y1, ay1) <= max(y0, ay0):
                return False
            a = a.parent
        return True
    except Exception:
        return False


def doubled(s):
    """Whether a name is some words said twice ("Sửa Sửa", "Edit _Edit")."""
    w = s.replace("_", "").split()
    h = len(w) // 2
    return len(w) >= 2 and len(w) % 2 == 0 and w[:h] == w[h:]


def sensitive(n):
    return _safe(lambda: n.sensitive, False)


def click(n):
    """Activate a control as a pointer click would: its "click" action, or
    a mouse click at its middle when it has no such action."""
    try:
        n.doActionNamed("click")
        return
    except Exception:
        pass
    x, y = n.position
    w, h = n.size
    rawinput.click(x + w // 2, y + h // 2)


def type_into(n, s, timeout=5.0, check=True):
    """Focus an entry with a mouse click, empty it (Ctrl+A, Backspace) and
    type s on the keyboard, waiting for the entry to have taken each part
    (a slow program, e.g. under ASan, lags behind the key events).  Returns
    the entry's text afterwards.  check=False for a password entry, whose
    text cannot be read back."""
    x, y = n.position
    w, h = n.size
    rawinput.click(x + min(w // 2, 40), y + h // 2)
    time.sleep(0.2)
    rawinput.keyCombo("<Control>a")
    rawinput.pressKey("BackSpace")
    if check:
        wait_until(lambda: text(n) == "", timeout=timeout, interval=0.1)
    else:
        time.sleep(0.3)
    rawinput.typeText(s)
    if check:
        wait_until(lambda: text(n) == s, timeout=timeout, interval=0.1)
    else:
        time.sleep(0.3)
    return text(n)


def set_text(n, s):
    """Put s into an entry through the accessibility interface (editable
    text), as assistive technologies do."""
    n.text = s
    return text(n)


def dump(root, max_lines=400, skip=None):
    """The tree under root as lines: role, name, text of labels and
    entries, [insensitive]; for diagnostics when a control is missing.
    Nodes that skip accepts are shown without what they hold."""
    lines = []

    def rec(n, depth):
        if len(lines) >= max_lines:
            return
        r = role(n)
        extra = ""
        if r in ("label", "text", "entry", "password text"):
            t = text(n)
            if t and t != name(n):
                extra = " text=%r" % t
        if not sensitive(n) and r in ("push button", "toggle button", "text", "entry"):
            extra += " [insensitive]"
        lines.append("%s%s %r%s" % ("  " * depth, r, name(n), extra))
        if skip is not None and depth > 0 and _safe(lambda: skip(n), False):
            lines.append("%s  ..." % ("  " * depth))
            return
        for c in children(n):
            rec(c, depth + 1)
    rec(root, 0)
    return "\n".join(lines)


def application(proc, names=("hoso-gtk",), timeout=30.0):
    """The AT-SPI application of process proc (by process id, else by
    name); None if it does not show up in time or the process exits."""
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            return None
        for a in children(tree.root):
            pid = _safe(lambda: a.get_process_id(), None)
            if pid == proc.pid or (pid is None and name(a) in names):
                return a
        time.sleep(0.3)
    return None


def app_names():
    return [(name(a), _safe(lambda: a.get_process_id(), None)) for a in children(tree.root)]


def window(app, title, timeout=20.0):
    """The top-level window (frame or dialog) of app named title."""
    return find_top(app, named(title, "frame", "dialog", "window", "alert", "file chooser"),
                    timeout)


def find_top(app, pred, timeout=20.0):
    end = time.time() + timeout
    while True:
        for w in children(app):
            if _safe(lambda: pred(w), False):
                return w
        if time.time() >= end:
            return None
        time.sleep(0.25)


def screenshot(path):
    """Save what the display shows as a PNG (ImageMagick's import)."""
    subprocess.run(["import", "-window", "root", path], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
    return path


def png_ok(path, min_size=10 * 1024):
    """(valid PNG of at least min_size bytes?, size)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
        size = os.path.getsize(path)
    except OSError:
        return False, 0
    return head == b"\x89PNG\r\n\x1a\n" and size >= min_size, size


def note_lines(text_, prefix="# "):
    for line in str(text_).splitlines() or [""]:
        sys.stdout.write(prefix + line + "\n")
    sys.stdout.flush()
