import { encodeMultipart } from '../../../nodes/Telnyx/transport';
import { decodeMultipart } from '../../mock/telnyxMock';

/** multipart/form-data as the transport writes it, byte for byte. */

const CRLF = '\r\n';

describe('encodeMultipart', () => {
	test('writes text parts, then a file part with its name and type, and the closing boundary', () => {
		const bytes = Buffer.from([0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x80]);
		const body = encodeMultipart(
			{
				media_name: 'welcome',
				ttl_secs: '600',
				media: { fileName: 'welcome.wav', contentType: 'audio/wav', data: bytes },
			},
			'B0undary',
		);
		expect(body.contentType).toBe('multipart/form-data; boundary=B0undary');
		const expected = Buffer.concat([
			Buffer.from(
				`--B0undary${CRLF}Content-Disposition: form-data; name="media_name"${CRLF}${CRLF}welcome${CRLF}` +
					`--B0undary${CRLF}Content-Disposition: form-data; name="ttl_secs"${CRLF}${CRLF}600${CRLF}` +
					`--B0undary${CRLF}Content-Disposition: form-data; name="media"; filename="welcome.wav"${CRLF}` +
					`Content-Type: audio/wav${CRLF}${CRLF}`,
			),
			bytes,
			Buffer.from(`${CRLF}--B0undary--${CRLF}`),
		]);
		expect(body.data.equals(expected)).toBe(true);
	});

	test('text keeps its UTF-8 bytes', () => {
		const body = encodeMultipart({ media_name: 'accueil-é' }, 'b');
		expect(body.data.toString('utf8')).toBe(
			`--b${CRLF}Content-Disposition: form-data; name="media_name"${CRLF}${CRLF}accueil-é${CRLF}--b--${CRLF}`,
		);
	});

	test('quotes and line breaks in a file name cannot add headers', () => {
		const body = encodeMultipart(
			{
				media: {
					fileName: 'a"b\r\nContent-Type: text/html.wav',
					contentType: 'audio/wav',
					data: Buffer.from('x'),
				},
			},
			'b',
		);
		const head = body.data.toString('utf8').split(`${CRLF}${CRLF}`)[0];
		expect(head).toBe(
			`--b${CRLF}Content-Disposition: form-data; name="media"; filename="a%22b%0D%0AContent-Type: text/html.wav"${CRLF}Content-Type: audio/wav`,
		);
	});

	test('a content type that is not a plain MIME type is sent as application/octet-stream', () => {
		for (const contentType of ['audio/wav\r\nX-Evil: 1', 'not a type', '']) {
			const body = encodeMultipart(
				{ media: { fileName: 'f.bin', contentType, data: Buffer.from('x') } },
				'b',
			);
			expect(body.data.toString('utf8')).toContain(
				`${CRLF}Content-Type: application/octet-stream${CRLF}${CRLF}x${CRLF}`,
			);
		}
		const withParameter = encodeMultipart(
			{
				media: {
					fileName: 'f.txt',
					contentType: 'text/plain; charset=utf-8',
					data: Buffer.from('x'),
				},
			},
			'b',
		);
		expect(withParameter.data.toString('utf8')).toContain(
			'Content-Type: text/plain; charset=utf-8',
		);
	});

	test('a file that contains the boundary gets a longer one, and still decodes to the same bytes', () => {
		const data = Buffer.from(`before${CRLF}--sep${CRLF}after--sep0--sep1`);
		const body = encodeMultipart(
			{ note: 'n', media: { fileName: 'f.bin', contentType: 'audio/mpeg', data } },
			'sep',
		);
		expect(body.contentType).toBe('multipart/form-data; boundary=sep2');
		const decoded = decodeMultipart(body.data, body.contentType) as Record<string, any>;
		expect(decoded.note).toBe('n');
		expect(decoded.media.filename).toBe('f.bin');
		expect(decoded.media.contentType).toBe('audio/mpeg');
		expect(Buffer.compare(decoded.media.data, data)).toBe(0);
	});
});
