/**
 * Telnyx carries `client_state` as Base64 and echoes it in every later webhook of the call.
 * Builders write text or JSON; these helpers do the encoding both ways.
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
	return value.length > 0 && BASE64.test(value);
}

export type ClientStateResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Text is sent as it is; JSON (an object, an array, or text that starts with `{` or `[`) must
 * parse, and is sent compact. With `alreadyEncoded`, the value must be Base64 and passes through.
 */
export function encodeClientState(input: unknown, alreadyEncoded = false): ClientStateResult {
	if (alreadyEncoded) {
		const text = typeof input === 'string' ? input.trim() : '';
		return isBase64(text)
			? { ok: true, value: text }
			: { ok: false, reason: 'is marked as already Base64-encoded, but it is not valid Base64' };
	}
	let text: string;
	if (typeof input === 'string') {
		text = input;
		const trimmed = input.trim();
		if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
			try {
				text = JSON.stringify(JSON.parse(trimmed));
			} catch {
				return { ok: false, reason: 'looks like JSON but does not parse' };
			}
		}
	} else if (typeof input === 'number' || typeof input === 'boolean') {
		text = String(input);
	} else if (input && typeof input === 'object') {
		text = JSON.stringify(input);
	} else {
		return { ok: false, reason: 'is empty' };
	}
	if (text === '') return { ok: false, reason: 'is empty' };
	return { ok: true, value: Buffer.from(text, 'utf8').toString('base64') };
}

/** Decodes a client state from a webhook: JSON when it parses as JSON, else text; undefined when absent or not Base64. */
export function decodeClientState(value: unknown): unknown {
	if (typeof value !== 'string' || !isBase64(value)) return undefined;
	const text = Buffer.from(value, 'base64').toString('utf8');
	const trimmed = text.trim();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed);
		} catch {
			return text;
		}
	}
	return text;
}
