#!/usr/bin/env python3
"""Makes a larger JSON Lines corpus from a folder of articles (or a JSON Lines corpus) by
writing COPIES variants of every article: each variant's figures are changed a little, so
that the same stories come back with other numbers, as a newsroom archive's do.

    scripts/vary-corpus.py SOURCE --copies N [--limit DOCS] -o OUT.jsonl

SOURCE is a folder (its .txt files, sorted) or a .jsonl file. Documents are named
ID-vK. Deterministic: the same arguments always give the same corpus.
"""
import argparse
import json
import os
import re
import sys

NUMBER = re.compile(r"\d+")


def articles(source):
    if os.path.isdir(source):
        for name in sorted(os.listdir(source)):
            if name.endswith(".txt"):
                with open(os.path.join(source, name), encoding="utf-8", errors="replace") as f:
                    yield os.path.splitext(name)[0], f.read()
    else:
        with open(source, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    yield str(record["id"]), record["text"]


def vary(text, k):
    """The text with every number changed by an amount that depends on the copy."""
    if k == 0:
        return text
    return NUMBER.sub(lambda m: str(int(m.group()) + (k * 7 + len(m.group())) % 11), text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source")
    p.add_argument("--copies", type=int, required=True)
    p.add_argument("--limit", type=int, default=None, help="stop after this many documents")
    p.add_argument("-o", "--output", required=True)
    args = p.parse_args()
    base = list(articles(args.source))
    if not base:
        sys.exit(f"no articles in {args.source}")
    written = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for k in range(args.copies):
            for doc_id, text in base:
                if args.limit is not None and written >= args.limit:
                    break
                out.write(json.dumps({"id": f"{doc_id}-v{k}", "text": vary(text, k)}) + "\n")
                written += 1
    print(f"{written} documents written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
