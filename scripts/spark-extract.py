#!/usr/bin/env python3
"""Extracts a JSON Lines corpus on Apache Spark: the map step (`claimbench extract
--per-document`) runs on every partition through `rdd.pipe`, the reduce step
(`claimbench merge`) puts the parts together into exactly what one `claimbench extract`
run over the corpus prints.

    scripts/spark-extract.py CORPUS.jsonl -o OUT.json [--partitions N] [--master URL]
        [--claimbench PATH] [--source NAME] [--parts DIR]

Each line is sent with its line number in the corpus (`12<TAB>{...}`), so that documents
keep the names (`CORPUS.jsonl:12`) and the order a single run gives them, however Spark
splits the file. `--source` is the name the single run knows the file by (the path as it
is given to `claimbench extract`; default: CORPUS as given here). The binary must be
reachable from every executor (the same path on every node, or shipped with --files).
Needs the `pyspark` package and a Java runtime.
"""
import argparse
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus")
    p.add_argument("-o", "--output", required=True, help="where the merged extraction is written")
    p.add_argument("--partitions", type=int, default=4)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--claimbench", default="claimbench", help="the claimbench binary")
    p.add_argument("--source", default=None)
    p.add_argument("--parts", default=None, help="a new folder for the per-document outputs, kept (default: a temporary one, removed)")
    p.add_argument("--min-score", default=None)
    args = p.parse_args()

    from pyspark import SparkConf, SparkContext

    source = args.source if args.source is not None else args.corpus
    binary = os.path.abspath(args.claimbench) if os.sep in args.claimbench else args.claimbench
    command = [binary, "extract", "--per-document", "--source", source]
    if args.min_score is not None:
        command += ["--min-score", args.min_score]
    command.append("-")

    conf = SparkConf().setMaster(args.master).setAppName("claimbench-extract")
    conf.set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    work = tempfile.mkdtemp(prefix="claimbench-spark-")
    parts_dir = args.parts or os.path.join(work, "parts")
    try:
        lines = sc.textFile("file://" + os.path.abspath(args.corpus), minPartitions=args.partitions)
        numbered = lines.zipWithIndex().map(lambda pair: f"{pair[1] + 1}\t{pair[0]}")
        parts = numbered.pipe(shlex.join(command), checkCode=True)
        parts.saveAsTextFile("file://" + os.path.abspath(parts_dir))
        partitions = numbered.getNumPartitions()
    finally:
        sc.stop()
    try:
        files = sorted(glob.glob(os.path.join(parts_dir, "part-*")))
        print(f"{partitions} partitions, {len(files)} part files", file=sys.stderr)
        subprocess.run([binary, "merge", *files, "-o", args.output], check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
