#!/usr/bin/env python3
"""The planted-defect evaluation of eval_planted.py, written as bilingual SRT cues (one cue per pair,
app text as one-line cues). Usage: scripts/eval_planted_srt.py BINARY OUTDIR SOURCE..."""
import json, random, re, subprocess, sys, collections, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval_planted as ep
binary, outdir, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(outdir, exist_ok=True)
rng = random.Random(5)
tp=collections.Counter(); fp=collections.Counter(); fn=collections.Counter()
for s_i, src in enumerate(sources):
    pairs = ep.load(src)
    if len(pairs) > 300:
        st = rng.randrange(0, len(pairs)-300); pairs = pairs[st:st+300]
    lines, expected = ep.plant(pairs, rng)
    # group the planted interleaved lines back into cues: header/footer/ui lines become one-line cues;
    # a zh line followed by en becomes one cue; an en line followed by en copy -> cue with both
    out=[]; exp=set(); cue=0; t=0
    i=0
    def emit(texts, rules):
        global cue, t
        cue+=1; start=len(out)+1
        out.append(str(cue)); out.append(f"00:{t//60:02d}:{t%60:02d},000 --> 00:{(t+2)//60:02d}:{(t+2)%60:02d},500")
        for k,(tx,r) in enumerate(zip(texts,rules)):
            out.append(tx)
            for rr in r: exp.add((len(out), rr))
        out.append("")
        t+=3
    exp_by_line=collections.defaultdict(list)
    for (no, rule) in expected: exp_by_line[no].append(rule)
    han=re.compile(r'[\u4e00-\u9fff]')
    while i < len(lines):
        a=lines[i]; ra=exp_by_line.get(i+1,[])
        if 'stray-line' in ra:
            emit([a],[ra]); i+=1; continue
        if i+1 < len(lines) and 'stray-line' not in exp_by_line.get(i+2,[]):
            b=lines[i+1]; rb=exp_by_line.get(i+2,[])
            a_zh=bool(han.search(a)); b_zh=bool(han.search(b))
            if (a_zh and not b_zh) or (not a_zh and not b_zh and 'missing-translation' not in ra and 'missing-translation' not in rb):
                emit([a,b],[ra,rb]); i+=2; continue
        emit([a],[ra]); i+=1
    path=os.path.join(outdir, f"p{s_i}.srt")
    open(path,'w').write("\n".join(out))
    res=subprocess.run([binary,"check","--format","json",path],capture_output=True,text=True)
    found={(d["line"],d["rule"]) for d in json.loads(res.stdout)["diagnostics"] if d["rule"] in ep.RULES}
    for k in found:
        if k in exp: tp[k[1]]+=1
        else: fp[k[1]]+=1
    for k in exp-found: fn[k[1]]+=1
for r in ep.RULES:
    p=tp[r]/(tp[r]+fp[r]) if tp[r]+fp[r] else 1; rc=tp[r]/(tp[r]+fn[r]) if tp[r]+fn[r] else 1
    print(f"{r:30} {tp[r]:5} {fp[r]:5} {fn[r]:5} {p:6.3f} {rc:6.3f}")
