#!/usr/bin/env bash
# Refreshes the GUI's translation sources (app/gui/translations/*.ts) from the code with lupdate
# (CMake target update_translations of Qt's LinguistTools), then lists every entry a translator
# still has to do. Exit 1 while a non-English .ts has unfinished entries.
#   usage: scripts/update_translations.sh [BUILD_DIR]
#   then:  linguist app/gui/translations/packgrade_de.ts   (translate, save, run this again)
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$build" --target update_translations
status=0
for ts in "$here"/app/gui/translations/packgrade_*.ts; do
  case $ts in *_en.ts) continue ;; esac # the source language: its entries stay empty
  n=$(grep -c 'type="unfinished"' "$ts" || true)
  echo "$(basename "$ts"): $n unfinished"
  if [ "$n" -gt 0 ]; then
    status=1
    /usr/bin/python3 - "$ts" <<'PY'
import sys, xml.etree.ElementTree as ET
for ctx in ET.parse(sys.argv[1]).getroot().iter('context'):
    for m in ctx.iter('message'):
        if m.find('translation').get('type') == 'unfinished':
            print('  %s: %r' % (ctx.findtext('name'), m.findtext('source')))
PY
  fi
done
exit $status
