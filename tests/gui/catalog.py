"""catalog: the GUI's texts as the tests expect to see them: msgids
translated with the project's catalogue (Vietnamese), and messages that
crossed the wire as a msgid plus arguments formatted the way libhoso does
(client/lib/names.c, common/msgfmt.c)."""

import gettext
import os
import re

_cat = gettext.translation("hoso", os.environ.get("HOSO_LOCALEDIR") or
                           os.path.join(os.environ.get("B", "build"), "locale"),
                           ["vi"], fallback=True)


def T(msgid):
    """msgid in Vietnamese, as the GUI shows it (the msgid itself when the
    catalogue has no translation, as gettext does in the GUI)."""
    return _cat.gettext(msgid) if msgid else msgid


def NT(singular, plural, n):
    """ngettext: the translated form of a message with a number."""
    return _cat.ngettext(singular, plural, n)


def msgfmt(fmt, args):
    """common/msgfmt.c: "%s", "%N$s" and "%%" replaced; anything else kept."""
    out, i, nxt = [], 0, 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        if fmt[i + 1:i + 2] == "%":
            out.append("%")
            i += 2
            continue
        if fmt[i + 1:i + 2] == "s":
            idx, skip = nxt, 2
            nxt += 1
        elif re.match(r"[1-9]\$s", fmt[i + 1:i + 4]):
            idx, skip = int(fmt[i + 1]) - 1, 4
        else:
            out.append("%")
            i += 1
            continue
        out.append(args[idx] if idx < len(args) else "")
        i += skip
    return "".join(out)


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_INSTANT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):\d{2}\+07:00$")


def message_text(fmt, args, message=""):
    """client/lib/names.c hoso_message_text(): the translated msgid with its
    arguments, dates written dd/mm/yyyy (instants dd/mm/yyyy HH:MM), other
    arguments looked up in the catalogue."""
    if not fmt:
        return message
    shown = []
    for a in args:
        m, mi = _ISO_DAY.match(a), _INSTANT.match(a)
        if a == "":
            shown.append(a)
        elif m:
            shown.append("%s/%s/%s" % (m.group(3), m.group(2), m.group(1)))
        elif mi:
            shown.append("%s/%s/%s %s:%s" % (mi.group(3), mi.group(2), mi.group(1),
                                             mi.group(4), mi.group(5)))
        else:
            shown.append(T(a))
    return msgfmt(T(fmt), shown)
