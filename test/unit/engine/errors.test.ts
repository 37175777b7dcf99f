import type { INode, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { toApiError } from '../../../nodes/Telnyx/transport';
import { TelnyxMock, type RecordedRequest } from '../../mock/telnyxMock';
import type { RunResult } from '../../harness/runWorkflow';
import { callItem, faultNext, NODE, runNode, serialise } from './helpers';

const API_KEY = 'KEY0123456789abcdefSuperSecretTelnyxKey_ZYX';
const WRONG_KEY = 'KEYwrongWrongWrong_9876543210_NotTheRealOne';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
	mock.apiKey = API_KEY;
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

const invalidTo = {
	status: 422,
	body: {
		errors: [
			{
				code: '10015',
				title: 'Invalid value',
				detail: 'to is not valid',
				source: { pointer: '/to' },
			},
		],
	},
};

const dial = {
	resource: 'call',
	operation: 'dial',
	connectionId: 'conn-1',
	from: '+13125550100',
	to: '+13125550123',
};

/** Fails when a secret shows up anywhere in what n8n keeps or shows of the run. */
function expectNoSecret(result: RunResult, ...secrets: string[]) {
	const places = [
		serialise(result.run),
		serialise(result.error),
		String(result.error?.message ?? ''),
		String((result.error as NodeApiError | undefined)?.description ?? ''),
		serialise((result.error as NodeApiError | undefined)?.messages ?? []),
		serialise(result.items(NODE)),
	];
	for (const secret of secrets) {
		for (const place of places) expect(place).not.toContain(secret);
	}
}

describe('Telnyx errors become NodeApiErrors', () => {
	test('422 with errors[]: title and code in the message, detail and pointer in the description', async () => {
		mock.route('POST', '/calls', () => invalidTo);
		const result = await runNode(mock, dial);
		expect(mock.requests).toHaveLength(1);
		const error = result.error as NodeApiError;
		expect(error).toBeDefined();
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('Invalid value');
		expect(error.message).toContain('10015');
		expect(error.description).toContain('to is not valid');
		expect(error.description).toContain('/to');
		expect(String(error.httpCode)).toBe('422');
		// The run data does carry the error, so the check below looks in the right place.
		expect(serialise(result.run)).toContain('to is not valid');
		expectNoSecret(result, API_KEY);
	});

	test('several errors: the first titles the message, every detail is described', async () => {
		mock.route('POST', '/calls', () => ({
			status: 422,
			body: {
				errors: [
					{
						code: '10015',
						title: 'Invalid value',
						detail: 'to is not valid',
						source: { pointer: '/to' },
					},
					{
						code: '10016',
						title: 'Missing value',
						detail: 'from is required',
						source: { parameter: 'from' },
					},
				],
			},
		}));
		const result = await runNode(mock, dial);
		const error = result.error as NodeApiError;
		expect(error.message).toContain('Invalid value');
		expect(error.message).not.toContain('Missing value');
		expect(error.description).toContain('to is not valid');
		expect(error.description).toContain('/to');
		expect(error.description).toContain('from is required');
		expect(error.description).toContain('from');
	});

	test('an error body that is not Telnyx-shaped names the HTTP status', async () => {
		mock.route('GET', '/balance', () => ({
			status: 503,
			raw: Buffer.from('upstream unavailable'),
			headers: { 'Content-Type': 'text/plain' },
		}));
		const result = await runNode(mock, {
			resource: 'balance',
			operation: 'get',
			options: { maxRetries: 0 },
		});
		expect(mock.requests).toHaveLength(1);
		expect(result.error!.message).toContain('503');
		expect(String((result.error as NodeApiError).httpCode)).toBe('503');
	});

	test('toApiError maps a JSON text body and an empty body', () => {
		const node = {
			id: 'n',
			name: 'Telnyx',
			type: 't',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		} as INode;
		const fromText = toApiError(
			node,
			404,
			JSON.stringify({
				errors: [{ code: 10005, title: 'Resource not found', detail: 'No such call' }],
			}),
		);
		expect(fromText.message).toBe('Resource not found (code 10005)');
		expect(fromText.description).toBe('No such call');
		expect(String(fromText.httpCode)).toBe('404');

		const empty = toApiError(node, 502, undefined);
		expect(empty.message).toBe('Telnyx answered with HTTP 502');
		expect(String(empty.httpCode)).toBe('502');
	});

	test('401 is not retried and the keys never leak', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'speak', payload: 'Hello', voice: 'female' },
			{ input: [callItem('v3:abc')], apiKey: WRONG_KEY },
		);
		expect(mock.requests).toHaveLength(1);
		expect(mock.requests[0].headers.authorization).toBe(`Bearer ${WRONG_KEY}`);
		const error = result.error as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(String(error.httpCode)).toBe('401');
		expect(error.message).toContain('Authentication failed');
		expectNoSecret(result, WRONG_KEY, API_KEY);
	});

	test('a network error does not leak the key either', async () => {
		faultNext(mock, 1, 'drop');
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'create',
			queueName: 'support',
		});
		expect(mock.requests).toHaveLength(1);
		expect(result.error).toBeDefined();
		expectNoSecret(result, API_KEY);
	});
});

describe('continue on fail', () => {
	const pathOf = (id: string) => `/calls/${encodeURIComponent(id)}/actions/speak`;
	const speak = { resource: 'call', operation: 'speak', payload: 'Hello', voice: 'female' };

	function failFor(id: string) {
		mock.route('POST', /^\/calls\/[^/]+\/actions\/speak$/, (request: RecordedRequest) =>
			request.path === pathOf(id)
				? invalidTo
				: { body: { data: { result: 'ok', path: request.path } } },
		);
	}

	for (const settings of [
		{ onError: 'continueRegularOutput' as const },
		{ continueOnFail: true },
	]) {
		test(`the failed item becomes an error item with pairedItem (${JSON.stringify(settings)})`, async () => {
			failFor('v3:b');
			const result = await runNode(mock, speak, {
				input: [callItem('v3:a'), callItem('v3:b'), callItem('v3:c')],
				settings,
			});
			expect(result.error).toBeUndefined();
			expect(mock.requests).toHaveLength(3);
			const items = result.items(NODE);
			expect(items).toHaveLength(3);
			expect(items[0].json).toEqual({ result: 'ok', path: pathOf('v3:a') });
			expect(items[2].json).toEqual({ result: 'ok', path: pathOf('v3:c') });
			expect(items[1].json.error).toContain('Invalid value');
			expect(items[1].json.error).toContain('10015');
			expect(items[1].json.description).toContain('to is not valid');
			expect(items[1].json.description).toContain('/to');
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expectNoSecret(result, API_KEY);
		});
	}

	test('"continue (using error output)" sends failed items to the error output with their input', async () => {
		failFor('v3:b');
		const result = await runNode(mock, speak, {
			input: [callItem('v3:a'), callItem('v3:b'), callItem('v3:c')],
			settings: { onError: 'continueErrorOutput' },
		});
		expect(result.error).toBeUndefined();
		const outputs = result.run.data.resultData.runData[NODE][0].data!.main;
		expect(outputs).toHaveLength(2);
		const [success, failure] = outputs as [INodeExecutionData[], INodeExecutionData[]];
		expect(success.map((item) => item.json.path)).toEqual([pathOf('v3:a'), pathOf('v3:c')]);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failure).toHaveLength(1);
		expect(failure[0].pairedItem).toEqual({ item: 1 });
		expect(failure[0].json.error).toContain('Invalid value');
		expect(failure[0].json.details).toContain('to is not valid');
		expect(failure[0].json.payload).toEqual({ call_control_id: 'v3:b' });
		expectNoSecret(result, API_KEY);
	});

	test('"continue (using error output)" also routes items refused before sending', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'sendDtmf', digits: '={{ $json.digits }}' },
			{
				input: [callItem('v3:a', { digits: '1' }), callItem('v3:b', { digits: 'nope' })],
				settings: { onError: 'continueErrorOutput' },
			},
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		const [success, failure] = result.run.data.resultData.runData[NODE][0].data!.main as [
			INodeExecutionData[],
			INodeExecutionData[],
		];
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(failure).toHaveLength(1);
		expect(failure[0].pairedItem).toEqual({ item: 1 });
		expect(failure[0].json.error).toContain('nope');
	});

	test('an invalid item becomes an error item and the valid ones are still sent', async () => {
		const result = await runNode(
			mock,
			{ ...speak, additionalFields: { clientState: '={{ $json.state }}' } },
			{
				input: [
					callItem('v3:a', { state: 'ok' }),
					callItem('v3:b', { state: '{"a":' }),
					callItem('v3:c', { state: 'ok' }),
				],
				settings: { onError: 'continueRegularOutput' },
			},
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests.map((r) => r.path).sort()).toEqual([pathOf('v3:a'), pathOf('v3:c')]);
		const items = result.items(NODE);
		expect(items).toHaveLength(3);
		expect(items[0].json).toEqual({ result: 'ok' });
		expect(items[1].json.error).toContain('"Client State"');
		expect(items[2].json).toEqual({ result: 'ok' });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('without continue on fail the error names the failing item', async () => {
		failFor('v3:b');
		const result = await runNode(mock, speak, {
			input: [callItem('v3:a'), callItem('v3:b'), callItem('v3:c')],
		});
		const error = result.error as NodeApiError;
		expect(error).toBeDefined();
		expect(error.message).toContain('Invalid value');
		expect(error.context.itemIndex).toBe(1);
		expect(result.output(NODE)).toEqual([]);
	});
});
