"""bench/middleware/perf-summary.py: what `profile.js --perf` recorded (Linux perf, on-CPU
samples with call graphs), as µs of CPU per request of the measured window, side by side for
several set-ups.

Each sample is charged to a thread (main, the worker thread, V8's helper threads) and, on
the main and worker threads, to the package of the innermost JavaScript frame of its stack
that is not Node's own code (so the C++ and builtins that droplets' code calls, a postMessage,
a Buffer copy, a megamorphic property load, are droplets'); garbage collection and what runs
with no JavaScript on the stack (the event loop, receiving a worker's messages) are their own
rows. Usage: python3 perf-summary.py DIR/off DIR/stub ... [--top 40] [--drill CATEGORY]
(perf script must read the JIT's symbol maps, /tmp/perf-PID.map, written by --perf-basic-prof.)

What to trust: the threads' totals and the leaf functions of V8 and Node's C++ (the slow paths
of property access, GC, copying) are exact on-CPU samples. The charging to JavaScript packages
is not: the map names one function per address, V8 inlines across packages, and code it moves
or frees leaves stale names (runs have charged samples to packages the set-up never loads).
For JavaScript, read profile-summary.js, whose V8 profiles know inlining but count wall time.
"""
import collections
import json
import os
import re
import subprocess
import sys

args = [a for a in sys.argv[1:]]
top = 40
drill = None
if '--drill' in args:
    drill = args[args.index('--drill') + 1]
    del args[args.index('--drill'):args.index('--drill') + 2]
if '--top' in args:
    top = int(args[args.index('--top') + 1])
    del args[args.index('--top'):args.index('--top') + 2]
dirs = args
HZ = 997

def package(frame):
    m = re.match(r'JS:\S?(\S*) (\S+?)(?::\d+)*$', frame)
    if not m:
        return None
    url = m.group(2)
    if url.startswith('node:'):
        return None
    mw = re.search(r'middleware/express/(index\.js|lib/[\w-]+\.js)', url)
    if mw and 'node_modules/' not in url.split('middleware/express/')[1]:
        return 'droplets ' + mw.group(1).replace('lib/', '')
    if 'node_modules/' in url:
        rest = url.rsplit('node_modules/', 1)[1].split('/')
        name = rest[0] + '/' + rest[1] if rest[0].startswith('@') else rest[0]
        if name.startswith(('@aws-sdk/', '@smithy/', '@aws-crypto/')):
            return 'aws-sdk'
        return name
    if 'examples/express-app/' in url:
        return 'the app'
    if 'bench/middleware/' in url:
        return 'bench'
    return url

def charge(stack):
    """stack: frames leaf first -> category."""
    text = ' '.join(stack)
    if re.search(r'Heap::CollectGarbage|Scavenger::|MarkCompactCollector|Heap::PerformGarbageCollection|ScavengerCollector', text):
        return '(GC)'
    for f in stack:
        p = package(f)
        if p:
            return p
    for f in stack:
        if f.startswith('node::worker::MessagePort::OnMessage') or 'MessagePort::OnMessage' in f:
            return '(no JS: receiving a worker message)'
    if any('uv__io_poll' in f or 'epoll' in f for f in stack) and not any(f.startswith('JS:') for f in stack):
        return '(no JS: event loop, I/O)'
    return '(no JS: other)'

def load(d):
    window = json.load(open(os.path.join(d, 'window.json')))
    out = subprocess.run(['perf', 'script', '-i', os.path.join(d, 'perf.data'), '-F', 'tid,ip,sym'], capture_output=True, text=True).stdout
    samples = []
    for block in out.split('\n\n'):
        lines = [l.strip() for l in block.strip().split('\n') if l.strip()]
        if not lines:
            continue
        tid = lines[0].split()[0]
        frames = [re.sub(r'^[0-9a-f]+ ', '', l) for l in lines[1:]]
        samples.append((tid, frames))
    counts = collections.Counter(t for t, _ in samples)
    main = max(counts, key=counts.get)
    workers = {t for t, f in samples if any('worker::Worker::Run' in x for x in f)}
    agg = collections.Counter()
    leaf = collections.Counter()
    for tid, frames in samples:
        thread = 'main' if tid == main else 'worker' if tid in workers else 'V8 helpers'
        cat = charge(frames) if thread != 'V8 helpers' else ('(GC)' if re.search(r'Heap|Scaveng|Mark|Sweep|GC|Concurrent', ' '.join(frames)) else '(other)')
        agg[(thread, cat)] += 1
        agg[(thread, 'TOTAL')] += 1
        if drill is None or cat == drill:
            # the leaf, and the innermost JavaScript frame it ran under
            js = next((f for f in frames if f.startswith('JS:')), '')
            leaf[(thread, (frames[0] if frames else '?') + ('  <- ' + js if drill and js and js != frames[0] else ''))] += 1
    return window['requests'], agg, leaf

runs = [(os.path.basename(d.rstrip('/')),) + load(d) for d in dirs]
us = lambda n, req: n * 1e6 / HZ / req
print('| thread | charged to | ' + ' | '.join(r[0] for r in runs) + ' |')
print('|---|---|' + '---:|' * len(runs))
for thread in ['main', 'worker', 'V8 helpers']:
    keys = {k for r in runs for k in r[2] if k[0] == thread}
    rows = sorted(keys, key=lambda k: (k[1] != 'TOTAL', -max(us(r[2][k], r[1]) for r in runs)))
    for k in rows:
        vals = [us(r[2][k], r[1]) for r in runs]
        if max(vals) < 0.5 and k[1] != 'TOTAL':
            continue
        name = f'**{k[1]}**' if k[1] == 'TOTAL' else k[1]
        print(f'| {thread} | {name} | ' + ' | '.join(f'{v:.1f}' for v in vals) + ' |')
if top:
    for thread in ['main', 'worker']:
        for r in runs:
            items = [(k[1], n) for k, n in r[3].items() if k[0] == thread]
            if not items:
                continue
            print(f'\n{thread} thread of {r[0]}, top {top} leaf functions (µs of CPU per request):')
            for name, n in sorted(items, key=lambda x: -x[1])[:top]:
                print(f'  {us(n, r[1]):6.1f}  {name[:140]}')

# --drill CATEGORY: the leaf frames of the samples charged to it (main and worker threads).
