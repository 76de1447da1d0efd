#!/usr/bin/env python3
"""Print the COMMANDS section of hoso.1 from the help of every command.

    LANG=C.UTF-8 python3 man/commands.py build/hoso > /tmp/commands.roff

then put the output between ".SH COMMANDS" and ".SH \"EXIT STATUS\"" of
man/hoso.1 (tests/integration/test_docs.sh checks that every command and
option of `hoso --help` is in the page).  The options every command takes
(--json, --server, --tls, --insecure, --ca, --help) are left out: the page
describes them once.
"""
import re
import subprocess
import sys

COMMON = {"--json", "--server", "--tls,", "--help"}
TITLES = {
    "org": "Organisation units", "person": "Candidates and their files",
    "file": "The pipeline board",
    "quota": "Admission targets", "calendar": "The working-day calendar",
    "check": "Background checks", "report": "Reports", "alerts": "Alerts",
    "login": "Sessions", "user": "Accounts", "audit": "The audit log",
    "admin": "Administration", "server": "The server",
}


def text(s):
    """One line of roff text: backslashes and dashes escaped."""
    s = s.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + s if s.startswith((".", "'")) else s


def commands(hoso):
    """(noun, verb or None) of every command, in the order of --help."""
    out = subprocess.run([hoso, "--help"], capture_output=True,
                         text=True, check=True).stdout
    names = []
    for line in out.splitlines():
        m = re.match(r"^  hoso (\S+)(?: (\S+))?  ", line)
        if m:
            verb = m.group(2)
            names.append((m.group(1), None if verb and verb[0].isupper()
                          else verb))
    return names


def parse(hoso, noun, verb):
    """The usage line, description, own options and closing text."""
    args = [hoso, noun] + ([verb] if verb else []) + ["--help"]
    t = subprocess.run(args, capture_output=True, text=True,
                       check=True).stdout.splitlines()
    usage = t[0][len("Usage: hoso "):]
    i = 1
    while i < len(t) and t[i].startswith(" "):
        usage += " " + t[i].strip()
        i += 1
    while i < len(t) and not t[i]:
        i += 1
    desc = []
    while i < len(t) and t[i] and t[i] != "Options:":
        desc.append(t[i].strip())
        i += 1
    while i < len(t) and t[i] != "Options:":
        i += 1
    i += 1
    opts = []
    while i < len(t) and t[i]:
        m = re.match(r"^  (\S.*?)(?:  +(\S.*))?$", t[i])
        if t[i].startswith("    ") or not m:
            opts[-1][1].append(t[i].strip())
        else:
            opts.append([m.group(1), [m.group(2)] if m.group(2) else []])
        i += 1
    opts = [o for o in opts if o[0].split()[0] not in COMMON]
    return usage, " ".join(desc), opts, t[i + 1:]


def closing(lines):
    """The text after the options: paragraphs, and items indented by two
    (their wrapped lines by four), each item on a line of its own."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    print(".IP")
    para, item = [], False

    def flush():
        if para:
            print(text(" ".join(para)))
        para.clear()

    for line in lines:
        if not line.strip():
            flush()
            item = False
            print(".IP")
        elif item and line.startswith("    "):
            para.append(line.strip())
        elif line.startswith("  "):
            flush()
            print(".br")
            item = True
            para.append(line.strip())
        else:
            if item:
                flush()
                item = False
            para.append(line.strip())
    flush()


def main():
    hoso = sys.argv[1]
    last = None
    for noun, verb in commands(hoso):
        usage, desc, opts, extra = parse(hoso, noun, verb)
        if noun in TITLES and noun != last:
            print(".SS " + TITLES[noun])
        last = noun
        name = noun + (" " + verb if verb else "")
        rest = usage[len(name):].strip()
        print(".TP")
        print('.BR "%s"%s' % (text(name), ' " %s"' % text(rest) if rest else ""))
        print(text(desc))
        if opts:
            print(".RS")
            for flag, help_ in opts:
                print(".TP")
                if " " in flag:
                    f, arg = flag.split(" ", 1)
                    print('.BI "%s " %s' % (text(f), text(arg)))
                else:
                    print(".B " + text(flag))
                print(text(" ".join(help_)))
            print(".RE")
        if extra:
            closing(extra)


if __name__ == "__main__":
    main()
