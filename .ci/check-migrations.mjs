#!/usr/bin/env node
// Migration-order check (run by .ci/run; by hand: `node .ci/check-migrations.mjs`).
//
// Kysely's Migrator refuses to start on a database that has applied a later migration than one it
// has not applied yet, and it refuses a database whose applied migration has gone missing. So the
// files in src/db/migrations must obey, in the git history reachable from HEAD:
//   1. names are NNNN_name.sql (the pattern src/db/migrate.ts loads; anything else would be skipped
//      silently), numbers unique and contiguous;
//   2. frozen: no migration is modified, renamed or deleted after the commit that added it, and the
//      working tree has no uncommitted change to one;
//   3. ordered: each migration, when first added, numbers higher than every migration already there;
//      and, when a `main` branch is known (MIGRATIONS_BASE_REF, default main), every migration of HEAD
//      that main does not have numbers higher than every migration on main.
// History from before this check is written down below, exactly, instead of loosening the rules.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DIR = 'src/db/migrations';
const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** Numbers never used: their branches were folded into other migrations before they landed. */
const RETIRED_NUMBERS = new Set([6, 7, 9]);
/** Added after a higher-numbered one, on 2026-12-02, when parallel work landed before this check existed. */
const ADDED_OUT_OF_ORDER = new Set(['0011_crm.sql', '0012_special_care.sql', '0013_scorecards.sql', '0015_customer_imports.sql']);

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const problems = [];
const numberOf = (file) => Number(NAME.exec(file)?.[1] ?? NaN);

// 1. Names, unique and contiguous numbers, in the working tree.
const files = fs.readdirSync(path.join(root, DIR)).sort();
const byNumber = new Map();
for (const file of files) {
  if (!NAME.test(file)) {
    problems.push(`${DIR}/${file}: not NNNN_name.sql (lowercase letters, digits, _), so the migrator would skip it`);
    continue;
  }
  const n = numberOf(file);
  if (byNumber.has(n)) problems.push(`${DIR}: ${byNumber.get(n)} and ${file} share the number ${n}`);
  else byNumber.set(n, file);
}
const max = Math.max(0, ...byNumber.keys());
for (let n = 1; n <= max; n += 1) {
  if (!byNumber.has(n) && !RETIRED_NUMBERS.has(n)) problems.push(`${DIR}: number ${String(n).padStart(4, '0')} is missing (numbers are contiguous)`);
  if (byNumber.has(n) && RETIRED_NUMBERS.has(n)) problems.push(`${DIR}: number ${n} is retired; take ${String(max + 1).padStart(4, '0')}`);
}

// 2 and 3. The history: one line per commit, oldest first, then the files it added, modified or deleted.
// --no-renames: a rename is a deletion plus an addition, both of which the rules forbid for a landed file.
const log = git('log', '--reverse', '--no-renames', '--format=commit %h', '--name-status', 'HEAD', '--', DIR);
const addedIn = new Map();
let commit = '';
let before = [];
for (const line of log.split('\n')) {
  if (line.startsWith('commit ')) {
    commit = line.slice(7);
    before = [...addedIn.keys()];
    continue;
  }
  const [status, filePath] = line.split('\t');
  if (!status || !filePath) continue;
  const file = path.posix.basename(filePath);
  if (status === 'A') {
    if (addedIn.has(file)) problems.push(`${file}: added again in ${commit} (first added in ${addedIn.get(file)}, so deleted in between)`);
    const higher = before.filter((other) => numberOf(other) >= numberOf(file));
    if (higher.length > 0 && !ADDED_OUT_OF_ORDER.has(file)) {
      problems.push(`${file}: added in ${commit} after ${higher.join(', ')}; a database that has those would refuse it — renumber it after ${String(max).padStart(4, '0')}`);
    }
    addedIn.set(file, commit);
  } else if (status === 'M' || status.startsWith('T')) {
    problems.push(`${file}: modified in ${commit} after it was added in ${addedIn.get(file) ?? '?'}; migrations are frozen, add a new one instead`);
  } else if (status === 'D') {
    problems.push(`${file}: deleted in ${commit}; a database that applied it would refuse to start`);
  }
}
for (const line of git('status', '--porcelain', '--untracked-files=no', '--', DIR).split('\n').filter(Boolean)) {
  problems.push(`${line.slice(3)}: has uncommitted changes (${line.slice(0, 2).trim()}); committed migrations are frozen`);
}

// 3, against main: what HEAD adds must come after everything main already has.
const baseRef = process.env.MIGRATIONS_BASE_REF ?? 'main';
let baseFiles = null;
try {
  git('rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`);
  baseFiles = git('ls-tree', '--name-only', `${baseRef}:${DIR}`).split('\n').filter(Boolean);
} catch {
  console.log(`(no ${baseRef} branch here: skipped the comparison with it)`);
}
if (baseFiles) {
  const baseMax = Math.max(0, ...baseFiles.map(numberOf).filter(Number.isFinite));
  for (const file of byNumber.values()) {
    if (!baseFiles.includes(file) && numberOf(file) <= baseMax) {
      problems.push(`${file}: not on ${baseRef}, which already has migrations up to ${String(baseMax).padStart(4, '0')}; renumber it to ${String(baseMax + 1).padStart(4, '0')} or later`);
    }
  }
}

if (problems.length > 0) {
  console.log(`migration check: ${problems.length} problem(s)`);
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
console.log(`migration check: ${byNumber.size} migrations (${files[0]} … ${files.at(-1)}), named, contiguous, frozen and in order${baseFiles ? ` after ${baseRef}` : ''}`);
