import { deriveCommandId } from '../../../nodes/Telnyx/engine/executor';
import { TelnyxMock, type RecordedRequest } from '../../mock/telnyxMock';
import { bodyOf, callItem, NODE, runNode, UUID } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

const speak = { resource: 'call', operation: 'speak', payload: 'Hello', voice: 'female' };
const commandIdOf = (request: RecordedRequest) => bodyOf(request).command_id as string;

describe('deriveCommandId', () => {
	test('is a version 4 UUID, stable for the same parts and different for others', () => {
		const a = deriveCommandId(['exec-1', 'node', 0, 0, 'call', 'speak']);
		expect(a).toMatch(UUID);
		expect(a[14]).toBe('4');
		expect(deriveCommandId(['exec-1', 'node', 0, 0, 'call', 'speak'])).toBe(a);
		expect(deriveCommandId(['exec-1', 'node', 0, 1, 'call', 'speak'])).not.toBe(a);
		expect(deriveCommandId(['exec-2', 'node', 0, 0, 'call', 'speak'])).not.toBe(a);
		expect(deriveCommandId(['exec-1', 'node', 1, 0, 'call', 'speak'])).not.toBe(a);
	});

	test('parts are separated, so shifting text between them changes the ID', () => {
		expect(deriveCommandId(['ab', 'c'])).not.toBe(deriveCommandId(['a', 'bc']));
	});
});

describe('command_id through the node', () => {
	test('is generated in UUID shape when the user gives none', async () => {
		const result = await runNode(mock, speak, { input: [callItem('v3:abc')] });
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		expect(commandIdOf(mock.requests[0])).toMatch(UUID);
	});

	test('is the same for two runs with the same execution ID and differs for another execution', async () => {
		await runNode(mock, speak, { input: [callItem('v3:abc')], executionId: 'exec-same' });
		await runNode(mock, speak, { input: [callItem('v3:abc')], executionId: 'exec-same' });
		await runNode(mock, speak, { input: [callItem('v3:abc')], executionId: 'exec-other' });
		expect(mock.requests).toHaveLength(3);
		const [first, second, third] = mock.requests.map(commandIdOf);
		expect(first).toMatch(UUID);
		expect(second).toBe(first);
		expect(third).toMatch(UUID);
		expect(third).not.toBe(first);
	});

	test('differs per item, even on the same call', async () => {
		const result = await runNode(mock, speak, {
			input: [callItem('v3:abc'), callItem('v3:abc'), callItem('v3:other')],
			executionId: 'exec-items',
		});
		expect(result.error).toBeUndefined();
		const ids = mock.requests.map(commandIdOf);
		expect(ids).toHaveLength(3);
		ids.forEach((id) => expect(id).toMatch(UUID));
		expect(new Set(ids).size).toBe(3);
	});

	test("n8n's Retry On Fail resends the same command_id", async () => {
		let attempts = 0;
		mock.route('POST', '/calls/v3%3Aabc/actions/speak', () => {
			attempts++;
			return attempts === 1
				? {
						status: 400,
						body: { errors: [{ code: '90018', title: 'Call has not been answered' }] },
					}
				: { body: { data: { result: 'ok' } } };
		});
		const result = await runNode(mock, speak, {
			input: [callItem('v3:abc')],
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([{ result: 'ok' }]);
		// A 400 is not retried by the transport: the second request is n8n re-running the node.
		expect(mock.requests).toHaveLength(2);
		const [first, second] = mock.requests.map(commandIdOf);
		expect(first).toMatch(UUID);
		expect(second).toBe(first);
	}, 10_000);

	test('a command_id given by the user is sent as is', async () => {
		const result = await runNode(
			mock,
			{ ...speak, additionalFields: { commandId: 'my-own-command-7' } },
			{ input: [callItem('v3:abc'), callItem('v3:def')] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests.map(commandIdOf)).toEqual(['my-own-command-7', 'my-own-command-7']);
	});

	test('operations without a command_id field send none', async () => {
		const result = await runNode(
			mock,
			{ resource: 'conference', operation: 'hold', conferenceId: 'conf-1' },
			{ input: [{ json: {} }] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		expect(bodyOf(mock.requests[0])).not.toHaveProperty('command_id');
	});

	test('dial (POST /calls) also carries a generated command_id', async () => {
		const result = await runNode(mock, {
			resource: 'call',
			operation: 'dial',
			connectionId: 'conn-1',
			from: '+13125550100',
			to: '+13125550123',
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].path).toBe('/calls');
		expect(commandIdOf(mock.requests[0])).toMatch(UUID);
	});
});
