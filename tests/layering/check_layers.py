#!/usr/bin/env python3
"""PackGrade's layering guard (CMake lets static libraries form cycles silently).

Allowed include directions between the top-level folders: app -> core -> {can, models}.
Also: models/ includes no Qt header at all; Qt Widgets, PrintSupport and QCustomPlot appear only
in app/. Usage: check_layers.py ROOT   (exit 1 and one line per violation)
               check_layers.py --self-test   (proves the check fails on a bad tree)
"""
import os
import re
import sys
import tempfile

LAYERS = {"app": {"core", "can", "models"}, "core": {"can", "models"}, "can": set(), "models": set()}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
WIDGETS = re.compile(r"^(QtWidgets/|QtPrintSupport/|qcustomplot\.h$|Q(Widget|MainWindow|Dialog|Application|"
                     r"PushButton|Label|TableView|Printer|PrintDialog)$)")
QT = re.compile(r"^(Qt[A-Za-z]*/|Q[A-Z][A-Za-z]*$|Qt[A-Z][A-Za-z]*$)")
SOURCES = (".h", ".hpp", ".cpp", ".cc")


def sources(root):
    for layer in LAYERS:
        for folder, _, names in os.walk(os.path.join(root, layer)):
            for name in sorted(names):
                if name.endswith(SOURCES):
                    yield layer, os.path.join(folder, name)


def owner_of(include, including_file, root):
    """Which layer an include resolves to: a path starting with a layer name, or a file
    found next to the including file."""
    first = include.split("/")[0]
    if first in LAYERS and "/" in include:
        return first
    local = os.path.normpath(os.path.join(os.path.dirname(including_file), include))
    if os.path.exists(local):
        rel = os.path.relpath(local, root).split(os.sep)[0]
        return rel if rel in LAYERS else None
    return None


def check(root):
    problems = []
    for layer, path in sources(root):
        rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                include = m.group(2)
                where = f"{rel}:{number}"
                if layer != "app" and WIDGETS.match(include):
                    problems.append(f"{where}: <{include}> is a GUI header; widgets live in app/ only")
                elif layer == "models" and QT.match(include):
                    problems.append(f"{where}: <{include}> is Qt; models/ is Eigen only")
                target = owner_of(include, path, root)
                if target and target != layer and target not in LAYERS[layer]:
                    problems.append(f"{where}: \"{include}\" points up from {layer}/ to {target}/ "
                                    f"({layer}/ may include {sorted(LAYERS[layer]) or 'none of the others'})")
    return problems


def self_test():
    with tempfile.TemporaryDirectory() as root:
        def put(rel, text):
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(text)
        put("core/session.h", '#include "can/frame.h"\n#include "models/ecm.h"\n#include <QString>\n')
        put("can/frame.h", "#include <QObject>\n")
        put("models/ecm.h", "#include <Eigen/Dense>\n")
        put("app/main.cpp", '#include "core/session.h"\n#include <QWidget>\n')
        if check(root):
            print("self-test: a clean tree was flagged:", check(root))
            return 1
        put("can/decoder.cpp", '#include "core/session.h"\n')
        put("models/bad.cpp", "#include <QVector>\n")
        put("core/view.cpp", "#include <QtWidgets/QTableView>\n")
        found = check(root)
        if len(found) != 3:
            print("self-test: expected 3 violations, found:", found)
            return 1
    print("self-test: clean tree passes, 3 planted violations found")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--self-test":
        sys.exit(self_test())
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    found = check(root)
    for p in found:
        print(p)
    print(f"layering: {len(found)} upward or misplaced includes")
    sys.exit(1 if found else 0)
