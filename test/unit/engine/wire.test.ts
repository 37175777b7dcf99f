/**
 * Keys and values on the wire that once were wrong: Bridge names the other leg `call_control_id`
 * in the body (the SDK's `call_control_id_to_bridge_with` is not a wire key), and a default
 * never sends a value the user did not choose.
 */
import { TelnyxMock } from '../../mock/telnyxMock';
import { bodyOf, callItem, runNode } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

describe('Bridge', () => {
	test('sends this leg in the path and the other leg as call_control_id in the body', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'bridge', callControlIdToBridgeWith: 'v3:other leg' },
			{ input: [callItem('v3:this-leg')] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		const request = mock.requests[0];
		expect(request.path).toBe('/calls/v3%3Athis-leg/actions/bridge');
		const body = bodyOf(request);
		expect(body.call_control_id).toBe('v3:other leg');
		expect(body).not.toHaveProperty('call_control_id_to_bridge_with');
		expect(Object.keys(body).sort()).toEqual(['call_control_id', 'command_id']);
	});

	test('an empty other leg is refused before any request', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'bridge', callControlIdToBridgeWith: ' ' },
			{ input: [callItem('v3:this-leg')] },
		);
		expect(result.error?.message).toBe('The "Call Control ID to Bridge With" field is empty');
		expect(mock.requests).toHaveLength(0);
	});
});

describe('untouched defaults', () => {
	test('Queue Update without a Max Size is refused: it never shrinks the queue on its own', async () => {
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'update',
			queueName: 'support',
		});
		expect(result.error?.message).toBe('The "Max Size" field is empty');
		expect(mock.requests).toHaveLength(0);
	});

	test('Queue Update sends the size that was typed in', async () => {
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'update',
			queueName: 'support',
			maxSize: 40,
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/queues/support', { max_size: 40 }],
		]);
	});

	test.each([
		['create', 'POST', '/siprec_connectors', {}],
		['update', 'PUT', '/siprec_connectors/recorder', { connectorName: 'recorder' }],
	])(
		'SIPREC connector %s: an untouched port is SIP’s 5060',
		async (operation, method, path, extra) => {
			const result = await runNode(mock, {
				resource: 'siprecConnector',
				operation,
				host: 'srs.example.com',
				name: 'recorder',
				...extra,
			});
			expect(result.error).toBeUndefined();
			expect(mock.requests.map((r) => [r.method, r.path, r.body])).toEqual([
				[method, path, { host: 'srs.example.com', name: 'recorder', port: 5060 }],
			]);
		},
	);
});
