import { findOperation } from '../../../nodes/Telnyx/catalogue';
import { TelnyxMock, type RecordedRequest } from '../../mock/telnyxMock';
import { NODE, runNode } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

const MAX_PAGE_SIZE = findOperation('queue', 'getMany')!.paginated!.maxPageSize;

/** Serves `total` records at `path`, paged by page[number] / page[size] like Telnyx. */
function pagedRoute(path: string | RegExp, total: number, name = (i: number) => `queue-${i}`) {
	mock.route('GET', path, (request: RecordedRequest) => {
		const size = Number(request.query['page[size]'] ?? 20);
		const number = Number(request.query['page[number]'] ?? 1);
		const totalPages = Math.max(1, Math.ceil(total / size));
		const data = [];
		for (let i = (number - 1) * size; i < Math.min(total, number * size); i++) {
			data.push({ name: name(i), record_type: 'queue' });
		}
		return {
			body: {
				data,
				meta: {
					page_number: number,
					page_size: size,
					total_pages: totalPages,
					total_results: total,
				},
			},
		};
	});
}

const pages = () =>
	mock.requests.map((r) => ({ number: r.query['page[number]'], size: r.query['page[size]'] }));

test('the catalogue pages queues 250 at a time', () => {
	expect(MAX_PAGE_SIZE).toBe(250);
});

test('Return All follows total_pages and keeps the order', async () => {
	pagedRoute('/queues', 2 * MAX_PAGE_SIZE + 17);
	const result = await runNode(mock, { resource: 'queue', operation: 'getMany', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(pages()).toEqual([
		{ number: '1', size: String(MAX_PAGE_SIZE) },
		{ number: '2', size: String(MAX_PAGE_SIZE) },
		{ number: '3', size: String(MAX_PAGE_SIZE) },
	]);
	const names = result.output(NODE).map((json) => json.name);
	expect(names).toHaveLength(2 * MAX_PAGE_SIZE + 17);
	expect(names).toEqual(Array.from({ length: 2 * MAX_PAGE_SIZE + 17 }, (_, i) => `queue-${i}`));
	expect(result.items(NODE).every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(
		true,
	);
});

test('Return All over three small pages (a server that ignores page[size])', async () => {
	const pageData = [
		[{ name: 'a' }, { name: 'b' }],
		[{ name: 'c' }, { name: 'd' }],
		[{ name: 'e' }],
	];
	mock.route('GET', '/queues', (request) => {
		const number = Number(request.query['page[number]']);
		return {
			body: {
				data: pageData[number - 1] ?? [],
				meta: { page_number: number, page_size: 2, total_pages: 3, total_results: 5 },
			},
		};
	});
	const result = await runNode(mock, { resource: 'queue', operation: 'getMany', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(pages().map((p) => p.number)).toEqual(['1', '2', '3']);
	expect(result.output(NODE)).toEqual([
		{ name: 'a' },
		{ name: 'b' },
		{ name: 'c' },
		{ name: 'd' },
		{ name: 'e' },
	]);
});

test('limit 5 asks for one page of 5', async () => {
	pagedRoute('/queues', 40);
	const result = await runNode(mock, {
		resource: 'queue',
		operation: 'getMany',
		returnAll: false,
		limit: 5,
	});
	expect(result.error).toBeUndefined();
	expect(pages()).toEqual([{ number: '1', size: '5' }]);
	expect(result.output(NODE).map((json) => json.name)).toEqual([
		'queue-0',
		'queue-1',
		'queue-2',
		'queue-3',
		'queue-4',
	]);
});

test('the default limit is 50', async () => {
	pagedRoute('/queues', 400);
	const result = await runNode(mock, { resource: 'queue', operation: 'getMany' });
	expect(pages()).toEqual([{ number: '1', size: '50' }]);
	expect(result.output(NODE)).toHaveLength(50);
});

test('limit 300 takes two pages of 250 and stops', async () => {
	pagedRoute('/queues', 1000);
	const result = await runNode(mock, {
		resource: 'queue',
		operation: 'getMany',
		returnAll: false,
		limit: 300,
	});
	expect(result.error).toBeUndefined();
	expect(pages()).toEqual([
		{ number: '1', size: '250' },
		{ number: '2', size: '250' },
	]);
	const names = result.output(NODE).map((json) => json.name);
	expect(names).toEqual(Array.from({ length: 300 }, (_, i) => `queue-${i}`));
});

test('a limit above the total returns everything there is', async () => {
	pagedRoute('/queues', 7);
	const result = await runNode(mock, {
		resource: 'queue',
		operation: 'getMany',
		returnAll: false,
		limit: 100,
	});
	expect(pages()).toEqual([{ number: '1', size: '100' }]);
	expect(result.output(NODE)).toHaveLength(7);
});

test('an empty list gives no items and one request', async () => {
	pagedRoute('/queues', 0);
	const result = await runNode(mock, { resource: 'queue', operation: 'getMany', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(mock.requests).toHaveLength(1);
	expect(result.output(NODE)).toEqual([]);
});

test('a page that fails once is retried: no page skipped or repeated', async () => {
	let served = 0;
	mock.route('GET', '/queues', (request) => {
		served++;
		if (served === 2) {
			return { status: 503, body: { errors: [{ code: '10007', title: 'Unexpected error' }] } };
		}
		const number = Number(request.query['page[number]']);
		return {
			body: {
				data: [{ name: `page-${number}` }],
				meta: { page_number: number, total_pages: 3 },
			},
		};
	});
	const result = await runNode(mock, { resource: 'queue', operation: 'getMany', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(pages().map((p) => p.number)).toEqual(['1', '2', '2', '3']);
	expect(result.output(NODE)).toEqual([{ name: 'page-1' }, { name: 'page-2' }, { name: 'page-3' }]);
});

test('records of several input items keep their pairedItem and input order', async () => {
	pagedRoute(/^\/queues\/[^/]+\/calls$/, 3, (i) => `call-${i}`);
	const result = await runNode(
		mock,
		{
			resource: 'queueCall',
			operation: 'getMany',
			queueName: '={{ $json.queue }}',
			returnAll: true,
		},
		{ input: [{ json: { queue: 'sales' } }, { json: { queue: 'support desk' } }] },
	);
	expect(result.error).toBeUndefined();
	expect(mock.requests.map((r) => r.path).sort()).toEqual([
		'/queues/sales/calls',
		'/queues/support%20desk/calls',
	]);
	const items = result.items(NODE);
	expect(items.map((item) => item.json.name)).toEqual([
		'call-0',
		'call-1',
		'call-2',
		'call-0',
		'call-1',
		'call-2',
	]);
	expect(items.map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 0 },
		{ item: 0 },
		{ item: 1 },
		{ item: 1 },
		{ item: 1 },
	]);
});

test('a server that ignores page[number] does not make Return All loop past total_pages', async () => {
	mock.route('GET', '/queues', () =>
		// Always page 1 of 3; after 10 requests an empty page, so a runaway loop still ends.
		mock.requests.length > 10
			? { body: { data: [], meta: { page_number: 1, total_pages: 3 } } }
			: { body: { data: [{ name: 'same' }], meta: { page_number: 1, total_pages: 3 } } },
	);
	const result = await runNode(mock, { resource: 'queue', operation: 'getMany', returnAll: true });
	expect(result.error).toBeUndefined();
	expect(pages().map((p) => p.number)).toEqual(['1', '2', '3']);
	expect(result.output(NODE)).toHaveLength(3);
});
