/**
 * The credential is fetched and decrypted once per node run, and its Authorization header is
 * made once and sent with every request of that run (through n8n's request helper, so proxies
 * and agents are n8n's). The header is the one the credential's own `authenticate` gives, and
 * the key stays out of the output.
 */
import { TelnyxApi } from '../../../credentials/TelnyxApi.credentials';
import { authorizationFor } from '../../../nodes/Telnyx/transport';
import { TelnyxMock } from '../../mock/telnyxMock';
import { runWorkflow, type WorkflowJson } from '../../harness/runWorkflow';
import { callItem, NODE, runNode, serialise } from './helpers';

const API_KEY = 'KEY_once_per_run_0123456789_DoNotLeak';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
	mock.apiKey = API_KEY;
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

const speak = { resource: 'call', operation: 'speak', payload: 'Hello', voice: 'female' };

describe('the credential', () => {
	test("the node's header is the one the credential's authenticate definition makes", () => {
		const { authenticate } = new TelnyxApi();
		const headers = authenticate.type === 'generic' ? authenticate.properties.headers : undefined;
		expect(Object.keys(headers ?? {})).toEqual(['Authorization']);
		// n8n resolves the template against the decrypted credential.
		const template = String(headers!.Authorization);
		for (const apiKey of ['KEY0123', 'KEY with spaces ', ''])
			expect(
				template.replace(/^=/, '').replace(/\{\{\s*\$credentials\.apiKey\s*\}\}/, apiKey),
			).toBe(authorizationFor({ apiKey }));
		expect(template).toBe('=Bearer {{$credentials.apiKey}}');
	});

	test('is read once for a run of 25 items, and every request carries it', async () => {
		const input = Array.from({ length: 25 }, (_, n) => callItem(`v3:call-${n}`));
		const result = await runNode(mock, speak, { input });
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(25);
		expect(result.credentialReads).toBe(1);
		for (const request of mock.requests)
			expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(serialise(result.run)).not.toContain(API_KEY);
	});

	test('is read once per run, also when retries and several pages add requests', async () => {
		let served = 0;
		mock.route('GET', '/queues', (request) => {
			served++;
			if (served === 1) return { status: 503, headers: { 'retry-after': '0' }, body: {} };
			const page = Number(request.query['page[number]']);
			return {
				body: {
					data: [{ name: `queue-${page}` }],
					meta: { page_number: page, total_pages: 3 },
				},
			};
		});
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests.length).toBe(4);
		expect(result.output(NODE).map((item) => item.name)).toEqual(['queue-1', 'queue-2', 'queue-3']);
		expect(result.credentialReads).toBe(1);
	});

	test('is read again by the next node run: each run gets its own', async () => {
		const telnyx = (name: string, x: number) => ({
			id: `00000000-0000-4000-8000-00000000000${x}`,
			name,
			type: 'n8n-nodes-telnyx-call-control.telnyx',
			typeVersion: 1,
			position: [x * 200, 0] as [number, number],
			parameters: speak,
			credentials: { telnyxApi: { id: '1', name: 'Telnyx account' } },
		});
		const workflow: WorkflowJson = {
			nodes: [
				{
					id: '00000000-0000-4000-8000-000000000001',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				telnyx('First', 2),
				telnyx('Second', 3),
			],
			connections: {
				Start: { main: [[{ node: 'First', type: 'main', index: 0 }]] },
				First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] },
			},
		};
		mock.route('POST', /\/actions\/speak$/, () => ({
			body: { data: { result: 'ok', call_control_id: 'v3:next' } },
		}));
		const result = await runWorkflow(workflow, {
			credentials: { apiKey: API_KEY, baseUrl: mock.baseUrl, publicKey: '' },
			input: [callItem('v3:a'), callItem('v3:b'), callItem('v3:c')],
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(6);
		expect(result.credentialReads).toBe(2);
	});

	test('a credential that cannot be read fails the run without any request', async () => {
		const result = await runNode(
			mock,
			{ ...speak },
			{ input: [callItem('v3:x')], settings: { credentials: {} } },
		);
		expect(result.error).toBeDefined();
		expect(mock.requests).toHaveLength(0);
	});
});
