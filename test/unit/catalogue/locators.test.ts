/**
 * Resource locators: every locator field is built as n8n's resourceLocator with a list backed by
 * a real `listSearch` method, the lists come from Telnyx list endpoints (here the mock), and the
 * executor sends the plain ID whichever way it was picked.
 */
import axios from 'axios';
import type {
	IDataObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { paramName } from '../../../nodes/Telnyx/catalogue/builder';
import type { StringField } from '../../../nodes/Telnyx/catalogue/types';
import { listSearch } from '../../../nodes/Telnyx/methods/listSearch';
import { TelnyxMock } from '../../mock/telnyxMock';
import { bodyOf, runNode } from '../engine/helpers';
import { shownFields } from './shown';

const node = new Telnyx();

const locatorFields = catalogue.flatMap((resource) =>
	resource.operations.flatMap((operation) =>
		operation.fields
			.filter((field): field is StringField => field.type === 'string' && !!field.locator)
			.map((field) => ({ resource: resource.value, operation: operation.value, field })),
	),
);

function builtProperty(resource: string, operation: string, name: string): INodeProperties {
	const found = shownFields(node.description, resource, operation).find(
		([path, property]) => path === name && property.type === 'resourceLocator',
	);
	if (!found) throw new Error(`No locator ${name} for ${resource}:${operation}`);
	return found[1];
}

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => mock.stop());
beforeEach(() => mock.reset());

/** A load-options context whose requests go to the mock with the credential's Bearer key. */
function loadOptionsContext(): ILoadOptionsFunctions {
	const credentials = { apiKey: mock.apiKey, baseUrl: mock.baseUrl, publicKey: '' };
	return {
		getCredentials: async () => credentials,
		getNode: () => ({ name: 'Telnyx', type: 'telnyx', typeVersion: 1, parameters: {} }),
		helpers: {
			// The transport puts the credential's Bearer key in the headers itself.
			httpRequest: async (request: IHttpRequestOptions) => {
				const response = await axios.request({
					method: request.method,
					url: request.url,
					params: request.qs,
					headers: request.headers as Record<string, string> | undefined,
					validateStatus: () => true,
				});
				return { statusCode: response.status, headers: response.headers, body: response.data };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

describe('locator fields', () => {
	test('the catalogue has the expected locators', () => {
		const named = new Set(locatorFields.map(({ resource, field }) => `${resource}.${field.key}`));
		expect([...named].sort()).toEqual(
			[
				'call.connection_id',
				'call.queue_name',
				'callControlApplication.id',
				'conference.id',
				'connection.connection_id',
				'connection.id',
				'media.media_name',
				'queue.queue_name',
				'queueCall.queue_name',
				'recording.recording_id',
			].sort(),
		);
	});

	test.each(
		locatorFields.map((entry) => [
			`${entry.resource}.${entry.operation}.${entry.field.key}`,
			entry,
		]),
	)(
		'%s is a resource locator with a searchable list and a real search method',
		(_label, { resource, operation, field }) => {
			const property = builtProperty(resource, operation, paramName(field));
			const modes = property.modes ?? [];
			expect(modes.map((mode) => mode.name)).toEqual([
				'list',
				field.locator!.by === 'ID' ? 'id' : 'name',
				...(field.locator!.url ? ['url'] : []),
			]);
			const search = modes[0].typeOptions?.searchListMethod as string;
			expect(search).toBe(field.locator!.search);
			expect(typeof (node.methods.listSearch as Record<string, unknown>)[search]).toBe('function');
			expect(modes[0].typeOptions?.searchable).toBe(true);
			expect(property.default).toEqual({
				mode: field.default ? modes[1].name : 'list',
				value: field.default ?? '',
			});
		},
	);
});

describe('the list searches', () => {
	test('applications: names from the API, searched by name, paged with a token', async () => {
		for (let i = 1; i <= 130; i++)
			mock.addApplication({
				id: String(1_000_000_000 + i),
				application_name: i === 7 ? 'Support IVR' : `App ${i}`,
				webhook_event_url: 'https://example.com/hook',
			});
		const ctx = loadOptionsContext();
		const first = await listSearch.searchApplications.call(ctx);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'App 1', value: '1000000001' });
		expect(first.paginationToken).toBe('2');
		const second = await listSearch.searchApplications.call(ctx, undefined, first.paginationToken);
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();

		const found = await listSearch.searchApplications.call(ctx, 'support');
		expect(found.results).toEqual([{ name: 'Support IVR', value: '1000000007' }]);
		const sent = mock.requests[mock.requests.length - 1];
		expect(sent.path).toBe('/call_control_applications');
		expect(sent.query['filter[application_name][contains]']).toBe('support');
		expect(sent.headers.authorization).toBe(`Bearer ${mock.apiKey}`);
	});

	test('queues, conferences, recordings, media and connections read their own list endpoints', async () => {
		mock.addRecord('queues', { record_type: 'queue', name: 'support', current_size: 3 });
		mock.addRecord('queues', { record_type: 'queue', name: 'sales', current_size: 0 });
		mock.addRecord('conferences', { id: 'conf-1', name: 'Daily standup', status: 'in_progress' });
		mock.addRecord('recordings', {
			id: 'rec-1',
			recording_started_at: '2024-05-01T10:00:00Z',
			duration_millis: 61_400,
		});
		mock.addRecord('media', { media_name: 'welcome', content_type: 'audio/mpeg' });
		mock.addRecord('connections', { id: '42', connection_name: 'Main SIP' });
		const ctx = loadOptionsContext();

		expect((await listSearch.searchQueues.call(ctx)).results).toEqual([
			{ name: 'support (3 waiting)', value: 'support' },
			{ name: 'sales (0 waiting)', value: 'sales' },
		]);
		expect((await listSearch.searchQueues.call(ctx, 'SAL')).results).toEqual([
			{ name: 'sales (0 waiting)', value: 'sales' },
		]);
		expect((await listSearch.searchConferences.call(ctx)).results).toEqual([
			{ name: 'Daily standup (in_progress)', value: 'conf-1' },
		]);
		expect((await listSearch.searchRecordings.call(ctx)).results).toEqual([
			{ name: '2024-05-01T10:00:00Z · 61 s (rec-1)', value: 'rec-1' },
		]);
		expect((await listSearch.searchMedia.call(ctx)).results).toEqual([
			{ name: 'welcome (audio/mpeg)', value: 'welcome' },
		]);
		expect((await listSearch.searchConnections.call(ctx, 'main')).results).toEqual([
			{ name: 'Main SIP', value: '42' },
		]);
		expect(mock.requests.map((request) => request.path)).toEqual([
			'/queues',
			'/queues',
			'/conferences',
			'/recordings',
			'/media',
			'/connections',
		]);
		// Media is not a paged endpoint.
		expect(mock.requests[4].query).toEqual({});
	});

	test('an API error reaches the editor as an error, not as an empty list', async () => {
		mock.route('GET', '/queues', () => ({
			status: 403,
			body: { errors: [{ code: '10010', title: 'Forbidden', detail: 'Not allowed' }] },
		}));
		await expect(listSearch.searchQueues.call(loadOptionsContext())).rejects.toThrow(
			/Forbidden|403/,
		);
	});
});

describe('the executor sends the plain value of a locator', () => {
	const dial = (connectionId: IDataObject) => ({
		resource: 'call',
		operation: 'dial',
		connectionId,
		from: '+13125550100',
		to: '+13125550123',
	});

	test.each([
		['picked from the list', { __rl: true, mode: 'list', value: '1494404757140276705' }],
		['typed as an ID', { __rl: true, mode: 'id', value: ' 1494404757140276705 ' }],
		[
			'pasted as a portal link',
			{
				__rl: true,
				mode: 'url',
				value: 'https://portal.telnyx.com/#/call-control/applications/1494404757140276705',
			},
		],
	])('Dial with a connection %s', async (_how, connectionId) => {
		const result = await runNode(mock, dial(connectionId));
		expect(result.error).toBeUndefined();
		expect(bodyOf(mock.requests[0]).connection_id).toBe('1494404757140276705');
	});

	test("a link without an ID is refused by n8n's own check of the mode, before any request", async () => {
		await expect(
			runNode(
				mock,
				dial({ __rl: true, mode: 'url', value: 'https://example.com/not-a-portal-link' }),
			),
		).rejects.toThrow(/Not a Telnyx portal link to a connection/);
		expect(mock.requests).toHaveLength(0);
	});

	test('a link from an expression without an ID stops the item, naming the field', async () => {
		const result = await runNode(
			mock,
			dial({ __rl: true, mode: 'url', value: '={{ "https://example.com/" + "x" }}' }),
		);
		expect(result.error?.message).toMatch(/"Connection ID" field must be a Telnyx portal link/);
		expect(mock.requests).toHaveLength(0);
	});

	test("the conference ID's default reads the incoming item", async () => {
		const result = await runNode(
			mock,
			{ resource: 'conference', operation: 'hold' },
			{ input: [{ json: { payload: { conference_id: 'conf-77' } } }] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].path).toBe('/conferences/conf-77/actions/hold');
	});

	test('a queue name from the list goes into the path', async () => {
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'get',
			queueName: { __rl: true, mode: 'list', value: 'support line' },
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].path).toBe('/queues/support%20line');
	});
});

describe('long option lists are searchable lists', () => {
	const searchable = catalogue.flatMap((resource) =>
		resource.operations.flatMap((operation) =>
			operation.fields
				.filter((field) => field.type === 'options' && !!field.search)
				.map((field) => ({ resource: resource.value, operation, field })),
		),
	);

	test('the recording and agent language lists are searchable', () => {
		expect(searchable.map(({ field }) => field.type === 'options' && field.search).sort()).toEqual([
			'searchAgentLanguages',
			'searchRecordingLanguages',
		]);
	});

	test.each(
		searchable.map((entry) => [
			`${entry.resource}.${entry.operation.value}.${entry.field.key}`,
			entry,
		]),
	)(
		'%s: the list holds every choice, sorted, and is searched by name or code without a request',
		async (_label, { field }) => {
			if (field.type !== 'options') throw new Error('not an options field');
			const search = listSearch[field.search!];
			const all = await search.call(loadOptionsContext());
			expect(all.results.map((item) => item.value).sort()).toEqual(
				field.options.map((option) => option.value).sort(),
			);
			const names = all.results.map((item) => item.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			const german = await search.call(loadOptionsContext(), 'german');
			expect(german.results.length).toBeGreaterThan(0);
			expect(german.results.every((item) => /german/i.test(item.name))).toBe(true);
			const byCode = await search.call(loadOptionsContext(), 'de');
			expect(byCode.results.map((item) => item.value)).toContain('de');
			expect(mock.requests).toHaveLength(0);
		},
	);

	test('a code picked from the list or typed is sent; an unknown code stops the item', async () => {
		const base = {
			resource: 'call',
			operation: 'startRecording',
			format: 'mp3',
			channels: 'single',
		};
		const ok = await runNode(
			mock,
			{
				...base,
				additionalFields: { transcriptionLanguage: { __rl: true, mode: 'list', value: 'de-DE' } },
			},
			{ input: [{ json: { call_control_id: 'v3:rec' } }] },
		);
		expect(ok.error).toBeUndefined();
		expect(bodyOf(mock.requests[0]).transcription_language).toBe('de-DE');

		mock.reset();
		const bad = await runNode(
			mock,
			{
				...base,
				additionalFields: { transcriptionLanguage: { __rl: true, mode: 'code', value: 'xx-YY' } },
			},
			{ input: [{ json: { call_control_id: 'v3:rec' } }] },
		);
		expect(bad.error?.message).toMatch(
			/"Transcription Language" field must be one of the codes in its list, not "xx-YY"/,
		);
		expect(mock.requests).toHaveLength(0);
	});
});
