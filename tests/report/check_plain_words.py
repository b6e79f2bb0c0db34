#!/usr/bin/env python3
"""The councillor's page names no command (issue 16, item 5), with the Python standard library.

Usage: check_plain_words.py REPORT.html

Fails (exit 1, each offending text printed) when, outside the technical appendix
(<section id="appendix">), a text node a reader can see contains "collabnet " or " --", or a
generated partnership id ("partnership-" and a number). Script and style contents are not text a
reader sees and are skipped; SVG text and titles (shown on hover) are checked.
"""

import html.parser
import re
import sys

GENERATED_ID = re.compile(r"\bpartnership-\d+\b")


class Checker(html.parser.HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # open elements: (tag, is_appendix)
        self.problems = []
        self.appendix_seen = False
        self.diagrams = 0

    def inside(self, predicate):
        return any(predicate(tag, appendix) for tag, appendix in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "diagram" in (attrs.get("class") or ""):
            self.diagrams += 1
        appendix = tag == "section" and attrs.get("id") == "appendix"
        self.appendix_seen |= appendix
        if tag not in self.VOID:
            self.stack.append((tag, appendix))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.inside(lambda tag, appendix: appendix or tag in ("script", "style")):
            return
        for bad in ("collabnet ", " --"):
            if bad in data:
                self.problems.append(f"{bad.strip()!r} in {data.strip()[:160]!r}")
        if GENERATED_ID.search(data):
            self.problems.append(f"generated id in {data.strip()[:160]!r}")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        page = f.read()
    checker = Checker()
    checker.feed(page)
    checker.close()
    if not checker.appendix_seen:
        checker.problems.append("no <section id=\"appendix\"> in the page")
    for problem in checker.problems:
        print("FAIL: " + problem, file=sys.stderr)
    print(f"{checker.diagrams} diagrams; {len(checker.problems)} problems")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
