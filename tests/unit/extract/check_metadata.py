#!/usr/bin/env python3
"""Title and published-date accuracy of `newsd extract` on the extraction dev set.

Compares each page's extracted `title` and `published_at` with `meta.title` and
`meta.date` of cases/NAME.json (upstream annotations, unverified, so a few
"misses" are annotation noise). Prints the totals and, with -v, every miss.

  title: equal after NFC, whitespace collapse, case folding (the annotators copied headlines
         as rendered, so CSS text-transform upper case is in the annotation but not in the
         HTML) and typographic unification (curly vs straight quotes, en/em dash vs hyphen,
         "…" vs "..."), and a headline that is one quotation with or without its enclosing
         quote marks, a space after a colon, and an annotation cut up to 3 characters short
         of a 40+ character title: a human judge reads these as the same title. A headline whose
         annotation keeps the site suffix ("Title | Site", "Site - Title", with Site = the
         extracted site_name) also counts, since the contract wants the headline alone.
         Also reported: the strict figure (NFC + whitespace only) and a loose one
         (case/punctuation-insensitive).
  date:  the date part of published_at (in the offset the page stated) equals meta.date;
         an annotation written YYYY-DD-MM (day > 12 in the month slot) is read as
         YYYY-MM-DD. Also reported: within a day.

Exit 77 (ctest SKIP) when the shared data is absent; with --min-title / --min-date it
fails below those floors.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import re
import subprocess
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFC", s or "")
    s = re.sub("[\u00ad\u200b-\u200d\u2060\ufeff]", "", s)
    return re.sub(r"\s+", " ", s).strip()


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                       "\u2032": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"',
                       "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u2013": "-",
                       "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-"})
SEPS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", ": ")


def fair(s):
    s = norm(s).casefold().translate(QUOTES).replace("\u2026", "...")
    # A headline that is one quotation: «Gute Löhne …» and "Gute Löhne …" are the same title.
    s = s.replace("\u00ab", '"').replace("\u00bb", '"')
    if len(s) > 2 and s[0] == s[-1] and s[0] in "\"'" and s.count(s[0]) == 2:
        s = s[1:-1].strip()
    return s.replace(": ", ":")  # "Versammlung:Es" vs "Versammlung: Es"


def title_ok(got, want, site):
    if fair(got) == fair(want):
        return True
    # An annotation cut a few characters short ("… complex thinkin").
    if len(fair(want)) >= 40 and fair(got).startswith(fair(want)) and len(got) - len(want) <= 3:
        return True
    if not got or not site:
        return False
    return any(fair(want) in (fair(got + sep + site), fair(site + sep + got)) for sep in SEPS)


def want_date(d):
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", d)
    if m and int(m.group(2)) > 12 >= int(m.group(3)):
        return "%s-%s-%s" % (m.group(1), m.group(3), m.group(2))
    return d[:10]


def loose(s):
    return re.sub(r"[\W_]+", "", norm(s).casefold())


def run(binary, cases, name):
    with open(os.path.join(cases, name + ".json"), encoding="utf-8") as f:
        case = json.load(f)
    cmd = [binary, "extract", os.path.join(cases, name + ".html")]
    if case.get("url"):
        cmd += ["--url", case["url"]]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
        out = json.loads(p.stdout.decode("utf-8"))
    except (subprocess.TimeoutExpired, ValueError):
        out = {}
    return name, case.get("meta", {}), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__),
                                                      "../../../../shared"))
    ap.add_argument("--bin", required=True)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--min-title", type=float, default=0)
    ap.add_argument("--min-date", type=float, default=0)
    a = ap.parse_args()
    cases = os.path.join(a.shared, "data", "extraction-dev", "cases")
    if not os.path.isdir(cases):
        print("SKIP: %s is absent" % cases)
        return 77
    names = sorted(f[:-5] for f in os.listdir(cases) if f.endswith(".json"))
    names = [n for n in names if re.search(a.only, n)]
    t_n = t_ok = t_strict = t_loose = d_n = d_ok = d_near = 0
    with concurrent.futures.ThreadPoolExecutor(a.j) as ex:
        for name, meta, out in ex.map(lambda n: run(a.bin, cases, n), names):
            if meta.get("title"):
                t_n += 1
                got, want = norm(out.get("title")), norm(meta["title"])
                ok = title_ok(got, want, norm(out.get("site_name")))
                t_ok += ok
                t_strict += got == want
                t_loose += loose(got) == loose(want)
                if a.v and not ok:
                    print("TITLE %-50s want %r got %r" % (name, want[:90], got[:90]))
            if meta.get("date"):
                d_n += 1
                got = (out.get("published_at") or "")[:10]
                want = want_date(meta["date"])
                d_ok += got == want
                try:
                    delta = abs((datetime.date.fromisoformat(got) -
                                 datetime.date.fromisoformat(want)).days)
                except ValueError:
                    delta = 99
                d_near += delta <= 1
                if a.v and got != want:
                    print("DATE  %-50s want %s got %s" % (name, want, got or "-"))
    tp = t_ok / t_n if t_n else 0
    dp = d_ok / d_n if d_n else 0
    print("title %d/%d = %.3f  (strict NFC+whitespace %d = %.3f; case/punctuation-insensitive"
          " %d = %.3f)" % (t_ok, t_n, tp, t_strict, t_strict / max(t_n, 1), t_loose,
                           t_loose / max(t_n, 1)))
    print("date         %d/%d = %.3f  (within one day %d = %.3f)"
          % (d_ok, d_n, dp, d_near, d_near / max(d_n, 1)))
    return 0 if tp >= a.min_title and dp >= a.min_date else 1


if __name__ == "__main__":
    sys.exit(main())
