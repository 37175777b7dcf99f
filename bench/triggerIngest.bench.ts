/**
 * Webhook ingest inside a real n8n (the host install, n8n 2.40.7 on Node 24, SQLite), with the
 * packed pack installed as the community nodes panel does. One n8n serves one workflow per case,
 * each start node followed by a No Op node:
 *
 *   trigger               Telnyx Trigger, all events: every signed event starts an execution
 *   trigger (filtered)    Telnyx Trigger for call.hangup only, sent call.initiated: verified,
 *                         answered 200, no execution
 *   trigger (unverified)  Telnyx Trigger with Verify Signature off: what verification costs
 *   webhook + credential  n8n's Webhook node, in a workflow that also holds an (unconnected)
 *                         node with a credential, as every Telnyx Trigger workflow does: n8n
 *                         checks credential access before each execution
 *   webhook               n8n's own Webhook node (POST, answers on receipt): the reference
 *
 * Every request is a signed (Ed25519) Telnyx event of about 1 KB with its own id; the Webhook
 * node gets the same requests. The cases run in interleaved rounds of `--events` requests with
 * `--concurrency` in flight. The bench prints requests/s (median of the rounds), p50 and p99
 * latency per case and the ratios, then checks the executions n8n stored (one per request,
 * none for filtered events). Nothing is asserted on time.
 *
 *   npm run bench:trigger          (or npm run bench, which runs every bench)
 *   node .bench/bench/triggerIngest.bench.js --events=200 --rounds=5 --concurrency=20 [--profile]
 *   (or BENCH_TRIGGER_EVENTS, BENCH_TRIGGER_ROUNDS, BENCH_TRIGGER_CONCURRENCY)
 *
 * --profile runs n8n with --cpu-prof and prints where its busiest thread spent the time, by
 * package and by function. BENCH_TRIGGER_ONLY=<case> runs one case (for a profile of it alone);
 * BENCH_TRIGGER_N8N_ENV='{"N8N_EXPRESSION_ENGINE":"legacy"}' passes settings to n8n.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

import { fixed, intSetting, median, projectRoot, table } from './lib';

const EVENTS = Math.max(1, intSetting('events', 'BENCH_TRIGGER_EVENTS', 200));
const ROUNDS = Math.max(1, intSetting('rounds', 'BENCH_TRIGGER_ROUNDS', 5));
const CONCURRENCY = Math.max(1, intSetting('concurrency', 'BENCH_TRIGGER_CONCURRENCY', 20));
const PROFILE = process.argv.includes('--profile');

const ROOT = projectRoot();
const PACKAGE = 'n8n-nodes-telnyx-call-control';

interface HostApi {
	hostIsCurrent(): boolean;
	hostInfo(): { n8nVersion?: string; nodeVersion?: string };
	freePort(): Promise<number>;
	n8nEnv(options: {
		userFolder: string;
		port: number;
		brokerPort: number;
		logLevel?: string;
		extra?: Record<string, string>;
	}): NodeJS.ProcessEnv;
	packProject(dir: string): { tarball: string };
	installPack(userFolder: string, tarball: string): string;
	n8nCliOk(args: string[], env: NodeJS.ProcessEnv): Promise<unknown>;
	startN8n(options: {
		env: NodeJS.ProcessEnv;
		logFile: string;
		webhookPaths: string[];
		timeoutMs: number;
	}): Promise<{ stop(): Promise<unknown> }>;
	queryDb(userFolder: string, sql: string, params?: unknown[]): Promise<Array<Record<string, any>>>;
	logTail(logFile: string, lines?: number): string;
}

// Plain CommonJS shared with the e2e suite; required by path so the compiled bench finds it.
const host = require(path.join(ROOT, 'scripts', 'host.js')) as HostApi;

interface Case {
	name: string;
	workflowId: string;
	webhookId: string;
	/** Path after /webhook/. */
	hook: string;
	start: 'telnyxTrigger' | 'webhook';
	/** Telnyx Trigger: the selected events, and whether signatures are checked. */
	events?: string[];
	verify?: boolean;
	/** Webhook: add an unconnected node with a credential to the workflow. */
	credential?: boolean;
	/** Whether each request should start an execution. */
	executes: boolean;
}

const uuid = (n: number) => `b0000000-0000-4000-8000-0000000000a${n}`;
const triggerHook = (n: number) => `${uuid(n)}/webhook`;

const ALL_CASES: Case[] = [
	{
		name: 'trigger',
		workflowId: 'BenchTriggerAll1',
		webhookId: uuid(1),
		hook: triggerHook(1),
		start: 'telnyxTrigger',
		events: ['*'],
		verify: true,
		executes: true,
	},
	{
		name: 'trigger (filtered)',
		workflowId: 'BenchTriggerFlt1',
		webhookId: uuid(2),
		hook: triggerHook(2),
		start: 'telnyxTrigger',
		events: ['call.hangup'],
		verify: true,
		executes: false,
	},
	{
		name: 'trigger (unverified)',
		workflowId: 'BenchTriggerNov1',
		webhookId: uuid(3),
		hook: triggerHook(3),
		start: 'telnyxTrigger',
		events: ['*'],
		verify: false,
		executes: true,
	},
	{
		name: 'webhook + credential',
		workflowId: 'BenchWebhookCrd1',
		webhookId: uuid(4),
		hook: 'bench-webhook-credential',
		start: 'webhook',
		credential: true,
		executes: true,
	},
	{
		name: 'webhook',
		workflowId: 'BenchWebhookNod1',
		webhookId: uuid(5),
		hook: 'bench-webhook',
		start: 'webhook',
		executes: true,
	},
];

const CASES = process.env.BENCH_TRIGGER_ONLY
	? ALL_CASES.filter((c) => c.name === process.env.BENCH_TRIGGER_ONLY)
	: ALL_CASES;

const CREDENTIAL = { id: 'BenchTelnyxCred1', name: 'Telnyx (bench)' };

function workflow(c: Case): object {
	const start =
		c.start === 'webhook'
			? {
					id: `${c.webhookId}-1`,
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: c.webhookId,
					parameters: { httpMethod: 'POST', path: c.hook, responseMode: 'onReceived', options: {} },
				}
			: {
					id: `${c.webhookId}-1`,
					name: 'Telnyx Trigger',
					type: `${PACKAGE}.telnyxTrigger`,
					typeVersion: 1,
					position: [0, 0],
					webhookId: c.webhookId,
					parameters: {
						applicationId: '',
						events: c.events,
						verifySignature: c.verify,
						options: {},
					},
					credentials: { telnyxApi: CREDENTIAL },
				};
	const noOp = {
		id: `${c.webhookId}-2`,
		name: 'No Op',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	const unconnected = {
		id: `${c.webhookId}-3`,
		name: 'Unconnected Telnyx',
		type: `${PACKAGE}.telnyx`,
		typeVersion: 1,
		position: [220, 200],
		parameters: { resource: 'balance', operation: 'get' },
		credentials: { telnyxApi: CREDENTIAL },
	};
	return {
		id: c.workflowId,
		name: `Bench ${c.name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: c.credential ? [start, noOp, unconnected] : [start, noOp],
		connections: { [start.name]: { main: [[{ node: 'No Op', type: 'main', index: 0 }]] } },
	};
}

/** A Telnyx delivery of about 1 KB. */
function eventBody(id: string): Buffer {
	return Buffer.from(
		JSON.stringify({
			data: {
				record_type: 'event',
				event_type: 'call.initiated',
				id,
				occurred_at: new Date().toISOString(),
				payload: {
					call_control_id: 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg',
					call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
					call_session_id: '428c31b6-abf3-4bcb-b7f5-5013ef9657c1',
					client_state: Buffer.from('{"step":"menu","tries":1}').toString('base64'),
					connection_id: '7267xxxxxxxxxxxxxx',
					from: '+35319605860',
					to: '+13129457420',
					direction: 'incoming',
					state: 'parked',
					padding: 'x'.repeat(500),
				},
			},
			meta: { attempt: 1, delivered_to: 'https://n8n.example.com/webhook' },
		}),
	);
}

interface Request {
	body: Buffer;
	headers: Record<string, string>;
}

function signed(key: KeyObject, body: Buffer): Request {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = sign(null, Buffer.concat([Buffer.from(`${timestamp}|`), body]), key);
	return {
		body,
		headers: {
			'content-type': 'application/json',
			'content-length': String(body.length),
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': signature.toString('base64'),
		},
	};
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(port: number, hook: string, request: Request): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path: `/webhook/${hook}`,
				method: 'POST',
				headers: request.headers,
				agent,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			},
		);
		req.on('error', reject);
		req.end(request.body);
	});
}

interface RoundResult {
	rate: number;
	latencies: number[];
	statuses: Map<number, number>;
}

async function round(port: number, hook: string, requests: Request[]): Promise<RoundResult> {
	const latencies: number[] = [];
	const statuses = new Map<number, number>();
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: Math.min(CONCURRENCY, requests.length) }, async () => {
			while (next < requests.length) {
				const request = requests[next++];
				const t0 = performance.now();
				const status = await send(port, hook, request);
				latencies.push(performance.now() - t0);
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
			}
		}),
	);
	const elapsed = performance.now() - started;
	return { rate: (requests.length / elapsed) * 1000, latencies, statuses };
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
	if (!host.hostIsCurrent()) {
		console.log('The n8n host is not installed. Install it with:  node scripts/host.js install');
		process.exitCode = 1;
		return;
	}
	console.log('Building the pack (npm run build) ...');
	const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
	if (build.status !== 0)
		throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-bench-ingest-'));
	const userFolder = path.join(work, 'home');
	const logFile = path.join(work, 'n8n.log');
	const profileDir = path.join(work, 'profile');
	let server: { stop(): Promise<unknown> } | undefined;
	try {
		const port = await host.freePort();
		let brokerPort = await host.freePort();
		while (brokerPort === port) brokerPort = await host.freePort();
		const extra: Record<string, string> = PROFILE
			? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` }
			: {};
		Object.assign(extra, JSON.parse(process.env.BENCH_TRIGGER_N8N_ENV ?? '{}'));
		const env = host.n8nEnv({ userFolder, port, brokerPort, logLevel: 'warn', extra });
		host.installPack(userFolder, host.packProject(path.join(work, 'pack')).tarball);

		const { publicKey, privateKey } = generateKeyPairSync('ed25519');
		const rawPublicKey = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
		const credentialFile = path.join(work, 'credentials.json');
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([
				{
					...CREDENTIAL,
					type: 'telnyxApi',
					data: {
						apiKey: 'bench-key',
						publicKey: rawPublicKey.toString('base64'),
						baseUrl: 'http://127.0.0.1:9/v2',
					},
				},
			]),
		);
		await host.n8nCliOk(['import:credentials', `--input=${credentialFile}`], env);
		const workflowDir = path.join(work, 'workflows');
		fs.mkdirSync(workflowDir);
		for (const c of CASES) {
			fs.writeFileSync(path.join(workflowDir, `${c.workflowId}.json`), JSON.stringify(workflow(c)));
		}
		await host.n8nCliOk(['import:workflow', '--separate', `--input=${workflowDir}`], env);
		for (const c of CASES) await host.n8nCliOk(['publish:workflow', `--id=${c.workflowId}`], env);

		console.log('Starting n8n ...');
		server = await host.startN8n({
			env,
			logFile,
			webhookPaths: CASES.map((c) => c.hook),
			timeoutMs: 180_000,
		});

		let counter = 0;
		const batch = (count: number) =>
			Array.from({ length: count }, () =>
				signed(privateKey, eventBody(`evt-bench-${process.pid}-${++counter}`)),
			);
		// Right after start n8n may answer 404 for a moment: warm up until every case answers 200.
		for (const c of CASES) {
			for (let tries = 0; ; tries++) {
				const result = await round(port, c.hook, batch(CONCURRENCY));
				if (result.statuses.get(200) === CONCURRENCY) break;
				if (tries > 40) throw new Error(`${c.name} does not answer 200: ${[...result.statuses]}`);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
			await round(port, c.hook, batch(EVENTS));
		}
		const warmedUp = new Map<string, number>();
		for (const c of CASES) {
			const [row] = await host.queryDb(
				userFolder,
				'SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ?',
				[c.workflowId],
			);
			warmedUp.set(c.name, Number(row.n));
		}

		const rates = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
		const latencies = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
		const failures = new Map<string, Map<number, number>>();
		for (let r = 0; r < ROUNDS; r++) {
			// Rotate the order, so that no case always follows the same one.
			const order = CASES.map((_, i) => CASES[(i + r) % CASES.length]);
			for (const c of order) {
				const requests = batch(EVENTS);
				const result = await round(port, c.hook, requests);
				rates.get(c.name)!.push(result.rate);
				latencies.get(c.name)!.push(...result.latencies);
				for (const [status, count] of result.statuses) {
					if (status === 200) continue;
					const seen = failures.get(c.name) ?? new Map<number, number>();
					seen.set(status, (seen.get(status) ?? 0) + count);
					failures.set(c.name, seen);
				}
			}
		}

		const info = host.hostInfo();
		console.log(
			`\nWebhook ingest in n8n ${info.n8nVersion ?? '?'} (Node ${info.nodeVersion ?? '?'}, SQLite): ` +
				`${ROUNDS} interleaved rounds of ${EVENTS} signed events per case, ${CONCURRENCY} in flight, ` +
				`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
		);
		const row = (c: Case) => {
			const sorted = [...latencies.get(c.name)!].sort((a, b) => a - b);
			return [
				c.name,
				fixed(median(rates.get(c.name)!), 1),
				fixed(percentile(sorted, 50), 1),
				fixed(percentile(sorted, 99), 1),
				[...(failures.get(c.name) ?? new Map<number, number>())]
					.map(([status, count]) => `${count}×${status}`)
					.join(' ') || '-',
			];
		};
		console.log(table(['case', 'req/s', 'p50 ms', 'p99 ms', 'not 200'], CASES.map(row)));
		const names = new Set(CASES.map((c) => c.name));
		const rateOf = (name: string) => median(rates.get(name)!);
		const p = (name: string, q: number) =>
			percentile(
				[...latencies.get(name)!].sort((a, b) => a - b),
				q,
			);
		for (const [name, base] of [
			['trigger', 'webhook'],
			['trigger (filtered)', 'webhook'],
			['trigger', 'webhook + credential'],
		]) {
			if (!names.has(name) || !names.has(base)) continue;
			console.log(
				`  ${name} / ${base}: ${fixed(rateOf(name) / rateOf(base), 2)}× the requests/s, ` +
					`${fixed(p(name, 50) / p(base, 50), 2)}× the p50 and ${fixed(p(name, 99) / p(base, 99), 2)}× the p99 latency`,
			);
		}

		// What n8n stored: one execution per accepted event, none for filtered ones.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		for (const c of CASES) {
			const [stored] = await host.queryDb(
				userFolder,
				'SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ?',
				[c.workflowId],
			);
			const expected = c.executes ? ROUNDS * EVENTS : 0;
			const got = Number(stored.n) - (warmedUp.get(c.name) ?? 0);
			console.log(
				`  ${c.name}: ${got} executions for ${ROUNDS * EVENTS} requests ${got === expected ? '(as expected)' : `(EXPECTED ${expected})`}`,
			);
			if (got !== expected) process.exitCode = 1;
		}
	} catch (error) {
		console.log(`bench failed: ${(error as Error).message}${host.logTail(logFile, 30)}`);
		process.exitCode = 1;
	} finally {
		agent.destroy();
		await server?.stop();
	}
	console.log(
		fs
			.readFileSync(logFile, 'utf8')
			.split('\n')
			.filter((l) => l.includes('TIMING'))
			.slice(-6)
			.join('\n'),
	);
	if (PROFILE) summariseProfile(profileDir);
	fs.rmSync(work, { recursive: true, force: true });
}

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
}

/** Where n8n's main thread spent its samples: by package, and the top functions. */
function summariseProfile(dir: string): void {
	const files = fs.existsSync(dir)
		? fs
				.readdirSync(dir)
				.filter((f) => f.endsWith('.cpuprofile'))
				.map((f) => path.join(dir, f))
		: [];
	if (files.length === 0) {
		console.log('  no CPU profile was written (did n8n exit cleanly?)');
		return;
	}
	// Every thread writes a profile; n8n's main thread is the busiest one.
	const busy = (profile: { nodes: ProfileNode[]; samples: number[] }) => {
		const idle = new Set(
			profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
		);
		return profile.samples.filter((id) => !idle.has(id)).length;
	};
	const profiles = files.map(
		(f) => JSON.parse(fs.readFileSync(f, 'utf8')) as { nodes: ProfileNode[]; samples: number[] },
	);
	const main = profiles.sort((a, b) => busy(b) - busy(a))[0];
	const byId = new Map(main.nodes.map((n) => [n.id, n]));
	const total = main.samples.length;
	const byPackage = new Map<string, number>();
	const byFunction = new Map<string, number>();
	for (const id of main.samples) {
		const node = byId.get(id);
		if (!node) continue;
		const { url, functionName, lineNumber } = node.callFrame;
		const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(
			url.slice(url.lastIndexOf('node_modules/')),
		);
		const where = url.includes(PACKAGE)
			? `${PACKAGE} (this pack)`
			: match
				? match[1]
				: url === ''
					? `(${functionName || 'native'})`
					: url.startsWith('node:')
						? 'node: built-ins'
						: path.basename(url);
		byPackage.set(where, (byPackage.get(where) ?? 0) + 1);
		const fn = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`;
		byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
	}
	const top = (map: Map<string, number>, n: number) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([name, count]) => [name, fixed((count / total) * 100, 1)]);
	console.log(`\nCPU profile of the n8n server (${total} samples, self time):`);
	console.log(table(['package', '%'], top(byPackage, 15)));
	console.log(table(['function', '%'], top(byFunction, 20)));
}

void main();
