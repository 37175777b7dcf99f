/**
 * Media Upload and Update from a binary field of the item: the file travels as the multipart
 * file part `media`, through n8n's own engine, and the mock sees the exact bytes.
 */
import {
	NodeHelpers,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { TelnyxMock } from '../../mock/telnyxMock';
import { NODE, runNode } from './helpers';

const CRLF = '\r\n';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

/** A WAV header, a NUL, a high byte and a line break: bytes that text handling would damage. */
const AUDIO = Buffer.from([
	0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00, 0x57, 0x41, 0x56, 0x45, 0xff, 0x0d, 0x0a, 0x00,
]);

function fileItem(
	property: string,
	data: Buffer,
	meta: { fileName?: string; mimeType?: string } = {},
): INodeExecutionData {
	return {
		json: {},
		binary: {
			[property]: {
				data: data.toString('base64'),
				mimeType: meta.mimeType ?? 'audio/wav',
				...(meta.fileName ? { fileName: meta.fileName } : {}),
			},
		},
	};
}

function boundaryOf(contentType: unknown): string {
	const match = /^multipart\/form-data; boundary=(\S+)$/.exec(String(contentType));
	if (!match) throw new Error(`not a multipart content type: ${String(contentType)}`);
	return match[1];
}

describe('upload from a binary field', () => {
	test('sends the text fields and the file as the part "media", byte for byte', async () => {
		const result = await runNode(
			mock,
			{
				resource: 'media',
				operation: 'upload',
				fileSource: 'binary',
				inputDataFieldName: 'recording',
				additionalFields: { mediaName: 'greeting', ttlSecs: 600 },
			},
			{ input: [fileItem('recording', AUDIO, { fileName: 'greeting.wav' })] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		const request = mock.requests[0];
		expect(`${request.method} ${request.path}`).toBe('POST /media');
		const boundary = boundaryOf(request.headers['content-type']);
		const expected = Buffer.concat([
			Buffer.from(
				`--${boundary}${CRLF}Content-Disposition: form-data; name="media_name"${CRLF}${CRLF}greeting${CRLF}` +
					`--${boundary}${CRLF}Content-Disposition: form-data; name="ttl_secs"${CRLF}${CRLF}600${CRLF}` +
					`--${boundary}${CRLF}Content-Disposition: form-data; name="media"; filename="greeting.wav"${CRLF}` +
					`Content-Type: audio/wav${CRLF}${CRLF}`,
			),
			AUDIO,
			Buffer.from(`${CRLF}--${boundary}--${CRLF}`),
		]);
		expect(request.rawBody.equals(expected)).toBe(true);
		expect(request.headers['content-length']).toBe(String(expected.length));
		expect(request.body).toEqual({
			media_name: 'greeting',
			ttl_secs: '600',
			media: { filename: 'greeting.wav', contentType: 'audio/wav', data: AUDIO },
		});
		const items = result.items(NODE);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ media_name: 'greeting', content_type: 'audio/wav' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('leaves the URL out, even when one was set before switching the source', async () => {
		const result = await runNode(
			mock,
			{
				resource: 'media',
				operation: 'upload',
				fileSource: 'binary',
				inputDataFieldName: 'data',
				mediaUrl: 'https://example.com/old.mp3',
			},
			{ input: [fileItem('data', AUDIO, { fileName: 'a.wav' })] },
		);
		expect(result.error).toBeUndefined();
		expect(Object.keys(mock.requests[0].body as object)).toEqual(['media']);
	});

	test('names a file without a file name after its field, and each item sends its own file', async () => {
		const second = Buffer.from('ID3\u0003second file', 'latin1');
		const result = await runNode(
			mock,
			{ resource: 'media', operation: 'upload', fileSource: 'binary', inputDataFieldName: 'data' },
			{
				input: [
					fileItem('data', AUDIO),
					fileItem('data', second, { fileName: 'two.mp3', mimeType: 'audio/mpeg' }),
				],
			},
		);
		expect(result.error).toBeUndefined();
		const files = mock.requests
			.map(
				(request) =>
					(request.body as { media: { filename: string; contentType: string; data: Buffer } })
						.media,
			)
			.sort((a, b) => a.filename.localeCompare(b.filename));
		expect(files.map((file) => [file.filename, file.contentType])).toEqual([
			['data', 'audio/wav'],
			['two.mp3', 'audio/mpeg'],
		]);
		expect(files[0].data.equals(AUDIO)).toBe(true);
		expect(files[1].data.equals(second)).toBe(true);
		expect(result.items(NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a missing binary field fails before any request, naming the field and what the item has', async () => {
		const result = await runNode(
			mock,
			{ resource: 'media', operation: 'upload', fileSource: 'binary', inputDataFieldName: 'audio' },
			{ input: [fileItem('audio', AUDIO), fileItem('recording', AUDIO)] },
		);
		expect(result.error?.message).toBe(
			'The "Input Data Field Name" field names the binary field "audio", which item 1 does not have',
		);
		expect((result.error as { description?: string }).description).toBe(
			'Its binary fields: recording',
		);
		expect(mock.requests).toHaveLength(0);
	});

	test('an item without binary data says where the file should come from', async () => {
		const result = await runNode(
			mock,
			{ resource: 'media', operation: 'upload', fileSource: 'binary', inputDataFieldName: 'data' },
			{ input: [{ json: { name: 'no file' } }] },
		);
		expect(result.error?.message).toContain('"Input Data Field Name"');
		expect((result.error as { description?: string }).description).toMatch(/no binary data/);
		expect(mock.requests).toHaveLength(0);
	});

	test('with File Source URL the URL is sent and no file part', async () => {
		const result = await runNode(
			mock,
			{
				resource: 'media',
				operation: 'upload',
				fileSource: 'url',
				inputDataFieldName: 'data',
				mediaUrl: 'https://example.com/hello.mp3',
			},
			{ input: [fileItem('data', AUDIO)] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests[0].body).toEqual({ media_url: 'https://example.com/hello.mp3' });
	});
});

describe('update from a binary field', () => {
	test('replaces the stored file with a PUT that carries the file part, retried with the same bytes', async () => {
		let attempts = 0;
		mock.route('PUT', '/media/welcome', () =>
			++attempts === 1
				? { status: 503, body: { errors: [{ code: '10007', title: 'Unavailable' }] } }
				: { body: { data: { media_name: 'welcome', content_type: 'audio/wav' } } },
		);
		const result = await runNode(
			mock,
			{
				resource: 'media',
				operation: 'update',
				mediaName: 'welcome',
				fileSource: 'binary',
				inputDataFieldName: 'data',
				updateFields: { mediaUrl: 'https://example.com/ignored.mp3', ttlSecs: 60 },
			},
			{ input: [fileItem('data', AUDIO, { fileName: 'v2.wav' })] },
		);
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(2);
		expect(mock.requests[1].rawBody.equals(mock.requests[0].rawBody)).toBe(true);
		expect(mock.requests[0].body).toEqual({
			ttl_secs: '60',
			media: { filename: 'v2.wav', contentType: 'audio/wav', data: AUDIO },
		});
		expect(result.output(NODE)).toEqual([{ media_name: 'welcome', content_type: 'audio/wav' }]);
	});
});

describe('fields in the editor', () => {
	const { description } = new Telnyx();
	const node = { name: 'Telnyx', typeVersion: 1, parameters: {} } as unknown as INode;

	/** The top-level and collection fields n8n's own display rules show for these parameter values. */
	function shown(values: Record<string, unknown>): string[] {
		const names: string[] = [];
		const visit = (list: INodeProperties[], prefix: string) => {
			for (const property of list) {
				if (
					!NodeHelpers.displayParameter(
						values as never,
						property,
						node,
						description,
						values as never,
					)
				)
					continue;
				names.push(prefix + property.name);
				if (property.type === 'collection')
					visit(property.options as INodeProperties[], `${prefix}${property.name}.`);
			}
		};
		visit(description.properties, '');
		return names;
	}

	test('Upload asks for the source first, then the field name or the URL', () => {
		const binary = shown({ resource: 'media', operation: 'upload', fileSource: 'binary' });
		expect(binary).toEqual(
			expect.arrayContaining(['fileSource', 'inputDataFieldName', 'additionalFields.mediaName']),
		);
		expect(binary).not.toContain('mediaUrl');
		expect(binary.indexOf('fileSource')).toBeLessThan(binary.indexOf('inputDataFieldName'));

		const url = shown({ resource: 'media', operation: 'upload', fileSource: 'url' });
		expect(url).toEqual(expect.arrayContaining(['fileSource', 'mediaUrl']));
		expect(url).not.toContain('inputDataFieldName');
	});

	test('Update hides its optional URL while the source is a binary field', () => {
		expect(shown({ resource: 'media', operation: 'update', fileSource: 'url' })).toContain(
			'updateFields.mediaUrl',
		);
		const binary = shown({ resource: 'media', operation: 'update', fileSource: 'binary' });
		expect(binary).toContain('inputDataFieldName');
		expect(binary).not.toContain('updateFields.mediaUrl');
		expect(binary).toContain('updateFields.ttlSecs');
	});

	test('no other operation shows the source choice', () => {
		const source = description.properties.filter((p) => p.name === 'fileSource');
		expect(source).toHaveLength(1);
		expect(source[0].default).toBe('url');
		expect(shown({ resource: 'media', operation: 'get' })).not.toContain('fileSource');
		expect(shown({ resource: 'call', operation: 'speak' })).not.toContain('fileSource');
	});
});
