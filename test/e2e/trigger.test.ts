/**
 * End to end: the Telnyx Trigger in a real n8n 2.40.7 (SQLite, the packed pack installed as the
 * community nodes panel does) under concurrent and repeated deliveries. Every event starts
 * exactly one execution; n8n answers 200 only once it has stored that execution; refusals start
 * none; and after a restart, when the trigger's memory is gone, a redelivered event's second
 * execution repeats the first one's command IDs, so the (mock) Telnyx API acts once.
 */
import axios, { type AxiosResponse } from 'axios';
import { TelnyxMock } from '../mock/telnyxMock';
import {
	N8nInstance,
	WebhookSigner,
	eventually,
	host,
	packInfo,
	sleep,
	type Execution,
} from './harness';
import { E2eTests } from './e2eTest';

jest.setTimeout(240_000);

const INGEST = 'TelnyxE2eIngest1';
const REDELIVERY = 'TelnyxE2eRedeliv';
const INGEST_HOOK = '5e2e0000-0000-4000-8000-00000000e2e3/webhook';
const REDELIVERY_HOOK = '5e2e0000-0000-4000-8000-00000000e2e4/webhook';
const API_KEY = `e2e-trigger-key-${process.pid}-${Date.now()}`;
/** How n8n 2.40 logs a failed static data save (what the old, static-data duplicate filter caused). */
const FAILED_SAVE = /problem saving the workflow/i;

const signer = new WebhookSigner();
const mockRef: { mock?: TelnyxMock } = {};
let n8n: N8nInstance;
const tests = E2eTests.forInstance(() => n8n);
const e2e = tests.test;

function mock(): TelnyxMock {
	if (!mockRef.mock) throw new Error('mock not started');
	return mockRef.mock;
}

const url = (hook: string) => `${n8n.baseUrl}/webhook/${hook}`;

interface Delivery {
	body: string | Buffer;
	/** Headers sent as given; without them, the delivery is signed when sent. */
	headers?: Record<string, string>;
	contentType?: string;
}

async function post(hook: string, delivery: Delivery): Promise<AxiosResponse> {
	const headers = delivery.headers ?? {
		'content-type': delivery.contentType ?? 'application/json',
		...signer.headers(delivery.body),
	};
	return await axios.post(url(hook), delivery.body, {
		headers,
		validateStatus: () => true,
		transformRequest: [(data) => data],
		timeout: 120_000,
	});
}

/** Answers that settle a delivery: Telnyx retries anything else. */
const FINAL = new Set([200, 400, 401, 415]);

interface Outcome {
	/** The last answer: 200 once delivered. */
	status: number | string;
	/** Earlier answers that made Telnyx try again (n8n's own 503/404 under load, dropped sockets). */
	retried: Array<number | string>;
}

/**
 * Delivers like Telnyx: signed anew on every attempt, and tried again after an answer that is
 * not final. On a busy machine n8n itself answers some requests 503 ("Database is not ready":
 * its health ping queued behind the requests for SQLite's connections) or, just after start,
 * 404; the event is then delivered again, which the duplicate filter must absorb too.
 */
async function deliver(hook: string, delivery: Delivery): Promise<Outcome> {
	const retried: Outcome['retried'] = [];
	for (;;) {
		let status: number | string;
		try {
			status = (await post(hook, delivery)).status;
		} catch (error) {
			status = (error as { code?: string }).code ?? String(error);
		}
		if ((typeof status === 'number' && FINAL.has(status)) || retried.length >= 40) {
			return { status, retried };
		}
		retried.push(status);
		await sleep(500);
	}
}

/** Delivers everything, at most `concurrency` at a time; outcomes in delivery order. */
async function deliverAll(hook: string, deliveries: Delivery[], concurrency: number) {
	const outcomes: Outcome[] = new Array(deliveries.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, deliveries.length) }, async () => {
			while (next < deliveries.length) {
				const index = next++;
				outcomes[index] = await deliver(hook, deliveries[index]);
			}
		}),
	);
	return outcomes;
}

/** Final statuses, counted; what made Telnyx try again is printed, as a note on the load. */
function summary(what: string, outcomes: Outcome[]) {
	const retriedAfter = Object.fromEntries(countBy(outcomes.flatMap((o) => o.retried)));
	if (Object.keys(retriedAfter).length > 0) {
		process.stderr.write(`[e2e] ${what}: delivered again after ${JSON.stringify(retriedAfter)}\n`);
	}
	return { final: Object.fromEntries(countBy(outcomes.map((o) => o.status))) };
}

/**
 * Waits until n8n runs the trigger for the hook: an unsigned request is refused with 401 by the
 * node itself (right after start, n8n may still answer 404 for a moment).
 */
async function waitForTrigger(hook: string): Promise<void> {
	let inARow = 0;
	await eventually(`the trigger at ${hook} to answer`, async () => {
		const response = await post(hook, {
			body: '{}',
			headers: { 'content-type': 'application/json' },
		});
		inARow = response.status === 401 ? inARow + 1 : 0;
		return inARow >= 3 ? true : undefined;
	});
}

/** How many executions of the workflow n8n has stored; cheaper than reading them. */
async function executionCount(workflowId: string): Promise<number> {
	const [row] = await host.queryDb(
		n8n.userFolder,
		'SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ?',
		[workflowId],
	);
	return Number(row.n);
}

function eventIds(executions: Execution[]): string[] {
	return executions.map((e) => String(e.runData['Telnyx Trigger']?.[0]?.[0]?.id));
}

function countBy<T>(values: T[]): Map<T, number> {
	const counts = new Map<T, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

const event = (id: string, type = 'call.initiated', call = `v3:${id}`, attempt = 1) =>
	JSON.stringify({
		data: {
			record_type: 'event',
			event_type: type,
			id,
			occurred_at: new Date().toISOString(),
			payload: { call_control_id: call, connection_id: 'conn-e2e-trigger', from: '+13125550170' },
		},
		meta: { attempt, delivered_to: 'e2e' },
	});

tests.setup(async () => {
	mockRef.mock = await TelnyxMock.start();
	mock().apiKey = API_KEY;
	n8n = new N8nInstance();
	await n8n.prepare({
		tarball: packInfo().tarball,
		credentialValues: { API_KEY, PUBLIC_KEY: signer.publicKey, BASE_URL: mock().baseUrl },
		workflows: ['ingest.workflow.json', 'redelivery.workflow.json'],
		publish: [INGEST, REDELIVERY],
	});
	await n8n.start([INGEST_HOOK, REDELIVERY_HOOK]);
	n8n.assertPackLoaded();
	await waitForTrigger(INGEST_HOOK);
	await waitForTrigger(REDELIVERY_HOOK);
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await mockRef.mock?.stop();
	n8n?.cleanup(tests.keep);
});

describe('refusals', () => {
	e2e(
		'unsigned, forged, non-JSON and non-UTF-8 deliveries are refused and start nothing',
		async () => {
			const before = await executionCount(INGEST);
			const raw = event('evt-refused');
			const forged = new WebhookSigner();
			const at = raw.indexOf('+1312');
			const invalidUtf8 = Buffer.concat([
				Buffer.from(raw.slice(0, at)),
				Buffer.from([0xff, 0xfe]),
				Buffer.from(raw.slice(at)),
			]);
			const json = { 'content-type': 'application/json' };
			const cases: Array<[string, Delivery, number]> = [
				['unsigned', { body: raw, headers: json }, 401],
				[
					'signed with another key',
					{ body: raw, headers: { ...json, ...forged.headers(raw) } },
					401,
				],
				['signed, but text/plain', { body: raw, contentType: 'text/plain' }, 415],
				[
					'signed, but a form',
					{ body: raw, contentType: 'application/x-www-form-urlencoded' },
					415,
				],
				['signed, but not valid UTF-8', { body: invalidUtf8 }, 400],
			];
			for (const [what, delivery, status] of cases) {
				const outcome = await deliver(INGEST_HOOK, delivery);
				expect({ what, status: outcome.status }).toEqual({ what, status });
			}
			// No machine-readable reason for the caller ...
			for (const delivery of [cases[0][1], cases[1][1]]) {
				const response = await post(INGEST_HOOK, delivery);
				expect(response.status).toBe(401);
				expect(response.data).toEqual({ message: 'Unauthorized' });
			}
			// ... the log has it, as a warning.
			const log = n8n.log();
			expect(log).toMatch(
				/Telnyx Trigger rejected a webhook: The telnyx-signature-ed25519 header is missing/,
			);
			expect(log).toMatch(/Telnyx Trigger rejected a webhook: The signature does not match/);
			expect(await executionCount(INGEST)).toBe(before);

			// The same event, correctly delivered: it runs, and it is the only execution.
			expect((await deliver(INGEST_HOOK, { body: raw })).status).toBe(200);
			expect(await executionCount(INGEST)).toBe(before + 1);
			const executions = await n8n.settledExecutions(INGEST, before + 1);
			expect(eventIds(executions).slice(before)).toEqual(['evt-refused']);
		},
	);
});

describe('concurrency and load', () => {
	e2e(
		'200 concurrent deliveries of one event start exactly one execution',
		async () => {
			const before = await executionCount(INGEST);
			// Each attempt counts its attempt (and is signed anew), as Telnyx's retries do.
			const deliveries = Array.from({ length: 200 }, (_, i) => ({
				body: event('evt-burst', 'call.initiated', 'v3:burst', i + 1),
			}));
			const outcomes = await deliverAll(INGEST_HOOK, deliveries, 200);
			expect(summary('burst', outcomes).final).toEqual({ 200: 200 });
			// n8n answers the delivery that carries the event only once it has stored the
			// execution, and the held copies after that: the count is final now.
			expect(await executionCount(INGEST)).toBe(before + 1);
			const executions = await n8n.settledExecutions(INGEST, before + 1, 120_000);
			expect(eventIds(executions).slice(before)).toEqual(['evt-burst']);
			expect(executions.at(-1)?.status).toBe('success');
		},
		300_000,
	);

	e2e(
		'300 events at concurrency 20 give 300 executions; 200 of them again give none',
		async () => {
			const before = await executionCount(INGEST);
			const ids = Array.from({ length: 300 }, (_, i) => `evt-load-${String(i).padStart(3, '0')}`);
			const first = await deliverAll(
				INGEST_HOOK,
				ids.map((id) => ({ body: event(id) })),
				20,
			);
			expect(summary('300 events', first).final).toEqual({ 200: 300 });
			expect(await executionCount(INGEST)).toBe(before + 300);

			// Telnyx sends 200 of them again (new attempts, signed anew).
			const replays = ids.filter((_, i) => i % 3 !== 2).slice(0, 200);
			expect(replays).toHaveLength(200);
			const again = await deliverAll(
				INGEST_HOOK,
				replays.map((id) => ({ body: event(id, 'call.initiated', `v3:${id}`, 2) })),
				20,
			);
			expect(summary('200 replays', again).final).toEqual({ 200: 200 });
			expect(await executionCount(INGEST)).toBe(before + 300);

			const executions = await n8n.settledExecutions(INGEST, before + 300, 180_000);
			const seen = countBy(eventIds(executions));
			expect(ids.filter((id) => seen.get(id) !== 1)).toEqual([]);
			expect(executions.filter((e) => e.status !== 'success')).toEqual([]);
			// No write to the workflow per event: its static data holds no event ids, and n8n
			// logged no failed save.
			const [workflow] = await host.queryDb(
				n8n.userFolder,
				'SELECT staticData FROM workflow_entity WHERE id = ?',
				[INGEST],
			);
			expect(String(workflow.staticData ?? '')).not.toMatch(/evt-/);
			expect(n8n.log()).not.toMatch(FAILED_SAVE);
		},
		600_000,
	);
});

describe('redelivery after a restart', () => {
	e2e(
		"the second execution repeats the first one's command IDs, and Telnyx acts once",
		async () => {
			// Telnyx ignores a repeated command ID for 60 s; a slow machine may need longer to
			// restart n8n, which is not what this test is about.
			mock().commandWindowMs = 10 * 60_000;
			const start = mock().requests.length;
			const raw = event('evt-redelivered', 'call.initiated', 'v3:redelivered');
			expect((await deliver(REDELIVERY_HOOK, { body: raw })).status).toBe(200);
			const [first] = await n8n.settledExecutions(REDELIVERY, 1);
			expect(first.status).toBe('success');

			// While n8n runs, the trigger's memory drops a redelivery.
			expect((await deliver(REDELIVERY_HOOK, { body: raw })).status).toBe(200);
			expect(await executionCount(REDELIVERY)).toBe(1);

			await n8n.stop();
			await n8n.start([INGEST_HOOK, REDELIVERY_HOOK]);
			await waitForTrigger(REDELIVERY_HOOK);
			const redelivered = event('evt-redelivered', 'call.initiated', 'v3:redelivered', 2);
			expect((await deliver(REDELIVERY_HOOK, { body: redelivered })).status).toBe(200);
			const executions = await n8n.settledExecutions(REDELIVERY, 2);
			expect(executions.map((e) => [e.mode, e.status])).toEqual([
				['webhook', 'success'],
				['webhook', 'success'],
			]);
			expect(eventIds(executions)).toEqual(['evt-redelivered', 'evt-redelivered']);

			const commands = mock().requests.slice(start);
			expect(commands.map((r) => r.path)).toEqual([
				'/calls/v3%3Aredelivered/actions/answer',
				'/calls/v3%3Aredelivered/actions/speak',
				'/calls/v3%3Aredelivered/actions/answer',
				'/calls/v3%3Aredelivered/actions/speak',
			]);
			const ids = commands.map((r) => String((r.body as { command_id?: unknown }).command_id));
			expect(ids[2]).toBe(ids[0]);
			expect(ids[3]).toBe(ids[1]);
			expect(ids[0]).not.toBe(ids[1]);
			// Received four times, carried out once each.
			expect(commands.map((r) => r.duplicate === true)).toEqual([false, false, true, true]);
			expect(
				mock()
					.executed()
					.filter((r) => commands.includes(r)),
			).toEqual(commands.slice(0, 2));
		},
		600_000,
	);
});
