import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { TelnyxTrigger } from '../../../nodes/TelnyxTrigger/TelnyxTrigger.node';
import { describeReason } from '../../../nodes/TelnyxTrigger/verify';
import {
	delivery,
	encodeState,
	fakeWebhookContext,
	nowSeconds,
	sign,
	signedRequest,
	signer,
	TRIGGER_NODE,
	type FakeRequest,
} from './helpers';

const key = signer(11);
const intruder = signer(12);
const node = new TelnyxTrigger();

interface RunExtra {
	credentials?: IDataObject;
	staticData?: IDataObject;
	/** Calls with the same workflow share the duplicate memory; by default each has its own. */
	workflowId?: string;
	mode?: 'webhook' | 'manual';
}

function start(
	request: FakeRequest,
	parameters: Record<string, unknown> = {},
	extra: RunExtra = {},
) {
	const harness = fakeWebhookContext({
		request,
		parameters,
		credentials: extra.credentials ?? { apiKey: 'k', publicKey: key.publicKey },
		staticData: extra.staticData,
		workflowId: extra.workflowId,
		mode: extra.mode,
	});
	return { pending: node.webhook.call(harness.ctx), ...harness };
}

async function run(
	request: FakeRequest,
	parameters: Record<string, unknown> = {},
	extra: RunExtra = {},
) {
	const { pending, ...harness } = start(request, parameters, extra);
	return { result: await pending, ...harness };
}

/** A delivery as n8n handles it: the node runs, then n8n answers an accepted event with `status`. */
async function deliver(request: FakeRequest, workflowId: string, status = 200) {
	const outcome = await run(request, {}, { workflowId });
	if (startsExecution(outcome.result)) outcome.res.finish(status);
	return outcome;
}

/** Lets pending promise callbacks run. */
async function settle(): Promise<void> {
	for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** n8n 2.x starts an execution exactly when `workflowData` is set. */
function startsExecution(result: IWebhookResponseData): boolean {
	return result.workflowData !== undefined;
}

describe('TelnyxTrigger description', () => {
	const { description } = node;

	it('follows the trigger conventions', () => {
		expect(description.name).toBe('telnyxTrigger');
		expect(description.displayName).toBe('Telnyx Trigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.subtitle).toBeTruthy();
		expect(description.credentials).toEqual([{ name: 'telnyxApi', required: true }]);
		expect(description.icon).toEqual({
			light: 'file:../../icons/telnyx.svg',
			dark: 'file:../../icons/telnyx.dark.svg',
		});
	});

	it('says on the canvas how many events start the workflow', () => {
		const expression = String(description.subtitle);
		expect(expression).toMatch(/^=\{\{[\s\S]*\}\}$/);
		const subtitle = new Function(
			'$parameter',
			`return ${expression.slice(3, -2)};`,
		) as (parameter: Record<string, unknown>) => string;
		expect(subtitle({ events: ['*'] })).toBe('All events');
		expect(subtitle({ events: ['call.answered', '*'] })).toBe('All events');
		expect(subtitle({ events: ['call.answered'] })).toBe('1 event');
		expect(subtitle({ events: ['call.answered', 'call.hangup'] })).toBe('2 events');
		expect(subtitle({})).toBe('0 events');
	});

	it('registers one POST webhook that answers on receipt with an empty body', () => {
		expect(description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		]);
	});

	it('has no "binaryData" option, which would stop n8n from reading the raw body', () => {
		expect(JSON.stringify(description.properties)).not.toContain('binaryData');
	});

	it('shows each notice only in its situation', () => {
		const notices = description.properties.filter((p) => p.type === 'notice');
		expect(notices.map((n) => n.displayOptions?.show)).toEqual([
			{ applicationId: [''] },
			{ verifySignature: [false] },
		]);
	});

	it('verifies signatures by default and selects all events', () => {
		const byName = Object.fromEntries(description.properties.map((p) => [p.name, p]));
		expect(byName.verifySignature.default).toBe(true);
		expect(byName.events.default).toEqual(['*']);
		expect(byName.applicationId.typeOptions?.loadOptionsMethod).toBe('getApplications');
	});

	it('has a codex file that names this node', () => {
		const codex = JSON.parse(
			readFileSync(join(__dirname, '../../../nodes/TelnyxTrigger/TelnyxTrigger.node.json'), 'utf8'),
		);
		const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${description.name}`);
		expect(pkg.n8n.nodes).toContain('dist/nodes/TelnyxTrigger/TelnyxTrigger.node.js');
	});

	it('implements the whole webhook lifecycle and option loading', () => {
		expect(typeof node.webhookMethods.default.checkExists).toBe('function');
		expect(typeof node.webhookMethods.default.create).toBe('function');
		expect(typeof node.webhookMethods.default.delete).toBe('function');
		expect(typeof node.methods.loadOptions.getApplications).toBe('function');
	});
});

describe('TelnyxTrigger.webhook: accepted events', () => {
	it('emits one item for a signed event and leaves the answer to n8n', async () => {
		const body = delivery('call.answered', {
			id: 'evt-accepted',
			payload: { call_control_id: 'v3:x', client_state: encodeState({ step: 'greet' }) },
		});
		const { result, res, ctx } = await run(signedRequest(key, body));
		expect(startsExecution(result)).toBe(true);
		// n8n answers (onReceived, no data) once it has stored the execution.
		expect(result.noWebhookResponse).toBeUndefined();
		expect(res.answeredByNode).toBe(false);
		expect(res.ended).toBe(false);
		expect(ctx.getWorkflowStaticData('node')).toEqual({});
		expect(result.workflowData).toHaveLength(1);
		expect(result.workflowData![0]).toHaveLength(1);
		const item = result.workflowData![0][0].json;
		expect(item).toEqual({
			event_type: 'call.answered',
			id: 'evt-accepted',
			occurred_at: '2024-05-01T12:00:00.000000Z',
			payload: {
				call_control_id: 'v3:x',
				client_state: encodeState({ step: 'greet' }),
				client_state_decoded: { step: 'greet' },
			},
			meta: { attempt: 1, delivered_to: 'https://example.com/webhook' },
		});
	});

	it('accepts mixed-case signature headers', async () => {
		const { result } = await run(signedRequest(key, delivery(), { headerCase: 'mixed' }));
		expect(startsExecution(result)).toBe(true);
	});

	it('adds the request headers when asked', async () => {
		const request = signedRequest(key, delivery());
		const { result } = await run(request, { options: { includeHeaders: true } });
		const item = result.workflowData![0][0].json;
		expect(item.headers).toEqual(request.headers);
		expect(item.headers).not.toBe(request.headers);
	});

	it('accepts application/json in any case and with any parameters', async () => {
		for (const header of [
			'application/json',
			'application/json; charset=utf-8',
			'Application/JSON;charset=UTF-8',
			' application/json ; charset="utf-8"; foo=bar',
		]) {
			const request = signedRequest(key, delivery('call.hangup', { id: `evt-ct-${header}` }));
			request.headers['content-type'] = header;
			// n8n parses JSON only when the type reads exactly "application/json" before the ";".
			if (header.startsWith(' ')) {
				request.contentType = ' application/json ';
				request.body = undefined;
			}
			const { result } = await run(request);
			expect(startsExecution(result)).toBe(true);
			expect(result.workflowData![0][0].json.id).toBe(`evt-ct-${header}`);
		}
	});

	it('decodes the raw body itself when n8n read it with another charset', async () => {
		const body = delivery('call.speak.ended', { id: 'evt-latin', payload: { text: 'Grüße' } });
		const request = signedRequest(key, body);
		request.headers['content-type'] = 'application/json; charset=latin1';
		request.encoding = 'latin1';
		request.body = JSON.parse(request.rawBody!.toString('latin1'));
		const { result } = await run(request);
		expect(result.workflowData![0][0].json.payload).toEqual({ text: 'Grüße' });
	});
});

describe('TelnyxTrigger.webhook: refusals start no execution', () => {
	async function expectUnauthorized(
		request: FakeRequest,
		reason: string,
		parameters: Record<string, unknown> = {},
		credentials?: IDataObject,
	) {
		const { result, res, logs } = await run(request, parameters, { credentials });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(startsExecution(result)).toBe(false);
		expect(res.statusCode).toBe(401);
		expect(res.ended).toBe(true);
		// The caller learns nothing about why; the log does.
		expect(res.body).toEqual({ message: 'Unauthorized' });
		const warnings = logs.filter((l) => l.level === 'warn');
		expect(warnings).toEqual([
			{ level: 'warn', message: expect.stringContaining(describeReason(reason as never)) },
		]);
	}

	it('refuses a request signed by another key', async () => {
		await expectUnauthorized(signedRequest(intruder, delivery()), 'signature_mismatch');
	});

	it('refuses a request whose body changed after signing', async () => {
		const request = signedRequest(key, delivery());
		request.rawBody = Buffer.from(
			request.rawBody!.toString().replace('call.answered', 'call.hangup'),
		);
		await expectUnauthorized(request, 'signature_mismatch');
	});

	it('refuses unsigned requests', async () => {
		const request = signedRequest(key, delivery());
		delete request.headers['telnyx-signature-ed25519'];
		await expectUnauthorized(request, 'missing_signature');
	});

	it('refuses a replayed request outside the window', async () => {
		const timestamp = String(nowSeconds() - 301);
		await expectUnauthorized(signedRequest(key, delivery(), { timestamp }), 'stale_timestamp');
	});

	it('uses the configured replay window', async () => {
		const timestamp = String(nowSeconds() - 90);
		const request = signedRequest(key, delivery(), { timestamp });
		await expectUnauthorized(request, 'stale_timestamp', { options: { replayWindowSeconds: 60 } });
		const { result } = await run(signedRequest(key, delivery(), { timestamp }), {
			options: { replayWindowSeconds: 120 },
		});
		expect(startsExecution(result)).toBe(true);
	});

	it('refuses everything while the credential has no usable key', async () => {
		await expectUnauthorized(
			signedRequest(key, delivery()),
			'missing_public_key',
			{},
			{ apiKey: 'k' },
		);
		await expectUnauthorized(
			signedRequest(key, delivery()),
			'malformed_public_key',
			{},
			{ apiKey: 'k', publicKey: 'not-a-key' },
		);
	});

	it('refuses a request whose raw body n8n did not keep', async () => {
		const request = signedRequest(key, delivery());
		delete request.rawBody;
		await expectUnauthorized(request, 'missing_body');
	});

	it('refuses an empty body', async () => {
		const timestamp = String(nowSeconds());
		const request: FakeRequest = {
			headers: {
				'content-type': 'application/json',
				'telnyx-timestamp': timestamp,
				'telnyx-signature-ed25519': sign(key, timestamp, ''),
			},
			rawBody: Buffer.alloc(0),
			body: {},
			contentType: 'application/json',
		};
		await expectUnauthorized(request, 'empty_body');
	});

	it('answers 415 to a signed body that is not declared as JSON', async () => {
		for (const header of [
			undefined,
			'text/plain',
			'application/jsonp',
			'application/json-seq',
			'multipart/form-data; boundary=x',
		]) {
			const request = signedRequest(key, delivery());
			request.headers['content-type'] = header;
			const { result, res } = await run(request);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(res.statusCode).toBe(415);
		}
	});

	it('answers 400 to a signed body that is not valid UTF-8, even though n8n parsed it', async () => {
		const good = Buffer.from(
			JSON.stringify(delivery('call.answered', { payload: { from: 'ABC' } })),
		);
		const at = good.indexOf('ABC');
		// A byte that is never UTF-8, a truncated sequence, and an overlong encoding of "/".
		for (const bytes of [[0xff], [0xc3], [0xc0, 0xaf]]) {
			const bad = Buffer.concat([good.subarray(0, at), Buffer.from(bytes), good.subarray(at + 3)]);
			const request = signedRequest(key, bad);
			expect(typeof request.body).toBe('object');
			const { result, res } = await run(request);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(res.statusCode).toBe(400);
			expect(res.body).toEqual({ message: 'The request body is not valid UTF-8' });
		}
	});

	it('answers 400 for bodies that are not Telnyx events', async () => {
		for (const text of ['hello', '{"data":', '{"no":"data"}', '[]']) {
			const request = signedRequest(key, text);
			const { result, res } = await run(request);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(res.statusCode).toBe(400);
		}
	});

	it('accepts unsigned requests only when verification is switched off', async () => {
		const request = signedRequest(intruder, delivery());
		const on = await run(request);
		expect(on.res.statusCode).toBe(401);
		const off = await run(
			signedRequest(intruder, delivery()),
			{ verifySignature: false },
			{
				credentials: { apiKey: 'k' },
			},
		);
		expect(startsExecution(off.result)).toBe(true);
	});

	it('answers 500 and logs, without throwing, when something unexpected fails', async () => {
		const harness = fakeWebhookContext({
			request: signedRequest(key, delivery()),
			credentials: async () => {
				throw new Error('credential store unavailable');
			},
		});
		const result = await node.webhook.call(harness.ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(harness.res.statusCode).toBe(500);
		expect(harness.logs).toContainEqual({
			level: 'error',
			message: expect.stringContaining('credential store unavailable'),
		});
	});
});

describe('TelnyxTrigger.webhook: the public key is read once a minute', () => {
	const other = signer(13);

	function withCredential(credentialId: string, credentials: () => IDataObject) {
		let reads = 0;
		const triggerNode = {
			...TRIGGER_NODE,
			credentials: { telnyxApi: { id: credentialId, name: 'Telnyx' } },
		};
		const deliver = async (request: FakeRequest) => {
			const harness = fakeWebhookContext({
				request,
				node: triggerNode,
				credentials: async () => {
					reads++;
					return credentials();
				},
			});
			const result = await node.webhook.call(harness.ctx);
			return { result, res: harness.res };
		};
		return { deliver, reads: () => reads };
	}

	afterEach(() => jest.restoreAllMocks());

	it('reads the credential once for many deliveries', async () => {
		const { deliver, reads } = withCredential('cred-once', () => ({ publicKey: key.publicKey }));
		for (let i = 0; i < 5; i++) {
			expect(startsExecution((await deliver(signedRequest(key, delivery()))).result)).toBe(true);
		}
		expect(reads()).toBe(1);
	});

	it('reads it again at once when a delivery does not verify, so a new key applies at once', async () => {
		let publicKey = key.publicKey;
		const { deliver, reads } = withCredential('cred-changed', () => ({ publicKey }));
		await deliver(signedRequest(key, delivery()));
		publicKey = other.publicKey;
		expect(startsExecution((await deliver(signedRequest(other, delivery()))).result)).toBe(true);
		expect(reads()).toBe(2);
		// The old key is refused at once too, and a forgery costs a read each time.
		expect((await deliver(signedRequest(key, delivery()))).res.statusCode).toBe(401);
		expect((await deliver(signedRequest(intruder, delivery()))).res.statusCode).toBe(401);
		expect(reads()).toBe(4);
	});

	it('reads it again after a minute', async () => {
		let now = 1_000_000;
		jest.spyOn(performance, 'now').mockImplementation(() => now);
		const { deliver, reads } = withCredential('cred-minute', () => ({ publicKey: key.publicKey }));
		await deliver(signedRequest(key, delivery()));
		now += 59_999;
		await deliver(signedRequest(key, delivery()));
		expect(reads()).toBe(1);
		now += 1;
		await deliver(signedRequest(key, delivery()));
		expect(reads()).toBe(2);
	});

	it('does not remember a credential without a key', async () => {
		const { deliver, reads } = withCredential('cred-empty', () => ({ apiKey: 'k' }));
		for (let i = 0; i < 2; i++) {
			expect((await deliver(signedRequest(key, delivery()))).res.statusCode).toBe(401);
		}
		expect(reads()).toBe(2);
	});
});

describe('TelnyxTrigger.webhook: events that are not selected', () => {
	it('answers 200 with an empty body for events that are not selected', async () => {
		const { result, res } = await run(signedRequest(key, delivery('call.hangup')), {
			events: ['call.answered', 'call.gather.ended'],
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(res.statusCode).toBe(200);
		expect(res.ended).toBe(true);
		expect(res.body).toBeUndefined();
	});

	it('runs for the selected ones', async () => {
		const { result } = await run(signedRequest(key, delivery('call.gather.ended')), {
			events: ['call.answered', 'call.gather.ended'],
		});
		expect(startsExecution(result)).toBe(true);
	});
});

describe('TelnyxTrigger.webhook: duplicates', () => {
	it('answers 200 without an execution for a delivery n8n already accepted', async () => {
		const workflowId = 'wf-duplicates-1';
		const body = delivery('call.answered', { id: 'evt-retried' });
		const first = await deliver(signedRequest(key, body), workflowId);
		expect(startsExecution(first.result)).toBe(true);

		// Telnyx retries with a new timestamp and signature but the same event id.
		const retry = await run(
			signedRequest(key, { ...body, meta: { attempt: 2 } }),
			{},
			{ workflowId },
		);
		expect(retry.result).toEqual({ noWebhookResponse: true });
		expect(retry.res.statusCode).toBe(200);
		expect(retry.res.body).toBeUndefined();

		const other = await deliver(signedRequest(key, delivery('call.answered')), workflowId);
		expect(startsExecution(other.result)).toBe(true);
		// Another workflow, or the same event seen by another trigger node, has its own memory.
		const elsewhere = await deliver(signedRequest(key, body), 'wf-duplicates-2');
		expect(startsExecution(elsewhere.result)).toBe(true);
	});

	it('writes nothing to static data', async () => {
		const staticData: IDataObject = {};
		const { result, res } = await run(signedRequest(key, delivery()), {}, { staticData });
		res.finish(200);
		expect(startsExecution(result)).toBe(true);
		expect(staticData).toEqual({});
	});

	it('lets the redelivery through when n8n did not accept the first delivery', async () => {
		const workflowId = 'wf-forget-on-failure';
		for (const status of [500, 503, 404]) {
			const body = delivery('call.answered', { id: `evt-failed-${status}` });
			const first = await deliver(signedRequest(key, body), workflowId, status);
			expect(startsExecution(first.result)).toBe(true);
			const retry = await deliver(signedRequest(key, body), workflowId);
			expect(startsExecution(retry.result)).toBe(true);
			const third = await run(signedRequest(key, body), {}, { workflowId });
			expect(third.result).toEqual({ noWebhookResponse: true });
		}
	});

	it('lets the redelivery through when the client went away before the answer', async () => {
		const workflowId = 'wf-forget-on-abort';
		const body = delivery('call.answered', { id: 'evt-aborted' });
		const first = await run(signedRequest(key, body), {}, { workflowId });
		expect(startsExecution(first.result)).toBe(true);
		first.res.abort();
		const retry = await deliver(signedRequest(key, body), workflowId);
		expect(startsExecution(retry.result)).toBe(true);
	});

	it('holds a copy that arrives while the first delivery is unanswered, then answers 200', async () => {
		const workflowId = 'wf-hold-accepted';
		const body = delivery('call.answered', { id: 'evt-held' });
		const first = await run(signedRequest(key, body), {}, { workflowId });
		expect(startsExecution(first.result)).toBe(true);

		const copies = [1, 2, 3].map(() => start(signedRequest(key, body), {}, { workflowId }));
		let done = 0;
		for (const copy of copies) void copy.pending.then(() => done++);
		await settle();
		expect(done).toBe(0);
		expect(copies.every((c) => !c.res.ended)).toBe(true);

		first.res.finish(200);
		const results = await Promise.all(copies.map((c) => c.pending));
		expect(results).toEqual(copies.map(() => ({ noWebhookResponse: true })));
		expect(copies.map((c) => c.res.statusCode)).toEqual([200, 200, 200]);
	});

	it('lets exactly one held copy take over when the first delivery fails', async () => {
		const workflowId = 'wf-hold-failed';
		const body = delivery('call.answered', { id: 'evt-takeover' });
		const first = await run(signedRequest(key, body), {}, { workflowId });
		const copies = [1, 2, 3].map(() => start(signedRequest(key, body), {}, { workflowId }));
		await settle();
		first.res.finish(503);
		await settle();
		// One copy now carries the event into an execution; the others wait for its outcome.
		const [takeover] = await Promise.race(copies.map((c) => c.pending.then(() => [c])));
		expect(copies.filter((c) => c.res.ended)).toHaveLength(0);
		takeover.res.finish(200);
		const results = await Promise.all(copies.map((c) => c.pending));
		expect(results.filter(startsExecution)).toHaveLength(1);
		expect(startsExecution(await takeover.pending)).toBe(true);
		const others = copies.filter((c) => c !== takeover);
		expect(others.map((c) => c.res.statusCode)).toEqual([200, 200]);
		expect(others.every((c) => c.res.answeredByNode)).toBe(true);
	});

	it('does not let a held copy whose client has gone take over', async () => {
		const workflowId = 'wf-hold-gone';
		const body = delivery('call.answered', { id: 'evt-gone' });
		const first = await run(signedRequest(key, body), {}, { workflowId });
		const copy = start(signedRequest(key, body), {}, { workflowId });
		await settle();
		copy.res.abort();
		first.res.finish(500);
		expect(await copy.pending).toEqual({ noWebhookResponse: true });
		// The event is still unclaimed, so Telnyx's next attempt starts the execution.
		const next = await deliver(signedRequest(key, body), workflowId);
		expect(startsExecution(next.result)).toBe(true);
	});

	it('keeps its memory bounded by the configured size, forgetting the oldest first', async () => {
		const workflowId = 'wf-capacity';
		const parameters = { verifySignature: false, options: { duplicateCapacity: 50 } };
		const unsigned = (id: string): FakeRequest => ({
			headers: { 'content-type': 'application/json' },
			rawBody: Buffer.from('{}'),
			body: delivery('call.dtmf.received', { id }),
			contentType: 'application/json',
		});
		for (let i = 0; i < 70; i++) {
			const { result, res } = await run(unsigned(`evt-${i}`), parameters, { workflowId });
			expect(startsExecution(result)).toBe(true);
			res.finish(200);
		}
		const again = async (i: number) =>
			startsExecution((await run(unsigned(`evt-${i}`), parameters, { workflowId })).result);
		expect(await again(69)).toBe(false);
		expect(await again(20)).toBe(false);
		expect(await again(19)).toBe(true);
		expect(await again(0)).toBe(true);
	});

	it('lets repeats through when the duplicate window is 0', async () => {
		const body = delivery('call.answered', { id: 'evt-twice' });
		const parameters = { options: { duplicateWindowMinutes: 0 } };
		for (let i = 0; i < 2; i++) {
			const { result, res } = await run(signedRequest(key, body), parameters, {
				workflowId: 'wf-window-0',
			});
			expect(startsExecution(result)).toBe(true);
			res.finish(200);
		}
	});

	it("does not de-duplicate on n8n's test URL", async () => {
		const body = delivery('call.answered', { id: 'evt-test-url' });
		for (let i = 0; i < 2; i++) {
			const { result, res } = await run(
				signedRequest(key, body),
				{},
				{
					workflowId: 'wf-manual',
					mode: 'manual',
				},
			);
			expect(startsExecution(result)).toBe(true);
			res.finish(200);
		}
	});

	it('does not remember events that were filtered out or refused', async () => {
		const workflowId = 'wf-not-remembered';
		const body = delivery('call.hangup', { id: 'evt-filtered' });
		await run(signedRequest(key, body), { events: ['call.answered'] }, { workflowId });
		await run(signedRequest(intruder, body), {}, { workflowId });
		const { result } = await run(signedRequest(key, body), {}, { workflowId });
		expect(startsExecution(result)).toBe(true);
	});
});
