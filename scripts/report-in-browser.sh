#!/usr/bin/env bash
# Opens Claimbench's HTML report in headless Chromium, as a reader would, and checks that it
# is self-contained and inert:
#   1. the report of the fixed piece of work the export tests write (tests/golden/bundled.html)
#      is rendered to docs/report.png (look at it);
#   2. Chromium's own network log (--log-net-log) must show no request made by the page
#      (checked first on a page that makes one, so the check can fail);
#   3. a report made from an article written to attack its reader (<script>, onerror,
#      javascript: links, </svg>) must come out of the browser's DOM with no element of its
#      own making: no script, no img, no link to javascript:.
# Usage, from the repository root: scripts/report-in-browser.sh   (installs chromium if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
browse() { # browse FILE ARGS...: headless Chromium on a file, with a network log
  local file=$1; shift
  chromium --headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --log-net-log="$work/net.json" "$@" "file://$file" 2>/dev/null
}
page_requests() { # prints every request the page made (the browser's own have no origin)
  python3 - "$work/net.json" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
for e in log["events"]:
    p = e.get("params", {})
    if (names.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in p
            and p.get("initiator") != "not an origin"):
        print(p.get("url"))
PY
}
no_requests() { # fails if the page made any request
  local made
  made=$(page_requests)
  if [ -n "$made" ]; then echo "the page asked for: $made"; exit 1; fi
  echo "network log: the page made no request"
}

# The check itself, on a page that does make a request: it must see it.
echo '<!DOCTYPE html><img src="http://127.0.0.1:9/probe.png">' > "$work/control.html"
browse "$work/control.html" --dump-dom >/dev/null
page_requests | grep -q "127.0.0.1:9/probe.png" || { echo "the network check sees no request even where one is made"; exit 1; }

report="$PWD/tests/golden/bundled.html"
browse "$report" --window-size=1280,1700 --hide-scrollbars --screenshot="$work/report.png" >/dev/null
mkdir -p docs
cp "$work/report.png" docs/report.png
no_requests
echo "docs/report.png written: look at it"

cargo build --quiet  # the debug build, which `cargo test` has already made
mkdir -p "$work/corpus"
cat > "$work/corpus/hostile.txt" <<'TXT'
<script>alert('title')</script> Ministry says 400 clinics closed

The ministry said 400 clinics closed in 2019 <script>alert(1)</script> across the country.
The union said <img src=x onerror=alert(2)> 400 clinics closed in 2019, not 300.
A report said [12 hospitals](javascript:alert(3)) shut </svg><script>alert(4)</script> in March.
TXT
target/debug/claimbench export "$work/corpus" --format html -o "$work/hostile.html"
grep -q "&lt;script&gt;" "$work/hostile.html" || { echo "the hostile text is not in the report"; exit 1; }
browse "$work/hostile.html" --dump-dom > "$work/dom.html"
python3 - "$work/dom.html" <<'PY'
import sys
dom = open(sys.argv[1], encoding="utf-8").read().lower()
made = [tag for tag in ("<script", "<img", "href=\"javascript") if tag in dom]
if made:
    sys.exit("the browser built elements from the article's text: " + ", ".join(made))
if "&lt;script&gt;" not in dom:
    sys.exit("the article's text did not reach the page")
print("hostile article: its text shown as text, no element made of it")
PY
no_requests
