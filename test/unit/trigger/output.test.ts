import {
	isJsonContentType,
	isValidUtf8,
	parseDelivery,
	toOutputItem,
} from '../../../nodes/TelnyxTrigger/output';
import { delivery, encodeState } from './helpers';

function parse(body: unknown, contentType = 'application/json') {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	return parseDelivery(
		contentType === 'application/json' ? body : {},
		Buffer.from(raw),
		contentType,
	);
}

describe('parseDelivery', () => {
	it('reads the envelope n8n already parsed', () => {
		const body = delivery('call.answered', { id: 'evt-1' });
		const parsed = parseDelivery(body, Buffer.from('not used'), 'application/json');
		expect(parsed.ok).toBe(true);
		if (parsed.ok) {
			expect(parsed.event.event_type).toBe('call.answered');
			expect(parsed.event.id).toBe('evt-1');
		}
	});

	it('parses the raw body itself for other content types', () => {
		const body = delivery('call.hangup', { id: 'evt-2' });
		for (const contentType of ['text/plain', 'application/octet-stream', undefined]) {
			const parsed = parseDelivery(undefined, Buffer.from(JSON.stringify(body)), contentType);
			expect(parsed.ok && parsed.event.id).toBe('evt-2');
		}
	});

	it('refuses bodies that are not JSON or not a Telnyx event', () => {
		const cases: Array<[unknown, string]> = [
			['hello', 'not valid JSON'],
			['{"data":', 'not valid JSON'],
			['[1,2]', 'no "data" object'],
			['"text"', 'no "data" object'],
			[{ data: [] }, 'no "data" object'],
			[{ event_type: 'call.answered' }, 'no "data" object'],
			[{ data: { payload: {} } }, 'no "event_type"'],
			[{ data: { event_type: '' } }, 'no "event_type"'],
			[{ data: { event_type: 5 } }, 'no "event_type"'],
		];
		for (const [body, reason] of cases) {
			const parsed = parse(body, typeof body === 'string' ? 'text/plain' : 'application/json');
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) expect(parsed.reason).toContain(reason);
		}
		const empty = parseDelivery(undefined, Buffer.alloc(0), 'text/plain');
		expect(empty.ok).toBe(false);
		expect(parseDelivery(undefined, undefined, undefined).ok).toBe(false);
	});
});

describe('media type and encoding checks', () => {
	it('takes application/json in any case, with parameters, and nothing else', () => {
		for (const header of [
			'application/json',
			'APPLICATION/JSON',
			'application/json;charset=utf-8',
			' application/json ; charset="UTF-8" ; q=1',
		])
			expect(isJsonContentType(header)).toBe(true);
		for (const header of [
			undefined,
			'',
			'text/json',
			'application/jsonp',
			'application/json-patch+json',
			'application/ld+json',
			'text/plain; application/json',
		])
			expect(isJsonContentType(header)).toBe(false);
	});

	it('tells valid UTF-8 from bytes that are not', () => {
		expect(isValidUtf8(Buffer.from('{"a":"Grüße ✓ 📞"}'))).toBe(true);
		expect(isValidUtf8(Buffer.alloc(0))).toBe(true);
		for (const bytes of [
			[0xff],
			[0xc3],
			[0xc0, 0xaf],
			[0xed, 0xa0, 0x80],
			[0xf4, 0x90, 0x80, 0x80],
		])
			expect(isValidUtf8(Buffer.from([0x22, ...bytes, 0x22]))).toBe(false);
	});

	it('refuses invalid UTF-8 whether n8n parsed the body or not', () => {
		const raw = Buffer.from(
			'{"data":{"event_type":"call.answered","payload":{"x":"\xff"}}}',
			'latin1',
		);
		const n8nParsed = JSON.parse(raw.toString('utf8'));
		for (const parsed of [
			parseDelivery(n8nParsed, raw, 'application/json', 'utf-8'),
			parseDelivery(undefined, raw, undefined),
		]) {
			expect(parsed).toEqual({ ok: false, reason: 'The request body is not valid UTF-8' });
		}
	});

	it('reads the raw bytes as UTF-8 when n8n decoded them with another charset', () => {
		const raw = Buffer.from(JSON.stringify(delivery('call.answered', { id: 'évt' })), 'utf8');
		const n8nParsed = JSON.parse(raw.toString('latin1'));
		const parsed = parseDelivery(n8nParsed, raw, 'application/json', 'latin1');
		expect(parsed.ok && parsed.event.id).toBe('évt');
	});
});

describe('toOutputItem', () => {
	it('has the event fields, the payload and meta', () => {
		const body = delivery('call.answered', { id: 'evt-3' });
		const parsed = parseDelivery(body, undefined, 'application/json');
		if (!parsed.ok) throw new Error(parsed.reason);
		const item = toOutputItem(parsed.event);
		expect(Object.keys(item)).toEqual(['event_type', 'id', 'occurred_at', 'payload', 'meta']);
		expect(item.event_type).toBe('call.answered');
		expect(item.id).toBe('evt-3');
		expect(item.occurred_at).toBe('2024-05-01T12:00:00.000000Z');
		expect(item.meta).toEqual({ attempt: 1, delivered_to: 'https://example.com/webhook' });
		expect((item.payload as Record<string, unknown>).call_control_id).toBe('v3:abc123');
	});

	it('leaves meta and missing fields out rather than inventing them', () => {
		const parsed = parseDelivery(
			{ data: { event_type: 'call.hangup' } },
			undefined,
			'application/json',
		);
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(toOutputItem(parsed.event)).toEqual({ event_type: 'call.hangup', payload: {} });
	});

	it('decodes a JSON client state to an object', () => {
		const body = delivery('call.gather.ended', {
			payload: { client_state: encodeState({ step: 'menu', tries: 2 }), digits: '1' },
		});
		const parsed = parseDelivery(body, undefined, 'application/json');
		if (!parsed.ok) throw new Error(parsed.reason);
		const payload = toOutputItem(parsed.event).payload as Record<string, unknown>;
		expect(payload.client_state_decoded).toEqual({ step: 'menu', tries: 2 });
		expect(payload.client_state).toBe(encodeState({ step: 'menu', tries: 2 }));
		expect(payload.digits).toBe('1');
	});

	it('decodes a text client state to text', () => {
		const body = delivery('call.answered', { payload: { client_state: encodeState('greeting') } });
		const parsed = parseDelivery(body, undefined, 'application/json');
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(
			(toOutputItem(parsed.event).payload as Record<string, unknown>).client_state_decoded,
		).toBe('greeting');
	});

	it('keeps text that only looks like JSON as text', () => {
		const body = delivery('call.answered', { payload: { client_state: encodeState('{broken') } });
		const parsed = parseDelivery(body, undefined, 'application/json');
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(
			(toOutputItem(parsed.event).payload as Record<string, unknown>).client_state_decoded,
		).toBe('{broken');
	});

	it('adds nothing when the client state is absent, null or not base64', () => {
		for (const clientState of [undefined, null, '', 'not base64!']) {
			const body = delivery('call.answered', { payload: { client_state: clientState } });
			const parsed = parseDelivery(body, undefined, 'application/json');
			if (!parsed.ok) throw new Error(parsed.reason);
			expect(toOutputItem(parsed.event).payload).not.toHaveProperty('client_state_decoded');
		}
	});

	it('does not modify the parsed request body', () => {
		const body = delivery('call.answered');
		const before = JSON.stringify(body);
		const parsed = parseDelivery(body, undefined, 'application/json');
		if (!parsed.ok) throw new Error(parsed.reason);
		toOutputItem(parsed.event, { 'x-test': '1' });
		expect(JSON.stringify(body)).toBe(before);
	});

	it('adds headers when asked', () => {
		const parsed = parseDelivery(delivery('call.answered'), undefined, 'application/json');
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(toOutputItem(parsed.event, { 'telnyx-timestamp': '1' }).headers).toEqual({
			'telnyx-timestamp': '1',
		});
		expect(toOutputItem(parsed.event)).not.toHaveProperty('headers');
	});
});
