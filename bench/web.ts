import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webRoot = path.join(repoRoot, 'web');
const distDir = path.join(webRoot, 'dist');
const manifestFile = path.join(distDir, '.vite', 'manifest.json');

/** One chunk of Vite's build manifest (`build.manifest: true`), keyed by its source relative to web/. */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * What a first visit to a page must download before the page can render: the entry (index.html's
 * script) and the lazy modules that page's route loads at once (its area, its page, its language's
 * texts), each with its static imports. A module that is not a chunk of its own is bundled into one
 * already counted (the build before code-splitting), so it adds nothing.
 */
interface PagePlan {
  name: string;
  targetKb: number;
  lazy: (lang: 'en' | 'zh-CN') => string[];
}

const PAGES: PagePlan[] = [
  {
    name: 'staff sign-in + home',
    targetKb: 250,
    lazy: (lang) => [
      'src/app.tsx',
      'src/staff-app.tsx',
      'src/pages/sign-in-page.tsx',
      'src/pages/home-page.tsx',
      `src/i18n/${lang}.ts`,
      ...['accountability', 'customers', 'commitments', 'dashboard', 'scorecards', 'surveys', 'care'].map((ns) => `src/i18n/${ns}-${lang}.ts`),
    ],
  },
  {
    name: 'portal (sign-in)',
    targetKb: 120,
    lazy: (lang) => ['src/app.tsx', 'src/portal/portal-app.tsx', 'src/portal/pages/portal-sign-in-page.tsx', `src/i18n/${lang}.ts`, `src/i18n/portal-${lang}.ts`],
  },
  {
    name: '/rate/:token',
    targetKb: 100,
    lazy: (lang) => ['src/portal/pages/rating-link-page.tsx', `src/i18n/${lang}.ts`, `src/i18n/portal-${lang}.ts`, `src/i18n/surveys-${lang}.ts`],
  },
  {
    name: '/scorecard/:token',
    targetKb: 100,
    lazy: (lang) => ['src/pages/scorecards/scorecard-link-page.tsx', `src/i18n/${lang}.ts`, `src/i18n/scorecards-${lang}.ts`],
  },
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** web/dist is reused when its manifest is newer than every source of the web app; else the app is built. */
function ensureBuild(log: (line: string) => void): void {
  const sources = Math.max(
    newestMtime(path.join(webRoot, 'src')),
    statSync(path.join(webRoot, 'index.html')).mtimeMs,
    statSync(path.join(webRoot, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(manifestFile) && statSync(manifestFile).mtimeMs > sources) {
    log('using web/dist (newer than every web source)');
    return;
  }
  log('building the web app (vite build)…');
  const started = performance.now();
  execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const gzipCache = new Map<string, number>();
function gzippedBytes(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    // zlib's default level, as Vite's own build report uses.
    size = gzipSync(readFileSync(path.join(distDir, file))).length;
    gzipCache.set(file, size);
  }
  return size;
}

/** The files a page loads: each named chunk and, transitively, its static imports. */
function collect(manifest: Manifest, keys: string[]): { js: Set<string>; css: Set<string>; bundled: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  const bundled: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) {
    if (manifest[key]) visit(key);
    else bundled.push(key);
  }
  return { js, css, bundled };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const sum = (files: Set<string>) => [...files].reduce((total, file) => total + gzippedBytes(file), 0);

/**
 * Initial JavaScript (and CSS) of each entry point, gzipped, from the production build's manifest,
 * beside its target. Prints figures; asserts nothing.
 */
export function benchWeb({ log }: { log: (line: string) => void }): void {
  ensureBuild(log);
  if (!existsSync(manifestFile)) throw new Error('web/dist/.vite/manifest.json is missing: build.manifest must be on in web/vite.config.ts');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  if (!entry) throw new Error('manifest has no entry chunk');

  const allJs = Object.values(manifest).filter((c) => c.file.endsWith('.js'));
  const allJsGz = allJs.reduce((total, c) => total + gzippedBytes(c.file), 0);
  log(`build: ${allJs.length} JavaScript chunks, ${kb(allJsGz)} gzipped in all`);

  for (const page of PAGES) {
    const figures = (['en', 'zh-CN'] as const).map((lang) => {
      const { js, css, bundled } = collect(manifest, [entry, ...page.lazy(lang)]);
      return { lang, jsGz: sum(js), cssGz: sum(css), files: js.size, bundled };
    });
    const worst = Math.max(...figures.map((f) => f.jsGz));
    const verdict = worst <= page.targetKb * 1000 ? 'within' : 'OVER';
    const perLang = figures.map((f) => `${f.lang} ${kb(f.jsGz)} in ${f.files} files`).join(', ');
    log(`${page.name}: initial JS ${kb(worst)} gzipped (target ≤ ${page.targetKb} KB: ${verdict}; ${perLang}); CSS ${kb(figures[0]!.cssGz)} gzipped`);
    const bundled = figures[0]!.bundled;
    if (bundled.length > 0) log(`  not chunks of their own (inside a chunk counted above): ${bundled.join(', ')}`);
  }
}
