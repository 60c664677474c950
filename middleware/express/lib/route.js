'use strict';
// request.route: the pattern of the route that answered, built from the patterns the app's
// code gave Express (`/users/:id/orders`), never from the URL. Express keeps the route it
// dispatched to in `req.route`, but the path of the routers and sub-apps above it only as
// the URL they matched (`req.baseUrl`: `/users/jane.doe@example.com`), which is personal
// data. So the routers' own patterns are looked up: the layers from the outermost app down
// to the route are found in the app's router tree (once per route, then cached), and each
// request checks which of them its path went through (a router may be mounted at several
// paths, or at an array of paths) by running the layers' own matchers on the path. Every
// piece of the result comes from a layer's pattern; when one cannot be known, the route is
// null and the pipeline's `enrich` derives one from the scrubbed path.
//
// What Express keeps of a mount pattern: Express 5 (router >= 2.3) the pattern itself
// (`layer.rawPath`); Express 4 the regular expression compiled from it (path-to-regexp
// 0.1), which is turned back into the pattern here (decompile); Express 5 with router < 2.3
// nothing (only the root mount `/` is known there).

const MAX_ROUTE = 1024;
const MAX_DEPTH = 32;
const MAX_LAYERS = 20000; // layers visited by one search of an app's tree
const MAX_KNOWN_PATHS = 256; // paths remembered per route (lib/route.js, routePattern)
const MAX_SEARCHES = 3; // searches of the tree for a route none of whose known chains matched, the sub-apps known unchanged

/** Per Route object: the chains of layers (mounts..., the route's own layer) that lead to it. */
const chainsOf = new WeakMap();
/**
 * The sub-apps seen so far, per parent app. A sub-app mounted with `app.use(path, sub)`
 * sits behind a wrapper function that hides it (`mounted_app`): it can only be found by
 * having seen a request in it (`req.app` is the sub-app while it answers) and following
 * its `parent` up. Learnt once for the process, so that an error thrown in a sub-app and
 * answered by the parent's error handler finds its route too.
 */
const subApps = new WeakMap();
let learnt = 0; // grows with every sub-app learnt: a route that was not found is searched again

function learn(app) {
  for (let a = app, i = 0; a && isApp(a.parent) && i < MAX_DEPTH; a = a.parent, i += 1) {
    let known = subApps.get(a.parent);
    if (known === undefined) subApps.set(a.parent, (known = new Set()));
    if (known.has(a)) return;
    known.add(a);
    learnt += 1;
  }
}
/** Per Express 4 layer: its alternatives, each `{re, piece}`. */
const alternativesOf = new WeakMap();

function isApp(fn) {
  return typeof fn === 'function' && typeof fn.handle === 'function' && typeof fn.set === 'function';
}

/** An app's router: Express 4 `app._router` (created lazily), Express 5 the `app.router` getter. */
function appRouter(app) {
  if (app._router && Array.isArray(app._router.stack)) return app._router;
  if (Object.prototype.hasOwnProperty.call(app, 'router')) {
    try {
      const router = app.router; // Express 5; (Express 4's app.router throws, and has no own property)
      if (router && Array.isArray(router.stack)) return router;
    } catch {
      return null;
    }
  }
  return null;
}

function topApp(app) {
  let top = app;
  for (let i = 0; i < MAX_DEPTH && top && isApp(top.parent); i += 1) top = top.parent;
  return top;
}

/**
 * Every chain of layers from `root`'s router to the layer of `route`. Mounted routers and
 * apps used as middleware are descended into, and behind a sub-app's wrapper, the sub-apps
 * of that app seen so far (learn).
 */
function searchChains(root, route) {
  const chains = [];
  let budget = MAX_LAYERS;
  const path = [];
  const onPath = new Set();
  const visit = (router, app, depth) => {
    if (depth > MAX_DEPTH || onPath.has(router)) return;
    onPath.add(router);
    for (const layer of router.stack) {
      if (--budget < 0) break;
      if (!layer) continue;
      if (layer.route) {
        if (layer.route === route) chains.push([...path, layer]);
        continue;
      }
      const handle = layer.handle;
      if (typeof handle !== 'function') continue;
      path.push(layer);
      if (Array.isArray(handle.stack)) {
        visit(handle, app, depth + 1); // a Router
      } else if (isApp(handle)) {
        const sub = appRouter(handle); // an app used as plain middleware
        if (sub) visit(sub, handle, depth + 1);
      } else if (handle.name === 'mounted_app' && subApps.has(app)) {
        for (const sub of subApps.get(app)) {
          const subRouter = appRouter(sub);
          if (subRouter) visit(subRouter, sub, depth + 1);
        }
      }
      path.pop();
    }
    onPath.delete(router);
  };
  const router = appRouter(root);
  if (router) visit(router, root, 0);
  return chains;
}

// --- Express 4: patterns back from path-to-regexp 0.1's regular expressions ------------

/** Parentheses pairs and top-level `|` of a regexp source; null when it does not scan. */
function scan(src) {
  const close = new Map();
  const open = [];
  const bars = [];
  let inClass = false;
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (c === '\\') {
      i += 1;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      open.push(i);
    } else if (c === ')') {
      if (open.length === 0) return null;
      close.set(open.pop(), i);
    } else if (c === '|' && open.length === 0) {
      bars.push(i);
    }
  }
  return open.length || inClass ? null : { close, bars };
}

function capturingGroups(src) {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (c === '\\') i += 1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && (src[i + 1] !== '?' || (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!'))) count += 1;
  }
  return count;
}

const DEFAULT_CAPTURE = /^(?:\[\^\/\]\+\?|\[\^\/\\\.\]\+\?|\(\?:\(\?!.*\)\.\)\+\?)$/;
const STAR_CAPTURE = /^(?:\.\*|\(\?:\[\/(?:\\\.)?\]\.\+\?\)\?)$/;

function paramText(key, content) {
  const name = key && key.name;
  if (typeof name === 'string') return DEFAULT_CAPTURE.test(content) ? `:${name}` : `:${name}(${content})`;
  return STAR_CAPTURE.test(content) ? '*' : `(${content})`;
}

/** Render src[from, to) as a path pattern; `ctx.k` walks the keys in group order. */
function render(src, from, to, close, keys, ctx) {
  let out = '';
  let i = from;
  while (i < to) {
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1];
      out += /[A-Za-z0-9]/.test(next) ? `\\${next}` : next;
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      while (j < to && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (c === '(') {
      const end = close.get(i);
      if (src.startsWith('(?:', i)) {
        const inner = render(src, i + 3, end, close, keys, ctx);
        const alternation = (scan(src.slice(i + 3, end)) || { bars: [] }).bars.length > 0;
        out += alternation ? `(${inner})` : inner;
      } else if (src.startsWith('(?=', i) || src.startsWith('(?!', i) || src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) {
        // a lookaround: how the pattern matches, not part of it
      } else {
        const named = src.startsWith('(?<', i) ? src.indexOf('>', i) + 1 : i + 1;
        const content = src.slice(named, end);
        out += paramText(keys[ctx.k], content);
        ctx.k += 1 + capturingGroups(content);
      }
      i = end + 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

const END_TOKENS = ['(?=\\/|$)', '(?:\\/|$)', '$'];

/** The pattern of one alternative path-to-regexp 0.1 generated (`^...`), or null. */
function decompile(alt, keys, keyOffset) {
  if (alt[0] !== '^') return null;
  let body = alt.slice(1);
  const endToken = END_TOKENS.find((t) => body.endsWith(t));
  if (endToken === undefined) return null; // not what path-to-regexp writes: a regexp of the app's
  body = body.slice(0, body.length - endToken.length);
  if (body.endsWith('\\/?')) body = body.slice(0, -3);
  const scanned = scan(body);
  if (scanned === null) return null;
  const text = render(body, 0, body.length, scanned.close, keys, { k: keyOffset });
  return text === '' ? '/' : text;
}

function withoutStatefulFlags(re) {
  return re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

/** An Express 4 layer's alternatives: one per path of an array, else one. */
function express4Alternatives(layer) {
  let alternatives = alternativesOf.get(layer);
  if (alternatives) return alternatives;
  const re = layer.regexp;
  const keys = Array.isArray(layer.keys) ? layer.keys : [];
  const scanned = scan(re.source);
  alternatives = null;
  if (scanned) {
    const bounds = [-1, ...scanned.bars, re.source.length];
    const parts = [];
    let keyOffset = 0;
    for (let b = 0; b < bounds.length - 1; b += 1) {
      const source = re.source.slice(bounds[b] + 1, bounds[b + 1]);
      const piece = decompile(source, keys, keyOffset);
      if (piece === null) {
        parts.length = 0;
        break;
      }
      parts.push({ re: new RegExp(source, re.flags.replace(/[gy]/g, '')), piece });
      keyOffset += capturingGroups(source);
    }
    if (parts.length) alternatives = parts;
  }
  // A regular expression of the app's own: the expression is the pattern.
  if (alternatives === null) alternatives = [{ re: withoutStatefulFlags(re), piece: String(re), regexp: true }];
  alternativesOf.set(layer, alternatives);
  return alternatives;
}

function patternText(path) {
  if (typeof path === 'string') return path;
  if (path instanceof RegExp) return String(path);
  return null;
}

/** `{consumed, piece}` when a mount layer matches the start of `path`, else null. */
function matchMount(layer, path) {
  if (Array.isArray(layer.matchers)) {
    // Express 5 (router 2.x): the matchers are pure functions of the path.
    if (layer.slash) return { consumed: '', piece: '' };
    const raw = layer.rawPath;
    if (raw === undefined) return null; // router < 2.3 keeps no pattern
    for (let i = 0; i < layer.matchers.length; i += 1) {
      let match;
      try {
        match = layer.matchers[i](path);
      } catch {
        return null; // a malformed %-escape: Express failed the request the same way
      }
      if (match) {
        const path = Array.isArray(raw) ? raw[i] : raw;
        const piece = patternText(path);
        return piece === null ? null : { consumed: match.path, piece, regexp: path instanceof RegExp };
      }
    }
    return null;
  }
  const re = layer.regexp;
  if (!(re instanceof RegExp)) return null;
  if (re.fast_slash) return { consumed: '', piece: '' };
  if (re.fast_star) return { consumed: path, piece: '*' };
  for (const { re: alternative, piece, regexp } of express4Alternatives(layer)) {
    const match = alternative.exec(path);
    if (match && match.index === 0) return { consumed: match[0], piece, regexp };
  }
  return null;
}

/** Whether a route's layer takes `path`, as Express decides it (a pure call: no layer state is touched). */
function routeMatches(layer, path) {
  try {
    if (Array.isArray(layer.matchers)) return layer.matchers.some((matcher) => Boolean(matcher(path)));
    const re = layer.regexp;
    if (!(re instanceof RegExp)) return false;
    if (re.fast_star || re.fast_slash) return true;
    return express4Alternatives(layer).some(({ re: alternative }) => alternative.test(path));
  } catch {
    return false;
  }
}

/** The route's own pattern; for an array of paths, the one `path` matches. */
function routePiece(layer, path) {
  const own = layer.route.path;
  if (!routeMatches(layer, path)) return null;
  if (!Array.isArray(own)) return patternText(own);
  const flat = own.flat(Infinity);
  if (Array.isArray(layer.matchers) && layer.matchers.length === flat.length) {
    for (let i = 0; i < flat.length; i += 1) {
      try {
        if (layer.matchers[i](path)) return patternText(flat[i]);
      } catch {
        return null;
      }
    }
  } else if (layer.regexp instanceof RegExp) {
    const alternatives = express4Alternatives(layer);
    if (alternatives.length === flat.length) {
      for (let i = 0; i < flat.length; i += 1) {
        const match = alternatives[i].re.exec(path);
        if (match && match.index === 0) return patternText(flat[i]);
      }
    }
  }
  const texts = flat.map(patternText);
  return texts.includes(null) ? null : texts.join('|');
}

/** Walk one chain along `path` as Express routed it; the pattern, or null if it does not fit. */
function follow(chain, path) {
  let rest = path;
  let pattern = '';
  for (let i = 0; i < chain.length - 1; i += 1) {
    const mount = matchMount(chain[i], rest);
    if (mount === null) return null;
    const { consumed } = mount;
    const after = rest[consumed.length];
    // Express's own checks: a prefix of the path, ending at a separator.
    if (rest.slice(0, consumed.length) !== consumed || (after !== undefined && after !== '/' && after !== '.')) return null;
    rest = rest.slice(consumed.length);
    if (rest[0] !== '/') rest = `/${rest}`;
    let piece = mount.piece;
    // `/users/` and `/users` mount alike; a regular expression's text is kept whole.
    if (!mount.regexp && piece[piece.length - 1] === '/') piece = piece.slice(0, -1);
    pattern += piece;
  }
  const own = routePiece(chain[chain.length - 1], rest);
  if (own === null) return null;
  if (pattern === '') return own;
  return own === '/' || own === '' ? pattern : pattern + own;
}

function pathname(url) {
  if (typeof url !== 'string') return null;
  let path = url;
  if (path[0] !== '/') path = path.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, ''); // absolute-form request target
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

/**
 * The pattern of `route` (a Route object Express dispatched the request to), or null.
 * `where` is what the capture noted: `apps` the request was seen in (the app droplets ran
 * in first), and `paths`, the paths Express routed it by (baseUrl + url while the route
 * answered, and the original URL).
 */
function routePattern(route, apps, paths) {
  if (!route || typeof route !== 'object' || apps.length === 0) return null;
  for (const app of apps) learn(app);
  const root = topApp(apps[0]);
  let entry = chainsOf.get(route);
  if (entry === undefined || entry.root !== root) {
    entry = { root, chains: searchChains(root, route), searches: 1, learnt, known: new Map() };
    chainsOf.set(route, entry);
  }
  // The answer is a pure function of the chains and the paths (the layers' matchers are pure):
  // a path seen before is answered without running the matchers again (path-to-regexp's match
  // and decoding were about 4 µs of a request under load). Bounded; emptied when the chains grow.
  const key = paths.length === 1 ? paths[0] : paths.join('\n');
  const known = entry.known.get(key);
  if (known !== undefined) return known;
  const tryChains = () => {
    for (const path of paths) {
      if (typeof path !== 'string' || path[0] !== '/') continue;
      for (const chain of entry.chains) {
        const pattern = follow(chain, path);
        if (pattern !== null) return pattern.length > MAX_ROUTE ? pattern.slice(0, MAX_ROUTE) : pattern;
      }
    }
    return null;
  };
  let pattern = tryChains();
  if (pattern === null && (entry.learnt !== learnt || entry.searches < MAX_SEARCHES)) {
    // A sub-app has been learnt since the last search, or the tree may have grown: search
    // again (a bounded number of times for the latter, as some routes are never found).
    entry.searches += 1;
    entry.learnt = learnt;
    for (const chain of searchChains(root, route)) {
      if (!entry.chains.some((known) => known.length === chain.length && known.every((layer, i) => layer === chain[i]))) entry.chains.push(chain);
    }
    entry.known.clear();
    pattern = tryChains();
  }
  // Only found patterns are kept: a path not found may be found once a sub-app is learnt.
  if (pattern !== null && typeof key === 'string' && key.length <= MAX_ROUTE) {
    if (entry.known.size >= MAX_KNOWN_PATHS) entry.known.clear();
    entry.known.set(key, pattern);
  }
  return pattern;
}

module.exports = { routePattern, pathname, decompile, isApp };
