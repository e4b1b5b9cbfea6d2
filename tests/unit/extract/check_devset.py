#!/usr/bin/env python3
"""Runs the extraction dev-set scorer and fails when F1 drops below the floors.

Exit 77 (ctest SKIP) when the shared data is absent, as in a user's clone.
"""
import argparse
import os
import re
import subprocess
import sys


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(p.stdout[-4000:])
    return p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--min-f1", type=float, required=True)
    ap.add_argument("--min-arabic-f1", type=float, required=True)
    a = ap.parse_args()
    score = os.path.join(a.shared, "data", "extraction-dev", "score.py")
    if not os.path.exists(score):
        print("SKIP: %s is absent" % score)
        return 77
    out = run([sys.executable, score, "--bin", a.bin, "-q", "-j", "2"])
    m = re.search(r"segment precision [0-9.]+\s+recall [0-9.]+\s+F1 ([0-9.]+)", out)
    if not m:
        print("FAIL: no segment F1 in the scorer output")
        return 1
    f1 = float(m.group(1))
    out = run([sys.executable, score, "--bin", a.bin, "--arabic", "-v"])
    m2 = re.search(r"^F1 ([0-9.]+)\s*$", out, re.M)
    if not m2:
        print("FAIL: no Arabic F1 in the scorer output")
        return 1
    ar = float(m2.group(1))
    print("segment F1 %.3f (floor %.3f), Arabic F1 %.3f (floor %.3f)"
          % (f1, a.min_f1, ar, a.min_arabic_f1))
    return 0 if f1 >= a.min_f1 and ar >= a.min_arabic_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
