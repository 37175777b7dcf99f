import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { TelnyxTrigger } from '../../../nodes/TelnyxTrigger/TelnyxTrigger.node';
import { DEFAULT_CAPACITY } from '../../../nodes/TelnyxTrigger/dedupe';
import { SEEN_EVENTS_KEY } from '../../../nodes/TelnyxTrigger/webhook';
import {
	delivery,
	encodeState,
	fakeWebhookContext,
	nowSeconds,
	sign,
	signedRequest,
	signer,
	type FakeRequest,
} from './helpers';

const key = signer(11);
const intruder = signer(12);
const node = new TelnyxTrigger();

async function run(
	request: FakeRequest,
	parameters: Record<string, unknown> = {},
	extra: { credentials?: IDataObject; staticData?: IDataObject } = {},
) {
	const harness = fakeWebhookContext({
		request,
		parameters,
		credentials: extra.credentials ?? { apiKey: 'k', publicKey: key.publicKey },
		staticData: extra.staticData,
	});
	const result = await node.webhook.call(harness.ctx);
	return { result, ...harness };
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
	it('emits one item for a signed event, answering 200 itself after recording the id', async () => {
		const body = delivery('call.answered', {
			id: 'evt-accepted',
			payload: { call_control_id: 'v3:x', client_state: encodeState({ step: 'greet' }) },
		});
		const { result, res } = await run(signedRequest(key, body));
		expect(startsExecution(result)).toBe(true);
		// Answered before n8n builds the execution, so that n8n saves the recorded id.
		expect(result.noWebhookResponse).toBe(true);
		expect(res.statusCode).toBe(200);
		expect(res.ended).toBe(true);
		expect(res.body).toBeUndefined();
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

	it('leaves the answer to n8n when nothing was recorded', async () => {
		for (const [body, parameters] of [
			[delivery('call.answered'), { options: { duplicateWindowMinutes: 0 } }],
			[{ data: { event_type: 'call.answered', payload: {} } }, {}],
		] as const) {
			const { result, res } = await run(signedRequest(key, body), parameters);
			expect(startsExecution(result)).toBe(true);
			expect(result.noWebhookResponse).toBeUndefined();
			expect(res.statusCode).toBeUndefined();
			expect(res.ended).toBe(false);
		}
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

	it('parses the raw body itself when the content type is not JSON', async () => {
		const request = signedRequest(key, delivery('call.hangup', { id: 'evt-text' }));
		request.contentType = 'text/plain';
		request.body = JSON.stringify(request.body);
		const { result } = await run(request);
		expect(result.workflowData![0][0].json.id).toBe('evt-text');
	});
});

describe('TelnyxTrigger.webhook: fail closed with 401', () => {
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
		expect(res.body).toEqual({ message: 'Unauthorized', reason });
		expect(logs.some((l) => l.level === 'warn')).toBe(true);
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
				'telnyx-timestamp': timestamp,
				'telnyx-signature-ed25519': sign(key, timestamp, ''),
			},
			rawBody: Buffer.alloc(0),
			body: {},
			contentType: 'application/json',
		};
		await expectUnauthorized(request, 'empty_body');
	});
});

describe('TelnyxTrigger.webhook: answered without an execution', () => {
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

	it('answers 200 for a delivery it has already seen', async () => {
		const staticData: IDataObject = {};
		const body = delivery('call.answered', { id: 'evt-retried' });
		const first = await run(signedRequest(key, body), {}, { staticData });
		expect(startsExecution(first.result)).toBe(true);

		// Telnyx retries with a new timestamp and signature but the same event id.
		const retry = await run(
			signedRequest(key, { ...body, meta: { attempt: 2 } }),
			{},
			{ staticData },
		);
		expect(retry.result).toEqual({ noWebhookResponse: true });
		expect(retry.res.statusCode).toBe(200);
		expect(retry.res.body).toBeUndefined();

		const other = await run(signedRequest(key, delivery('call.answered')), {}, { staticData });
		expect(startsExecution(other.result)).toBe(true);
	});

	it('keeps its memory of event ids bounded', async () => {
		const staticData: IDataObject = {};
		for (let i = 0; i < DEFAULT_CAPACITY + 20; i++) {
			const { result } = await run(
				{
					headers: {},
					rawBody: Buffer.from('{}'),
					body: delivery('call.dtmf.received', { id: `evt-${i}` }),
					contentType: 'application/json',
				},
				{ verifySignature: false },
				{ staticData },
			);
			expect(startsExecution(result)).toBe(true);
		}
		const memory = staticData[SEEN_EVENTS_KEY] as { ids: string[] };
		expect(memory.ids).toHaveLength(DEFAULT_CAPACITY);
		expect(memory.ids[0]).toBe('evt-20');
	});

	it('lets repeats through when the duplicate window is 0', async () => {
		const staticData: IDataObject = {};
		const body = delivery('call.answered', { id: 'evt-twice' });
		const parameters = { options: { duplicateWindowMinutes: 0 } };
		for (let i = 0; i < 2; i++) {
			const { result } = await run(signedRequest(key, body), parameters, { staticData });
			expect(startsExecution(result)).toBe(true);
		}
		expect(staticData[SEEN_EVENTS_KEY]).toBeUndefined();
	});

	it('does not remember events that were filtered out or refused', async () => {
		const staticData: IDataObject = {};
		const body = delivery('call.hangup', { id: 'evt-filtered' });
		await run(signedRequest(key, body), { events: ['call.answered'] }, { staticData });
		await run(signedRequest(intruder, body), {}, { staticData });
		const { result } = await run(signedRequest(key, body), {}, { staticData });
		expect(startsExecution(result)).toBe(true);
	});

	it('answers 400 for bodies that do not parse when verification is off', async () => {
		for (const text of ['hello', '{"data":', '{"no":"data"}']) {
			const request: FakeRequest = {
				headers: { 'content-type': 'text/plain' },
				rawBody: Buffer.from(text),
				body: text,
				contentType: 'text/plain',
			};
			const { result, res } = await run(request, { verifySignature: false });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(res.statusCode).toBe(400);
		}
	});

	it('answers 400 for a correctly signed body that is not a Telnyx event', async () => {
		const { result, res } = await run(signedRequest(key, 'not json at all'));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(res.statusCode).toBe(400);
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
