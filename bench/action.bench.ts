/**
 * The Telnyx node against n8n's HTTP Request node, inside a REAL n8n (the pinned host of
 * scripts/host.js, as in the end-to-end suite): the packed pack installed as a community package,
 * credentials stored encrypted in n8n's database, workflows published and started by webhook.
 *
 * One workflow per contender: Webhook → Split Out (N items) → the node under test, which sends N
 * `POST /calls/{id}/actions/speak` (payload, voice, command_id) on N distinct calls to the Telnyx
 * mock, in its own process, answering after a set latency:
 *
 *   telnyx        the Telnyx node (Speak), Telnyx API credential, default options
 *   http          HTTP Request node, default settings, Authorization as a header parameter
 *   http+cred     HTTP Request node, default settings, Header Auth credential
 *
 * Time = the node's own execution time from the run data n8n stores (not the webhook round
 * trip). Rounds are interleaved (the order rotates each round); per round the bench prints each
 * time and the ratios telnyx/http and telnyx/http+cred, then the medians. After the rounds of a
 * latency, one more Telnyx run sends N items on N/10 calls (10 commands per call, interleaved)
 * and checks that each call got its commands one at a time and in item order.
 *
 *   npm run bench:action                                   # build, then this bench only
 *   node .bench/bench/action.bench.js --n=1000 --latencies=20,100,300 --reps=5 --warmup=1
 *   (or BENCH_N, BENCH_LATENCIES, BENCH_REPS, BENCH_WARMUP; TELNYX_E2E_TARBALL=<tgz> benches that pack;
 *   BENCH_CPU_PROFILE=<dir> makes n8n write a V8 CPU profile there when it stops)
 *
 * Prints figures; asserts nothing about time. Exits non-zero when a run fails, sends the wrong
 * requests, or breaks the order on a call.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import axios from 'axios';
import type { HostApi, PackInfo, RunningN8n } from '../test/e2e/harness';
import { fixed, intSetting, median, projectRoot, table } from './lib';
import { startMockProcess, type MockStats, type RemoteMock } from './mockProcess';

const N = intSetting('n', 'BENCH_N', 1000);
const REPS = Math.max(1, intSetting('reps', 'BENCH_REPS', 5));
const WARMUP = intSetting('warmup', 'BENCH_WARMUP', 1);
const LATENCIES = listSetting('latencies', 'BENCH_LATENCIES', [20, 100, 300]);
const CALLS_PER_ORDER_CHECK = 10;

const ROOT = projectRoot();
// Loaded by path: this file runs compiled from .bench/, where relative requires of plain JS miss.
const host = require(path.join(ROOT, 'scripts', 'host.js')) as HostApi & {
	NODE24: string;
	HOST_DIR: string;
	hostIsCurrent(): boolean;
};
const HOST_MODULES = path.join(ROOT, 'scripts', 'n8n-host', 'node_modules');
const TEXT = 'Hello';
const VOICE = 'female';

function listSetting(name: string, env: string, fallback: number[]): number[] {
	const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	const raw = flag ? flag.slice(name.length + 3) : process.env[env];
	if (!raw) return fallback;
	const values = raw.split(',').map((entry) => Number(entry.trim()));
	if (values.some((value) => !Number.isInteger(value) || value < 0))
		throw new Error(`--${name} / ${env} must list whole numbers, got "${raw}"`);
	return values;
}

function versionOf(dir: string): string {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version as string;
	} catch {
		return '?';
	}
}

/** The HTTP Request node's newest version in the host's n8n-nodes-base. */
function httpRequestVersion(): number {
	const file = path.join(
		HOST_MODULES,
		'n8n-nodes-base',
		'dist',
		'nodes',
		'HttpRequest',
		'HttpRequest.node.js',
	);
	const match = /defaultVersion:\s*([\d.]+)/.exec(fs.readFileSync(file, 'utf8'));
	if (!match) throw new Error(`no defaultVersion in ${file}`);
	return Number(match[1]);
}

interface Variant {
	key: string;
	label: string;
	workflowId: string;
	hook: string;
	nodeName: string;
	/** Node execution times (ms) of the timed rounds, per latency. */
	times: Map<number, number[]>;
	/** CPU time (ms) of the n8n process per timed run, per latency. */
	cpu: Map<number, number[]>;
	peak: number;
	peakPerCall: number;
}

const TELNYX_CREDENTIAL = { id: 'BenchTelnyxCred1', name: 'Telnyx (bench mock)' };
const HEADER_CREDENTIAL = { id: 'BenchHeaderCred1', name: 'Header Auth (bench mock)' };

function webhookWorkflow(id: string, hook: string, target: Record<string, unknown>) {
	const position = (x: number): [number, number] => [x, 0];
	return {
		id,
		name: `Bench ${hook}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: position(0),
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: hook,
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: position(220),
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
			},
			{ id: randomUUID(), position: position(440), ...target },
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: target.name as string, type: 'main', index: 0 }]] },
		},
	};
}

function telnyxNode(name: string, payload: string) {
	return {
		name,
		type: 'n8n-nodes-telnyx-call-control.telnyx',
		typeVersion: 1,
		// call_control_id comes from its default expression ({{ $json.payload?.call_control_id … }});
		// command_id is derived per item by the node.
		parameters: { resource: 'call', operation: 'speak', payload, voice: VOICE, options: {} },
		credentials: { telnyxApi: TELNYX_CREDENTIAL },
	};
}

function httpNode(name: string, mock: RemoteMock, version: number, withCredential: boolean) {
	const auth = withCredential
		? { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' }
		: {
				authentication: 'none',
				sendHeaders: true,
				specifyHeaders: 'keypair',
				headerParameters: {
					parameters: [{ name: 'Authorization', value: `Bearer ${mock.apiKey}` }],
				},
			};
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: version,
		parameters: {
			method: 'POST',
			url: `=${mock.baseUrl}/calls/{{ encodeURIComponent($json.payload.call_control_id) }}/actions/speak`,
			...auth,
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'payload', value: TEXT },
					{ name: 'voice', value: VOICE },
					{ name: 'command_id', value: '={{ $json.command_id }}' },
				],
			},
			options: {},
		},
		...(withCredential ? { credentials: { httpHeaderAuth: HEADER_CREDENTIAL } } : {}),
	};
}

/**
 * Reads, with the host's Node 24 and sqlite3, the executions of a workflow after `afterId`: their
 * status and, per node, the execution time, the number of output items and any error.
 */
const SUMMARY_SCRIPT = `
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const [db, workflowId, afterId] = JSON.parse(process.argv[1]);
const conn = new sqlite3.Database(db, sqlite3.OPEN_READONLY, (error) => {
  if (error) { console.error(error.message); process.exit(2); }
  conn.configure('busyTimeout', 5000);
  conn.all(
    'SELECT e.id AS id, e.status AS status, d.data AS data FROM execution_entity e ' +
      'LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? AND e.id > ? ORDER BY e.id',
    [workflowId, afterId],
    (e, rows) => {
      if (e) { console.error(e.message); process.exit(3); }
      const out = rows.map((row) => {
        const data = typeof row.data === 'string' ? parse(row.data) : undefined;
        const result = (data && data.resultData) || {};
        const nodes = {};
        for (const [name, runs] of Object.entries(result.runData || {})) {
          const run = runs[0] || {};
          const items = (run.data && run.data.main && run.data.main[0]) || [];
          nodes[name] = {
            executionTime: run.executionTime,
            items: items.length,
            first: items[0] && items[0].json,
            error: run.error && run.error.message,
          };
        }
        return { id: Number(row.id), status: row.status, error: result.error && result.error.message, nodes };
      });
      process.stdout.write(JSON.stringify(out));
      conn.close();
    },
  );
});`;

interface NodeSummary {
	executionTime?: number;
	items: number;
	first?: Record<string, unknown>;
	error?: string;
}
interface ExecutionSummary {
	id: number;
	status: string;
	error?: string;
	nodes: Record<string, NodeSummary>;
}

function executionsAfter(
	userFolder: string,
	workflowId: string,
	afterId: number,
): Promise<ExecutionSummary[]> {
	const db = path.join(userFolder, '.n8n', 'database.sqlite');
	return new Promise((resolve, reject) => {
		const child = spawn(
			host.NODE24,
			['-e', SUMMARY_SCRIPT, JSON.stringify([db, workflowId, afterId])],
			{ cwd: host.HOST_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(JSON.parse(Buffer.concat(out).toString('utf8') || '[]') as ExecutionSummary[])
				: reject(new Error(`reading executions failed (${code}): ${Buffer.concat(err)}`)),
		);
	});
}

/** N items as the Split Out node emits them: a Telnyx-Trigger-like payload and a command ID. */
function items(callOf: (n: number) => string) {
	return Array.from({ length: N }, (_, n) => ({
		n,
		payload: { call_control_id: callOf(n) },
		command_id: randomUUID(),
	}));
}

/** One n8n server in a fresh folder, like the e2e suite's, with the pack and the bench flows. */
class BenchN8n {
	readonly workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-bench-'));
	readonly userFolder = path.join(this.workDir, 'home');
	readonly logFile = path.join(this.workDir, 'n8n.log');
	env: NodeJS.ProcessEnv = {};
	port = 0;
	private server?: RunningN8n;

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/**
	 * CPU time (user + system, ms) the n8n server process has used so far, from /proc: under load
	 * it moves far less than wall time. NaN where /proc is missing.
	 */
	cpuMs(): number {
		const pid = this.server?.child.pid;
		if (!pid || !fs.existsSync(`/proc/${pid}/stat`)) return NaN;
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime, fields 14 and 15 of proc(5), in clock ticks of 10 ms.
		return (Number(fields[11]) + Number(fields[12])) * 10;
	}

	async prepare(): Promise<void> {
		this.port = await host.freePort();
		let brokerPort = await host.freePort();
		while (brokerPort === this.port) brokerPort = await host.freePort();
		// BENCH_CPU_PROFILE=<dir>: n8n writes a V8 CPU profile there when it stops.
		const profile = process.env.BENCH_CPU_PROFILE;
		this.env = host.n8nEnv({
			userFolder: this.userFolder,
			port: this.port,
			brokerPort,
			logLevel: 'warn',
			extra: profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(profile)}` } : {},
		});
	}

	async start(webhookPaths: string[]): Promise<void> {
		this.server = await host.startN8n({
			env: this.env,
			logFile: this.logFile,
			webhookPaths,
			timeoutMs: 300_000,
			failOn: /(Failed to load package|Skipping package|Unrecognized node type)[^\n]*/,
		});
	}

	/**
	 * Waits until n8n has activated the POST webhooks: the server answers OPTIONS before that. A
	 * GET to a path registered for POST only gets a 404 that suggests POST instead.
	 */
	async waitForWebhooks(paths: string[], timeoutMs = 180_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (const hook of paths) {
			for (;;) {
				const answer = await axios.get(`${this.baseUrl}/webhook/${hook}`, {
					validateStatus: () => true,
				});
				if (answer.status !== 404 || /POST/.test(JSON.stringify(answer.data))) break;
				if (Date.now() > deadline) throw new Error(`the webhook ${hook} was never activated`);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		}
	}

	async stop(): Promise<void> {
		await this.server?.stop();
		this.server = undefined;
	}

	cleanup(keep: boolean): void {
		if (keep) console.log(`kept ${this.workDir} (n8n log: ${this.logFile})`);
		else fs.rmSync(this.workDir, { recursive: true, force: true });
	}
}

class Bench {
	private lastExecution = new Map<string, number>();

	constructor(
		private readonly n8n: BenchN8n,
		private readonly mock: RemoteMock,
	) {}

	/** Starts one execution through its webhook and waits for its stored summary. */
	private async execute(
		workflowId: string,
		hook: string,
		body: unknown,
	): Promise<{ execution: ExecutionSummary; cpu: number }> {
		await this.mock.reset();
		const cpuBefore = this.n8n.cpuMs();
		const response = await axios.post(`${this.n8n.baseUrl}/webhook/${hook}`, body, {
			validateStatus: () => true,
			timeout: 600_000,
			maxBodyLength: Infinity,
		});
		const after = this.lastExecution.get(workflowId) ?? 0;
		let found: ExecutionSummary | undefined;
		for (let attempt = 0; attempt < 300 && !found; attempt++) {
			const rows = await executionsAfter(this.n8n.userFolder, workflowId, after);
			found = rows.find((row) => !['new', 'running', 'waiting'].includes(row.status));
			if (!found) await new Promise((resolve) => setTimeout(resolve, 200));
		}
		if (!found)
			throw new Error(
				`${hook}: no finished execution after #${after} (webhook answered ${response.status})`,
			);
		this.lastExecution.set(workflowId, found.id);
		return { execution: found, cpu: this.n8n.cpuMs() - cpuBefore };
	}

	/** One run that must succeed with N items and N well-formed requests. */
	async run(
		workflowId: string,
		hook: string,
		nodeName: string,
		body: unknown,
	): Promise<{ time: number; cpu: number; stats: MockStats }> {
		const { execution, cpu } = await this.execute(workflowId, hook, body);
		const node = execution.nodes[nodeName];
		if (execution.status !== 'success' || !node || node.error)
			throw new Error(
				`${hook}: execution #${execution.id} ended ${execution.status}: ${execution.error ?? node?.error ?? 'node did not run'}`,
			);
		const stats = await this.mock.stats();
		if (node.items !== N || stats.served !== N)
			throw new Error(
				`${hook}: expected ${N} items and requests, got ${node.items} items and ${stats.served} requests`,
			);
		const sent = stats.firstBody as Record<string, unknown> | undefined;
		if (stats.malformed > 0 || sent?.voice !== VOICE)
			throw new Error(
				`${hook}: ${stats.malformed} request(s) carried an unexpected body, e.g. ${JSON.stringify(sent)}`,
			);
		return { time: node.executionTime ?? NaN, cpu, stats };
	}

	/**
	 * One run whose last item is invalid: the node plans every item, refuses the run and sends
	 * nothing, so its execution time is the time planning N items takes.
	 */
	async plan(workflowId: string, hook: string, nodeName: string, body: unknown): Promise<number> {
		const { execution } = await this.execute(workflowId, hook, body);
		const node = execution.nodes[nodeName];
		const stats = await this.mock.stats();
		if (execution.status !== 'error' || !node?.error || stats.served !== 0)
			throw new Error(
				`${hook}: expected a refused run without requests, got ${execution.status} with ${stats.served} requests (${node?.error ?? 'no error'})`,
			);
		return node.executionTime ?? NaN;
	}
}

function loadLine(): string {
	return os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
}

async function main(): Promise<void> {
	if (!host.hostIsCurrent()) {
		console.log('The n8n host is not installed. Install it with:  node scripts/host.js install');
		process.exitCode = 1;
		return;
	}
	// The e2e suite's global setup: builds dist/ when stale and packs the project (or takes
	// TELNYX_E2E_TARBALL), then points TELNYX_E2E_PACK at the result.
	const globalSetup = require(
		path.join(ROOT, 'test', 'e2e', 'globalSetup.js'),
	) as () => Promise<void>;
	await globalSetup();
	const pack = JSON.parse(fs.readFileSync(process.env.TELNYX_E2E_PACK!, 'utf8')) as PackInfo;

	const mock = await startMockProcess(LATENCIES[0]);
	const n8n = new BenchN8n();
	let ok = false;
	try {
		const version = httpRequestVersion();
		const variants: Variant[] = [
			{ key: 'telnyx', label: 'Telnyx node', workflowId: 'BenchTelnyxSpeak', hook: 'bench-telnyx' },
			{
				key: 'http',
				label: 'HTTP Request, default',
				workflowId: 'BenchHttpDefault',
				hook: 'bench-http',
			},
			{
				key: 'http+cred',
				label: 'HTTP Request, Header Auth',
				workflowId: 'BenchHttpHdrAuth',
				hook: 'bench-http-cred',
			},
		].map((v) => ({
			...v,
			nodeName: 'Send',
			times: new Map<number, number[]>(),
			cpu: new Map<number, number[]>(),
			peak: 0,
			peakPerCall: 0,
		}));
		const order = { workflowId: 'BenchTelnyxOrder', hook: 'bench-telnyx-order', nodeName: 'Send' };
		const planning = {
			workflowId: 'BenchTelnyxPlan1',
			hook: 'bench-telnyx-plan',
			nodeName: 'Send',
		};

		const work = n8n.workDir;
		await n8n.prepare();
		host.installPack(n8n.userFolder, pack.tarball);
		const credentialFile = path.join(work, 'credentials.json');
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([
				{
					...TELNYX_CREDENTIAL,
					type: 'telnyxApi',
					data: { apiKey: mock.apiKey, publicKey: '', baseUrl: mock.baseUrl },
				},
				{
					...HEADER_CREDENTIAL,
					type: 'httpHeaderAuth',
					data: { name: 'Authorization', value: `Bearer ${mock.apiKey}` },
				},
			]),
		);
		await host.n8nCliOk(['import:credentials', `--input=${credentialFile}`], n8n.env);
		const flowDir = path.join(work, 'workflows');
		fs.mkdirSync(flowDir);
		const flows = [
			webhookWorkflow(variants[0].workflowId, variants[0].hook, telnyxNode('Send', TEXT)),
			webhookWorkflow(
				variants[1].workflowId,
				variants[1].hook,
				httpNode('Send', mock, version, false),
			),
			webhookWorkflow(
				variants[2].workflowId,
				variants[2].hook,
				httpNode('Send', mock, version, true),
			),
			webhookWorkflow(order.workflowId, order.hook, telnyxNode('Send', '={{ "item-" + $json.n }}')),
			webhookWorkflow(planning.workflowId, planning.hook, telnyxNode('Send', TEXT)),
		];
		for (const flow of flows)
			fs.writeFileSync(path.join(flowDir, `${flow.id}.json`), JSON.stringify(flow));
		await host.n8nCliOk(['import:workflow', '--separate', `--input=${flowDir}`], n8n.env);
		for (const flow of flows) await host.n8nCliOk(['publish:workflow', `--id=${flow.id}`], n8n.env);
		const hooks = [...variants.map((variant) => variant.hook), order.hook, planning.hook];
		await n8n.start(hooks);
		await n8n.waitForWebhooks(hooks);

		console.log('# action bench: the Telnyx node against the HTTP Request node in a real n8n');
		console.log(
			`N=${N} speak items on ${N} distinct calls, latencies ${LATENCIES.join(', ')} ms, ` +
				`${REPS} timed round(s) after ${WARMUP} warm-up round(s) per latency, variants interleaved; ` +
				'time = node execution time from the stored run data; cpu = CPU time of the n8n process per run ' +
				'(whole execution: webhook, Split Out, the node, saving the run)',
		);
		console.log(
			`n8n ${versionOf(path.join(HOST_MODULES, 'n8n'))} on Node 24 (host), HTTP Request node v${version}, ` +
				`pack ${path.basename(pack.tarball)}; ${os.cpus().length} CPU(s); load average at start: ${loadLine()}`,
		);

		const bench = new Bench(n8n, mock);
		const distinct = { items: items((n) => `v3:bench-call-${n}`) };
		const ordered = {
			items: items(
				(n) => `v3:bench-order-${n % Math.max(1, Math.floor(N / CALLS_PER_ORDER_CHECK))}`,
			),
		};
		const summary: string[][] = [];
		let orderProblems = 0;
		const record = (map: Map<number, number[]>, latency: number, value: number) =>
			map.set(latency, [...(map.get(latency) ?? []), value]);

		// Planning alone: the last item has no call control ID, so the node checks all N items,
		// refuses the run and sends nothing.
		const refused = {
			items: distinct.items.map((item, n) =>
				n === N - 1 ? { ...item, payload: { call_control_id: '' } } : item,
			),
		};
		const planTimes: number[] = [];
		for (let round = 0; round < WARMUP + REPS; round++) {
			const time = await bench.plan(planning.workflowId, planning.hook, planning.nodeName, refused);
			if (round >= WARMUP) planTimes.push(time);
		}
		console.log(
			`\nplanning ${N} items (the last one invalid, nothing sent): ` +
				`${planTimes.map((t) => fixed(t, 0)).join(', ')} ms, median ${fixed(median(planTimes), 0)} ms`,
		);

		for (const latency of LATENCIES) {
			await mock.setLatency(latency);
			console.log(`\n## latency ${latency} ms`);
			const rows: string[][] = [];
			for (let round = 0; round < WARMUP + REPS; round++) {
				const times = new Map<string, number>();
				const cpu = new Map<string, number>();
				for (let i = 0; i < variants.length; i++) {
					const variant = variants[(i + round) % variants.length];
					const result = await bench.run(
						variant.workflowId,
						variant.hook,
						variant.nodeName,
						distinct,
					);
					times.set(variant.key, result.time);
					cpu.set(variant.key, result.cpu);
					if (round < WARMUP) continue;
					record(variant.times, latency, result.time);
					record(variant.cpu, latency, result.cpu);
					variant.peak = Math.max(variant.peak, result.stats.peak);
					variant.peakPerCall = Math.max(variant.peakPerCall, result.stats.peakPerCall);
				}
				const t = (key: string) => times.get(key)!;
				const c = (key: string) => cpu.get(key)!;
				rows.push([
					round < WARMUP ? `warm-up ${round + 1}` : `round ${round - WARMUP + 1}`,
					fixed(t('telnyx'), 0),
					fixed(t('http'), 0),
					fixed(t('http+cred'), 0),
					fixed(t('telnyx') / t('http'), 2),
					fixed(t('telnyx') / t('http+cred'), 2),
					fixed(c('telnyx') / c('http'), 2),
					fixed(c('telnyx') / c('http+cred'), 2),
				]);
			}
			const of = (key: string) => variants.find((v) => v.key === key)!;
			const m = (key: string) => median(of(key).times.get(latency)!);
			const mc = (key: string) => median(of(key).cpu.get(latency)!);
			rows.push([
				'median',
				fixed(m('telnyx'), 0),
				fixed(m('http'), 0),
				fixed(m('http+cred'), 0),
				fixed(m('telnyx') / m('http'), 2),
				fixed(m('telnyx') / m('http+cred'), 2),
				fixed(mc('telnyx') / mc('http'), 2),
				fixed(mc('telnyx') / mc('http+cred'), 2),
			]);
			console.log(
				table(
					[
						'',
						'telnyx ms',
						'http ms',
						'http+cred ms',
						'telnyx/http',
						'telnyx/http+cred',
						'cpu telnyx/http',
						'cpu telnyx/http+cred',
					],
					rows,
				),
			);

			const check = await bench.run(order.workflowId, order.hook, order.nodeName, ordered);
			const calls = Math.floor(N / CALLS_PER_ORDER_CHECK);
			const inOrder = check.stats.outOfOrder === 0 && check.stats.peakPerCall === 1;
			if (!inOrder) orderProblems++;
			console.log(
				`order check: Telnyx node, ${N} items on ${calls} calls (${CALLS_PER_ORDER_CHECK} per call, interleaved): ` +
					`${fixed(check.time, 0)} ms, peak in flight ${check.stats.peak}, peak per call ${check.stats.peakPerCall}, ` +
					`out of order ${check.stats.outOfOrder} -> ${inOrder ? 'in order' : 'ORDER BROKEN'}`,
			);
			summary.push([
				`${latency} ms`,
				fixed(m('telnyx'), 0),
				fixed(m('http'), 0),
				fixed(m('http+cred'), 0),
				`${fixed(m('telnyx') / m('http'), 2)}x`,
				`${fixed(m('telnyx') / m('http+cred'), 2)}x`,
				`${fixed(mc('telnyx'), 0)} / ${fixed(mc('http'), 0)} / ${fixed(mc('http+cred'), 0)}`,
			]);
		}

		console.log('\n## medians');
		console.log(
			table(
				[
					'latency',
					'telnyx ms',
					'http ms',
					'http+cred ms',
					'telnyx/http',
					'telnyx/http+cred',
					'cpu ms telnyx / http / http+cred',
				],
				summary,
			),
		);
		console.log(`planning ${N} items: median ${fixed(median(planTimes), 0)} ms`);
		console.log(
			`peak in flight: ${variants.map((v) => `${v.key} ${v.peak}`).join(', ')}; ` +
				`peak per call: ${variants.map((v) => `${v.key} ${v.peakPerCall}`).join(', ')}`,
		);
		console.log(`load average at end: ${loadLine()} (other work on the machine adds noise)`);
		ok = orderProblems === 0;
		if (!ok) console.log(`!! commands left their order on a call in ${orderProblems} check(s)`);
	} finally {
		await n8n.stop();
		await mock.stop();
		n8n.cleanup(process.env.BENCH_KEEP === '1');
		// Removes the tarball the global setup packed (never one given in TELNYX_E2E_TARBALL).
		const globalTeardown = require(
			path.join(ROOT, 'test', 'e2e', 'globalTeardown.js'),
		) as () => Promise<void>;
		await globalTeardown();
	}
	if (!ok) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
