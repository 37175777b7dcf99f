/**
 * End to end: the packed pack installed into a real n8n 2.40.7 (Node 24, SQLite), talking to the
 * local Telnyx mock. One server serves the install check, the inbound flow, the fault run and
 * the deactivation; the outbound flow runs beside it with `n8n execute`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TelnyxMock, type RecordedRequest } from '../mock/telnyxMock';
import {
	APP_ID,
	APP_NAME,
	FAULTS,
	FAULTS_HOOK,
	INBOUND,
	INBOUND_HOOK,
	OTHER_APP,
	PACKAGE,
	PREVIOUS_URL,
	addApplications,
	callA,
	callB,
	callRequests,
	faultsFlow,
	inboundFlow,
	outboundFlow,
	triggerEventIds,
	type FlowContext,
	type InboundFlowResult,
} from './flows';
import {
	N8nInstance,
	WebhookSigner,
	eventually,
	host,
	packInfo,
	postRaw,
	sleep,
	telnyxEvent,
} from './harness';
import { E2eTests } from './e2eTest';

jest.setTimeout(240_000);

const API_KEY = `e2e-key-${process.pid}-${Date.now()}`;

const mockRef: { mock?: TelnyxMock } = {};
const signer = new WebhookSigner();
let n8n: N8nInstance;
let inboundUrl = '';
const tests = E2eTests.forInstance(() => n8n);
const e2e = tests.test;

function mock(): TelnyxMock {
	if (!mockRef.mock) throw new Error('mock not started');
	return mockRef.mock;
}

/** The flows' view of this single n8n server. */
function flowContext(): FlowContext {
	return {
		mock: mock(),
		signer,
		webhookUrl: (hookPath) => `${n8n.baseUrl}/webhook/${hookPath}`,
		settledExecutions: (workflowId, count, timeoutMs) =>
			n8n.settledExecutions(workflowId, count, timeoutMs),
		// Its own task broker port: the server holds the other one.
		cliEnv: async () => ({ ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await host.freePort()) }),
	};
}

tests.setup(async () => {
	mockRef.mock = await TelnyxMock.start();
	mock().apiKey = API_KEY;
	addApplications(mock());

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
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await mockRef.mock?.stop();
	n8n?.cleanup(tests.keep);
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
			// The editor downloads every description; ours was 331,829 bytes before its properties were shared.
			expect(
				Buffer.byteLength(JSON.stringify(nodeTypes.get(`${PACKAGE}.telnyx`))),
			).toBeLessThanOrEqual(150_000);

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
	const deliver = async (raw: string, headers = signer.headers(raw)) =>
		await postRaw(inboundUrl, raw, headers);
	let inbound: InboundFlowResult | undefined;

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
		inbound = await inboundFlow(flowContext());
	});

	e2e('tampered, stale, unsigned, duplicate and unselected events start no execution', async () => {
		if (!inbound) throw new Error('the inbound flow test did not run');
		const { acceptedIds, firstDelivery } = inbound;
		expect(acceptedIds).toHaveLength(5);
		const start = mock().requests.length;
		const now = Math.floor(Date.now() / 1000);
		const callC = { ...callA, call_control_id: 'v3:e2e-inbound-call-C', from: '+13125550125' };
		const fresh = telnyxEvent('call.initiated', 'evt-e2e-C-initiated', callC);
		const other = new WebhookSigner();
		// Telnyx sends an event again with the same id (a new attempt, signed anew) ...
		const resent = telnyxEvent('call.initiated', 'evt-e2e-A-initiated', callA);
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
		expect(callRequests(mock(), start)).toEqual([]);
	});
});

describe('faults', () => {
	e2e(
		'with 30% injected faults, every command reaches the mock exactly once per item',
		async () => {
			await faultsFlow(flowContext());
		},
	);
});

describe('outbound flow with n8n execute', () => {
	e2e('dials, checks the status and hangs up', async () => {
		await outboundFlow(flowContext());
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
