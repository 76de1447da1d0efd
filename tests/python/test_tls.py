#!/usr/bin/python3
"""TLS on hosod's listeners (issue 5): the certificate hosod makes on first
start and its fingerprint, TLS 1.3 only, plain and TLS side by side on
loopback, the timeouts and the output cap over TLS, refusals when the
certificate files are broken, and TLS only on an address that is not
loopback (in a private network namespace, when run as root).

Hello and Ping need no login; the writes over TLS log in first when the
daemon has accounts."""

import hashlib
import os
import re
import shutil
import socket
import ssl
import stat
import struct
import subprocess
import sys
import time

from hoso_wire import (HOSOD, TIMEOUT, Conn, Daemon, describe, invented_person,
                       note, ok, is_eq, org_tree, pb, run)

NETNS_ADDR = "10.77.0.1"
FP_RE = re.compile(r"^([0-9A-F]{2}:){31}[0-9A-F]{2}$")


def fingerprint_of(der):
    """hosod's form: upper-case hex bytes of the SHA-256, ':' between."""
    h = hashlib.sha256(der).hexdigest().upper()
    return ":".join(h[i:i + 2] for i in range(0, len(h), 2))


def tls_conn(port, host="127.0.0.1", cafile=None, server_hostname=None,
             max_version=None):
    """A hoso_wire.Conn whose socket speaks TLS.  With cafile the server's
    certificate is checked against it (and the name); else anything goes,
    as for a client that pins the fingerprint itself."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if cafile:
        ctx.load_verify_locations(cafile)
    else:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    if max_version is not None:
        ctx.maximum_version = max_version
    c = Conn(port, host=host)
    try:
        c.sock = ctx.wrap_socket(c.sock, server_hostname=server_hostname or host)
    except BaseException:
        c.close()
        raise
    return c


def hello_ping(c):
    """Hello then Ping; True when both are OK."""
    r = c.call("hello", pb.Hello(protocol_major=1, protocol_minor=0,
                                 client_name="test-tls", client_version="0"))
    if r.status != pb.OK:
        note("Hello: " + describe(r))
        return False
    r = c.ping()
    if r.status != pb.OK or r.pong.time <= 0:
        note("Ping: " + describe(r))
        return False
    return True


def reaches_eof(sock, timeout=5.0):
    """True if the peer closes within timeout (whatever it sends first)."""
    deadline = time.time() + timeout
    try:
        while time.time() < deadline:
            sock.settimeout(max(0.01, deadline - time.time()))
            if not sock.recv(4096):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        pass
    return False


def tls_dir(d):
    return os.path.join(d.tmpdir, "tls")


def file_fp(d):
    with open(os.path.join(tls_dir(d), "fingerprint")) as f:
        return f.read()


def log_fps(d):
    return re.findall(r"TLS certificate SHA-256 fingerprint: (\S+)", d.log())


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def run_hosod(args, timeout=TIMEOUT):
    """Run hosod to its end; (status, stdout, stderr)."""
    p = subprocess.run([HOSOD] + args, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def fresh_certificate(d):
    """A fresh daemon makes its certificate, key and fingerprint file."""
    t = tls_dir(d)
    cert, key, fpf = (os.path.join(t, n) for n in ("cert.pem", "key.pem", "fingerprint"))
    ok(all(os.path.isfile(p) for p in (cert, key, fpf)),
       "a fresh daemon makes DATA/tls/cert.pem, key.pem and fingerprint",
       os.listdir(t) if os.path.isdir(t) else "no %s" % t)
    is_eq(oct(mode(t)), oct(0o700), "DATA/tls is mode 0700")
    is_eq(oct(mode(key)), oct(0o600), "key.pem is mode 0600")
    is_eq(oct(mode(cert)), oct(0o644), "cert.pem is mode 0644")
    ok(not any(n.endswith(".tmp") for n in os.listdir(t)),
       "no temporary file is left beside them", os.listdir(t))
    with open(cert) as f:
        pem = f.read()
    ok(pem.startswith("-----BEGIN CERTIFICATE-----"), "cert.pem is a PEM certificate")
    text = file_fp(d)
    ok(text.endswith("\n") and text.count("\n") == 1 and FP_RE.match(text.strip()),
       "the fingerprint file is one line of 32 hex bytes with ':'", repr(text))
    fp = text.strip()
    is_eq(log_fps(d), [fp], "the log shows the same fingerprint once, at start")
    ok(re.search(r"warn: TLS certificate SHA-256 fingerprint", d.log()),
       "at warn level, so it shows at every log level", d.log_tail(5))

    with tls_conn(d.port) as c:
        der = c.sock.getpeercert(binary_form=True)
        is_eq(fingerprint_of(der), fp,
              "the fingerprint is the SHA-256 of the certificate a TLS client gets")
        is_eq(c.sock.version(), "TLSv1.3", "the connection is TLS 1.3")
        ok(hello_ping(c), "Hello and Ping work over TLS on 127.0.0.1")
    for name in ("localhost", "127.0.0.1"):
        try:
            with tls_conn(d.port, cafile=cert, server_hostname=name) as c:
                ok(hello_ping(c), "a client that checks the certificate against "
                   "cert.pem for %s is served" % name)
        except (ssl.SSLError, OSError) as e:
            ok(False, "the certificate verifies for %s (subjectAltName)" % name, e)

    x = ssl._ssl._test_decode_cert(cert)
    sans = x.get("subjectAltName", ())
    for want in (("DNS", "localhost"), ("IP Address", "127.0.0.1"),
                 ("IP Address", "0:0:0:0:0:0:0:1")):
        ok(want in sans, "subjectAltName has %s:%s" % want, sans)
    cn = dict(p[0] for p in x["subject"]).get("commonName")
    is_eq(cn, socket.gethostname() if len(socket.gethostname()) < 64 else "localhost",
          "CN is the host name")
    ok(("DNS", cn) in sans, "and the host name is a DNS subjectAltName too", sans)
    years = (ssl.cert_time_to_seconds(x["notAfter"]) -
             ssl.cert_time_to_seconds(x["notBefore"])) / (365.25 * 86400)
    ok(9.99 < years < 10.01, "the certificate is valid ten years", years)
    is_eq(x.get("version"), 3, "X.509 v3")
    return fp


def plain_and_tls(d):
    with Conn(d.port) as c:
        ok(hello_ping(c), "plain Hello and Ping still work on 127.0.0.1")
    with tls_conn(d.port) as c, Conn(d.port) as p:
        ok(hello_ping(c) and hello_ping(p), "plain and TLS clients side by side")
        # Many requests in one go: framing across TLS records.
        calls = [("ping", pb.Ping())] * 3000
        rs = c.pipeline(calls)
        ok(len(rs) == 3000 and all(r.status == pb.OK for r in rs),
           "3000 pipelined Pings over TLS are all answered, in order")
        ok(p.ping().status == pb.OK, "the plain client is still served")

    # Writes go through the writer thread: the connection waits for each
    # one with its input buffered, then goes on, under TLS as in plain.
    token = d.token()                     # None: the daemon has no accounts
    with tls_conn(d.port) as c:
        c.hello(token=token or "")
        tree = org_tree(c, "TLS")
        calls = [("person_create", pb.PersonCreate(person=pb.Person(**invented_person(
            i, cell_id=tree["cell"].id, notes="Ghi chú " * 40)))) for i in range(300)]
        rs = c.pipeline(calls)
        ok(all(r.status == pb.OK for r in rs),
           "300 pipelined PersonCreates over TLS are all committed",
           [describe(r) for r in rs if r.status != pb.OK][:3])
        r = c.call("person_list", pb.PersonList(limit=1000))
        ok(r.status == pb.OK and len(r.person_page.items) == 300,
           "and a PersonList of them (%d bytes, many TLS records) reads back"
           % r.ByteSize(), describe(r))

    with tls_conn(d.port) as c:
        c.send_raw(b"\xff\xff\xff\xff")
        r = c.recv_response()
        ok(r.status == pb.RESOURCE_EXHAUSTED and r.id == 0,
           "a 4 GB length over TLS gets RESOURCE_EXHAUSTED", describe(r))
        ok(c.is_closed(), "and the TLS connection is closed")

    try:
        with tls_conn(d.port, max_version=ssl.TLSVersion.TLSv1_2) as c:
            ok(False, "a TLS 1.2 client is refused", "handshake done: %s" % c.sock.version())
    except (ssl.SSLError, OSError) as e:
        ok(True, "a TLS 1.2 client is refused (%s)" % type(e).__name__)
    time.sleep(0.1)
    ok(re.search(r"TLS handshake failed: .*unsupported protocol", d.log()),
       "the daemon logs the failed handshake with OpenSSL's reason", d.log_tail(5))

    # Garbage after a TLS record header: a handshake failure (the server
    # may answer with an alert), not a crash.
    with Conn(d.port) as c:
        c.send_raw(b"\x16\x03\x01\x00\x05hello" + b"\x00" * 64)
        ok(reaches_eof(c.sock), "garbage that starts like a TLS record is closed")
    with Conn(d.port) as c:
        ok(hello_ping(c), "and the daemon goes on serving")


def timeouts_and_cap():
    """The timeouts and the output cap apply to TLS connections too."""
    d = Daemon("--idle-timeout", "4", "--frame-timeout", "1",
               "--output-cap", "65536", "--write-timeout", "1").start()
    silent = Conn(d.port)                 # connects, sends nothing
    stalled = Conn(d.port)
    stalled.send_raw(b"\x16\x03")         # half a TLS record header
    idle = tls_conn(d.port)               # handshake done, then quiet
    t0 = time.time()
    with Conn(d.port) as c:
        ok(hello_ping(c), "others are served while a handshake is stalled")
    ok(stalled.is_closed(timeout=3), "a TLS handshake not finished within "
       "--frame-timeout 1 is closed")
    ok(re.search(r"TLS handshake not finished within 1s", d.log()),
       "the log says the handshake timed out", d.log_tail(5))
    ok(not silent.is_closed(timeout=0.1) and time.time() - t0 < 4,
       "a client that sent nothing is not cut by the frame timeout")
    ok(idle.is_closed(timeout=6) and silent.is_closed(timeout=2),
       "idle TLS and silent clients are closed after --idle-timeout 4")
    for x in (silent, stalled, idle):
        x.close()

    # A TLS client that sends requests and never reads the replies: paused
    # at --output-cap, dropped --write-timeout later.  Each request is one
    # of an unknown type, whose refusal is much longer than it.
    unknown = b"\x08\x4d\x98\x06\x01"
    with tls_conn(d.port) as c:
        c.send_frame(unknown)
        reply = len(c.recv_frame()) + 4
    nreq = 100000
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.settimeout(15)
    raw.connect(("127.0.0.1", d.port))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    lazy = ctx.wrap_socket(raw, server_hostname="127.0.0.1")
    t0 = time.time()
    try:
        lazy.sendall((struct.pack(">I", len(unknown)) + unknown) * nreq)
    except (OSError, ssl.SSLError):
        pass                              # already dropped: fine
    time.sleep(max(0, 3.5 - (time.time() - t0)))
    got = 0
    try:
        while True:
            chunk = lazy.recv(1 << 20)
            if not chunk:
                break
            got += len(chunk)
    except (OSError, ssl.SSLError):
        pass
    lazy.close()
    note("the lazy TLS client read %d bytes of %d" % (got, nreq * reply))
    ok(got < nreq * reply, "a TLS client that does not read its replies is "
       "dropped (--output-cap 65536 --write-timeout 1) before getting them all")
    ok("not reading its replies" in d.log(), "the log says why", d.log_tail(5))
    with tls_conn(d.port) as c:
        ok(hello_ping(c), "the daemon serves TLS clients after dropping it")
    is_eq(d.stop(), 0, "hosod exits 0 on SIGTERM")
    d.remove()


def restarts(d, fp):
    is_eq(d.stop(), 0, "hosod exits 0 on SIGTERM with TLS clients served")
    d.start()
    is_eq(file_fp(d).strip(), fp, "a restart keeps the certificate (same fingerprint)")
    with tls_conn(d.port) as c:
        is_eq(fingerprint_of(c.sock.getpeercert(binary_form=True)), fp,
              "and serves the same certificate")
    is_eq(log_fps(d), [fp, fp], "the log shows it at each start")
    d.stop()

    rc, out, err = run_hosod(["--data", d.tmpdir, "--show-fingerprint"])
    is_eq((rc, out), (0, fp + "\n"),
          "hosod --show-fingerprint prints the fingerprint and exits 0")

    for n in ("cert.pem", "key.pem"):
        os.unlink(os.path.join(tls_dir(d), n))
    d.start()
    fp2 = file_fp(d).strip()
    ok(FP_RE.match(fp2) and fp2 != fp,
       "with both files removed a restart makes a new certificate", fp2)
    with tls_conn(d.port) as c:
        is_eq(fingerprint_of(c.sock.getpeercert(binary_form=True)), fp2,
              "and serves it")
    d.stop()
    return fp2


def broken_files(d, fp):
    t = tls_dir(d)
    cert, key = os.path.join(t, "cert.pem"), os.path.join(t, "key.pem")
    base = ["--data", d.tmpdir, "--listen", "127.0.0.1:0"]
    for gone, other in ((key, cert), (cert, key)):
        saved = gone + ".saved"
        os.rename(gone, saved)
        rc, out, err = run_hosod(base)
        ok(rc != 0 and gone in err,
           "without %s hosod exits non-zero naming it" % os.path.basename(gone),
           "status %s, stderr %r" % (rc, err))
        ok(not os.path.exists(gone), "and makes no new %s" % os.path.basename(gone))
        os.rename(saved, gone)

    # A key that belongs to another certificate.
    other = Daemon(listen=False, init_admin=False)
    rc, out, err = run_hosod(["--data", other.tmpdir, "--show-fingerprint"])
    ok(rc == 0 and FP_RE.match(out.strip()) and out.strip() != fp,
       "hosod --show-fingerprint on an empty data dir makes a certificate",
       "status %s, %r %r" % (rc, out, err))
    other_key = os.path.join(tls_dir(other), "key.pem")
    other_cert = os.path.join(tls_dir(other), "cert.pem")
    rc, out, err = run_hosod(base + ["--tls-key", other_key])
    ok(rc != 0 and other_key in err and "does not match" in err,
       "a key that does not match the certificate: refused, naming the key",
       "status %s, stderr %r" % (rc, err))

    with open(os.path.join(other.tmpdir, "junk.pem"), "w") as f:
        f.write("not a certificate\n")
    junk = os.path.join(other.tmpdir, "junk.pem")
    rc, out, err = run_hosod(base + ["--tls-cert", junk])
    ok(rc != 0 and junk in err, "a certificate file that is not PEM: refused, "
       "naming it", "status %s, stderr %r" % (rc, err))

    # --tls-cert and --tls-key name the pair to present.
    other_fp = file_fp(other).strip()
    d.start("--tls-cert", other_cert, "--tls-key", other_key)
    with tls_conn(d.port) as c:
        is_eq(fingerprint_of(c.sock.getpeercert(binary_form=True)), other_fp,
              "--tls-cert/--tls-key: that certificate is served")
    is_eq(file_fp(d).strip(), other_fp, "and its fingerprint is in DATA/tls/fingerprint")
    rc, out, err = run_hosod(["--data", d.tmpdir, "--tls-cert", other_cert,
                              "--tls-key", other_key, "--show-fingerprint"])
    is_eq(out.strip(), other_fp, "--show-fingerprint follows --tls-cert/--tls-key")
    d.stop()
    other.remove()


# ---- an address that is not loopback ------------------------------------------


def netns_child():
    """Runs inside `unshare --net` with NETNS_ADDR on lo: plain is refused
    there, TLS works, --insecure lets plain in."""
    d = Daemon("--listen", NETNS_ADDR + ":0", listen=False).start()
    where = "%s:%d" % (NETNS_ADDR, d.port)
    with Conn(d.port, host=NETNS_ADDR) as c:
        c.send(c.request("hello", pb.Hello(protocol_major=1, client_name="plain")))
        try:
            r = c.recv_response()
            text = r.message + " " + " ".join(r.message_args)
            ok(r.status == pb.FAILED_PRECONDITION and "only TLS" in r.message
               and where in text,
               "plain Hello on %s gets FAILED_PRECONDITION naming the address" % where,
               describe(r), list(r.message_args))
            ok(r.message_format.startswith("this server accepts only TLS connections on %s"),
               "with a translatable message_format", r.message_format)
        except Exception as e:
            ok(False, "plain Hello on %s gets an error frame" % where, e)
        ok(c.is_closed(), "and the plain connection is closed")
    ok(re.search(r"plain TCP on %s, which takes only TLS" % re.escape(where), d.log()),
       "the daemon logs the refusal", d.log_tail(5))
    with tls_conn(d.port, host=NETNS_ADDR) as c:
        ok(hello_ping(c), "TLS Hello and Ping work on %s" % NETNS_ADDR)
    d.stop()

    d.start("--listen", NETNS_ADDR + ":0", "--insecure")
    with Conn(d.port, host=NETNS_ADDR) as c:
        ok(hello_ping(c), "with --insecure plain Hello and Ping work on %s" % NETNS_ADDR)
    with tls_conn(d.port, host=NETNS_ADDR) as c:
        ok(hello_ping(c), "and TLS still works")
    d.stop()

    # One wildcard listener: the address the client reached decides.
    d.start("--listen", "0.0.0.0:0")
    with Conn(d.port, host="127.0.0.1") as c:
        ok(hello_ping(c), "listening on 0.0.0.0: plain works through 127.0.0.1")
    with Conn(d.port, host=NETNS_ADDR) as c:
        c.send(c.request("hello", pb.Hello(protocol_major=1)))
        r = c.recv_response()
        ok(r.status == pb.FAILED_PRECONDITION,
           "and is refused through %s" % NETNS_ADDR, describe(r))
    with tls_conn(d.port, host=NETNS_ADDR) as c:
        ok(hello_ping(c), "where TLS works")
    is_eq(d.stop(), 0, "hosod in the namespace exits 0")
    d.remove()


def relay(output):
    """Re-issue a child's TAP lines as our own checks."""
    for line in output.splitlines():
        m = re.match(r"^(not )?ok \d+ - (.*)$", line)
        if m:
            ok(m.group(1) is None, m.group(2))
        elif line.startswith("# ") and not re.match(r"^# \d+ checks", line):
            note(line[2:])


def non_loopback():
    why = None
    if os.geteuid() != 0:
        why = "not root"
    elif not shutil.which("unshare") or not shutil.which("ip"):
        why = "unshare or ip missing"
    elif subprocess.run(["unshare", "--net", "true"], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode != 0:
        why = "unshare --net not allowed here"
    if why:
        ok(True, "plain refused on an address that is not loopback # SKIP %s" % why)
        return
    script = ("ip link set lo up && ip addr add %s/32 dev lo && exec %s %s --netns-child"
              % (NETNS_ADDR, sys.executable, os.path.abspath(__file__)))
    p = subprocess.run(["unshare", "--net", "sh", "-c", script], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=6 * TIMEOUT)
    out = p.stdout.decode("utf-8", "replace")
    relay(out)
    ok(p.returncode == 0 or "not ok" in out,
       "the namespace test ran to its end", "status %s\n%s" % (p.returncode, out[-2000:]))


def main():
    d = Daemon().start()
    fp = fresh_certificate(d)
    plain_and_tls(d)
    fp = restarts(d, fp)
    broken_files(d, fp)
    d.remove()
    timeouts_and_cap()
    non_loopback()


if len(sys.argv) > 1 and sys.argv[1] == "--netns-child":
    run(netns_child)
else:
    run(main)
