/**
 * `npm run bench [-- --quick] [--only ingest,latency,eos,resources,messages,console,groups] [--runs n] [--no-profile]`
 * (`messages` is the part of `resources` up to the console's message rows: fill, RSS, reads.)
 * Runs every measurement against same-run references, prints the markdown table and writes
 * bench/results/<date>.{json,md}. The broker used for ingest/read/latency runs with
 * --cpu-prof; its hot functions are summarized into the JSON.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir, removeDir, ROOT, startBroker } from './lib/procs.ts';
import { writeKcatInput } from './lib/payload.ts';
import { writeResults, type Row } from './lib/report.ts';
import { ingestAndRead } from './scenarios/ingest-read.ts';
import { latency } from './scenarios/latency.ts';
import { resources } from './scenarios/resources.ts';
import { consoleTimings } from './scenarios/console.ts';
import { groupLag } from './scenarios/groups.ts';
import { exactlyOnce } from './scenarios/exactly-once.ts';
import { summarizeProfiles } from './lib/profile.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const only = new Set((values.only ?? 'ingest,latency,eos,resources,console,groups').split(',').map((s) => s.trim()));
const plan = {
  records: quick ? 50_000 : 1_000_000,
  runs: Number(values.runs ?? (quick ? 2 : 3)),
  latencySeconds: quick ? 3 : 10,
  bigRecords: quick ? 200_000 : 10_000_000,
  searchRecords: quick ? 100_000 : 1_000_000,
  bulkGb: quick ? 0 : 2,
  topics: quick ? 500 : 10_000,
  groups: quick ? 200 : 1_000,
};
const log = (msg: string): void => console.error(`[bench] ${msg}`);

execFileSync('bash', [join(ROOT, 'bench', 'install-tools.sh')], { stdio: 'inherit' });

const started = new Date();
const rows: Row[] = [];
const extra: Record<string, unknown> = { plan };
const work = benchDir('work');
try {
  if (only.has('ingest') || only.has('latency') || only.has('eos')) {
    const profDir = join(work, 'profile');
    const broker = await startBroker({ dataDir: join(work, 'broker'), cpuProfDir: values['no-profile'] ? undefined : profDir });
    log(`broker on ${broker.bootstrap} (pid ${broker.pid})`);
    try {
      if (only.has('ingest')) {
        const kcatInput = await writeKcatInput(work, plan.records);
        rows.push(...(await ingestAndRead({ broker, records: plan.records, runs: plan.runs, kcatInput, log })));
      }
      if (only.has('latency')) rows.push(...(await latency({ broker, seconds: plan.latencySeconds, runs: plan.runs, log })));
      if (only.has('eos')) {
        const kcatInput = await writeKcatInput(work, plan.records);
        rows.push(...(await exactlyOnce({ broker, records: plan.records, runs: plan.runs, kcatInput, log })));
      }
    } finally {
      await broker.stop();
    }
    if (!values['no-profile']) extra.profile = summarizeProfiles(profDir, 25);
  }
  if (only.has('resources') || only.has('messages')) {
    rows.push(
      ...(await resources({
        work,
        records: plan.bigRecords,
        bulkGb: plan.bulkGb,
        searchRecords: plan.searchRecords,
        runs: plan.runs,
        log,
        messagesOnly: !only.has('resources'),
      })),
    );
  }
  if (only.has('console')) rows.push(...(await consoleTimings({ work, topics: plan.topics, runs: plan.runs, log })));
  if (only.has('groups')) rows.push(...(await groupLag({ work, groups: plan.groups, runs: plan.runs, log })));
} finally {
  removeDir(work);
}

/** "clean", or the source files that differ from HEAD or are not in it (bench results aside). */
function uncommitted(): string {
  const changed = execFileSync('git', ['status', '--porcelain', '--', 'app', 'components', 'lib', 'broker', 'bench', 'scripts'], { cwd: ROOT })
    .toString()
    .split('\n')
    .map((l) => l.slice(3).trim())
    .filter((f) => f && !f.startsWith('bench/results/'));
  return changed.length === 0 ? 'clean' : `uncommitted changes in ${changed.join(', ')}`;
}

const meta = {
  date: started.toISOString().replace(/[:.]/g, '-').slice(0, 19),
  mode: quick ? 'quick' : 'full',
  runs: plan.runs,
  machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(),
  seconds: Math.round((Date.now() - started.getTime()) / 1000),
  // The broker and console run from the working tree: say when it differs from `commit`.
  worktree: uncommitted(),
};
const out = writeResults(rows, meta, extra);
console.log(out.table);
if (extra.profile) console.log('broker CPU profile, top self time:\n' + (extra.profile as { table: string }).table);
console.log(`wrote ${out.json} and ${out.md}`);
