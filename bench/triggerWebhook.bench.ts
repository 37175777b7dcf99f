/**
 * The whole `webhook()` path of the Telnyx Trigger, in process, against raw `crypto.verify`
 * with a cached key (the least any verifying trigger must spend), measured in one run and
 * printed as ratios. Target: the path for a new event ≥ 0.9 × raw verification.
 *
 * The path is the node's own `webhook()` on a fake n8n context: read the options, verify the
 * signature (key from the credential, remembered), check the media type and UTF-8, read the
 * event n8n parsed, filter, claim the id in the duplicate memory, build the item; then "n8n"
 * answers 200, which settles the id. Every new-event call has an id of its own, and the memory
 * holds 1,000 or 10,000 (full: each claim also evicts the oldest) ids throughout. The raw
 * verification runs over the same deliveries, so both touch the same memory.
 *
 *   npm run bench:trigger          (or npm run bench, which runs every bench)
 *   node .bench/bench/triggerWebhook.bench.js [--ms=150] [--rounds=15]
 */
import { createPublicKey, generateKeyPairSync, sign, verify as cryptoVerify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { IDataObject, INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { TelnyxTrigger } from '../nodes/TelnyxTrigger/TelnyxTrigger.node';
import { fixed, intSetting, median, table } from './lib';

const MEASURE_MS = Math.max(20, intSetting('ms', 'BENCH_TRIGGER_MS', 150));
const ROUNDS = Math.max(1, intSetting('rounds', 'BENCH_TRIGGER_ROUNDS_IN_PROCESS', 15));
/** Distinct pre-signed events; more than the largest memory, so a recycled id is new again. */
const POOL = 24_000;

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const rawPublicKey = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
const cachedKey = createPublicKey({
	key: publicKey.export({ format: 'der', type: 'spki' }),
	format: 'der',
	type: 'spki',
});

function body(id: string, eventType: string): Buffer {
	return Buffer.from(
		JSON.stringify({
			data: {
				record_type: 'event',
				event_type: eventType,
				id,
				occurred_at: '2024-05-01T12:00:00.000000Z',
				payload: {
					call_control_id: 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg',
					call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
					call_session_id: '428c31b6-abf3-4bcb-b7f5-5013ef9657c1',
					client_state: Buffer.from('{"step":"menu","tries":1}').toString('base64'),
					connection_id: '7267xxxxxxxxxxxxxx',
					digits: '1',
					from: '+35319605860',
					to: '+13129457420',
					status: 'valid',
					padding: 'x'.repeat(500),
				},
			},
			meta: { attempt: 1, delivered_to: 'https://n8n.example.com/webhook/abc/webhook' },
		}),
	);
}

/** A request as n8n hands it to the node: raw bytes, the JSON it parsed, its content type. */
interface Request {
	headers: Record<string, string>;
	rawBody: Buffer;
	body: unknown;
	contentType: string;
	encoding: string;
	/** `<timestamp>|<body>`, for the raw verification baseline. */
	message: Buffer;
	signature: Buffer;
}

function request(id: string, eventType = 'call.gather.ended'): Request {
	const rawBody = body(id, eventType);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const message = Buffer.concat([Buffer.from(`${timestamp}|`), rawBody]);
	const signature = sign(null, message, privateKey);
	return {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'telnyx-signature-ed25519': signature.toString('base64'),
			'telnyx-timestamp': timestamp,
			'user-agent': 'telnyx-webhooks',
		},
		rawBody,
		body: JSON.parse(rawBody.toString('utf8')),
		contentType: 'application/json',
		encoding: 'utf-8',
		message,
		signature,
	};
}

/** The parts of a ServerResponse the node uses; n8n's answer is `finish()`. */
class Response {
	statusCode = 200;
	headersSent = false;
	writableEnded = false;
	writableFinished = false;
	destroyed = false;
	private onClose: (() => void) | undefined;
	status(code: number) {
		this.statusCode = code;
		return this;
	}
	send() {
		return this.end();
	}
	end() {
		this.headersSent = this.writableEnded = this.writableFinished = true;
		this.onClose?.();
		return this;
	}
	once(event: string, listener: () => void) {
		if (event === 'close') this.onClose = listener;
		return this;
	}
	/** n8n answers after it stored the execution. */
	finish() {
		if (!this.writableEnded) this.end();
	}
}

const node: INode = {
	id: 'b0000000-0000-4000-8000-00000000b001',
	name: 'Telnyx Trigger',
	type: 'n8n-nodes-telnyx-call-control.telnyxTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { telnyxApi: { id: 'bench-credential', name: 'Telnyx' } },
};

/** One fake n8n context per workflow, pointed at the current request before each call. */
function context(workflowId: string, parameters: IDataObject) {
	const current = { request: undefined as unknown as Request, response: new Response() };
	const credentials = { apiKey: 'k', publicKey: rawPublicKey.toString('base64') };
	const workflow = { id: workflowId, name: 'Bench', active: true };
	const ctx = {
		getRequestObject: () => current.request,
		getResponseObject: () => current.response,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getCredentials: async () => credentials,
		getWorkflow: () => workflow,
		getNode: () => node,
		getMode: () => 'webhook',
		logger: { debug() {}, info() {}, warn() {}, error() {} },
	} as unknown as IWebhookFunctions;
	return { ctx, current };
}

const trigger = new TelnyxTrigger();

type Subject = () => Promise<boolean> | boolean;

/** The node on a stream of new events, with `held` ids in memory throughout. */
function newEvents(held: number, pool: Request[]): Subject {
	const { ctx, current } = context(`bench-new-${held}`, {
		events: ['*'],
		options: { duplicateCapacity: held },
	});
	let next = 0;
	return async () => {
		current.request = pool[next++ % POOL];
		current.response = new Response();
		const result: IWebhookResponseData = await trigger.webhook.call(ctx);
		current.response.finish();
		return result.workflowData !== undefined;
	};
}

/** The node on copies of an event it has accepted (on the first call). */
function duplicates(): Subject {
	const copy = request('evt-duplicate');
	const { ctx, current } = context('bench-duplicates', { events: ['*'] });
	let accepted = false;
	return async () => {
		current.request = copy;
		current.response = new Response();
		const result = await trigger.webhook.call(ctx);
		current.response.finish();
		if (!accepted) return (accepted = result.workflowData !== undefined);
		return result.workflowData === undefined && current.response.statusCode === 200;
	};
}

/** The node on events the workflow did not select. */
function filtered(): Subject {
	const event = request('evt-filtered', 'call.speak.ended');
	const { ctx, current } = context('bench-filtered', { events: ['call.hangup'] });
	return async () => {
		current.request = event;
		current.response = new Response();
		const result = await trigger.webhook.call(ctx);
		return result.workflowData === undefined && current.response.statusCode === 200;
	};
}

/** Raw verification of the same deliveries the new-event path gets, in the same order. */
function rawVerify(pool: Request[]): Subject {
	let next = 0;
	return () => {
		const one = pool[next++ % pool.length];
		return cryptoVerify(null, one.message, cachedKey, one.signature);
	};
}

/** Calls per second over about `ms` milliseconds, in batches to keep timer reads cheap. */
async function measure(run: Subject, ms: number): Promise<number> {
	let calls = 0;
	let batch = 16;
	const start = performance.now();
	let elapsed = 0;
	while (elapsed < ms) {
		for (let i = 0; i < batch; i++) {
			if (!(await run())) throw new Error('a call did not do what it should');
		}
		calls += batch;
		elapsed = performance.now() - start;
		if (elapsed < ms / 20) batch *= 2;
	}
	return (calls / elapsed) * 1000;
}

async function main(): Promise<void> {
	console.log(`Preparing ${POOL} signed events ...`);
	// Distinct deliveries; the memories are apart (one workflow each), so every claim is new.
	const pool = Array.from({ length: POOL }, (_, i) => request(`evt-${i}`));
	const BASE = 'crypto.verify (cached key)';
	const subjects: Record<string, Subject> = {
		[BASE]: rawVerify(pool),
		'webhook(), new event, 1,000 ids held': newEvents(1_000, pool),
		'webhook(), new event, 10,000 held (full)': newEvents(10_000, pool),
		'webhook(), duplicate': duplicates(),
		'webhook(), unselected event': filtered(),
	};
	// Fill the memories before measuring: a full memory evicts on every claim.
	for (const run of Object.values(subjects)) await measure(run, 100);
	const fill = subjects['webhook(), new event, 10,000 held (full)'];
	for (let i = 0; i < 10_000; i++) await fill();

	const names = Object.keys(subjects);
	const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
	const ratios: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
	for (let round = 0; round < ROUNDS; round++) {
		const order = round % 2 === 0 ? names : [...names].reverse();
		const now: Record<string, number> = {};
		for (const name of order) {
			now[name] = await measure(subjects[name], MEASURE_MS);
			rates[name].push(now[name]);
		}
		for (const name of names) ratios[name].push(now[name] / now[BASE]);
	}

	console.log(
		`\nTelnyx Trigger webhook() in process, ${ROUNDS} interleaved rounds of ${MEASURE_MS} ms, medians (Node ${process.version})`,
	);
	console.log(
		table(
			['path', 'calls/s', 'µs each', `× ${BASE}`],
			names.map((name) => [
				name,
				Math.round(median(rates[name])).toLocaleString('en-US'),
				fixed(1e6 / median(rates[name]), 1),
				fixed(median(ratios[name]), 3),
			]),
		),
	);
	const newEvent = median(ratios['webhook(), new event, 10,000 held (full)']);
	console.log(
		`  new event with a full memory / raw verification: ${fixed(newEvent, 3)}× (target ≥ 0.9×) ${newEvent >= 0.9 ? 'met' : 'MISSED'}`,
	);
}

void main();
