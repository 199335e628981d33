// Builds mitplan's front-end assets into mitplan/static/dist/ (`npm run build`):
//
//   site.css       KERN-UX (only the parts used) + our layout, from frontend/scss/site.scss
//   site.rtl.css   the same, mirrored by rtlcss for Arabic and Farsi: KERN uses physical
//                  properties (margin-left, …), so mirroring is generated, never hand-written
//   fonts/         Fira Sans (latin, latin-ext, cyrillic subsets) and Noto Sans Arabic (cut
//                  to what Arabic and Farsi use), regular and semibold
//   htmx.min.js
//   altcha/        the ALTCHA widget (proof of work when a form's rate limit is reached),
//                  in its build without inline styles and workers, so that it runs
//                  under the strict CSP: script, stylesheet and the PBKDF2 worker
//
// Deterministic and offline: reads node_modules, frontend/ and the templates and Python
// files in mitplan/ (for the KERN classes in use); writes only dist/.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import postcss from "postcss";
import subsetFont from "subset-font";
import rtlcss from "rtlcss";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const dist = join(root, "mitplan", "static", "dist");

// Font files shipped, by destination name. The @font-face rules that use them are in
// frontend/scss/_fonts.scss; keep both lists in step.
// Fira Sans is KERN's typeface; Fontsource ships it cut into script subsets, so a
// German page loads ~24 KB per weight instead of KERN's complete ~130 KB files.
const FIRA_SUBSETS = ["latin", "latin-ext", "cyrillic"];
const FIRA = Object.fromEntries(
  FIRA_SUBSETS.flatMap((subset) =>
    [400, 600].map((weight) => [
      `FiraSans-${subset}-${weight}.woff2`,
      `@fontsource/fira-sans/files/fira-sans-${subset}-${weight}-normal.woff2`,
    ]),
  ),
);
const FONTS = {
  ...FIRA,
  "NotoSansArabic-Regular.woff2":
    "@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2",
  "NotoSansArabic-SemiBold.woff2":
    "@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-600-normal.woff2",
};
// Fontsource's Arabic subset also carries the Arabic Supplement and Extended blocks and
// the legacy presentation forms (for languages of Africa and South Asia): half of each
// file. Arabic and Farsi write with the basic block and the joiners, so the shipped
// faces hold only those (the Arabic page's first visit stays within 150 KB); the rare
// rest falls back to the reader's system font, as $arabic-range in _fonts.scss says
// (keep both in step).
const ARABIC_RANGES = [
  [0x0600, 0x06ff],
  [0x200c, 0x200f],
];
const SUBSETS = {
  "NotoSansArabic-Regular.woff2": ARABIC_RANGES,
  "NotoSansArabic-SemiBold.woff2": ARABIC_RANGES,
};

// The ALTCHA widget, by destination name. mitplan/static/js/altcha-init.js registers the
// worker; mitplan/templates/components/altcha.html loads all three.
const ALTCHA = {
  "altcha/altcha.js": "altcha/dist/external/altcha.min.js",
  "altcha/altcha.css": "altcha/dist/external/altcha.css",
  "altcha/pbkdf2.js": "altcha/dist/workers/pbkdf2.js",
};

function charactersIn(ranges) {
  let text = "";
  for (const [first, last] of ranges) {
    for (let code = first; code <= last; code++) text += String.fromCodePoint(code);
  }
  return text;
}

function compileScss() {
  const result = sass.compile(join(root, "frontend", "scss", "site.scss"), {
    style: "compressed",
    loadPaths: [modules],
    sourceMap: false,
    // KERN's sources use Sass functions that newer Sass deprecates; that is KERN's to
    // fix, so do not drown our own warnings in theirs.
    quietDeps: true,
  });
  return result.css;
}

// KERN's component files style every variant (sizes, states, themes) with long
// declarations; the templates use a few. Drop the rules for KERN classes that no
// template or Python file in mitplan/ mentions, the way PurgeCSS does. So a template
// that starts using another KERN class needs `make assets` again, like a new component.
//   - `kern-x` anywhere is used; `kern-x--{{ kind }}` / `kern-x--{% if %}…` (a name built
//     in the template) keeps every class that starts with `kern-x--`;
//   - `}--error` (a suffix appended to a variable, e.g. an f-string) keeps every KERN
//     class ending in `--error`.
//   - `[data-kern-theme]` selectors count as used only if `data-kern-theme` appears.
// A selector is dropped when it names an unused KERN class (the rule goes when all of its
// selectors go); a class inside :is()/:not()/:where()/:has() never decides, so nothing
// is dropped that could still match.
function usedKernClasses() {
  const exact = new Set();
  const prefixes = new Set();
  const suffixes = new Set();
  const scan = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["dist", "__pycache__", "migrations", "locale"].includes(entry.name)) scan(path);
      } else if (/\.(html|py|js)$/.test(entry.name)) {
        const text = readFileSync(path, "utf8");
        for (const [, name, brace] of text.matchAll(/(kern-[\w-]+)(\{)?/g)) {
          (brace && /[-_]$/.test(name) ? prefixes : exact).add(name);
        }
        for (const [, name] of text.matchAll(/(data-kern-[\w-]+)/g)) exact.add(name);
        for (const [, suffix] of text.matchAll(/\}((?:--|__)[a-z0-9-]+)/g)) suffixes.add(suffix);
      }
    }
  };
  scan(join(root, "mitplan"));
  return (name) =>
    exact.has(name) ||
    [...prefixes].some((prefix) => name.startsWith(prefix)) ||
    [...suffixes].some((suffix) => name.endsWith(suffix));
}

const purgeUnusedKern = (isUsed) => ({
  postcssPlugin: "mitplan-purge-unused-kern",
  OnceExit(css) {
    css.walkRules((rule) => {
      if (rule.parent?.type === "atrule" && /keyframes$/.test(rule.parent.name)) return;
      const kept = rule.selectors.filter((selector) => {
        let outer = selector;
        for (let prev; prev !== outer; ) {
          prev = outer;
          outer = outer.replace(/:(is|not|where|has|matches)\([^()]*\)/g, "");
        }
        const names = [...outer.matchAll(/\.(kern-[\w-]+)|\[(data-kern-[\w-]+)/g)];
        return names.every(([, name, attribute]) => isUsed(name ?? attribute));
      });
      if (!kept.length) rule.remove();
      else if (kept.length !== rule.selectors.length) rule.selectors = kept;
    });
  },
});

// KERN declares several hundred design tokens (custom properties); a page uses a few
// dozen. Drop the declarations that nothing reads, transitively, and drop `var()`
// fallbacks of tokens that are always declared (KERN repeats each token's value as a
// fallback at every use). Pure size optimisation: the computed styles stay the same.
const pruneTokens = {
  postcssPlugin: "mitplan-prune-tokens",
  OnceExit(css) {
    const declared = new Set();
    const uses = new Map(); // custom property -> custom properties its value reads
    const usedByRules = new Set();
    const varNames = (value) => [...value.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]);
    css.walkDecls((decl) => {
      if (decl.prop.startsWith("--")) {
        declared.add(decl.prop);
        const set = uses.get(decl.prop) ?? new Set();
        varNames(decl.value).forEach((name) => set.add(name));
        uses.set(decl.prop, set);
      } else {
        varNames(decl.value).forEach((name) => usedByRules.add(name));
      }
    });
    const live = new Set();
    const queue = [...usedByRules];
    while (queue.length) {
      const name = queue.pop();
      if (live.has(name)) continue;
      live.add(name);
      (uses.get(name) ?? []).forEach((next) => queue.push(next));
    }
    css.walkDecls((decl) => {
      if (decl.prop.startsWith("--") && !live.has(decl.prop)) decl.remove();
    });
    css.walkDecls((decl) => {
      if (!decl.value.includes("var(")) return;
      decl.value = stripFallbacks(decl.value, declared);
    });
    css.walkRules((rule) => {
      if (!rule.nodes.length) rule.remove();
    });
    css.walkAtRules((atRule) => {
      if (atRule.nodes && !atRule.nodes.length) atRule.remove();
    });
  },
};

// `var(--token, fallback)` -> `var(--token)` when --token is declared; nested var()s
// in the fallback go with it. Anything else is left as it is.
function stripFallbacks(value, declared) {
  let out = "";
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf("var(", i);
    if (start === -1) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, start);
    let depth = 0;
    let end = start;
    for (; end < value.length; end++) {
      if (value[end] === "(") depth++;
      else if (value[end] === ")" && --depth === 0) break;
    }
    const inner = value.slice(start + 4, end);
    const comma = inner.indexOf(",");
    const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
    out +=
      comma !== -1 && declared.has(name)
        ? `var(${name})`
        : `var(${name}${comma === -1 ? "" : "," + stripFallbacks(inner.slice(comma + 1), declared)})`;
    i = end + 1;
  }
  return out;
}

// Shapes that right-to-left scripts do not mirror: the tick in a checkbox (its input is
// set to direction: ltr in _forms.scss, so the unmirrored rules place it the same way).
const UNMIRRORED = [/kern-form-check__checkbox[^,]*::before/, /^\.kern-form-check__checkbox$/];

function markUnmirrored(root) {
  root.walkRules((rule) => {
    if (UNMIRRORED.some((pattern) => pattern.test(rule.selector))) {
      rule.before(postcss.comment({ text: "rtl:ignore" }));
    }
  });
  return root;
}

function write(name, content) {
  const path = join(dist, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function size(content) {
  const kb = (n) => (n / 1024).toFixed(1) + " KB";
  return `${kb(Buffer.byteLength(content))} (${kb(gzipSync(content, { level: 9 }).length)} gzip)`;
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const tree = postcss([purgeUnusedKern(usedKernClasses()), pruneTokens]).process(compileScss(), {
  from: undefined,
}).root;
const css = tree.toString();
const rtl = postcss([rtlcss()]).process(markUnmirrored(tree.clone()), { from: undefined }).css;
write("site.css", css);
write("site.rtl.css", rtl);
// read + write rather than copy, so the files get ordinary modes (KERN ships its fonts
// as executables)
for (const [name, source] of Object.entries(FONTS)) {
  const font = readFileSync(join(modules, source));
  const ranges = SUBSETS[name];
  write(
    join("fonts", name),
    ranges
      ? await subsetFont(font, charactersIn(ranges), { targetFormat: "woff2" })
      : font,
  );
}
write("htmx.min.js", readFileSync(join(modules, "htmx.org", "dist", "htmx.min.js")));
for (const [name, source] of Object.entries(ALTCHA)) {
  write(name, readFileSync(join(modules, source)));
}

console.log(
  `${relative(root, dist)}: site.css ${size(css)}, site.rtl.css ${size(rtl)}, ` +
    `${Object.keys(FONTS).length} fonts, htmx.min.js, altcha/`,
);
