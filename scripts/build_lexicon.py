#!/usr/bin/env python3
"""Build rules/data/zh-en-lexicon.tsv: English word -> Chinese characters/bigrams associations.

Usage: scripts/build_lexicon.py CMN_TXT [OUT] [--holdout N --seed S]

CMN_TXT is the Tatoeba English/Chinese export (manythings.org `cmn.txt`: English<TAB>Chinese<TAB>
attribution), CC-BY 2.0 FR. The first N lines (default 1800) of `random.Random(S).shuffle` (default
S = 3) of its lines are held out: they are the Tatoeba part of `scripts/eval_align.py`'s test set,
so neither those pairs nor any pair sharing their English or Chinese sentence is learned from.

Method (std lib only): English is lower-cased, split into words, stop-words dropped and each word
reduced by `stem` (the same rule is implemented in src/align/lexicon.rs). Chinese is reduced to
its Han characters and adjacent-Han bigrams. Co-occurrence is counted by competitive linking
(Melamed 2000, "Models of translational equivalence among words"): in each pair, a Chinese feature
counts only for the pair's English word with the highest plain Dice coefficient with it, so a
word's collocates (杯 beside "coffee", from "a cup of coffee") go to the word that explains them.
For every English stem seen in at least MIN_COUNT training pairs, candidate Chinese features are
ranked by the Dice coefficient over those linked counts, 2·c'(w,f) / (c(w) + c(f)); the best
MAX_ASSOC with Dice >= MIN_DICE are kept (a bigram is dropped when one of its characters is
already kept). Then, per word:
  p      = share of training pairs containing the word whose Chinese contains a kept feature;
  lambda = hits of a kept feature per Han character in Chinese sentences whose English lacks
           the word (so an unrelated Chinese text of n characters hits with 1 - e^(-lambda·n)).
Words whose p is not clearly above chance are dropped.
"""
import math, random, re, sys, collections

MIN_COUNT = 4
MIN_DICE = 0.12
MAX_ASSOC = 3
MIN_P = 0.35
MIN_PAIR = 3
MIN_TESTED = 3

STOP = set("""
a an the and or but if then so than that this these those there here of to in on at by for with
from into onto over under about as is am are was were be been being do does did done doing have has
had having i me my mine myself you your yours yourself yourselves he him his himself she her hers
herself it its itself we us our ours ourselves they them their theirs themselves what which who
whom whose when where why how all any both each few more most other some such no nor not only own
same too very s t can will just don should now d ll m o re ve y ain isn aren wasn weren hasn haven
hadn doesn didn won wouldn shan shouldn couldn mustn needn mightn would could shall might must may
let lets oh yes yeah ok okay well also even still ever get got go going gonna want wanna one
""".split())

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def stem(w):
    """Crude suffix stripping shared with the Rust side: it need not be linguistic, only
    identical in both places."""
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 3 and w.endswith("es") and w[-3] in "sxz":
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def english_stems(text):
    out = set()
    for w in WORD.findall(text.lower().replace("\u2019", "'")):
        if w in STOP or w.split("'")[0] in STOP:
            continue
        s = stem(w)
        if len(s) >= 2 and s not in STOP:
            out.add(s)
    return out


def chinese_features(text):
    chars = [c for c in text if HAN.match(c)]
    feats = set(chars)
    # Bigrams of Han characters adjacent in the text (not across punctuation).
    prev = None
    for c in text:
        if HAN.match(c):
            if prev is not None:
                feats.add(prev + c)
            prev = c
        else:
            prev = None
    return feats, len(chars)


def associations(pairs):
    """English stem -> kept Chinese features, by Dice over sentence co-occurrence."""
    cw = collections.Counter()
    cf = collections.Counter()
    cwf = collections.defaultdict(collections.Counter)
    for ws, (fs, _) in pairs:
        cw.update(ws)
        cf.update(fs)
        for w in ws:
            cwf[w].update(fs)
    # Competitive linking (Melamed 2000): in each pair, a Chinese feature counts only for the
    # English word of that pair most strongly associated with it, so a word's collocates
    # ("coffee" beside "cup" in "a cup of coffee": 杯) are not learned as its translations.
    dice = lambda w, f: 2 * cwf[w][f] / (cw[w] + cf[f])
    linked = collections.defaultdict(collections.Counter)
    for ws, (fs, _) in pairs:
        for f in fs:
            best = max((dice(w, f) for w in ws), default=0.0)
            for w in ws:
                if dice(w, f) == best:
                    linked[w][f] += 1
    out = {}
    for w, c in cw.items():
        if c < MIN_COUNT:
            continue
        ranked = sorted(
            ((2 * k / (c + cf[f]), f) for f, k in linked[w].items() if k >= MIN_PAIR),
            reverse=True,
        )
        kept = []
        for d, f in ranked:
            if d < MIN_DICE or len(kept) >= MAX_ASSOC:
                break
            if len(f) == 2 and any(k in f for k in kept if len(k) == 1):
                continue
            if len(f) == 1:
                # A character of a kept bigram: the character alone is the wider net.
                kept = [k for k in kept if not (len(k) == 2 and f in k)]
            kept.append(f)
        if kept:
            out[w] = kept
    return out


def main():
    args, opts, it = [], {}, iter(sys.argv[1:])
    for a in it:
        if a.startswith("--"):
            opts[a] = next(it, "")
        else:
            args.append(a)
    holdout = int(opts.get("--holdout", 1800))
    seed = int(opts.get("--seed", 3))
    src = args[0]
    out_path = args[1] if len(args) > 1 else "rules/data/zh-en-lexicon.tsv"
    lines = open(src, encoding="utf-8").readlines()
    shuffled = list(lines)
    random.Random(seed).shuffle(shuffled)
    held_en, held_zh = set(), set()
    for l in shuffled[:holdout]:
        p = l.rstrip("\n").split("\t")
        if len(p) >= 2:
            held_en.add(p[0].strip().lstrip("\ufeff"))
            held_zh.add(p[1].strip())
    pairs = []
    for l in lines:
        p = l.rstrip("\n").split("\t")
        if len(p) < 2:
            continue
        en, zh = p[0].strip().lstrip("\ufeff"), p[1].strip()
        if en in held_en or zh in held_zh:
            continue
        pairs.append((english_stems(en), chinese_features(zh)))
    n = len(pairs)
    # Two folds (even and odd pairs): p is measured on the fold the associations were not learned
    # from, so a chance association (a bigram seen once beside a rare word) earns no credit.
    folds = [pairs[0::2], pairs[1::2]]
    learned = [associations(f) for f in folds]
    tested = collections.Counter()
    hits = collections.Counter()
    for k in (0, 1):
        for ws, (fs, _) in folds[1 - k]:
            for w in ws:
                kept = learned[k].get(w)
                if kept:
                    tested[w] += 1
                    hits[w] += any(f in fs for f in kept)
    final = associations(pairs)
    # Inverted indexes for lambda.
    by_feature = collections.defaultdict(set)
    by_word = collections.defaultdict(set)
    han = []
    for i, (ws, (fs, k)) in enumerate(pairs):
        han.append(k)
        for f in fs:
            by_feature[f].add(i)
        for w in ws:
            by_word[w].add(i)
    total_han = sum(han)
    rows = []
    for w, kept in final.items():
        if tested[w] < MIN_TESTED:
            continue
        p = (hits[w] + 0.5) / (tested[w] + 1.0)
        hit_all = set().union(*(by_feature[f] for f in kept))
        hit_other = len(hit_all - by_word[w])
        han_other = total_han - sum(han[i] for i in by_word[w])
        lam = (hit_other + 1.0) / max(han_other, 1)
        # Chance of a hit in an unrelated sentence of the corpus's mean length (~9 characters).
        q = 1 - math.exp(-lam * 9)
        if p < MIN_P or p < 3 * q:
            continue
        rows.append((w, p, lam, kept))
    rows.sort()
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(
            "# English word -> Chinese associations, learned from Tatoeba (https://tatoeba.org),\n"
            "# English/Chinese sentence pairs as exported by manythings.org (cmn.txt), licensed\n"
            "# CC-BY 2.0 FR (https://creativecommons.org/licenses/by/2.0/fr/); attribution:\n"
            "# Tatoeba.org contributors, via manythings.org/anki. This file is a derivative of that data.\n"
            "# Built by scripts/build_lexicon.py (Dice coefficient over sentence co-occurrence; the\n"
            f"# {holdout} evaluation pairs of random.Random({seed}).shuffle are held out).\n"
            "# Used by the alignment pass (src/align/lexicon.rs) as a lexical anchor for crossed-pair.\n"
            "#\n"
            "# Format: one English word per line, tab-separated:\n"
            "#   stem <TAB> p <TAB> lambda <TAB> feature[,feature...]\n"
            "# stem: lower-case English word after stop-word removal and suffix stripping (see `stem`\n"
            "#   in the builder); features: Chinese characters or two-character strings, any of which\n"
            "#   present in a translation counts as a hit; p: probability of a hit in the word's true\n"
            "#   translation; lambda: hits per Han character of unrelated Chinese (chance of a hit in n\n"
            "#   characters is 1 - exp(-lambda*n)). Lines starting with # are comments.\n"
            "# The line starting with `!stop` lists the stop-words (skipped before stemming, as are\n"
            "#   contractions whose first part is one, e.g. don't).\n"
        )
        out.write("!stop\t" + " ".join(sorted(STOP)) + "\n")
        for w, p, lam, kept in rows:
            out.write(f"{w}\t{p:.3f}\t{lam:.3g}\t{','.join(kept)}\n")
    print(f"{n} training pairs, {len(rows)} words -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
