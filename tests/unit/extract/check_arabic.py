#!/usr/bin/env python3
"""Scores `newsd extract` on the repository's own Arabic pages (tests/data/extract-ar/).

Same rule as the held-out Arabic set (../shared/data/extraction-dev/score.py --arabic), written
out here so that the test runs in a clone without ../shared: word 4-gram shingles of the NFC
text (tokens = \\w+ runs), per-page multiset overlap, precision averaged over pages with any
text, recall over all pages, F1 = 2PR/(P+R); title exact match after NFC and whitespace
normalisation; published_at the same instant, or the same date when only a date is expected;
authors: the same list after NFC and whitespace normalisation (not in the held-out rule).
Fails when F1, title, date or authors share falls below the floors.
"""
import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "").translate(INVISIBLE)).strip()


def shingles(text, n=4):
    tok = re.findall(r"\w+", unicodedata.normalize("NFC", text or ""))
    return Counter(tuple(tok[i:i + n]) for i in range(max(1, len(tok) - n + 1)) if tok[i:i + n])


def overlap(expected, got):
    e, g = shingles(expected), shingles(got)
    tp = sum(min(c, g[k]) for k, c in e.items())
    fp, fn = sum(g.values()) - tp, sum(e.values()) - tp
    return tp, fp, fn


def when(s):
    if not isinstance(s, str) or not re.match(r"\d{4}-\d{2}-\d{2}", s.strip()):
        return None, None
    s = s.strip()
    try:
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00")) if len(s) > 10 else None
    except ValueError:
        t = None
    return dt.date.fromisoformat(s[:10]), (t if t and t.tzinfo else None)


def date_ok(expected, got):
    (ed, et), (gd, gt) = when(expected), when(got)
    return gd is not None and (gd == ed if et is None else gt == et)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "..", "data", "extract-ar"))
    ap.add_argument("--min-f1", type=float, default=0.0)
    ap.add_argument("--min-title", type=float, default=0.0)
    ap.add_argument("--min-date", type=float, default=0.0)
    ap.add_argument("--min-authors", type=float, default=0.0)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    names = sorted(f[:-5] for f in os.listdir(a.dir) if f.endswith(".json"))
    if not names:
        print("FAIL: no pages in " + a.dir)
        return 1
    P, R, titles, dates, authors = [], [], 0, 0, 0
    for name in names:
        with open(os.path.join(a.dir, name + ".json"), encoding="utf-8") as f:
            c = json.load(f)
        cmd = [a.bin, "extract", os.path.join(a.dir, name + ".html"), "--url", c["url"]]
        if c.get("http_content_type"):
            cmd += ["--content-type", c["http_content_type"]]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        try:
            out = json.loads(p.stdout.decode("utf-8")) if p.returncode == 0 else {}
        except ValueError:
            out = {}
        text = out.get("text") if isinstance(out.get("text"), str) else ""
        tp, fp, fn = overlap(c["text"], text)
        prec = 1.0 if fp == fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)
        rec = 1.0 if fp == fn == 0 else (tp / (tp + fn) if tp + fn else 0.0)
        if tp + fp:
            P.append(prec)
        R.append(rec)
        t_ok = isinstance(out.get("title"), str) and norm(out["title"]) == norm(c["title"])
        d_ok = date_ok(c["published_at"], out.get("published_at"))
        a_ok = [norm(x) for x in out.get("authors") or []] == [norm(x) for x in c["authors"]]
        titles += t_ok
        dates += d_ok
        authors += a_ok
        print(f"{name:42} P {prec:.3f} R {rec:.3f}  title {'ok' if t_ok else 'MISS'}  "
              f"date {'ok' if d_ok else 'MISS'}  authors {'ok' if a_ok else 'MISS'}" +
              (f"  [exit {p.returncode}]" if p.returncode else ""))
        if a.verbose:
            if not a_ok:
                print(f"    authors expected {c['authors']!r} got {out.get('authors')!r}")
            if not t_ok:
                print(f"    title expected {c['title']!r} got {out.get('title')!r}")
            if not d_ok:
                print(f"    date expected {c['published_at']!r} got {out.get('published_at')!r}")
            e, g = shingles(c["text"]), shingles(text)
            missed = [" ".join(k) for k in e if k not in g][:4]
            extra = [" ".join(k) for k in g if k not in e][:4]
            if missed:
                print("    missed e.g.: " + " | ".join(missed))
            if extra:
                print("    extra  e.g.: " + " | ".join(extra))
    k = len(names)
    prec, rec = sum(P) / len(P) if P else 0.0, sum(R) / k
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"title exact-match {titles / k:.3f}  published_at exact-match {dates / k:.3f}  "
          f"authors exact-match {authors / k:.3f}")
    print(f"precision {prec:.3f}  recall {rec:.3f}")
    print(f"F1 {f1:.3f}")
    bad = []
    if f1 < a.min_f1:
        bad.append(f"F1 {f1:.3f} < {a.min_f1}")
    if titles / k < a.min_title:
        bad.append(f"titles {titles / k:.3f} < {a.min_title}")
    if dates / k < a.min_date:
        bad.append(f"dates {dates / k:.3f} < {a.min_date}")
    if authors / k < a.min_authors:
        bad.append(f"authors {authors / k:.3f} < {a.min_authors}")
    if bad:
        print("FAIL: " + "; ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
