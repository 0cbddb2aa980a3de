#!/usr/bin/env python3
"""Plant transcript defects into real bilingual text and measure translint's precision and recall.

Usage: scripts/eval_planted.py BINARY OUTDIR SOURCE...
SOURCE is a tatoeba-style TSV (English<TAB>Chinese) or a 3b1b sentence_translations.json.
Nothing here is committed data: it reads corpora from the given paths at run time and writes the
planted files to OUTDIR. Each planted defect names the line and the rule that must report it;
every other report of the evaluated rules counts as a false positive.
"""
import json, random, re, subprocess, sys, collections, os

RULES = ["missing-translation", "stray-line", "duplicated-untranslated-line",
         "untranslated-line", "untranslated-fragment", "halfwidth-punctuation"]
HEADERS = ["本集简介", "双语字幕", "节目文稿", "仅展示文字稿,收听请打开播客 App"]
FOOTERS = ["关于本节目", "本节目由某某播客提供,欢迎订阅", "下载 App 收听更多双语节目"]
FULL2ASCII = str.maketrans("，？！：；（）", ",?!:;()")
HAN = re.compile(r"[\u4e00-\u9fff]")

def load(src):
    if src.endswith(".json"):
        rows = json.load(open(src, encoding="utf-8"))
        return [(r["input"].strip(), r["translatedText"].strip()) for r in rows
                if r["input"].strip() and HAN.search(r["translatedText"] or "")]
    out = []
    for line in open(src, encoding="utf-8-sig"):
        p = line.rstrip("\n").split("\t")
        if len(p) >= 2 and p[0].strip() and HAN.search(p[1]):
            out.append((p[0].strip(), p[1].strip()))
    return out

def plant(pairs, rng):
    """Return (lines, expected) where expected is a set of (line_no, rule)."""
    pairs = [list(p) for p in pairs]
    n = len(pairs)
    kinds = {}
    idx = list(range(2, n - 2))
    rng.shuffle(idx)
    used = set()
    def take(k=1):
        for i in idx:
            if all(j not in used and j - 1 not in used and j + 1 not in used for j in range(i, i + k)):
                for j in range(i, i + k):
                    used.add(j)
                return i
        return None
    per = max(1, n // 40)
    for _ in range(per):
        i = take(2)
        if i is not None:
            kinds[i] = "copy"; kinds[i + 1] = "copy"
    for _ in range(per):
        i = take()
        if i is not None: kinds[i] = rng.choice(["drop-zh", "drop-en"])
    for _ in range(per):
        i = take()
        if i is not None: kinds[i] = "other-en"
    for _ in range(per * 2):
        i = take()
        if i is not None: kinds[i] = "fragment"
    ui_at = take()
    lines, expected = [], set()
    def add(text, rule=None):
        lines.append(text)
        if rule: expected.add((len(lines), rule))
    for h in rng.sample(HEADERS, 2):
        add(h, "stray-line")
    for i, (en, zh) in enumerate(pairs):
        if i == ui_at:
            remaining = n - i
            add(f"展开剩余字幕(还有 {remaining} 条)", "stray-line")
        k = kinds.get(i)
        if k == "copy":
            add(en, "duplicated-untranslated-line"); add(en)
        elif k == "drop-zh":
            add(en, "missing-translation")
        elif k == "drop-en":
            add(zh, "missing-translation")
        elif k == "other-en":
            other = pairs[(i + n // 2) % n][0]
            add(other, "untranslated-line"); add(en)
        elif k == "fragment":
            words = [w for w in re.findall(r"\b[a-z]{5,}\b", en)]
            if not words:
                add(zh); add(en); continue
            w = rng.choice(words)
            # replace a middle stretch of Han characters by the English word
            hans = [m.start() for m in HAN.finditer(zh)]
            if len(hans) < 4:
                add(zh); add(en); continue
            cut = hans[len(hans) // 2]
            zh2 = zh[:cut] + " " + w + " " + zh[cut + 2:]
            add(zh2, "untranslated-fragment"); add(en)
        else:
            add(zh); add(en)
    for f in rng.sample(FOOTERS, 2):
        add(f, "stray-line")
    # NFKC damage on every Chinese line of the file, as the real sample has it.
    strays = {no for no, rule in expected if rule == "stray-line"}
    for no, text in enumerate(lines, 1):
        if no in strays:
            continue
        if HAN.search(text) and re.search("[，？！：；（）]|[\u4e00-\u9fff][,?!:;()]", text):
            lines[no - 1] = text.translate(FULL2ASCII)
            expected.add((no, "halfwidth-punctuation"))
    return lines, expected

def main():
    binary, outdir, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(7)
    tp = collections.Counter(); fp = collections.Counter(); fn = collections.Counter()
    examples = collections.defaultdict(list)
    for s_i, src in enumerate(sources):
        pairs = load(src)
        if len(pairs) > 400:
            start = rng.randrange(0, len(pairs) - 400)
            pairs = pairs[start:start + 400]
        lines, expected = plant(pairs, rng)
        path = os.path.join(outdir, f"planted_{s_i}.txt")
        open(path, "w", encoding="utf-8").write("\n".join(lines))
        res = subprocess.run([binary, "check", "--format", "json", path], capture_output=True, text=True)
        found = set()
        for d in json.loads(res.stdout)["diagnostics"]:
            if d["rule"] in RULES:
                found.add((d["line"], d["rule"]))
        for key in found:
            if key in expected: tp[key[1]] += 1
            else:
                fp[key[1]] += 1; examples[("FP", key[1])].append(f"{path}:{key[0]}: {lines[key[0]-1][:100]}")
        for key in expected - found:
            fn[key[1]] += 1; examples[("FN", key[1])].append(f"{path}:{key[0]}: {lines[key[0]-1][:100]}")
    print(f"{'rule':32} {'TP':>5} {'FP':>5} {'FN':>5} {'prec':>6} {'recall':>6}")
    for r in RULES:
        p = tp[r] / (tp[r] + fp[r]) if tp[r] + fp[r] else 1.0
        rc = tp[r] / (tp[r] + fn[r]) if tp[r] + fn[r] else 1.0
        print(f"{r:32} {tp[r]:5} {fp[r]:5} {fn[r]:5} {p:6.3f} {rc:6.3f}")
    if "-v" in os.environ.get("EVAL_FLAGS", ""):
        for k, v in sorted(examples.items()):
            print(k)
            for e in v[:8]: print("   ", e)

if __name__ == "__main__":
    main()
