import { randomBytes } from 'node:crypto';
import type { NodeApiError } from 'n8n-workflow';
import { TelnyxMock } from '../../mock/telnyxMock';
import { NODE, param, runNode } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

describe('upload (multipart/form-data)', () => {
	test('sends exactly the fields that were set', async () => {
		const result = await runNode(mock, {
			resource: 'media',
			operation: 'upload',
			[param('media', 'upload', 'media_url')]: 'https://example.com/audio/welcome.mp3',
			additionalFields: {
				[param('media', 'upload', 'media_name')]: 'welcome-é',
				[param('media', 'upload', 'ttl_secs')]: 3600,
			},
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		const request = mock.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/media');
		expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(request.body).toEqual({
			media_url: 'https://example.com/audio/welcome.mp3',
			media_name: 'welcome-é',
			ttl_secs: '3600',
		});
		// Not JSON on the wire.
		expect(() => JSON.parse(request.rawBody.toString('utf8'))).toThrow();
		expect(result.output(NODE)).toHaveLength(1);
	});

	test('leaves out optional fields that were not set', async () => {
		const result = await runNode(mock, {
			resource: 'media',
			operation: 'upload',
			mediaUrl: 'https://example.com/a.wav',
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].body).toEqual({ media_url: 'https://example.com/a.wav' });
	});

	test('an upload (a POST without command_id) is not retried on 500', async () => {
		mock.route('POST', '/media', () => ({
			status: 500,
			body: { errors: [{ code: '10007', title: 'Unexpected error' }] },
		}));
		const result = await runNode(mock, {
			resource: 'media',
			operation: 'upload',
			mediaUrl: 'https://example.com/a.wav',
		});
		expect(mock.requests).toHaveLength(1);
		expect(String((result.error as NodeApiError).httpCode)).toBe('500');
	});

	test('an update (a multipart PUT) is retried and the same body is sent again', async () => {
		let count = 0;
		mock.route('PUT', '/media/welcome', () =>
			++count === 1
				? { status: 502, body: { errors: [{ code: '10007', title: 'Bad gateway' }] } }
				: { body: { data: { media_name: 'welcome' } } },
		);
		const result = await runNode(mock, {
			resource: 'media',
			operation: 'update',
			mediaName: 'welcome',
			updateFields: { mediaUrl: 'https://example.com/v2.mp3', ttlSecs: 60 },
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(2);
		for (const request of mock.requests) {
			expect(request.body).toEqual({ media_url: 'https://example.com/v2.mp3', ttl_secs: '60' });
		}
		expect(mock.requests[1].rawBody.equals(mock.requests[0].rawBody)).toBe(true);
		expect(result.output(NODE)).toEqual([{ media_name: 'welcome' }]);
	});
});

describe('download (binary response)', () => {
	test('puts the bytes and content type in the chosen binary property', async () => {
		const bytes = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x00, 0x80]), randomBytes(2048)]);
		mock.route('GET', '/media/welcome%20prompt/download', () => ({
			raw: bytes,
			headers: { 'Content-Type': 'audio/mpeg' },
		}));
		const result = await runNode(mock, {
			resource: 'media',
			operation: 'download',
			mediaName: 'welcome prompt',
			binaryPropertyName: 'audioFile',
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /media/welcome%20prompt/download',
		]);
		const items = result.items(NODE);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ media_name: 'welcome prompt' });
		expect(Object.keys(items[0].binary ?? {})).toEqual(['audioFile']);
		const binary = items[0].binary!.audioFile;
		expect(binary.mimeType).toBe('audio/mpeg');
		expect(binary.fileName).toBe('welcome prompt');
		expect(Buffer.from(binary.data, 'base64').equals(bytes)).toBe(true);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('a content type with parameters keeps only the MIME type; the default property is "data"', async () => {
		const bytes = Buffer.from('RIFF....WAVEfmt ', 'latin1');
		mock.route('GET', '/media/beep/download', () => ({
			raw: bytes,
			headers: { 'Content-Type': 'audio/wav; codec=1' },
		}));
		const result = await runNode(mock, {
			resource: 'media',
			operation: 'download',
			mediaName: 'beep',
		});
		expect(result.error).toBeUndefined();
		const binary = result.items(NODE)[0].binary!.data;
		expect(binary.mimeType).toBe('audio/wav');
		expect(Buffer.from(binary.data, 'base64').equals(bytes)).toBe(true);
	});

	test('a JSON error on a download is still mapped from errors[]', async () => {
		mock.route('GET', '/media/missing/download', () => ({
			status: 404,
			body: {
				errors: [{ code: '10005', title: 'Resource not found', detail: 'No media named missing' }],
			},
		}));
		const result = await runNode(mock, {
			resource: 'media',
			operation: 'download',
			mediaName: 'missing',
		});
		const error = result.error as NodeApiError;
		expect(error.message).toContain('Resource not found');
		expect(error.message).toContain('10005');
		expect(error.description).toContain('No media named missing');
		expect(String(error.httpCode)).toBe('404');
		expect(mock.requests).toHaveLength(1);
	});
});
