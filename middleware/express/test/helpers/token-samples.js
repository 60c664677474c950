'use strict';
// A sample string for each token format of droplets/contract/credentials.json, made from the
// pattern itself, so that every format the list holds (including ones added later) is
// tested without a hand-written table. The patterns use a small syntax (literals, escapes,
// classes, non-capturing groups with alternatives, quantifiers); anything else fails
// loudly here, naming the pattern, rather than going untested.

// Characters a class yields, cycling so that samples mix cases and digits as real tokens do.
function classChars(body, pattern) {
  const chars = [];
  let negated = false;
  let i = 0;
  if (body[0] === '^') {
    negated = true;
    i = 1;
  }
  if (negated) throw new Error(`token sample: negated class in ${pattern}`);
  while (i < body.length) {
    let ch = body[i];
    if (ch === '\\') {
      ch = body[i + 1];
      if (/[dws]/i.test(ch)) throw new Error(`token sample: class escape \\${ch} in ${pattern}`);
      i += 2;
    } else {
      i += 1;
    }
    if (body[i] === '-' && i + 1 < body.length) {
      let to = body[i + 1];
      i += 2;
      if (to === '\\') {
        to = body[i];
        i += 1;
      }
      for (let c = ch.codePointAt(0); c <= to.codePointAt(0); c += 1) chars.push(String.fromCodePoint(c));
    } else {
      chars.push(ch);
    }
  }
  return chars;
}

/** Parse a sequence until `)` or `|` at this level; returns [nodes, index]. */
function parseSequence(pattern, start) {
  const nodes = [];
  let i = start;
  while (i < pattern.length && pattern[i] !== ')' && pattern[i] !== '|') {
    let node;
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (/[A-Za-z0-9]/.test(next)) throw new Error(`token sample: escape \\${next} in ${pattern}`);
      node = { type: 'chars', chars: [next] };
      i += 2;
    } else if (ch === '[') {
      let j = i + 1;
      while (pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      node = { type: 'chars', chars: classChars(pattern.slice(i + 1, j), pattern) };
      i = j + 1;
    } else if (ch === '(') {
      if (!pattern.startsWith('(?:', i)) throw new Error(`token sample: only (?:...) groups, in ${pattern}`);
      const branches = [];
      i += 3;
      for (;;) {
        const [seq, end] = parseSequence(pattern, i);
        branches.push(seq);
        i = end + 1;
        if (pattern[end] === ')') break;
      }
      node = { type: 'group', branches };
    } else if ('.^$*+?{'.includes(ch)) {
      throw new Error(`token sample: ${ch} at ${i} in ${pattern}`);
    } else {
      node = { type: 'chars', chars: [ch] };
      i += 1;
    }
    let min = 1;
    let max = 1;
    if (pattern[i] === '?') [min, max, i] = [0, 1, i + 1];
    else if (pattern[i] === '*') [min, max, i] = [0, Infinity, i + 1];
    else if (pattern[i] === '+') [min, max, i] = [1, Infinity, i + 1];
    else if (pattern[i] === '{') {
      const close = pattern.indexOf('}', i);
      const [a, b] = pattern.slice(i + 1, close).split(',');
      min = Number(a);
      max = b === undefined ? min : b === '' ? Infinity : Number(b);
      i = close + 1;
    }
    nodes.push({ ...node, min, max });
  }
  return [nodes, i];
}

function generate(nodes, state) {
  let out = '';
  for (const node of nodes) {
    // The fewest repetitions allowed, but at least one of anything optional: a fuller sample.
    const count = Math.max(node.min, Math.min(node.max, 1));
    for (let n = 0; n < count; n += 1) {
      if (node.type === 'chars') {
        out += node.chars[state.k % node.chars.length];
        state.k += 7;
      } else {
        out += generate(node.branches[0], state);
      }
    }
  }
  return out;
}

/** A string the pattern matches whole. */
function sampleOf(pattern) {
  const [nodes, end] = parseSequence(pattern, 0);
  if (end !== pattern.length) throw new Error(`token sample: top-level alternation in ${pattern}`);
  const sample = generate(nodes, { k: 3 });
  if (!new RegExp(`^(?:${pattern})$`, 'u').test(sample)) throw new Error(`token sample: ${sample} does not match ${pattern}`);
  return sample;
}

module.exports = { sampleOf };
