#!/usr/bin/env bash
# Runs extraction on Apache Spark (pyspark in local mode, `rdd.pipe` over several
# partitions) and checks that the merged result is byte for byte what one
# `claimbench extract` run prints, on the bundled corpus and on a corpus generated from it.
# Installs a Java runtime if there is none, and pyspark into a virtual environment
# (target/spark-venv). Usage, from the repository root, after a build:
#   scripts/spark-test.sh [path/to/claimbench]      (default: target/debug/claimbench)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/debug/claimbench}")
# pyspark 4 runs on Java 17 or newer.
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null || java=$(java_major) && [ "${java:-0}" -lt 17 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
fi
venv=target/spark-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian keeps venv's pip apart.
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install -q pyspark==4.3.0
fi
# A container's host name often does not resolve: Spark talks to itself on loopback.
export SPARK_LOCAL_IP=127.0.0.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/bundled.jsonl" <<'PY'
import json, os, sys
src = "corpus"
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for name in sorted(os.listdir(src)):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            out.write(json.dumps({"id": os.path.splitext(name)[0], "text": f.read()}) + "\n")
PY
python3 scripts/vary-corpus.py corpus --copies 40 -o "$work/generated.jsonl"
status=0
for corpus in bundled generated; do
  for partitions in 3 7; do
    (cd "$work" && "$bin" extract "$corpus.jsonl" > "$corpus.single.json")
    (cd "$work" && "$OLDPWD/$venv/bin/python" "$OLDPWD/scripts/spark-extract.py" "$corpus.jsonl" \
       -o "$corpus.spark.json" --partitions "$partitions" --claimbench "$bin" 2>"$corpus.log") \
       || { cat "$work/$corpus.log"; exit 1; }
    if cmp -s "$work/$corpus.single.json" "$work/$corpus.spark.json"; then
      echo "spark, $corpus corpus, $partitions partitions: same as a single run ($(wc -c < "$work/$corpus.spark.json") bytes)"
    else
      echo "spark, $corpus corpus, $partitions partitions: DIFFERS from a single run" >&2
      status=1
    fi
  done
done
exit $status
