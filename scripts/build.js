// `npm run build`: bundles the CLI into dist/ with esbuild. One ES module per command (each
// loaded only when that command runs) and shared chunks, instead of ~80 files for Node's module
// loader to find, read and link at every start: `upprobe validate` and a one-probe `run` start
// ~70–100 ms sooner (bench/README.md). Source maps sit beside the bundle; bin/upprobe.js
// turns them on with DEBUG=upprobe, so stack traces name src/ files and lines.
// Type checking is not esbuild's job: `npm run typecheck` (tsc) does it.
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
/** Shared chunks go here, as deep under dist/ as every command module (dist/cli/…). */
const CHUNKS = join(DIST, 'chunks');

/**
 * Keeps `import.meta.url` meaning what it meant before bundling: the URL of the file's own
 * compiled module (dist/<path>.js), so `new URL('../../probes.yaml', import.meta.url)` still
 * finds the package's files from whichever chunk the code ends up in.
 */
const moduleUrlAsBefore = {
  name: 'module-url-as-before',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url') || !path.startsWith(SRC + sep)) return { contents: source, loader: 'ts' };
      const compiled = join(DIST, relative(SRC, path)).replace(/\.ts$/, '.js');
      const fromChunk = relative(CHUNKS, compiled).split(sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * zod re-exports every locale's error messages (~360 kB, a quarter of the bundle) through `z`;
 * upprobe writes its own messages and zod itself uses only English, so only that one is bundled.
 */
const englishZodOnly = {
  name: 'english-zod-only',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

// undici checks its own invariants with node:assert. When one fails on a hostile response (a status
// line of "099"), Node builds the message by re-reading and parsing the calling source line: in
// this bundle that line is a whole minified chunk, and the process froze for ~2.4 s. This assert
// throws the same ERR_ASSERTION without reading any source.
const quickAssertForUndici = {
  name: 'quick-assert-for-undici',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      /[\\/]node_modules[\\/]undici[\\/]/.test(args.importer) ? { path: 'undici-assert', namespace: 'quick-assert' } : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'quick-assert' }, () => ({
      contents: `function assert(value, message) {
  if (value) return;
  const error = new Error(typeof message === 'string' ? message : 'undici: an internal assertion failed');
  error.code = 'ERR_ASSERTION';
  throw error;
}
assert.ok = assert;
module.exports = assert;`,
      loader: 'js',
    }));
  },
};

/**
 * `import text from 'pkg/file?raw'`: the file's text as a string, as Vite (and so vitest) reads
 * it. The HTML report inlines uPlot this way, so the bundle needs no node_modules to write a page.
 */
const rawText = {
  name: 'raw-text',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\?raw$/ }, async (args) => {
      const resolved = await esbuild.resolve(args.path.slice(0, -'?raw'.length), { kind: args.kind, resolveDir: args.resolveDir });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, namespace: 'raw-text' };
    });
    esbuild.onLoad({ filter: /.*/, namespace: 'raw-text' }, async ({ path }) => ({ contents: await readFile(path, 'utf8'), loader: 'text' }));
  },
};

await rm(DIST, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(SRC, 'cli', 'main.ts')],
  outbase: SRC,
  outdir: DIST,
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Whitespace and syntax only: renaming identifiers saved no measurable start-up time, and kept
  // names make DEBUG=upprobe stack traces readable.
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  absWorkingDir: ROOT,
  logLevel: 'warning',
  // CommonJS packages bundled into an ES module still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __upprobeRequire } from 'node:module'; const require = __upprobeRequire(import.meta.url);" },
  plugins: [moduleUrlAsBefore, englishZodOnly, rawText, quickAssertForUndici],
});

// Every output must sit at dist/<dir>/<file>.js for the rewritten module URLs to hold.
const misplaced = Object.keys(result.metafile.outputs).filter((out) => out.endsWith('.js') && out.split('/').length !== 3);
if (misplaced.length > 0) {
  console.error(`build: outputs must be two levels under dist/ (see moduleUrlAsBefore): ${misplaced.join(', ')}`);
  process.exit(1);
}
