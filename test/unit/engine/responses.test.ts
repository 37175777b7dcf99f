/**
 * What the node makes of a 2xx answer: JSON is data, nothing at all is a success, and anything
 * else (an HTML page from a proxy, say) is an error that names the status and the content type.
 */
import type { NodeApiError } from 'n8n-workflow';
import { TelnyxMock } from '../../mock/telnyxMock';
import { callItem, NODE, runNode } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

const SPEAK = /^\/calls\/[^/]+\/actions\/speak$/;
const speak = { resource: 'call', operation: 'speak', payload: 'Hello', voice: 'female' };
const PORTAL = '<!doctype html><html><body><h1>Please sign in to the proxy</h1></body></html>';

function answer(status: number, contentType: string | undefined, text: string) {
	mock.route('POST', SPEAK, () => ({
		status,
		headers: contentType ? { 'content-type': contentType } : ({} as Record<string, string>),
		raw: Buffer.from(text, 'utf8'),
	}));
}

describe('a 2xx answer', () => {
	test('an HTML page is an error naming the status and the content type', async () => {
		answer(200, 'text/html; charset=utf-8', PORTAL);
		const result = await runNode(mock, speak, { input: [callItem('v3:html')] });
		expect(mock.requests).toHaveLength(1);
		const error = result.error as NodeApiError;
		expect(error).toBeDefined();
		expect(error.message).toBe('Telnyx answered HTTP 200 with text/html instead of JSON');
		expect(String(error.httpCode)).toBe('200');
		expect(result.output(NODE)).toEqual([]);
	});

	test('text that claims to be JSON but is not is refused the same way', async () => {
		answer(202, 'application/json', 'OK, queued');
		const result = await runNode(mock, speak, { input: [callItem('v3:not-json')] });
		expect(result.error?.message).toBe(
			'Telnyx answered HTTP 202 with application/json instead of JSON',
		);
	});

	test('a body without a content type is named as such', async () => {
		answer(200, undefined, 'hello');
		const result = await runNode(mock, speak, { input: [callItem('v3:bare')] });
		expect(result.error?.message).toBe('Telnyx answered HTTP 200 with no content type instead of JSON');
	});

	test('under continue on fail the item becomes an error item, the others go on', async () => {
		mock.route('POST', SPEAK, (request) =>
			request.path.includes('proxied')
				? { status: 200, headers: { 'content-type': 'text/html' }, raw: Buffer.from(PORTAL) }
				: { body: { data: { result: 'ok' } } },
		);
		const result = await runNode(mock, speak, {
			input: [callItem('v3:fine'), callItem('v3:proxied'), callItem('v3:also-fine')],
			settings: { onError: 'continueRegularOutput' },
		});
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([
			{ result: 'ok' },
			{
				error: 'Telnyx answered HTTP 200 with text/html instead of JSON',
				description: expect.any(String),
			},
			{ result: 'ok' },
		]);
	});

	test.each([
		['204 without a body', 204, undefined, ''],
		['200 with an empty body', 200, 'application/json', ''],
		['200 with only white space', 200, 'text/plain', ' \r\n'],
	])('%s is a success', async (_label, status, contentType, text) => {
		answer(status, contentType, text);
		const result = await runNode(mock, speak, { input: [callItem('v3:empty')] });
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([{ success: true }]);
		expect(result.items(NODE)[0].pairedItem).toEqual({ item: 0 });
	});

	test('JSON is data, whatever the content type says', async () => {
		answer(200, 'text/plain', '{"data":{"result":"ok","via":"text"}}');
		const result = await runNode(mock, speak, { input: [callItem('v3:json-as-text')] });
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([{ result: 'ok', via: 'text' }]);
	});

	test('a list that answers with HTML fails instead of returning nothing', async () => {
		mock.route('GET', '/queues', () => ({
			status: 200,
			headers: { 'content-type': 'text/html' },
			raw: Buffer.from(PORTAL),
		}));
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.error?.message).toBe('Telnyx answered HTTP 200 with text/html instead of JSON');
	});
});
