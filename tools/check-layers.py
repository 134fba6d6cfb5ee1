#!/usr/bin/env python3
"""The layers of src/ and what each may include (STYLE.md "The shape of the
house"), checked on the text of every #include, since curses.h, sqlite3.h
and yaml.h all sit in /usr/include where any layer could reach them.

    python3 tools/check-layers.py [SRC_DIR]      exit 1 and one line per breach
    python3 tools/check-layers.py --self-test    proves a breach is caught
"""
import os
import re
import shutil
import sys
import tempfile

# Each layer and the layers below it that it may use.
LAYERS = {
    "core": [],
    "domain": ["core"],
    "import": ["core", "domain"],
    "db": ["core", "domain", "import"],
    "config": ["core", "domain"],
    "sample": ["core", "domain", "db", "config"],
    "model": ["core", "domain", "import", "db", "config"],
    "ui": ["core", "domain", "import", "db", "config", "model", "sample"],
    "cli": ["core", "domain", "import", "db", "config", "model", "sample"],
}

# The layer of each public header (include/acctplan/NAME.h).
HEADERS = {
    "core": "status xalloc strbuf text date rng csv parse shortid strmap progress syncfile",
    "domain": "rules advocacy quadrant defect_rank problem agenda verdict followup validate"
              " standing commitment plays referral scatter",
    "import": "import",
    "db": "db lists loop history book edits transfer syncbook practices",
    "config": "config keys theme yamldoc actions colmap bookfile",
    "sample": "sample",
    "model": "app format brief standup importer sync playbook",
}
OWNER = {h: layer for layer, names in HEADERS.items() for h in names.split()}

# System headers only one layer may include.
SYSTEM = {
    "curses.h": "ui", "ncurses.h": "ui", "ncursesw/curses.h": "ui", "term.h": "ui",
    "sqlite3.h": "db",
    "yaml.h": "config",
}

# Files of one layer another may include by relative path: the console's
# entry point, which has no curses in it.
CROSSINGS = {("cli", "ui/console.h")}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def check(src):
    breaches = []
    for layer in sorted(LAYERS):
        top = os.path.join(src, layer)
        if not os.path.isdir(top):
            continue
        allowed = set(LAYERS[layer]) | {layer}
        for name in sorted(os.listdir(top)):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(top, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                for n, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    inc = m.group(2)
                    where = "%s:%d" % (os.path.relpath(path, os.path.dirname(src)), n)
                    if inc in SYSTEM and SYSTEM[inc] != layer:
                        breaches.append("%s: %s includes <%s>, which only %s/ may"
                                        % (where, layer, inc, SYSTEM[inc]))
                    elif inc.startswith("acctplan/"):
                        h = inc[len("acctplan/"):-2]
                        owner = OWNER.get(h)
                        if owner is None:
                            breaches.append("%s: acctplan/%s.h belongs to no layer (add it"
                                            " to tools/check-layers.py)" % (where, h))
                        elif owner not in allowed:
                            breaches.append("%s: %s includes acctplan/%s.h of %s, above it"
                                            % (where, layer, h, owner))
                    elif inc.startswith("../"):
                        target = os.path.normpath(inc[3:])
                        other = target.split("/")[0]
                        if other != layer and (layer, target) not in CROSSINGS:
                            breaches.append("%s: %s includes %s of %s/"
                                            % (where, layer, inc, other))
    return breaches


def self_test(src):
    tmp = tempfile.mkdtemp()
    try:
        copy = os.path.join(tmp, "src")
        shutil.copytree(src, copy)
        if check(copy):
            print("self-test: the tree is not clean to begin with")
            return 1
        cases = [("domain/quadrant.c", "#include <sqlite3.h>\n"),
                 ("db/db.c", "#include <curses.h>\n"),
                 ("ui/list.c", '#include "../cli/cli.h"\n'),
                 ("core/text.c", '#include "acctplan/db.h"\n'),
                 ("model/app.c", "#include <yaml.h>\n")]
        for rel, line in cases:
            path = os.path.join(copy, rel)
            with open(path) as f:
                text = f.read()
            with open(path, "w") as f:
                f.write(line + text)
            if not check(copy):
                print("self-test: %s with %s was not caught" % (rel, line.strip()))
                return 1
            with open(path, "w") as f:
                f.write(text)
        print("self-test: %d breaches caught" % len(cases))
        return 0
    finally:
        shutil.rmtree(tmp)


def main():
    args = sys.argv[1:]
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    if args and args[0] == "--self-test":
        return self_test(os.path.abspath(args[1] if len(args) > 1 else here))
    src = os.path.abspath(args[0] if args else here)
    breaches = check(src)
    for b in breaches:
        print(b)
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
