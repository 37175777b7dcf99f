/**
 * A waiting Telnyx node through n8n-core's own engine and contexts, in process: the command
 * goes to the mock API, the execution stops waiting, and it resumes either through the node's
 * webhook() (n8n's WebhookContext on the saved execution data) or by the timeout.
 *
 * Between the steps the execution data goes through JSON, as n8n saves it, and the few
 * bookkeeping steps n8n's server does around a waiting webhook (disable the waiting node,
 * clear waitTill, feed the webhook's outputs to it) are done by hand. The real server runs
 * the same flow in test/e2e/linearFlow.test.ts.
 */
import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { TelnyxMock } from '../../mock/telnyxMock';
import {
	nodeTypes as harnessTypes,
	runWorkflow,
	type RunResult,
	type WorkflowJson,
} from '../../harness/runWorkflow';
import { delivery, encodeState, nowSeconds, sign, signer } from '../trigger/helpers';

const PACKAGE = 'n8n-nodes-telnyx-call-control';
const CALL = 'v3:waiting-call';
const key = signer(11);

/** Passes its items on: stands for whatever a flow does on each output. */
class Collect implements INodeType {
	description = {
		displayName: 'Collect',
		name: 'collect',
		group: ['transform'],
		version: 1,
		description: 'Passes items on',
		defaults: { name: 'Collect' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: import('n8n-workflow').IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const types: INodeTypes = {
	getByName: (name) => (name === 'collect' ? new Collect() : harnessTypes.getByName(name)),
	getByNameAndVersion: (name, version) =>
		name === 'collect' ? new Collect() : harnessTypes.getByNameAndVersion(name, version),
	getKnownTypes: () => ({}),
};

/** Start → Telnyx (waiting) → "On Event" on output 0, "On End" on output 1. */
function flow(parameters: IDataObject, settings: Partial<INode> = {}): WorkflowJson {
	const node = (name: string, type: string, x: number, extra: Partial<INode> = {}): INode => ({
		id: `00000000-0000-4000-8000-0000000000${String(x).padStart(2, '0')}`,
		name,
		type,
		typeVersion: 1,
		position: [x * 100, 0],
		parameters: {},
		...extra,
	});
	return {
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1),
			node('Telnyx', `${PACKAGE}.telnyx`, 2, {
				parameters: parameters as INode['parameters'],
				credentials: { telnyxApi: { id: '1', name: 'Telnyx account' } },
				...settings,
			}),
			node('On Event', 'collect', 3),
			node('On End', 'collect', 4),
		],
		connections: {
			Start: { main: [[{ node: 'Telnyx', type: 'main', index: 0 }]] },
			Telnyx: {
				main: [
					[{ node: 'On Event', type: 'main', index: 0 }],
					[{ node: 'On End', type: 'main', index: 0 }],
				],
			},
		},
	};
}

const menu = {
	resource: 'call',
	operation: 'gatherUsingSpeak',
	payload: 'Press 1 for sales',
	voice: 'female',
	waitFor: 'call.gather.ended',
	waitTimeout: 45,
};
const initiated = {
	json: { event_type: 'call.initiated', id: 'evt-initiated', payload: { call_control_id: CALL } },
};

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => mock.stop());
beforeEach(() => mock.reset());

const credentials = () => ({
	apiKey: mock.apiKey,
	baseUrl: mock.baseUrl,
	publicKey: key.publicKey,
});

async function run(
	json: WorkflowJson,
	input: INodeExecutionData[] = [initiated],
	runExecutionData?: IRunExecutionData,
) {
	return await runWorkflow(json, {
		credentials: credentials(),
		input,
		nodeTypes: types,
		runExecutionData,
	});
}

/** The execution as n8n stores it: JSON, no shared objects with the run that made it. */
const saved = (result: RunResult): IRunExecutionData => JSON.parse(JSON.stringify(result.run.data));

/** What n8n's waiting-webhook handler does before it calls webhook(). */
function beforeWebhook(data: IRunExecutionData): IRunExecutionData {
	data.executionData!.nodeExecutionStack[0].node.disabled = true;
	data.waitTill = undefined;
	data.resultData.runData[data.resultData.lastNodeExecuted!].pop();
	return data;
}

/** What n8n does with the webhook's outputs before it continues the execution. */
function resumeWith(data: IRunExecutionData, outputs: INodeExecutionData[][]): IRunExecutionData {
	const entry = data.executionData!.nodeExecutionStack[0];
	entry.data.main = outputs;
	entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
	return data;
}

interface Delivered {
	status?: number;
	body?: unknown;
	result: IWebhookResponseData;
}

/** Calls the node's webhook() through n8n's WebhookContext on the saved execution. */
async function deliver(
	result: RunResult,
	data: IRunExecutionData,
	body: IDataObject,
	headers?: Record<string, string>,
): Promise<Delivered> {
	const raw = JSON.stringify(body);
	const timestamp = String(nowSeconds());
	const request = {
		method: 'POST',
		headers: headers ?? {
			'content-type': 'application/json',
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': sign(key, timestamp, raw),
		},
		rawBody: Buffer.from(raw),
		body: JSON.parse(raw),
		contentType: 'application/json',
		params: {},
		query: {},
	};
	const answered: Delivered = { result: {} };
	const response = {
		headersSent: false,
		status(code: number) {
			answered.status = code;
			return response;
		},
		send(value: unknown) {
			answered.body = value;
			response.headersSent = true;
			return response;
		},
		end() {
			response.headersSent = true;
			return response;
		},
	};
	const node = result.workflow.getNode('Telnyx')!;
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'telnyx-events',
		webhookDescription: new Telnyx().description.webhooks![0],
		workflowId: result.workflow.id,
		workflowExecuteAdditionalData: result.additionalData,
	} as unknown as IWebhookData;
	const context = new WebhookContext(
		result.workflow,
		node,
		{ ...result.additionalData, httpRequest: request, httpResponse: response } as never,
		'manual',
		webhookData,
		[],
		data,
	);
	answered.result = await new Telnyx().webhook.call(context);
	return answered;
}

const gatherEnded = (overrides: { call?: string; id?: string; digits?: string } = {}) =>
	delivery('call.gather.ended', {
		id: overrides.id,
		payload: {
			call_control_id: overrides.call ?? CALL,
			digits: overrides.digits ?? '1',
			status: 'valid',
			client_state: encodeState({ step: 'menu' }),
		},
	});

describe('a command that waits', () => {
	test('sends its command, then the execution waits with the wait saved in its own data', async () => {
		const before = Date.now();
		const result = await run(flow(menu));
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('waiting');
		const waitTill = new Date(result.run.waitTill!).getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 45_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 45_000);
		expect(mock.requests.map((r) => r.path)).toEqual([
			`/calls/${encodeURIComponent(CALL)}/actions/gather_using_speak`,
		]);
		// No webhook URL: Gather is not one of the commands that route a call's events.
		expect((mock.requests[0].body as IDataObject).webhook_url).toBeUndefined();
		expect(result.items('On Event')).toEqual([]);
		expect(result.items('On End')).toEqual([]);

		const data = saved(result);
		expect(data.executionData!.contextData['node:Telnyx']).toEqual({
			telnyxWait: {
				call: CALL,
				events: ['call.gather.ended'],
				hangupEnds: true,
				skip: ['evt-initiated'],
				timeoutSeconds: 45,
			},
		});
		const entry = data.executionData!.nodeExecutionStack[0];
		expect(entry.node.name).toBe('Telnyx');
		expect(entry.metadata).toEqual({ forwardAllOutputs: true });
	});

	test('the timeout resumes the execution on the second output with a timeout marker', async () => {
		const result = await run(flow(menu));
		const resumed = await run(flow(menu), undefined, saved(result));
		expect(resumed.error).toBeUndefined();
		expect(resumed.run.status).toBe('success');
		expect(resumed.output('On End')).toEqual([
			{
				outcome: 'timeout',
				call_control_id: CALL,
				waited_for: ['call.gather.ended'],
				timeout_seconds: 45,
			},
		]);
		expect(resumed.items('On End')[0].pairedItem).toEqual({ item: 0 });
		expect(resumed.items('On Event')).toEqual([]);
		// Resuming sends nothing: the command went out once.
		expect(mock.requests).toHaveLength(1);
	});

	test('the awaited event resumes it on the first output, as the trigger would show it', async () => {
		const result = await run(flow(menu));
		const data = beforeWebhook(saved(result));
		const answered = await deliver(result, data, gatherEnded());
		expect(answered.status).toBeUndefined(); // n8n answers once it has taken the execution over
		const outputs = answered.result.workflowData!;
		expect(outputs[1]).toEqual([]);
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({
			event_type: 'call.gather.ended',
			payload: { call_control_id: CALL, digits: '1', client_state_decoded: { step: 'menu' } },
		});

		const resumed = await run(flow(menu), undefined, resumeWith(data, outputs));
		expect(resumed.run.status).toBe('success');
		expect(resumed.output('On Event')).toEqual([outputs[0][0].json]);
		expect(resumed.items('On End')).toEqual([]);
		expect(mock.requests).toHaveLength(1);
	});

	test('call.hangup resumes it on the second output, saying the call ended', async () => {
		const result = await run(flow(menu));
		const data = beforeWebhook(saved(result));
		const hangup = delivery('call.hangup', {
			payload: { call_control_id: CALL, hangup_cause: 'normal_clearing' },
		});
		const outputs = (await deliver(result, data, hangup)).result.workflowData!;
		expect(outputs[0]).toEqual([]);
		expect(outputs[1][0].json).toMatchObject({
			outcome: 'hangup',
			event_type: 'call.hangup',
			payload: { call_control_id: CALL, hangup_cause: 'normal_clearing' },
			waited_for: ['call.gather.ended'],
		});
		const resumed = await run(flow(menu), undefined, resumeWith(data, outputs));
		expect(resumed.output('On End')).toEqual([outputs[1][0].json]);
		expect(resumed.items('On Event')).toEqual([]);
	});

	test('events of another call, unawaited events and the input event are answered 200 and change nothing', async () => {
		const result = await run(flow(menu));
		const data = beforeWebhook(saved(result));
		const snapshot = JSON.stringify(data);
		for (const body of [
			gatherEnded({ call: 'v3:another-call' }),
			delivery('call.speak.started', { payload: { call_control_id: CALL } }),
			delivery('call.dtmf.received', { payload: { call_control_id: CALL, digit: '1' } }),
			gatherEnded({ id: 'evt-initiated' }),
		]) {
			const answered = await deliver(result, data, body);
			expect(answered).toEqual({
				status: 200,
				body: undefined,
				result: { noWebhookResponse: true },
			});
		}
		expect(JSON.stringify(data)).toBe(snapshot);
	});

	test('a forged, tampered or unsigned event is refused with 401', async () => {
		const result = await run(flow(menu));
		const data = beforeWebhook(saved(result));
		const body = gatherEnded();
		const raw = JSON.stringify(body);
		const timestamp = String(nowSeconds());
		const cases: Array<[string, Record<string, string>]> = [
			[
				'other key',
				{
					'telnyx-timestamp': timestamp,
					'telnyx-signature-ed25519': sign(signer(12), timestamp, raw),
				},
			],
			[
				'tampered',
				{
					'telnyx-timestamp': timestamp,
					'telnyx-signature-ed25519': sign(key, timestamp, raw.replace('"1"', '"2"')),
				},
			],
			['unsigned', {}],
			[
				'stale',
				{
					'telnyx-timestamp': String(nowSeconds() - 3600),
					'telnyx-signature-ed25519': sign(key, String(nowSeconds() - 3600), raw),
				},
			],
		];
		for (const [what, headers] of cases) {
			const answered = await deliver(result, data, body, {
				'content-type': 'application/json',
				...headers,
			});
			expect({ what, status: answered.status, result: answered.result }).toEqual({
				what,
				status: 401,
				result: { noWebhookResponse: true },
			});
		}
		// Still waiting for the real one.
		expect((await deliver(result, data, body)).result.workflowData).toBeDefined();
	});

	test('the public key is read from the credential once for many events, and a 401 names no reason', async () => {
		const result = await run(flow(menu));
		const data = beforeWebhook(saved(result));
		const helper = result.additionalData.credentialsHelper as unknown as { reads: number };
		const before = helper.reads;
		for (let i = 0; i < 5; i++) {
			const answered = await deliver(
				result,
				data,
				delivery('call.speak.started', { payload: { call_control_id: CALL } }),
			);
			expect(answered.status).toBe(200);
		}
		expect(helper.reads - before).toBeLessThanOrEqual(1);
		const refused = await deliver(result, data, gatherEnded(), {
			'content-type': 'application/json',
		});
		expect({ status: refused.status, body: refused.body }).toEqual({
			status: 401,
			body: { message: 'Unauthorized' },
		});
	});

	test('a body that is not a Telnyx event is refused with 400', async () => {
		const result = await run(flow(menu));
		const answered = await deliver(result, beforeWebhook(saved(result)), { hello: 'world' });
		expect(answered.status).toBe(400);
		expect(answered.result).toEqual({ noWebhookResponse: true });
	});
});

describe('routing and Wait for Event', () => {
	test("Answer with Send This Call's Events To This Execution gives Telnyx the resume URL and a retry policy", async () => {
		const result = await run(
			flow({ resource: 'call', operation: 'answer', sendEventsToExecution: true }),
		);
		expect(result.run.status).toBe('success');
		const body = mock.requests[0].body as IDataObject;
		expect(body.webhook_url).toBe(
			`http://127.0.0.1/webhook-waiting/${result.additionalData.executionId}/telnyx-events`,
		);
		const policies = body.webhook_retries_policies as Record<string, unknown>;
		expect(policies['call.gather.ended']).toEqual({ retries_ms: [500, 1500, 4000, 10000, 20000] });
		expect(policies['call.hangup']).toBeDefined();
		expect(result.output('On Event')).toEqual([{ result: 'ok' }]);
	});

	test('Dial that waits routes its call by itself and waits on the call Telnyx created', async () => {
		const result = await run(
			flow({
				resource: 'call',
				operation: 'dial',
				connectionId: 'conn-1',
				from: '+13125550100',
				to: '+13125550111',
				waitFor: 'call.answered',
			}),
			[{ json: {} }],
		);
		expect(result.run.status).toBe('waiting');
		const dialed = mock.requests[0];
		expect((dialed.body as IDataObject).webhook_url).toMatch(
			/\/webhook-waiting\/.+\/telnyx-events$/,
		);
		const state = saved(result).executionData!.contextData['node:Telnyx'].telnyxWait;
		expect(state.call).toMatch(/^v3:/);
		expect(state.events).toEqual(['call.answered']);
		expect(mock.getCall(state.call)?.webhook_url).toBe((dialed.body as IDataObject).webhook_url);
	});

	test('a Webhook URL of its own cannot be combined with sending the events here', async () => {
		const result = await run(
			flow({
				resource: 'call',
				operation: 'answer',
				sendEventsToExecution: true,
				additionalFields: { webhookRouting: { webhookUrl: 'https://example.com/hook' } },
			}),
		);
		expect(result.error?.message).toBe(
			`The "Webhook URL" field cannot be set when the call's events go to this execution ("Send This Call's Events To This Execution" or "Wait For")`,
		);
		expect(mock.requests).toHaveLength(0);
	});

	test('Wait for Event sends nothing and waits for the chosen events', async () => {
		const result = await run(
			flow({
				resource: 'call',
				operation: 'waitForEvent',
				eventTypes: ['call.playback.ended', 'call.recording.saved'],
				waitTimeout: 20,
			}),
		);
		expect(result.run.status).toBe('waiting');
		expect(mock.requests).toHaveLength(0);
		expect(saved(result).executionData!.contextData['node:Telnyx'].telnyxWait).toEqual({
			call: CALL,
			events: ['call.playback.ended', 'call.recording.saved'],
			hangupEnds: false,
			skip: ['evt-initiated'],
			timeoutSeconds: 20,
		});
	});
});

describe('checked before anything is sent', () => {
	test.each([
		[
			'two input items',
			menu,
			[initiated, initiated],
			'The "Wait For" field needs exactly one input item, because one execution waits for one call; got 2. Run a sub-workflow per call instead.',
		],
		[
			'a timeout below one second',
			{ ...menu, waitTimeout: 0 },
			[initiated],
			'The "Wait Timeout (Seconds)" field must be a whole number of seconds, at least 1, not "0"',
		],
		[
			'an event the command cannot wait for',
			{ ...menu, waitFor: 'call.speak.ended' },
			[initiated],
			'The "Wait For" field must be one of none, call.gather.ended, not "call.speak.ended"',
		],
		[
			'Wait for Event without events',
			// n8n itself refuses an empty list typed in; an expression can still yield one.
			{ resource: 'call', operation: 'waitForEvent', eventTypes: '={{ [] }}' },
			[initiated],
			'The "Events" field is empty',
		],
		[
			'Wait for Event without a call',
			{
				resource: 'call',
				operation: 'waitForEvent',
				eventTypes: ['call.hangup'],
				callControlId: ' ',
			},
			[initiated],
			'The "Call Control ID" field is empty',
		],
	])('%s', async (_what, parameters, input, message) => {
		const result = await run(flow(parameters), input);
		expect(result.error?.message).toBe(message);
		expect(mock.requests).toHaveLength(0);
	});

	test('a command that fails under Continue On Fail does not wait', async () => {
		mock.route('POST', /gather_using_speak$/, () => ({
			status: 422,
			body: { errors: [{ code: '90018', title: 'Call has already ended' }] },
		}));
		const result = await run(flow(menu, { onError: 'continueRegularOutput' }));
		expect(result.run.status).toBe('success');
		expect(result.output('On Event')).toEqual([
			expect.objectContaining({ error: 'Call has already ended (code 90018)' }),
		]);
		expect(result.items('On End')).toEqual([]);
	});
});
