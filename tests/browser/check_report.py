#!/usr/bin/env python3
"""The report in a real browser (issue 6), with the Python standard library only.

Usage: check_report.py COLLABNET NETWORK.json OUTDIR [--authority NAME]

Writes OUTDIR/report.html with `collabnet report`, then loads it in headless Chromium and checks,
from the DOM Chromium dumps after running the page's script:
  - no element injected by a name: exactly the report's own two <script> elements, no <img>,
    <iframe>, <object>, <embed>, <link>, <base>, <form>, no event-handler attribute, no
    <style> beyond the report's own;
  - the page's script ran (so its CSP hash is right) and built the authority filter from the
    JSON in the page, every hostile authority name an option's text, as typed;
  - every name shows as the text it is (a school named "<script>..." reads "<script>...");
  - the headline figures are there and match the network file;
  - nothing points outside the page (every src/href is "#..." or "data:"), the CSP forbids every
    fetch, and Chromium, sent through a recording proxy, asked the network for nothing;
  - report.html#authority=NAME opens with only that authority's schools shown;
  - estimates (--sample) are noted under the heading and marked ≈ on their columns, and exact
    figures carry no such mark;
  - printing gives a PDF (header %PDF-, A4 pages, more than one).
Exits 77 (ctest: skipped) when Chromium is not installed, 1 on any failure.
"""

import html.parser
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SKIP = 77
FAILURES = []


def fail(message):
    FAILURES.append(message)
    print("FAIL: " + message, file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], []

    def all_text(self):
        out = list(self.text)
        for child in self.children:
            out.append(child.all_text())
        return "".join(out)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class DomParser(html.parser.HTMLParser):
    """Chromium's serialised DOM as a tree (it is well-formed: every element closed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text.append(data)


class RecordingProxy:
    """An HTTP proxy that records every request line and answers 403: any fetch shows up."""

    def __init__(self):
        self.requests = []
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.stopping = False
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.stopping:
            try:
                conn, _ = self.server.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    first = conn.recv(4096).split(b"\r\n", 1)[0]
                    self.requests.append(first.decode("latin-1"))
                    conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    def stop(self):
        self.stopping = True
        self.thread.join(2)
        self.server.close()


# Chromium's own background traffic (network time, component updates, sign-in), which flags do not
# fully silence in every version: never the page's, which the canary below shows is caught.
BROWSER_SERVICE_HOSTS = (".google.com", ".googleapis.com", ".gstatic.com", ".gvt1.com")


def request_host(line):
    """The host of a proxied request line ("GET http://h/p HTTP/1.1", "CONNECT h:443 ...")."""
    parts = line.split()
    if len(parts) < 2:
        return ""
    target = parts[1]
    if parts[0] == "CONNECT":
        return target.rsplit(":", 1)[0].lower()
    return (urllib.parse.urlsplit(target).hostname or "").lower()


def page_requests(requests):
    return [r for r in requests
            if not any(("." + request_host(r)).endswith(h) for h in BROWSER_SERVICE_HOSTS)]


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(browser, proxy, args, timeout=45):
    profile = tempfile.mkdtemp(prefix="collabnet-chromium-")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-extensions",
               "--disable-default-apps", "--no-default-browser-check",
               "--user-data-dir=" + profile,
               "--proxy-server=http://127.0.0.1:%d" % proxy.port,
               "--proxy-bypass-list=<-loopback>"] + args
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return done


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    collabnet, network_file, out_dir = args[:3]
    browser = chromium_binary()
    if browser is None:
        print("SKIP: chromium is not installed (scripts/deps test installs it)")
        return SKIP
    os.makedirs(out_dir, exist_ok=True)
    report = os.path.abspath(os.path.join(out_dir, "report.html"))
    pdf = os.path.abspath(os.path.join(out_dir, "report.pdf"))
    for stale in (report, pdf):
        if os.path.exists(stale):
            os.remove(stale)

    with open(network_file, encoding="utf-8") as f:
        network = json.load(f)
    started = time.monotonic()
    made = subprocess.run([collabnet, "report", network_file, "-o", report],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if not check(made.returncode == 0, "collabnet report exited %d: %s"
                 % (made.returncode, made.stderr.decode(errors="replace"))):
        return 1
    with open(report, "rb") as f:
        source = f.read().decode("utf-8")

    # The source itself: the CSP comes first in <head>, before anything that could load.
    head = source[:source.find("<title>")]
    check('http-equiv="Content-Security-Policy"' in head, "no CSP <meta> before <title>")
    check("default-src &apos;none&apos;" in head or "default-src 'none'" in head,
          "the CSP does not forbid fetching (default-src 'none')")
    check(source.count("<script") == 2, "the source holds %d '<script' (want 2: data and code)"
          % source.count("<script"))
    check(source.lower().count("</script") == 2, "the source holds %d '</script' (want 2)"
          % source.lower().count("</script"))
    check("\u2028" not in source.split('id="report-data">', 1)[1].split("</script>", 1)[0],
          "a raw U+2028 is inside the JSON block")

    proxy = RecordingProxy()
    try:
        url = "file://" + urllib.parse.quote(report)
        dumped = run_chromium(browser, proxy, ["--dump-dom", url])
        check(dumped.returncode == 0, "chromium --dump-dom exited %d" % dumped.returncode)
        dom_text = dumped.stdout.decode("utf-8", errors="replace")
        parser = DomParser()
        parser.feed(dom_text)
        elements = list(parser.root.walk())
        by_id = {e.attrs.get("id"): e for e in elements if e.attrs.get("id")}
        tags = [e.tag for e in elements]

        html_element = next((e for e in elements if e.tag == "html"), None)
        check(html_element is not None and html_element.attrs.get("data-js") == "ready",
              "the report's script did not run (is the CSP hash right?)")
        check(tags.count("script") == 2, "%d <script> elements in the DOM (want 2)"
              % tags.count("script"))
        check(tags.count("style") == 1, "%d <style> elements in the DOM (want 1)"
              % tags.count("style"))
        for banned in ("img", "iframe", "object", "embed", "link", "base", "form", "frame",
                       "audio", "video", "source", "portal"):
            check(banned not in tags, "an injected <%s> element is in the DOM" % banned)
        check(not any(e.tag == "a" and "href" in e.attrs and e.attrs["href"].startswith("http")
                      for e in elements), "a link points outside the page")
        for e in elements:
            for name, value in e.attrs.items():
                if name.startswith("on"):
                    fail("event handler attribute %s on <%s>" % (name, e.tag))
                if name in ("src", "href", "xlink:href", "action", "formaction", "srcset",
                            "poster", "data", "background", "ping"):
                    value = (value or "").strip()
                    if not (value.startswith("#") or value.startswith("data:")):
                        fail("<%s %s=%r> points outside the page" % (e.tag, name, value))
            if e.tag == "meta" and (e.attrs.get("http-equiv") or "").lower() == "refresh":
                fail("a <meta http-equiv=refresh> is in the DOM")

        # Every name reads as typed: a school called "<script>alert(1)</script>" shows that text.
        text = parser.root.all_text()
        for school in network["schools"]:
            name = " ".join(school["name"].replace("\u2028", " ").replace("\u2029", " ").split())
            flat = " ".join(text.replace("\u2028", " ").replace("\u2029", " ").split())
            check(name in flat, "the school name %r is not shown as text" % school["name"])
        for staff in network.get("staff", []):
            if staff.get("name"):
                check(staff["name"] not in text and staff["name"] not in source,
                      "a staff name appears without --show-staff-names: %r" % staff["name"])

        # Headline figures, as the network file has them.
        schools = by_id.get("fig-schools")
        partnerships = by_id.get("fig-partnerships")
        check(schools is not None and str(len(network["schools"])) in schools.all_text(),
              "headline 'schools' missing or not %d" % len(network["schools"]))
        # The report is as of the file's own as_of (analysis-output.md): records that ended
        # before it, or start after it, are not counted.
        as_of = network.get("as_of")
        active = [p for p in network.get("partnerships", [])
                  if as_of is None or ((p.get("since") is None or p["since"] <= as_of)
                                       and (p.get("until") is None or p["until"] >= as_of))]
        check(partnerships is not None
              and str(len(active)) in partnerships.all_text(),
              "headline 'partnership records' missing or not %d" % len(active))
        for key in ("isolated", "components", "oversize-groupings"):
            check(("fig-" + key) in by_id, "headline figure fig-%s missing" % key)
        check("first" in by_id and by_id["first"].all_text().count("Source:") >= 0,
              "section 'What to look at first' missing")

        # Plain words for councillors (issue 16): outside the technical appendix no text the
        # page shows names a command or a flag; the appendix is there, last in <main>.
        appendix = by_id.get("appendix")
        check(appendix is not None, "no technical appendix (section#appendix)")

        def reader_text(element):
            if element is appendix or element.tag in ("script", "style"):
                return
            yield from element.text
            for child in element.children:
                yield from reader_text(child)

        for text in reader_text(parser.root):
            for bad in ("collabnet ", " --"):
                check(bad not in text, "%r outside the technical appendix: %r" % (bad, text[:120]))

        # Estimates (--sample) are said under the heading and on the columns; exact figures
        # carry no such mark. The page's JSON block says which.
        data = json.loads(source.split('id="report-data">', 1)[1].split("</script>", 1)[0])
        note = by_id.get("estimate-note")
        table = by_id.get("schools-table")
        heads = [e.all_text() for e in table.walk() if e.tag == "th"] if table else []
        marked = [h for h in heads if "\u2248" in h]
        if "estimated" in data:
            est = data["estimated"]
            check(note is not None and ("estimated from %d of" % est["sources"]) in note.all_text(),
                  "the report's figures are estimates but no note says so")
            check(len(marked) == 2, "betweenness and closeness columns not marked \u2248: %r" % heads)
        else:
            check(note is None, "an exact report carries an estimates note")
            check(marked == [], "an exact report marks columns \u2248: %r" % marked)

        # The filter, built by the script from the JSON: each authority an option, as typed.
        select = by_id.get("authority-filter")
        options = [o.all_text() for o in select.walk() if o.tag == "option"] if select else []
        authorities = sorted({s.get("authority", "") for s in network["schools"]})
        for authority in authorities:
            check((authority or "(authority not given)") in options,
                  "the authority %r is not an option of the filter" % authority)
        table = by_id.get("schools-table")
        rows = [e for e in table.walk() if e.tag == "tr" and e.parent.tag == "tbody"] if table else []
        check(len(rows) == len(network["schools"]), "the schools table has %d rows, want %d"
              % (len(rows), len(network["schools"])))

        # report.html#authority=NAME shows that authority's schools only.
        wanted = next((a for a in authorities if a), "")
        want_rows = sum(1 for s in network["schools"] if s.get("authority", "") == wanted)
        filtered = run_chromium(browser, proxy,
                                ["--dump-dom", url + "#authority=" + urllib.parse.quote(wanted)])
        parser2 = DomParser()
        parser2.feed(filtered.stdout.decode("utf-8", errors="replace"))
        table2 = next((e for e in parser2.root.walk() if e.attrs.get("id") == "schools-table"),
                      None)
        shown = [e for e in table2.walk() if e.tag == "tr" and e.parent.tag == "tbody"
                 and "hidden" not in e.attrs] if table2 else []
        check(len(shown) == want_rows, "#authority=%r shows %d schools, want %d"
              % (wanted, len(shown), want_rows))
        check(all(e.attrs.get("data-authority") == wanted for e in shown),
              "#authority=%r shows schools of another authority" % wanted)

        # Printing: a real PDF of A4 pages.
        printed = run_chromium(browser, proxy, ["--no-pdf-header-footer",
                                                "--print-to-pdf=" + pdf, url])
        check(printed.returncode == 0, "chromium --print-to-pdf exited %d" % printed.returncode)
        data = open(pdf, "rb").read() if os.path.exists(pdf) else b""
        check(data.startswith(b"%PDF-"), "the printed file is not a PDF")
        check(len(data) > 10000, "the PDF is only %d bytes" % len(data))
        check(data.count(b"/MediaBox [0 0 594.95") + data.count(b"/MediaBox [0 0 841.91") >= 2,
              "the PDF does not have two or more A4 pages")

        # The canary: a page that does fetch is seen by the proxy, so silence above means none.
        canary = os.path.join(out_dir, "canary.html")
        with open(canary, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html><img src="http://canary.collabnet.test/pixel.png">')
        run_chromium(browser, proxy, ["--dump-dom", "file://" + urllib.parse.quote(
            os.path.abspath(canary))])
    finally:
        proxy.stop()
    seen = page_requests(proxy.requests)
    canary_seen = [r for r in seen if "canary.collabnet.test" in r]
    check(canary_seen, "the proxy did not see the canary page's request: the check is blind")
    report_requests = [r for r in seen if "canary.collabnet.test" not in r]
    check(report_requests == [], "the report made network requests: %r" % report_requests)

    elapsed = time.monotonic() - started
    if FAILURES:
        print("%d check(s) failed; the report is %s" % (len(FAILURES), report), file=sys.stderr)
        return 1
    print("ok: %s checked in Chromium in %.1f s (DOM, filter, PDF, no requests)"
          % (os.path.basename(network_file), elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
