/**
 * Throughput of the inbound IVR flow (Telnyx Trigger → Switch → Answer, Speak, Gather) in n8n
 * queue mode (Postgres, Redis, one main, workers, webhook processes behind a balancer) against
 * one n8n process (SQLite, regular mode), on the same machine, in one run. Prints figures and
 * ratios; asserts nothing. Every n8n runs the packed pack from a real install (scripts/host.js).
 *
 * Each contender gets a warm-up of `--warmup` events, then `--n` distinct signed call.initiated
 * events at `--concurrency` in flight. Figures per contender:
 *   - acknowledged/s: events answered 200 per second (the trigger's ingest);
 *   - executed/s: events whose execution finished, per second, from the first request until the
 *     last execution finished (each sends 3 commands to the mock);
 *   - CPU ms per event: CPU time the contender's processes (n8n with its task runners, Postgres
 *     and Redis) used during the run, per executed event, from /proc. On a busy machine this
 *     moves less than the rates do, and the per-process table shows where the time goes.
 *
 *   npm run bench:queue
 *   npm run bench:queue -- --n=300 --concurrency=20 --workers=2 --webhooks=2 --warmup=20
 *
 * It needs the n8n host (node scripts/host.js install) and Debian's postgresql and
 * redis-server. It builds dist/ when stale and packs the project itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TelnyxMock } from '../test/mock/telnyxMock';
import { N8nInstance, WebhookSigner, host } from '../test/e2e/harness';
import { QueueCluster } from '../test/queue/cluster';
import { deliverEvents, loadEvent, type LoadResult } from '../test/queue/load';
import { fixed, intSetting, sleep, table } from './lib';

const INBOUND = 'TelnyxE2eInbound';
const INBOUND_HOOK = '5e2e0000-0000-4000-8000-00000000e2e1/webhook';
const APP_ID = 'app-e2e-inbound';
const WORKFLOWS = ['inbound.workflow.json'];

const n = intSetting('n', 'BENCH_N', 1000);
const concurrency = intSetting('concurrency', 'BENCH_CONCURRENCY', 20);
const workers = intSetting('workers', 'BENCH_WORKERS', 2);
const webhooks = intSetting('webhooks', 'BENCH_WEBHOOKS', 2);
const warmup = intSetting('warmup', 'BENCH_WARMUP', 20);

interface Figures {
	name: string;
	load: LoadResult;
	/** From the first request until the last execution finished. */
	allDoneMs: number;
	failed: number;
	/** CPU seconds each process (with its descendants) used during the measured run. */
	cpu: Array<[string, number]>;
}

/** Processes to account CPU time to: a name and the root process id of each. */
type Roles = () => Array<[string, number | undefined]>;

const TICKS_PER_SECOND = 100;

/** utime + stime (seconds) of `pid` and every live descendant, from /proc; NaN without /proc. */
function treeCpuSeconds(pid: number | undefined): number {
	if (pid === undefined || !fs.existsSync('/proc/self/stat')) return NaN;
	const children = new Map<number, number[]>();
	const own = new Map<number, number>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // ended meanwhile
		}
		// Fields after the command name, which is in parentheses and may hold spaces.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const parent = Number(fields[1]);
		own.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
		children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
	}
	let total = 0;
	const stack = [pid];
	while (stack.length > 0) {
		const current = stack.pop()!;
		total += own.get(current) ?? 0;
		stack.push(...(children.get(current) ?? []));
	}
	return total;
}

function cpuSnapshot(roles: Roles): Map<string, number> {
	return new Map(roles().map(([name, pid]) => [name, treeCpuSeconds(pid)]));
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Sends the warm-up and the measured run, then waits for `expected` finished executions. */
async function measure(
	name: string,
	url: string,
	signer: WebhookSigner,
	finishedCount: () => Promise<number>,
	roles: Roles,
): Promise<Figures> {
	if (warmup > 0) {
		await deliverEvents({
			url,
			signer,
			count: warmup,
			concurrency: Math.min(concurrency, warmup),
			event: (i) => loadEvent(`${name}-warmup`, i),
		});
		const deadline = Date.now() + 120_000;
		while ((await finishedCount()) < warmup && Date.now() < deadline) await sleep(250);
	}
	const base = await finishedCount();
	const cpuBefore = cpuSnapshot(roles);
	const benchCpuBefore = process.cpuUsage();
	const started = Date.now();
	const load = await deliverEvents({
		url,
		signer,
		count: n,
		concurrency,
		event: (i) => loadEvent(name, i),
	});
	const accepted = load.deliveries.filter((d) => d.status === 200).length;
	const deadline = Date.now() + 20 * 60_000;
	let done = 0;
	while ((done = (await finishedCount()) - base) < accepted && Date.now() < deadline)
		await sleep(250);
	const allDoneMs = Date.now() - started;
	const cpuAfter = cpuSnapshot(roles);
	const benchCpu = process.cpuUsage(benchCpuBefore);
	const cpu: Array<[string, number]> = [...cpuAfter].map(([role, seconds]) => [
		role,
		seconds - (cpuBefore.get(role) ?? NaN),
	]);
	cpu.push(['(this bench: load and mock)', (benchCpu.user + benchCpu.system) / 1e6]);
	return { name, load, allDoneMs, failed: n - Math.min(done, accepted), cpu };
}

async function startMock(): Promise<TelnyxMock> {
	const mock = await TelnyxMock.start();
	mock.apiKey = `bench-${process.pid}`;
	mock.addApplication({
		id: APP_ID,
		application_name: 'Bench inbound',
		webhook_event_url: 'https://example.com/previous',
	});
	return mock;
}

async function waitForRegistration(mock: TelnyxMock, url: string): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (mock.getApplication(APP_ID).webhook_event_url !== url) {
		if (Date.now() > deadline) throw new Error('the trigger did not register its URL');
		await sleep(250);
	}
}

async function single(tarball: string): Promise<Figures> {
	const signer = new WebhookSigner();
	const mock = await startMock();
	const n8n = new N8nInstance({ label: 'telnyx-bench-single' });
	try {
		await n8n.prepare({
			tarball,
			credentialValues: {
				API_KEY: mock.apiKey,
				PUBLIC_KEY: signer.publicKey,
				BASE_URL: mock.baseUrl,
			},
			workflows: WORKFLOWS,
			publish: [INBOUND],
		});
		await n8n.start([INBOUND_HOOK]);
		const url = `${n8n.baseUrl}/webhook/${INBOUND_HOOK}`;
		await waitForRegistration(mock, url);
		return await measure(
			'single',
			url,
			signer,
			async () => {
				const [row] = await host.queryDb(
					n8n.userFolder,
					`SELECT count(*) AS c FROM execution_entity WHERE workflowId = ? AND status NOT IN ('new', 'running', 'waiting')`,
					[INBOUND],
				);
				return Number(row.c);
			},
			() => [['n8n (SQLite)', n8n.server?.child.pid]],
		);
	} finally {
		await n8n.stop();
		await mock.stop();
		n8n.cleanup(false);
	}
}

async function queue(tarball: string): Promise<Figures> {
	const signer = new WebhookSigner();
	const mock = await startMock();
	let cluster: QueueCluster | undefined;
	try {
		cluster = await QueueCluster.start({
			tarball,
			credentialValues: {
				API_KEY: mock.apiKey,
				PUBLIC_KEY: signer.publicKey,
				BASE_URL: mock.baseUrl,
			},
			workflows: WORKFLOWS,
			publish: [INBOUND],
			webhookPaths: [INBOUND_HOOK],
			workers,
			webhookProcesses: webhooks,
		});
		const url = cluster.webhookUrl(INBOUND_HOOK);
		await waitForRegistration(mock, url);
		const running = cluster;
		return await measure(
			'queue',
			url,
			signer,
			async () => {
				const [row] = await running.postgres.query(
					`SELECT count(*) AS c FROM execution_entity WHERE "workflowId" = :'wf' AND status NOT IN ('new', 'running', 'waiting')`,
					{ wf: INBOUND },
				);
				return Number(row.c);
			},
			() => [
				['main', running.main.server?.child.pid],
				...running.workers.map((w): [string, number | undefined] => [w.name, w.server?.child.pid]),
				...running.webhookProcesses.map((w): [string, number | undefined] => [
					w.name,
					w.server?.child.pid,
				]),
				['postgres', running.postgres.pid],
				['redis', running.redis.pid],
			],
		);
	} finally {
		await cluster?.stop();
		cluster?.cleanup(false);
		await mock.stop();
	}
}

function executedCount(f: Figures): number {
	return f.load.deliveries.filter((d) => d.status === 200).length - f.failed;
}

/** CPU ms of the contender's own processes (not this bench's) per executed event. */
function cpuPerEvent(f: Figures): number {
	const own = f.cpu.filter(([role]) => !role.startsWith('('));
	return (own.reduce((sum, [, seconds]) => sum + seconds, 0) * 1000) / executedCount(f);
}

function row(f: Figures): string[] {
	const ok = f.load.deliveries.filter((d) => d.status === 200);
	const ms = ok.map((d) => d.ms);
	return [
		f.name,
		String(ok.length),
		String(f.failed),
		fixed((ok.length / f.load.ms) * 1000),
		fixed((executedCount(f) / f.allDoneMs) * 1000),
		fixed(percentile(ms, 50), 0),
		fixed(percentile(ms, 99), 0),
		fixed(cpuPerEvent(f), 0),
	];
}

async function main(): Promise<void> {
	await host.ensureHost();
	// Builds dist/ when it is missing or older than the sources, as the e2e setup does.
	const build: { ensureBuilt(label: string): void } = require(
		path.join(host.PROJECT_DIR, 'test', 'harness', 'build.js'),
	);
	build.ensureBuilt('bench');
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-bench-pack-'));
	const { tarball } = host.packProject(packDir);
	console.log(
		`inbound flow, ${n} events at concurrency ${concurrency} (warm-up ${warmup}); queue mode: ${workers} workers, ${webhooks} webhook processes; load average ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`,
	);
	try {
		const results = [await single(tarball), await queue(tarball)];
		console.log(
			table(
				[
					'mode',
					'acked',
					'not run',
					'acknowledged/s',
					'executed/s',
					'ack p50 ms',
					'ack p99 ms',
					'CPU ms/event',
				],
				results.map(row),
			),
		);
		for (const f of results) {
			console.log(`\nCPU seconds during the ${f.name} run, by process (with its children):`);
			console.log(
				table(
					['process', 'CPU s', 'ms/event'],
					f.cpu.map(([role, seconds]) => [
						role,
						fixed(seconds),
						fixed((seconds * 1000) / executedCount(f)),
					]),
				),
			);
		}
		const [s, q] = results;
		const executed = (f: Figures) => executedCount(f) / f.allDoneMs;
		const acknowledged = (f: Figures) =>
			f.load.deliveries.filter((d) => d.status === 200).length / f.load.ms;
		console.log(
			`\nqueue / single: executed/s ${fixed(executed(q) / executed(s), 2)}×, acknowledged/s ${fixed(acknowledged(q) / acknowledged(s), 2)}×, CPU per event ${fixed(cpuPerEvent(q) / cpuPerEvent(s), 2)}× (load average after: ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')})`,
		);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
