/**
 * End to end: the packed pack installed into a real n8n 2.40.7 (Node 24, SQLite), talking to the
 * local Telnyx mock. One server serves the install check, the inbound flow, the fault run and
 * the deactivation; the outbound flow runs beside it with `n8n execute`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';
import { TelnyxMock, type RecordedRequest } from '../mock/telnyxMock';
import {
	N8nInstance,
	WebhookSigner,
	eventually,
	host,
	packInfo,
	postRaw,
	sleep,
	telnyxEvent,
	type Execution,
} from './harness';

jest.setTimeout(240_000);

const PACKAGE = 'n8n-nodes-telnyx-call-control';
const INBOUND = 'TelnyxE2eInbound';
const FAULTS = 'TelnyxE2eFaults1';
const OUTBOUND = 'TelnyxE2eOutbnd1';
const INBOUND_HOOK = '5e2e0000-0000-4000-8000-00000000e2e1/webhook';
const FAULTS_HOOK = 'telnyx-e2e-faults';
const APP_ID = 'app-e2e-inbound';
const APP_NAME = 'E2E inbound';
const PREVIOUS_URL = 'https://example.com/telnyx/previous-webhook';
const OTHER_APP = {
	id: 'app-e2e-untouched',
	application_name: 'Untouched',
	webhook_event_url: 'https://example.com/other',
};
const API_KEY = `e2e-key-${process.pid}-${Date.now()}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const callPath = (id: string, action?: string) =>
	`/calls/${encodeURIComponent(id)}${action ? `/actions/${action}` : ''}`;

const mockRef: { mock?: TelnyxMock } = {};
const signer = new WebhookSigner();
let n8n: N8nInstance;
let inboundUrl = '';
let failed = false;

function mock(): TelnyxMock {
	if (!mockRef.mock) throw new Error('mock not started');
	return mockRef.mock;
}

/** A test whose failure message ends with the tail of the n8n log. */
function e2e(name: string, fn: () => Promise<void>, timeout?: number) {
	test(
		name,
		async () => {
			try {
				await fn();
			} catch (error) {
				failed = true;
				if (error instanceof Error) error.message += host.logTail(n8n?.logFile, 60);
				throw error;
			}
		},
		timeout,
	);
}

/** The command requests (to /calls...) the mock answered since index `from`, without faults. */
function callRequests(from: number): RecordedRequest[] {
	return mock()
		.requests.slice(from)
		.filter((r) => r.path.startsWith('/calls') && !r.fault);
}

/** A request without its generated command_id, for exact comparison. */
function shape(r: RecordedRequest) {
	const body =
		r.body && typeof r.body === 'object' ? { ...(r.body as Record<string, unknown>) } : r.body;
	if (body && typeof body === 'object') delete (body as Record<string, unknown>).command_id;
	return { method: r.method, path: r.path, body };
}

function commandId(r: RecordedRequest): string {
	return String((r.body as Record<string, unknown>).command_id);
}

/** The run JSON `n8n execute --rawOutput` prints, even if log lines come before it. */
function parseRunJson(stdout: string): any {
	const end = stdout.lastIndexOf('}');
	for (
		let start = stdout.indexOf('{');
		start !== -1 && start < end;
		start = stdout.indexOf('{', start + 1)
	) {
		if (start > 0 && stdout[start - 1] !== '\n') continue;
		try {
			return JSON.parse(stdout.slice(start, end + 1));
		} catch {
			// not the start of the JSON document
		}
	}
	return undefined;
}

function triggerEventIds(executions: Execution[]): string[] {
	return executions.map((e) => {
		const items = e.runData['Telnyx Trigger']?.[0] ?? [];
		expect(items).toHaveLength(1);
		return String(items[0].id);
	});
}

beforeAll(async () => {
	try {
		mockRef.mock = await TelnyxMock.start();
		mock().apiKey = API_KEY;
		mock().addApplication({
			id: APP_ID,
			application_name: APP_NAME,
			webhook_event_url: PREVIOUS_URL,
		});
		mock().addApplication({ ...OTHER_APP });

		n8n = new N8nInstance();
		await n8n.prepare({
			tarball: packInfo().tarball,
			credentialValues: { API_KEY, PUBLIC_KEY: signer.publicKey, BASE_URL: mock().baseUrl },
			workflows: ['inbound.workflow.json', 'faults.workflow.json', 'outbound.workflow.json'],
			publish: [INBOUND, FAULTS],
		});
		await n8n.start([INBOUND_HOOK, FAULTS_HOOK]);
		inboundUrl = `${n8n.baseUrl}/webhook/${INBOUND_HOOK}`;
		// The webhook answers OPTIONS before activation has called the trigger's create() (and
		// even when the node type did not load): the registration on the application is the proof.
		await eventually(
			'the Telnyx Trigger to register its URL on the application',
			() => {
				n8n.assertPackLoaded();
				return mock().getApplication(APP_ID).webhook_event_url === inboundUrl ? true : undefined;
			},
			60_000,
		);
		await n8n.login();
	} catch (error) {
		failed = true;
		if (error instanceof Error) error.message += host.logTail(n8n?.logFile, 80);
		throw error;
	}
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await mockRef.mock?.stop();
	n8n?.cleanup(failed || process.env.E2E_KEEP === '1');
});

describe('install like the community nodes panel', () => {
	e2e(
		'the tarball carries every file of the n8n section, and n8n loads each node and credential type',
		async () => {
			const manifest = JSON.parse(
				fs.readFileSync(path.join(host.PROJECT_DIR, 'package.json'), 'utf8'),
			);
			const nodeFiles: string[] = manifest.n8n.nodes;
			const credentialFiles: string[] = manifest.n8n.credentials;
			expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
			expect(nodeFiles.length).toBeGreaterThanOrEqual(2);
			expect(credentialFiles.length).toBeGreaterThanOrEqual(1);

			const pack = packInfo();
			expect(pack.name).toBe(PACKAGE);
			expect(pack.files).toEqual(
				expect.arrayContaining([...nodeFiles, ...credentialFiles, 'package.json']),
			);
			const installed = path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);
			for (const file of [...nodeFiles, ...credentialFiles])
				expect(fs.existsSync(path.join(installed, file))).toBe(true);
			expect(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).n8n).toEqual(
				manifest.n8n,
			);

			// The names each listed file declares (read from the project's copy, which resolves
			// n8n-workflow; the installed copy is the same file, and n8n provides it at run time).
			const declared = (file: string, kind: 'node' | 'credential') => {
				expect(fs.readFileSync(path.join(installed, file))).toEqual(
					fs.readFileSync(path.join(host.PROJECT_DIR, file)),
				);
				const exported = require(path.join(host.PROJECT_DIR, file)) as Record<
					string,
					new () => any
				>;
				const classes = Object.values(exported).filter((value) => typeof value === 'function');
				expect(classes).toHaveLength(1);
				const instance = new classes[0]();
				return kind === 'node' ? `${PACKAGE}.${instance.description.name}` : instance.name;
			};
			const expectedNodes = nodeFiles.map((file) => declared(file, 'node'));
			const expectedCredentials = credentialFiles.map((file) => declared(file, 'credential'));
			expect(expectedNodes).toEqual(
				expect.arrayContaining([`${PACKAGE}.telnyx`, `${PACKAGE}.telnyxTrigger`]),
			);
			expect(expectedCredentials).toEqual(['telnyxApi']);

			const nodes = await n8n.rest('GET', '/types/nodes.json');
			expect(nodes.status).toBe(200);
			const nodeTypes = new Map<string, any>((nodes.data as any[]).map((n) => [n.name, n]));
			for (const name of expectedNodes) expect(nodeTypes.has(name)).toBe(true);
			expect(nodeTypes.get(`${PACKAGE}.telnyx`).displayName).toBe('Telnyx');
			expect(nodeTypes.get(`${PACKAGE}.telnyxTrigger`).displayName).toBe('Telnyx Trigger');
			expect(nodeTypes.get(`${PACKAGE}.telnyxTrigger`).webhooks).toHaveLength(1);

			const credentials = await n8n.rest('GET', '/types/credentials.json');
			expect(credentials.status).toBe(200);
			const credentialTypes = new Map<string, any>(
				(credentials.data as any[]).map((c) => [c.name, c]),
			);
			for (const name of expectedCredentials) expect(credentialTypes.has(name)).toBe(true);
			expect(credentialTypes.get('telnyxApi').properties.map((p: any) => p.name)).toEqual(
				expect.arrayContaining(['apiKey', 'publicKey', 'baseUrl']),
			);

			expect(n8n.log()).not.toMatch(
				new RegExp(`(error|fail)[^\\n]*${PACKAGE}|${PACKAGE}[^\\n]*(error|fail)`, 'i'),
			);
		},
	);
});

describe('inbound call flow', () => {
	const callA = {
		call_control_id: 'v3:e2e-inbound-call-A',
		call_leg_id: '2f1d8d0e-0000-4000-8000-00000000000a',
		call_session_id: '3a2e9e1f-0000-4000-8000-00000000000a',
		from: '+13125550123',
		to: '+13125550100',
		direction: 'incoming',
		state: 'parked',
	};
	const callB = {
		...callA,
		call_control_id: 'v3:e2e-inbound-call-B',
		call_leg_id: '2f1d8d0e-0000-4000-8000-00000000000b',
		call_session_id: '3a2e9e1f-0000-4000-8000-00000000000b',
		from: '+13125550124',
	};
	const menuState = (phone: string) => b64(JSON.stringify({ step: 'menu', phone }));
	const deliver = async (raw: string, headers = signer.headers(raw)) =>
		await postRaw(inboundUrl, raw, headers);
	let acceptedIds: string[] = [];
	/** The first delivery exactly as sent (body and headers), to replay it later. */
	let firstDelivery: { raw: string; headers: Record<string, string> } | undefined;

	e2e(
		'activation pointed the application at the production URL and left others alone',
		async () => {
			const patches = mock().requests.filter((r) => r.method === 'PATCH');
			expect(patches.map((r) => ({ path: r.path, body: r.body }))).toEqual([
				{
					path: `/call_control_applications/${APP_ID}`,
					body: { application_name: APP_NAME, webhook_event_url: inboundUrl },
				},
			]);
			expect(mock().getApplication(OTHER_APP.id).webhook_event_url).toBe(
				OTHER_APP.webhook_event_url,
			);
			// Every request carried the credential's key (the mock answers others with 401).
			for (const r of mock().requests) expect(r.headers.authorization).toBe(`Bearer ${API_KEY}`);
		},
	);

	e2e('answers, speaks with client_state, gathers, and branches on the digits', async () => {
		const start = mock().requests.length;
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
		let expectedCommands = 0;
		for (const [index, event] of events.entries()) {
			const headers = signer.headers(event.raw);
			firstDelivery ??= { raw: event.raw, headers };
			const response = await deliver(event.raw, headers);
			expect(response.status).toBe(200);
			// One event at a time, so the order of the commands is known.
			await n8n.settledExecutions(INBOUND, index + 1);
			expectedCommands += event.commands;
			await mock().waitFor(() => callRequests(start).length >= expectedCommands, 15_000);
		}
		acceptedIds = events.map((e) => e.id);

		const commands = callRequests(start);
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

		const executions = await n8n.settledExecutions(INBOUND, events.length);
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
	});

	e2e('tampered, stale, unsigned, duplicate and unselected events start no execution', async () => {
		expect(acceptedIds).toHaveLength(5);
		const start = mock().requests.length;
		const now = Math.floor(Date.now() / 1000);
		const callC = { ...callA, call_control_id: 'v3:e2e-inbound-call-C', from: '+13125550125' };
		const fresh = telnyxEvent('call.initiated', 'evt-e2e-C-initiated', callC);
		const other = new WebhookSigner();
		// Telnyx sends an event again with the same id (a new attempt, signed anew) ...
		const resent = telnyxEvent('call.initiated', 'evt-e2e-A-initiated', callA);
		if (!firstDelivery) throw new Error('the inbound flow test did not run');
		const unselected = telnyxEvent('call.answered', 'evt-e2e-C-answered', callC);

		const rejected: Array<[string, string, Record<string, string>, number]> = [
			['tampered body', fresh.replace(callC.from, '+13125550999'), signer.headers(fresh), 401],
			['stale timestamp', fresh, signer.headers(fresh, now - 400), 401],
			['timestamp from the future', fresh, signer.headers(fresh, now + 400), 401],
			['signed with another key', fresh, other.headers(fresh), 401],
			['no signature', fresh, {}, 401],
			['duplicate (same event id, signed again)', resent, signer.headers(resent), 200],
			// ... or the very same request arrives twice.
			['duplicate (byte-for-byte replay)', firstDelivery.raw, firstDelivery.headers, 200],
			['unselected event type', unselected, signer.headers(unselected), 200],
		];
		for (const [what, raw, headers, status] of rejected) {
			const response = await deliver(raw, headers);
			expect({ what, status: response.status }).toEqual({ what, status });
		}

		// A last, valid event: once its execution exists, every delivery before it has been handled.
		const sentinel = telnyxEvent('call.hangup', 'evt-e2e-B-hangup', {
			...callB,
			hangup_cause: 'normal_clearing',
		});
		expect((await deliver(sentinel)).status).toBe(200);
		await n8n.settledExecutions(INBOUND, acceptedIds.length + 1);
		await sleep(1500);
		const executions = await n8n.settledExecutions(INBOUND, acceptedIds.length + 1);
		expect(triggerEventIds(executions)).toEqual([...acceptedIds, 'evt-e2e-B-hangup']);
		expect(callRequests(start)).toEqual([]);
	});
});

describe('faults', () => {
	e2e(
		'with 30% injected faults, every command reaches the mock exactly once per item',
		async () => {
			const items = Array.from({ length: 24 }, (_, i) => ({
				call_control_id: `v3:e2e-faults-${i % 8}`,
				text: `Item ${i}`,
			}));
			const start = mock().requests.length;
			mock().faults({ rate: 0.3, seed: 20240611, retryAfterSeconds: 0 });
			let response;
			try {
				response = await axios.post(
					`${n8n.baseUrl}/webhook/${FAULTS_HOOK}`,
					{ calls: items },
					{ validateStatus: () => true, timeout: 180_000 },
				);
			} finally {
				mock().faults(null);
			}
			expect(response.status).toBe(200);
			expect(response.data).toEqual(items.map(() => ({ result: 'ok' })));

			const speaks = mock()
				.requests.slice(start)
				.filter((r) => r.path.endsWith('/actions/speak'));
			const faulted = speaks.filter((r) => r.fault);
			const answered = speaks.filter((r) => !r.fault);
			// The run must really have met faults, of every kind, or it proves nothing.
			expect(new Set(faulted.map((r) => r.fault))).toEqual(new Set(['500', '429', 'drop']));

			const byCommand = new Map<string, RecordedRequest[]>();
			for (const r of speaks)
				byCommand.set(commandId(r), [...(byCommand.get(commandId(r)) ?? []), r]);
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
			const executions = await n8n.settledExecutions(FAULTS, 1);
			expect(executions.map((e) => [e.mode, e.status])).toEqual([['webhook', 'success']]);
		},
	);
});

describe('outbound flow with n8n execute', () => {
	e2e('dials, checks the status and hangs up', async () => {
		const start = mock().requests.length;
		// Its own task broker port: the server holds the other one. (Keep log level info: the
		// JSON result is printed through the logger.)
		const env = { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await host.freePort()) };
		const result = await host.n8nCli(['execute', `--id=${OUTBOUND}`, '--rawOutput'], env, {
			timeoutMs: 120_000,
		});
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

		const requests = mock().requests.slice(start);
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

		const executions = await n8n.settledExecutions(OUTBOUND, 1);
		expect(executions.map((e) => [e.mode, e.status])).toEqual([['cli', 'success']]);
	});
});

describe('deactivation', () => {
	e2e("deactivating the workflow restores the application's previous webhook URL", async () => {
		const start = mock().requests.length;
		const executionsBefore = (await n8n.executions(INBOUND)).length;
		const response = await n8n.rest('POST', `/rest/workflows/${INBOUND}/deactivate`, {});
		expect(response.status).toBe(200);
		expect(response.data.data.active).toBe(false);

		await eventually(
			'the previous webhook URL to be restored',
			() => (mock().getApplication(APP_ID).webhook_event_url === PREVIOUS_URL ? true : undefined),
			30_000,
		);
		const patches = mock()
			.requests.slice(start)
			.filter((r) => r.method === 'PATCH');
		expect(patches.map((r) => ({ path: r.path, body: r.body }))).toEqual([
			{
				path: `/call_control_applications/${APP_ID}`,
				body: { application_name: APP_NAME, webhook_event_url: PREVIOUS_URL },
			},
		]);
		expect(mock().getApplication(OTHER_APP.id).webhook_event_url).toBe(OTHER_APP.webhook_event_url);

		// The production URL is gone: a valid event is refused and starts nothing.
		const raw = telnyxEvent('call.initiated', 'evt-e2e-after-deactivation', {
			call_control_id: 'v3:e2e-late',
			from: '+13125550126',
		});
		expect((await postRaw(inboundUrl, raw, signer.headers(raw))).status).toBe(404);
		await sleep(1000);
		expect(await n8n.executions(INBOUND)).toHaveLength(executionsBefore);
	});
});

// Last, so that its deliberately wrong key does not show up in the request logs the flows check.
describe('credential', () => {
	e2e(
		'the credential test calls Telnyx with the key and tells a good key from a bad one',
		async () => {
			const testCredential = (apiKey: string) =>
				n8n.rest('POST', '/rest/credentials/test', {
					credentials: {
						id: 'TelnyxE2eCred001',
						name: 'Telnyx (credential test)',
						type: 'telnyxApi',
						data: { apiKey, publicKey: '', baseUrl: `${mock().baseUrl}/` },
					},
				});
			const call = (r: RecordedRequest) => [r.method, r.path, r.headers.authorization];
			let seen = mock().requests.length;
			const good = await testCredential(API_KEY);
			expect(good.status).toBe(200);
			expect(good.data.data).toEqual(expect.objectContaining({ status: 'OK' }));
			// A trailing slash on the base URL does not double the slash in the path.
			expect(mock().requests.slice(seen).map(call)).toEqual([
				['GET', '/balance', `Bearer ${API_KEY}`],
			]);
			seen = mock().requests.length;
			const bad = await testCredential('not-the-key');
			expect(bad.status).toBe(200);
			expect(bad.data.data).toEqual(expect.objectContaining({ status: 'Error' }));
			expect(JSON.stringify(bad.data)).not.toContain('not-the-key');
			// n8n's credential tester may ask twice before it gives up.
			const badCalls = mock().requests.slice(seen).map(call);
			expect(badCalls.length).toBeGreaterThanOrEqual(1);
			for (const entry of badCalls)
				expect(entry).toEqual(['GET', '/balance', 'Bearer not-the-key']);
		},
	);
});
