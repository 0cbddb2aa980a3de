#!/usr/bin/env python3
"""Plant alignment defects (swaps, truncations, number changes) into real bilingual text and
measure translint's crossed-pair, length-ratio-outlier and number-mismatch rules.

Usage: scripts/eval_align.py BINARY OUTDIR SOURCE...
SOURCE: an interleaved transcript (Chinese line, English line), a tatoeba TSV (English<TAB>Chinese)
or a 3b1b sentence_translations.json. Reads corpora at run time; writes planted files to OUTDIR.
A defect counts as found when its rule reports a line of the planted pair(s); every other report
of these rules counts as a false positive (also run on the unplanted text: the baseline).
"""
import json, os, random, re, subprocess, sys, collections

HAN = re.compile(r"[\u4e00-\u9fff]")
RULES = ["crossed-pair", "length-ratio-outlier", "number-mismatch"]
ZH_DIGITS = "零一二三四五六七八九"

def load(src):
    if src.endswith(".json"):
        rows = json.load(open(src, encoding="utf-8"))
        return [(r["input"].strip(), r["translatedText"].strip()) for r in rows
                if r["input"].strip() and HAN.search(r["translatedText"] or "")]
    if src.endswith(".txt") and "cmn" not in src:
        lines = [l.strip() for l in open(src, encoding="utf-8-sig") if l.strip()]
        out = []
        i = 0
        while i + 1 < len(lines):
            if HAN.search(lines[i]) and not HAN.search(lines[i + 1]):
                out.append((lines[i + 1], lines[i])); i += 2
            else:
                i += 1
        return out
    out = []
    for line in open(src, encoding="utf-8-sig"):
        p = line.rstrip("\n").split("\t")
        if len(p) >= 2 and p[0].strip() and HAN.search(p[1]):
            out.append((p[0].strip(), p[1].strip()))
    return out

def change_number(zh, rng):
    m = list(re.finditer(r"\d+", zh))
    if m:
        x = rng.choice(m)
        v = int(x.group()) if len(x.group()) < 12 else 7
        nv = str(v + rng.choice([1, 2, 3, 5, 9]) if v < 10 else v * rng.choice([2, 10]))
        return zh[:x.start()] + nv + zh[x.end():]
    m = [i for i, c in enumerate(zh) if c in ZH_DIGITS[2:] and not zh[max(0,i-1):i+2] in ("一些",)]
    if m:
        i = rng.choice(m)
        d = ZH_DIGITS.index(zh[i])
        nd = ZH_DIGITS[(d + rng.choice([1, 2, 3])) % 10 or 2]
        return zh[:i] + nd + zh[i + 1:]
    return None

def ends_sentence(t):
    return t.rstrip("\"'”’)） ").endswith((".", "?", "!", "。", "？", "！"))

def plant(pairs, rng, rate):
    pairs = [list(p) for p in pairs]
    n = len(pairs)
    expected = {}  # pair index -> rule
    used = set()
    order = list(range(1, n - 2)); rng.shuffle(order)
    k_swap = k_trunc = k_num = 0
    target = max(1, int(n * rate))
    for i in order:
        if any(j in used for j in (i - 1, i, i + 1, i + 2)):
            continue
        kind = ["swap", "trunc", "num"][(k_swap + k_trunc + k_num) % 3]
        if kind == "swap" and k_swap < target and ends_sentence(pairs[i][0]) and len(pairs[i][0]) > 20 and len(pairs[i+1][0]) > 20:
            pairs[i][1], pairs[i + 1][1] = pairs[i + 1][1], pairs[i][1]
            expected[i] = "crossed-pair"; used.update((i, i + 1)); k_swap += 1
        elif kind == "trunc" and k_trunc < target and len(pairs[i][1]) >= 16:
            zh = pairs[i][1]
            cut = max(3, int(len(zh) * rng.uniform(0.25, 0.45)))
            pairs[i][1] = zh[:cut] + ("。" if rng.random() < 0.5 else "")
            expected[i] = "length-ratio-outlier"; used.add(i); k_trunc += 1
        elif kind == "num" and k_num < target:
            nz = change_number(pairs[i][1], rng)
            if nz and nz != pairs[i][1]:
                pairs[i][1] = nz
                expected[i] = "number-mismatch"; used.add(i); k_num += 1
            else:
                continue
        else:
            # keep rotating kinds
            k = kind
            if k == "swap": k_swap += 0
            continue
    return pairs, expected

def run(binary, path):
    res = subprocess.run([binary, "check", "--format", "json", "--select", ",".join(RULES), path] + os.environ.get("EVAL_ARGS", "").split(),
                         capture_output=True, text=True)
    return [(d["line"], d["rule"]) for d in json.loads(res.stdout)["diagnostics"]]

def main():
    binary, outdir, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(11)
    tp = collections.Counter(); fp = collections.Counter(); fn = collections.Counter(); base = collections.Counter()
    base_pairs = 0; ex = collections.defaultdict(list)
    for s_i, src in enumerate(sources):
        allpairs = load(src)
        chunks = [allpairs[i:i + 300] for i in range(0, len(allpairs), 300)][:6]
        for c_i, pairs in enumerate(chunks):
            if len(pairs) < 40: continue
            clean_path = os.path.join(outdir, f"clean_{s_i}_{c_i}.txt")
            open(clean_path, "w", encoding="utf-8").write("\n".join(f"{z}\n{e}" for e, z in pairs))
            base_pairs += len(pairs)
            for line, rule in run(binary, clean_path):
                base[rule] += 1
            planted, expected = plant(pairs, rng, 0.02)
            path = os.path.join(outdir, f"planted_{s_i}_{c_i}.txt")
            open(path, "w", encoding="utf-8").write("\n".join(f"{z}\n{e}" for e, z in planted))
            found = run(binary, path)
            hit = set()
            for line, rule in found:
                k = (line - 1) // 2
                cands = [k, k - 1] if rule == "crossed-pair" else [k]
                match = [c for c in cands if expected.get(c) == rule]
                if match:
                    hit.add((match[0], rule))
                elif rule == "length-ratio-outlier" and expected.get(k) == "crossed-pair" or expected.get(k - 1) == "crossed-pair" and rule == "length-ratio-outlier":
                    pass  # a swap's lines reported as outliers: neither credit nor blame
                else:
                    fp[rule] += 1; ex[("FP", rule)].append(f"{path}:{line}")
            for k, rule in expected.items():
                if (k, rule) in hit: tp[rule] += 1
                else: fn[rule] += 1; ex[("FN", rule)].append(f"{path}:{2*k+1}")
    print(f"baseline on {base_pairs} clean pairs: " + ", ".join(f"{r} {base[r]} ({100*base[r]/max(base_pairs,1):.2f}%)" for r in RULES))
    print(f"{'rule':24} {'TP':>5} {'FP':>5} {'FN':>5} {'prec':>6} {'recall':>6}")
    for r in RULES:
        p = tp[r] / (tp[r] + fp[r]) if tp[r] + fp[r] else 1.0
        rc = tp[r] / (tp[r] + fn[r]) if tp[r] + fn[r] else 1.0
        print(f"{r:24} {tp[r]:5} {fp[r]:5} {fn[r]:5} {p:6.3f} {rc:6.3f}")
    if os.environ.get("EVAL_VERBOSE"):
        for k, v in sorted(ex.items()):
            print(k); [print("   ", e) for e in v[:10]]

if __name__ == "__main__":
    main()
