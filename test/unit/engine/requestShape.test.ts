import { findOperation } from '../../../nodes/Telnyx/catalogue';
import { paramName } from '../../../nodes/Telnyx/catalogue/builder';
import { planRequest } from '../../../nodes/Telnyx/engine/request';
import { TelnyxMock } from '../../mock/telnyxMock';
import { bodyOf, callItem, NODE, param, runNode, UUID } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

describe('the basic command', () => {
	test('speak: path, headers and body', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'speak', payload: 'Hello', voice: 'female' },
			{ input: [callItem('v3:abc')] },
		);
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([{ result: 'ok' }]);
		expect(mock.requests).toHaveLength(1);
		const request = mock.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/calls/v3%3Aabc/actions/speak');
		expect(request.query).toEqual({});
		expect(request.headers.authorization).toBe(`Bearer ${mock.apiKey}`);
		expect(String(request.headers['content-type'])).toMatch(/^application\/json/);
		const body = bodyOf(request);
		expect(Object.keys(body).sort()).toEqual(['command_id', 'payload', 'voice']);
		expect(body).toMatchObject({ payload: 'Hello', voice: 'female' });
		expect(body.command_id).toMatch(UUID);
	});

	test('the call control ID falls back to $json.call_control_id and is percent-encoded', async () => {
		const result = await runNode(
			mock,
			{ resource: 'call', operation: 'hangup' },
			{ input: [{ json: { call_control_id: 'v3:a/b?c#d' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].path).toBe('/calls/v3%3Aa%2Fb%3Fc%23d/actions/hangup');
	});

	test('GET and DELETE carry no body', async () => {
		await runNode(mock, { resource: 'queue', operation: 'get', queueName: 'support' });
		await runNode(mock, { resource: 'recording', operation: 'delete', recordingId: 'rec-1' });
		expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /queues/support',
			'DELETE /recordings/rec-1',
		]);
		for (const request of mock.requests) expect(request.rawBody.length).toBe(0);
	});

	test('name/value pairs become [{ name, value }] and rows without a name are dropped', async () => {
		const result = await runNode(
			mock,
			{
				resource: 'call',
				operation: 'hangup',
				additionalFields: {
					[param('call', 'hangup', 'custom_headers')]: {
						values: [
							{ name: 'X-Reason', value: 'done' },
							{ name: '  ', value: 'ignored' },
							{ name: ' X-Ticket ', value: '' },
						],
					},
				},
			},
			{ input: [callItem('v3:abc')] },
		);
		expect(result.error).toBeUndefined();
		expect(bodyOf(mock.requests[0]).custom_headers).toEqual([
			{ name: 'X-Reason', value: 'done' },
			{ name: 'X-Ticket', value: '' },
		]);
	});
});

describe('query filters', () => {
	const recordingParam = (key: string) => param('recording', 'getMany', key);

	test('recordings: filter[...] keys as written, dates as ISO strings, alongside paging', async () => {
		const result = await runNode(mock, {
			resource: 'recording',
			operation: 'getMany',
			returnAll: true,
			filters: {
				[recordingParam('filter[call_control_id]')]: 'v3:abc',
				[recordingParam('filter[created_at][gte]')]: '2024-05-01T10:00:00+02:00',
				[recordingParam('filter[created_at][lte]')]: '2024-05-02',
			},
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		expect(mock.requests[0].path).toBe('/recordings');
		expect(mock.requests[0].query).toEqual({
			'filter[call_control_id]': 'v3:abc',
			'filter[created_at][gte]': '2024-05-01T08:00:00.000Z',
			'filter[created_at][lte]': new Date(Date.parse('2024-05-02')).toISOString(),
			'page[number]': '1',
			'page[size]': '250',
		});
		expect(mock.requests[0].rawBody.length).toBe(0);
	});

	test('the parameter names used above are the builder names', () => {
		const operation = findOperation('recording', 'getMany')!;
		const names = operation.fields.map(paramName);
		expect(names).toContain('filterCallControlId');
		expect(names).toContain('filterCreatedAtGte');
	});

	test('dotted query keys stay flat; booleans, options and lists are sent as text', async () => {
		const p = (key: string) => param('callControlApplication', 'getMany', key);
		const result = await runNode(mock, {
			resource: 'callControlApplication',
			operation: 'getMany',
			limit: 10,
			filters: {
				[p('filter[outbound.outbound_voice_profile_id]')]: 'ovp-1',
				[p('filter[application_name][contains]')]: 'ivr',
			},
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].query).toEqual({
			'filter[outbound.outbound_voice_profile_id]': 'ovp-1',
			'filter[application_name][contains]': 'ivr',
			'page[number]': '1',
			'page[size]': '10',
		});

		mock.reset();
		await runNode(mock, {
			resource: 'media',
			operation: 'getMany',
			filters: {
				[param('media', 'getMany', 'filter[content_type]')]: 'audio/mpeg, audio/wav',
			},
		});
		expect(mock.requests[0].query).toEqual({ 'filter[content_type]': 'audio/mpeg,audio/wav' });

		mock.reset();
		await runNode(mock, {
			resource: 'conference',
			operation: 'getMany',
			limit: 1,
			filters: { [param('conference', 'getMany', 'filter[failed]')]: false },
		});
		expect(mock.requests[0].query['filter[failed]']).toBe('false');
	});

	test('unset filters are not sent', async () => {
		await runNode(mock, {
			resource: 'recording',
			operation: 'getMany',
			limit: 3,
			filters: { [recordingParam('filter[call_control_id]')]: '' },
		});
		expect(mock.requests[0].query).toEqual({ 'page[number]': '1', 'page[size]': '3' });
	});
});

describe('dotted body keys', () => {
	test('call control application create nests inbound.* and outbound.*', async () => {
		const p = (key: string) => param('callControlApplication', 'create', key);
		const result = await runNode(mock, {
			resource: 'callControlApplication',
			operation: 'create',
			applicationName: 'ivr-prod',
			webhookEventUrl: 'https://example.com/hooks/telnyx',
			additionalFields: {
				[p('inbound.channel_limit')]: 10,
				[p('inbound.sip_subdomain')]: 'acme-ivr',
				[p('outbound.channel_limit')]: 5,
				[p('outbound.outbound_voice_profile_id')]: 'ovp-1',
				[p('active')]: true,
			},
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		expect(mock.requests[0].path).toBe('/call_control_applications');
		expect(mock.requests[0].body).toEqual({
			application_name: 'ivr-prod',
			webhook_event_url: 'https://example.com/hooks/telnyx',
			active: true,
			inbound: { channel_limit: 10, sip_subdomain: 'acme-ivr' },
			outbound: { channel_limit: 5, outbound_voice_profile_id: 'ovp-1' },
		});
		const [created] = result.output(NODE);
		expect(created.inbound).toEqual({ channel_limit: 10, sip_subdomain: 'acme-ivr' });
		expect(created.application_name).toBe('ivr-prod');
	});

	test('a single dotted key gives a single nested object', async () => {
		await runNode(mock, {
			resource: 'callControlApplication',
			operation: 'create',
			applicationName: 'a',
			webhookEventUrl: 'https://example.com/h',
			additionalFields: { inboundChannelLimit: 10 },
		});
		expect(mock.requests[0].body).toEqual({
			application_name: 'a',
			webhook_event_url: 'https://example.com/h',
			inbound: { channel_limit: 10 },
		});
	});

	test('update (PATCH) nests the same way, with the ID in the path', async () => {
		mock.addApplication({
			id: 'app-1',
			application_name: 'old',
			webhook_event_url: 'https://example.com/old',
		});
		const result = await runNode(mock, {
			resource: 'callControlApplication',
			operation: 'update',
			id: 'app-1',
			applicationName: 'new',
			webhookEventUrl: 'https://example.com/new',
			updateFields: { outboundChannelLimit: 3, tags: 'prod, ivr' },
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].method).toBe('PATCH');
		expect(mock.requests[0].path).toBe('/call_control_applications/app-1');
		expect(mock.requests[0].body).toEqual({
			application_name: 'new',
			webhook_event_url: 'https://example.com/new',
			outbound: { channel_limit: 3 },
			tags: ['prod', 'ivr'],
		});
	});

	test('planRequest keeps sibling keys when nesting', () => {
		const operation = findOperation('callControlApplication', 'create')!;
		const values: Record<string, unknown> = {
			application_name: 'x',
			webhook_event_url: 'https://example.com/x',
			'inbound.channel_limit': 2,
			'inbound.shaken_stir_enabled': true,
			'inbound.sip_subdomain': 'sub',
		};
		const planned = planRequest(operation, (field) => values[field.key], {
			fail: (field, reason) => {
				throw new Error(`${field.key} ${reason}`);
			},
			clientStateEncoded: false,
			commandId: () => 'unused',
		});
		expect(planned).toEqual({
			method: 'POST',
			path: '/call_control_applications',
			qs: {},
			body: {
				application_name: 'x',
				webhook_event_url: 'https://example.com/x',
				inbound: { channel_limit: 2, shaken_stir_enabled: true, sip_subdomain: 'sub' },
			},
			orderKey: undefined,
		});
	});
});
