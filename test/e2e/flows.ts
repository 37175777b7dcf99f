/**
 * The end-to-end flows, written once and run against any n8n that serves the fixtures: the
 * single-process server of n8n.test.ts and the queue-mode cluster of test/queue. A flow talks to
 * n8n only through a FlowContext (where the production webhooks are, how executions are read,
 * how `n8n execute` is run), and to Telnyx through the mock.
 */
import axios from 'axios';
import type { RecordedRequest, TelnyxMock } from '../mock/telnyxMock';
import {
	host,
	parseRunJson,
	postRaw,
	telnyxEvent,
	type Execution,
	type WebhookSigner,
} from './harness';

export const PACKAGE = 'n8n-nodes-telnyx-call-control';
export const INBOUND = 'TelnyxE2eInbound';
export const FAULTS = 'TelnyxE2eFaults1';
export const OUTBOUND = 'TelnyxE2eOutbnd1';
export const INBOUND_HOOK = '5e2e0000-0000-4000-8000-00000000e2e1/webhook';
export const FAULTS_HOOK = 'telnyx-e2e-faults';
export const APP_ID = 'app-e2e-inbound';
export const APP_NAME = 'E2E inbound';
export const PREVIOUS_URL = 'https://example.com/telnyx/previous-webhook';
export const OTHER_APP = {
	id: 'app-e2e-untouched',
	application_name: 'Untouched',
	webhook_event_url: 'https://example.com/other',
};
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
export const callPath = (id: string, action?: string) =>
	`/calls/${encodeURIComponent(id)}${action ? `/actions/${action}` : ''}`;

/** What a flow needs from the n8n it runs against. */
export interface FlowContext {
	mock: TelnyxMock;
	/** Signs deliveries with the key the credential's Webhook Public Key matches. */
	signer: Pick<WebhookSigner, 'headers'>;
	/** The production URL of a webhook path (a server's own, or a load balancer's). */
	webhookUrl(hookPath: string): string;
	settledExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<Execution[]>;
	/** The environment for `n8n execute` beside the running server(s). */
	cliEnv(): Promise<NodeJS.ProcessEnv>;
}

/** Gives the mock the application the inbound trigger registers on, and one it must not touch. */
export function addApplications(mock: TelnyxMock): void {
	mock.addApplication({ id: APP_ID, application_name: APP_NAME, webhook_event_url: PREVIOUS_URL });
	mock.addApplication({ ...OTHER_APP });
}

/** The command requests (to /calls...) the mock answered since index `from`, without faults. */
export function callRequests(mock: TelnyxMock, from: number): RecordedRequest[] {
	return mock.requests.slice(from).filter((r) => r.path.startsWith('/calls') && !r.fault);
}

/** A request without its generated command_id, for exact comparison. */
export function shape(r: RecordedRequest) {
	const body =
		r.body && typeof r.body === 'object' ? { ...(r.body as Record<string, unknown>) } : r.body;
	if (body && typeof body === 'object') delete (body as Record<string, unknown>).command_id;
	return { method: r.method, path: r.path, body };
}

export function commandId(r: RecordedRequest): string {
	return String((r.body as Record<string, unknown>).command_id);
}

/** The event id each execution's trigger emitted, in execution order. */
export function triggerEventIds(executions: Execution[]): string[] {
	return executions.map((e) => {
		const items = e.runData['Telnyx Trigger']?.[0] ?? [];
		expect(items).toHaveLength(1);
		return String(items[0].id);
	});
}

export const callA = {
	call_control_id: 'v3:e2e-inbound-call-A',
	call_leg_id: '2f1d8d0e-0000-4000-8000-00000000000a',
	call_session_id: '3a2e9e1f-0000-4000-8000-00000000000a',
	from: '+13125550123',
	to: '+13125550100',
	direction: 'incoming',
	state: 'parked',
};
export const callB = {
	...callA,
	call_control_id: 'v3:e2e-inbound-call-B',
	call_leg_id: '2f1d8d0e-0000-4000-8000-00000000000b',
	call_session_id: '3a2e9e1f-0000-4000-8000-00000000000b',
	from: '+13125550124',
};
export const menuState = (phone: string) => b64(JSON.stringify({ step: 'menu', phone }));

export interface InboundFlowResult {
	/** The event ids that started an execution, in order. */
	acceptedIds: string[];
	/** The first delivery exactly as sent (body and headers), to replay it later. */
	firstDelivery: { raw: string; headers: Record<string, string> };
}

/**
 * Two calls through the inbound IVR: each is answered, hears the menu with client_state, is
 * asked for a digit, and is transferred (1) or hung up (2) on what the gather returned; a hangup
 * event ends the first. Checks every command, its order and the executions.
 */
export async function inboundFlow(ctx: FlowContext): Promise<InboundFlowResult> {
	const { mock, signer } = ctx;
	const url = ctx.webhookUrl(INBOUND_HOOK);
	const start = mock.requests.length;
	const events: Array<{ raw: string; id: string; commands: number }> = [
		{
			id: 'evt-e2e-A-initiated',
			raw: telnyxEvent('call.initiated', 'evt-e2e-A-initiated', callA),
			commands: 3,
		},
		{
			id: 'evt-e2e-A-gathered',
			raw: telnyxEvent('call.gather.ended', 'evt-e2e-A-gathered', {
				...callA,
				digits: '1',
				status: 'valid',
				client_state: menuState(callA.from),
			}),
			commands: 1,
		},
		{
			id: 'evt-e2e-B-initiated',
			raw: telnyxEvent('call.initiated', 'evt-e2e-B-initiated', callB),
			commands: 3,
		},
		{
			id: 'evt-e2e-B-gathered',
			raw: telnyxEvent('call.gather.ended', 'evt-e2e-B-gathered', {
				...callB,
				digits: '2',
				status: 'valid',
				client_state: menuState(callB.from),
			}),
			commands: 1,
		},
		{
			id: 'evt-e2e-A-hangup',
			raw: telnyxEvent('call.hangup', 'evt-e2e-A-hangup', {
				...callA,
				hangup_cause: 'normal_clearing',
				hangup_source: 'caller',
			}),
			commands: 0,
		},
	];
	let firstDelivery: InboundFlowResult['firstDelivery'] | undefined;
	let expectedCommands = 0;
	for (const [index, event] of events.entries()) {
		const headers = signer.headers(event.raw);
		firstDelivery ??= { raw: event.raw, headers };
		const response = await postRaw(url, event.raw, headers);
		expect(response.status).toBe(200);
		// One event at a time, so the order of the commands is known.
		await ctx.settledExecutions(INBOUND, index + 1);
		expectedCommands += event.commands;
		await mock.waitFor(() => callRequests(mock, start).length >= expectedCommands, 15_000);
	}
	const acceptedIds = events.map((e) => e.id);

	const commands = callRequests(mock, start);
	expect(commands.map(shape)).toEqual([
		{ method: 'POST', path: callPath(callA.call_control_id, 'answer'), body: {} },
		{
			method: 'POST',
			path: callPath(callA.call_control_id, 'speak'),
			body: {
				payload: 'Press 1 for sales. Press 2 to end the call.',
				voice: 'AWS.Polly.Joanna-Neural',
				language: 'en-US',
				client_state: menuState(callA.from),
			},
		},
		{
			method: 'POST',
			path: callPath(callA.call_control_id, 'gather'),
			body: {
				minimum_digits: 1,
				maximum_digits: 1,
				valid_digits: '12',
				timeout_millis: 10000,
				client_state: menuState(callA.from),
			},
		},
		{
			method: 'POST',
			path: callPath(callA.call_control_id, 'transfer'),
			body: {
				to: '+13125550199',
				client_state: b64(JSON.stringify({ step: 'sales', phone: callA.from })),
			},
		},
		{ method: 'POST', path: callPath(callB.call_control_id, 'answer'), body: {} },
		{
			method: 'POST',
			path: callPath(callB.call_control_id, 'speak'),
			body: {
				payload: 'Press 1 for sales. Press 2 to end the call.',
				voice: 'AWS.Polly.Joanna-Neural',
				language: 'en-US',
				client_state: menuState(callB.from),
			},
		},
		{
			method: 'POST',
			path: callPath(callB.call_control_id, 'gather'),
			body: {
				minimum_digits: 1,
				maximum_digits: 1,
				valid_digits: '12',
				timeout_millis: 10000,
				client_state: menuState(callB.from),
			},
		},
		{ method: 'POST', path: callPath(callB.call_control_id, 'hangup'), body: {} },
	]);
	const ids = commands.map(commandId);
	for (const id of ids) expect(id).toMatch(UUID);
	expect(new Set(ids).size).toBe(ids.length);

	const executions = await ctx.settledExecutions(INBOUND, events.length);
	expect(executions.map((e) => [e.mode, e.status])).toEqual(
		events.map(() => ['webhook', 'success']),
	);
	expect(triggerEventIds(executions)).toEqual(acceptedIds);
	// The trigger decoded the client_state the flow set, and the flow branched on it.
	const gathered = executions[1].runData['Telnyx Trigger'][0][0];
	expect(gathered.payload.client_state_decoded).toEqual({ step: 'menu', phone: callA.from });
	expect(Object.keys(executions[1].runData)).toContain('Transfer To Sales');
	expect(Object.keys(executions[1].runData)).not.toContain('Hang Up');
	expect(Object.keys(executions[3].runData)).toContain('Hang Up');
	expect(Object.keys(executions[3].runData)).not.toContain('Transfer To Sales');
	expect(Object.keys(executions[4].runData)).toContain('Call Ended');
	return { acceptedIds, firstDelivery: firstDelivery! };
}

/**
 * 24 speak commands on 8 calls while the mock fails 30% of requests (500, 429, dropped
 * connections): every command reaches the mock exactly once, retries repeat it unchanged, and
 * commands on one call keep item order.
 */
export async function faultsFlow(ctx: FlowContext): Promise<void> {
	const { mock } = ctx;
	const items = Array.from({ length: 24 }, (_, i) => ({
		call_control_id: `v3:e2e-faults-${i % 8}`,
		text: `Item ${i}`,
	}));
	const start = mock.requests.length;
	mock.faults({ rate: 0.3, seed: 20240611, retryAfterSeconds: 0 });
	let response;
	try {
		response = await axios.post(
			ctx.webhookUrl(FAULTS_HOOK),
			{ calls: items },
			{ validateStatus: () => true, timeout: 180_000 },
		);
	} finally {
		mock.faults(null);
	}
	expect(response.status).toBe(200);
	expect(response.data).toEqual(items.map(() => ({ result: 'ok' })));

	const speaks = mock.requests.slice(start).filter((r) => r.path.endsWith('/actions/speak'));
	const faulted = speaks.filter((r) => r.fault);
	const answered = speaks.filter((r) => !r.fault);
	// The run must really have met faults, of every kind, or it proves nothing.
	expect(new Set(faulted.map((r) => r.fault))).toEqual(new Set(['500', '429', 'drop']));

	const byCommand = new Map<string, RecordedRequest[]>();
	for (const r of speaks) byCommand.set(commandId(r), [...(byCommand.get(commandId(r)) ?? []), r]);
	// One command ID per item; each reached the mock exactly once; retries repeated it unchanged.
	expect(byCommand.size).toBe(items.length);
	for (const [id, attempts] of byCommand) {
		expect(id).toMatch(UUID);
		expect(attempts.filter((r) => !r.fault)).toHaveLength(1);
		for (const attempt of attempts) {
			expect(attempt.path).toBe(attempts[0].path);
			expect(attempt.body).toEqual(attempts[0].body);
		}
	}
	expect(answered.map((r) => `${r.path} ${(r.body as any).payload}`).sort()).toEqual(
		items.map((item) => `${callPath(item.call_control_id, 'speak')} ${item.text}`).sort(),
	);
	// Commands on the same call arrived in item order.
	for (const call of new Set(items.map((item) => item.call_control_id))) {
		expect(
			answered
				.filter((r) => r.path === callPath(call, 'speak'))
				.map((r) => (r.body as any).payload),
		).toEqual(items.filter((item) => item.call_control_id === call).map((item) => item.text));
	}
	const executions = await ctx.settledExecutions(FAULTS, 1);
	expect(executions.map((e) => [e.mode, e.status])).toEqual([['webhook', 'success']]);
}

/** Dial, get the call's status, hang up: the outbound workflow run with `n8n execute`. */
export async function outboundFlow(ctx: FlowContext): Promise<void> {
	const { mock } = ctx;
	const start = mock.requests.length;
	// Keep log level info: the JSON result is printed through the logger.
	const result = await host.n8nCli(
		['execute', `--id=${OUTBOUND}`, '--rawOutput'],
		await ctx.cliEnv(),
		{
			timeoutMs: 120_000,
		},
	);
	// Judged by its output and the database, not its exit code: it can crash while exiting
	// after a successful run.
	const run = parseRunJson(result.stdout);
	if (!run) {
		throw new Error(
			`n8n execute printed no run JSON (exit ${result.code ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	expect(run.status).toBe('success');
	expect(run.data.resultData.lastNodeExecuted).toBe('Hang Up');
	const out = (node: string) =>
		run.data.resultData.runData[node][0].data.main[0].map((item: any) => item.json);

	const [dialed] = out('Dial');
	expect(dialed).toEqual({
		call_control_id: expect.stringMatching(/^v3:/),
		call_leg_id: expect.any(String),
		call_session_id: expect.any(String),
		is_alive: false,
		record_type: 'call',
	});
	const id = dialed.call_control_id as string;
	expect(out('Get Status')).toEqual([
		expect.objectContaining({ call_control_id: id, is_alive: true, record_type: 'call' }),
	]);
	expect(out('Hang Up')).toEqual([{ result: 'ok' }]);

	const requests = mock.requests.slice(start);
	expect(requests.map(shape)).toEqual([
		{
			method: 'POST',
			path: '/calls',
			body: {
				connection_id: 'conn-e2e-outbound',
				from: '+13125550100',
				to: '+13125550111',
				client_state: b64('{"campaign":"e2e","attempt":1}'),
			},
		},
		{ method: 'GET', path: callPath(id), body: undefined },
		{ method: 'POST', path: callPath(id, 'hangup'), body: {} },
	]);
	expect(commandId(requests[0])).toMatch(UUID);
	expect(commandId(requests[2])).toMatch(UUID);
	expect(commandId(requests[0])).not.toBe(commandId(requests[2]));

	const executions = await ctx.settledExecutions(OUTBOUND, 1);
	expect(executions.map((e) => [e.mode, e.status])).toEqual([['cli', 'success']]);
}
