"""Speaker-disjoint split of ../shared/data for the recipe study (nbs/09b_recipe.ipynb).
Held out (never trained on): telugu_synth voices espeak te+f3 / te+m3; 6 Malayalam speakers;
LibriSpeech test-other; 4 speechocean762 speakers (2 adult, 2 child); 3 VCTK speakers.
Writes train/<corpus>.jsonl, heldout_te/ and heldout_en/ (symlinked FLAC clips, clipped in number)."""
import csv, json, random, os, sys
from pathlib import Path
import os
S = Path(os.environ.get('SHARED_DATA', Path(__file__).resolve().parents[4] / 'shared' / 'data')); OUT = Path(os.environ.get('STUDY_DATA', '/work/runs/data'))
rng = random.Random(0)
def rows(c):
    with open(S/c/'manifest.tsv', encoding='utf-8') as f: return list(csv.DictReader(f, delimiter='\t'))
held = {'te': [], 'en': []}; split = {}
for c in sorted(p.name for p in S.iterdir() if (p/'manifest.tsv').exists()):
    rs = rows(c); spk = sorted({r['speaker'] for r in rs})
    if c == 'telugu_synth': h = {'synth_espeak-ng_te+f3', 'synth_espeak-ng_te+m3'}; lang = 'te'
    elif c == 'malayalam_msc':
        crowd = sorted({r['speaker'] for r in rs if r['path'].startswith('crowd/')})
        h = set(random.Random(1).sample(crowd, 6)); lang = 'te'
    elif c == 'english_librispeech': h = {r['speaker'] for r in rs if r.get('subset') == 'test-other'}; lang = 'en'
    elif c == 'english_speechocean762':
        ad = sorted({r['speaker'] for r in rs if r['age'].isdigit() and int(r['age']) >= 18})
        ch = sorted({r['speaker'] for r in rs if r['age'].isdigit() and int(r['age']) < 13})
        h = set(random.Random(2).sample(ad, 2) + random.Random(3).sample(ch, 2)); lang = 'en'
    elif c == 'english_vctk_autovc': h = set(spk[:3]); lang = 'en'
    else: h = set(); lang = None
    tr = [r for r in rs if r['speaker'] not in h]; he = [r for r in rs if r['speaker'] in h]
    with open(OUT/'train'/f'{c}.jsonl', 'w') as f:
        for r in tr: f.write(json.dumps({'path': str(S/c/r['path']), 'seconds': float(r['seconds']), 'speaker': r['speaker'], 'corpus': c}, ensure_ascii=False) + '\n')
    if lang:
        by = {}
        for r in he: by.setdefault(r['speaker'], []).append(r)
        cap = {'telugu_synth': 4, 'malayalam_msc': 4, 'english_librispeech': 2, 'english_speechocean762': 3, 'english_vctk_autovc': 1}[c]
        for s_, rr in sorted(by.items()):
            for r in sorted(rr, key=lambda r: r['path'])[:cap]: held[lang].append((c, r))
    split[c] = {'train_clips': len(tr), 'heldout_speakers': sorted(h), 'train_speakers': len({r['speaker'] for r in tr})}
for lang, items in held.items():
    d = OUT/f'heldout_{lang}'; d.mkdir(exist_ok=True)
    for c, r in items:
        src = S/c/r['path']; dst = d/f"{c}__{r['speaker']}__{Path(r['path']).name}"
        if not dst.exists(): os.symlink(src, dst)
    split[f'heldout_{lang}'] = len(items)
json.dump(split, open(OUT/'split.json', 'w'), indent=1)
print(json.dumps({k: (v if isinstance(v, int) else v['train_clips']) for k, v in split.items()}))
