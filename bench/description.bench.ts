/**
 * Editor cost of the Telnyx node: the size of its description as n8n serves it in
 * /types/nodes.json, the size of the AI-tool variant n8n derives from it, and the time to build
 * the description (once per process) and to construct the node (each time n8n loads it).
 *
 *   npm run bench            (runs every bench)
 *   node .bench/bench/description.bench.js --rounds=20
 *
 * Timing figures depend on the machine's load; sizes do not.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './lib';

const root = projectRoot();
const args = Object.fromEntries(
	process.argv
		.slice(2)
		.filter((arg) => arg.startsWith('--'))
		.map((arg) => arg.slice(2).split('=') as [string, string]),
);
const rounds = Number(args.rounds ?? 10);

/** Runs in a fresh process, so the first build is really the first. */
const probe = `
require('n8n-workflow');
const tc = process.hrtime.bigint();
const { catalogue } = require(${JSON.stringify(path.join(root, '.bench/nodes/Telnyx/catalogue/index.js'))});
const { buildProperties } = require(${JSON.stringify(path.join(root, '.bench/nodes/Telnyx/catalogue/builder.js'))});
const tb = process.hrtime.bigint();
const cpu = process.cpuUsage();
buildProperties(catalogue);
const cpuUsed = process.cpuUsage(cpu);
const t0 = process.hrtime.bigint();
const { Telnyx } = require(${JSON.stringify(path.join(root, '.bench/nodes/Telnyx/Telnyx.node.js'))});
const t1 = process.hrtime.bigint();
const first = new Telnyx();
const t2 = process.hrtime.bigint();
const n = 200;
for (let i = 0; i < n; i++) new Telnyx();
const t3 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({
	buildMs: Number(t0 - tb) / 1e6,
	buildCpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
	loadMs: Number(t1 - tc) / 1e6,
	firstCtorMs: Number(t2 - t1) / 1e6,
	ctorMs: Number(t3 - t2) / 1e6 / n,
	bytes: Buffer.byteLength(JSON.stringify(first.description)),
	properties: first.description.properties.length,
}));
`;

/** n8n's own tool conversion, when the pinned n8n is installed; otherwise none. */
function toolVariantBytes(description: unknown): number | undefined {
	const file = path.join(
		root,
		'scripts/n8n-host/node_modules/n8n/dist/tool-generation/ai-tools.js',
	);
	if (!fs.existsSync(file)) return undefined;
	const { convertNodeToAiTool } = require(file) as {
		convertNodeToAiTool: (item: { description: unknown }) => { description: unknown };
	};
	const copy = JSON.parse(JSON.stringify(description)) as unknown;
	return Buffer.byteLength(JSON.stringify(convertNodeToAiTool({ description: copy }).description));
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const runs: Array<{ buildMs: number; buildCpuMs: number; loadMs: number; firstCtorMs: number; ctorMs: number; bytes: number; properties: number }> = [];
for (let i = 0; i < rounds; i++) {
	const result = spawnSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8' });
	if (result.status !== 0) {
		console.log(result.stderr);
		process.exit(1);
	}
	runs.push(JSON.parse(result.stdout));
}

const { Telnyx } = require(path.join(root, '.bench/nodes/Telnyx/Telnyx.node.js')) as {
	Telnyx: new () => { description: unknown };
};
const tool = toolVariantBytes(new Telnyx().description);

console.log(`description JSON: ${runs[0].bytes.toLocaleString('en-US')} B, ${runs[0].properties} top-level properties (goal ≤ 150,000 B)`);
console.log(
	tool === undefined
		? 'AI-tool variant: n8n not installed under scripts/n8n-host, not measured'
		: `AI-tool variant (n8n's convertNodeToAiTool): ${tool.toLocaleString('en-US')} B; both together ${(tool + runs[0].bytes).toLocaleString('en-US')} B`,
);
console.log(`rounds: ${rounds} fresh processes, medians:`);
console.log(
	`  building the properties from the catalogue (once per process): ${median(runs.map((r) => r.buildMs)).toFixed(1)} ms, ${median(runs.map((r) => r.buildCpuMs)).toFixed(1)} ms of CPU`,
);
console.log(`  loading the node's modules, incl. that build: ${median(runs.map((r) => r.loadMs)).toFixed(1)} ms`);
console.log(`  first constructor: ${median(runs.map((r) => r.firstCtorMs)).toFixed(3)} ms (goal ≤ 5 ms)`);
console.log(`  later constructors: ${median(runs.map((r) => r.ctorMs)).toFixed(4)} ms each`);
