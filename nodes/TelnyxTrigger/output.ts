import type { IDataObject } from 'n8n-workflow';

import { decodeClientState } from '../Telnyx/engine/clientState';

/** The parts of a Telnyx delivery a flow works with. */
export interface TelnyxEvent {
	event_type: string;
	id?: string;
	occurred_at?: string;
	payload: IDataObject;
	meta?: IDataObject;
}

export type ParsedEvent = { ok: true; event: TelnyxEvent } | { ok: false; reason: string };

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes UTF-8 strictly: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether `bytes` are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
	try {
		strictUtf8.decode(bytes);
		return true;
	} catch {
		return false;
	}
}

const NOT_UTF8: ParsedEvent = { ok: false, reason: 'The request body is not valid UTF-8' };

/**
 * Whether a Content-Type header names JSON: `application/json`, in any case, with or without
 * parameters such as a charset.
 */
export function isJsonContentType(header: string | undefined): boolean {
	if (header === undefined) return false;
	const end = header.indexOf(';');
	const type = (end === -1 ? header : header.slice(0, end)).trim();
	return type.length === 16 && type.toLowerCase() === 'application/json';
}

/**
 * Reads the delivery from the request. `contentType` and `encoding` are n8n's reading of the
 * Content-Type header (`req.contentType`, `req.encoding`). When n8n already parsed the bytes as
 * JSON decoded as UTF-8, that result is used; otherwise the raw body is decoded (strictly, as
 * UTF-8, which JSON requires) and parsed here. Anything that is not a Telnyx event envelope
 * (`{ data: { event_type, payload } }`) is refused.
 */
export function parseDelivery(
	parsedBody: unknown,
	rawBody: Buffer | undefined,
	contentType: string | undefined,
	encoding?: string,
): ParsedEvent {
	let body: unknown = parsedBody;
	const n8nParsedJson =
		contentType === 'application/json' &&
		(encoding === undefined || encoding === 'utf-8' || encoding === 'utf8') &&
		isObject(parsedBody);
	if (n8nParsedJson) {
		// n8n decodes invalid bytes to U+FFFD without complaint; refuse them instead.
		if (rawBody && !isValidUtf8(rawBody)) return NOT_UTF8;
	} else {
		if (!rawBody || rawBody.length === 0) return { ok: false, reason: 'The request has no body' };
		let text: string;
		try {
			text = strictUtf8.decode(rawBody);
		} catch {
			return NOT_UTF8;
		}
		try {
			body = JSON.parse(text);
		} catch {
			return { ok: false, reason: 'The request body is not valid JSON' };
		}
	}
	if (!isObject(body) || !isObject(body.data)) {
		return { ok: false, reason: 'The body has no "data" object' };
	}
	const data = body.data;
	if (typeof data.event_type !== 'string' || data.event_type === '') {
		return { ok: false, reason: 'The event has no "event_type"' };
	}
	const event: TelnyxEvent = {
		event_type: data.event_type,
		payload: isObject(data.payload) ? data.payload : {},
	};
	if (typeof data.id === 'string' && data.id !== '') event.id = data.id;
	if (typeof data.occurred_at === 'string') event.occurred_at = data.occurred_at;
	if (isObject(body.meta)) event.meta = body.meta;
	return { ok: true, event };
}

/**
 * The item a flow receives: the event fields, the payload with `client_state_decoded` added
 * when the payload carries a client state, `meta` when Telnyx sent it, and optionally the
 * request headers.
 */
export function toOutputItem(event: TelnyxEvent, headers?: IDataObject): IDataObject {
	let payload = event.payload;
	if (payload.client_state !== undefined && payload.client_state !== null) {
		const decoded = decodeClientState(payload.client_state);
		if (decoded !== undefined) {
			payload = { ...payload, client_state_decoded: decoded as IDataObject | string };
		}
	}
	const item: IDataObject = { event_type: event.event_type };
	if (event.id !== undefined) item.id = event.id;
	if (event.occurred_at !== undefined) item.occurred_at = event.occurred_at;
	item.payload = payload;
	if (event.meta) item.meta = event.meta;
	if (headers) item.headers = headers;
	return item;
}
