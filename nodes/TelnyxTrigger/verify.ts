/**
 * Ed25519 verification of Telnyx webhooks.
 *
 * Pure: bytes and strings in, a verdict out. It knows nothing about n8n and never throws, so
 * it can run first on every request and be tested and benchmarked on its own.
 *
 * Telnyx signs `<telnyx-timestamp>|<raw body>` with the account's Ed25519 key and sends the
 * base64 signature in `telnyx-signature-ed25519`. The public key is base64 of the raw 32 bytes.
 */
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export const SIGNATURE_HEADER = 'telnyx-signature-ed25519';
export const TIMESTAMP_HEADER = 'telnyx-timestamp';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SIGNATURE_BYTES = 64;
const PUBLIC_KEY_BYTES = 32;

/** DER header of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Pipe separating the timestamp from the body in the signed message. */
const SEPARATOR = 0x7c;

export type PublicKeyProblem =
	| 'missing_public_key'
	| 'malformed_public_key'
	| 'public_key_length'
	| 'unusable_public_key';

export type RejectReason =
	| PublicKeyProblem
	| 'missing_body'
	| 'empty_body'
	| 'missing_signature'
	| 'malformed_signature'
	| 'signature_length'
	| 'missing_timestamp'
	| 'malformed_timestamp'
	| 'stale_timestamp'
	| 'future_timestamp'
	| 'signature_mismatch'
	| 'internal_error';

export type Verdict = { ok: true; reason: 'verified' } | { ok: false; reason: RejectReason };

/** Header values as Node's `IncomingMessage.headers` holds them (names may be in any case here). */
export type HeaderBag = Record<string, string | string[] | undefined>;

export interface VerifyInput {
	/** The request body exactly as received. */
	rawBody: Uint8Array | null | undefined;
	headers: HeaderBag;
	/** Base64 of the raw 32-byte Ed25519 public key. */
	publicKey: unknown;
	/** Current Unix time in seconds; defaults to the clock. */
	nowSeconds?: number;
	/** Largest accepted distance between the signed timestamp and now, in seconds. */
	toleranceSeconds?: number;
}

const REASON_TEXT: Record<RejectReason | 'verified', string> = {
	verified: 'The signature is valid',
	missing_public_key: 'The credential has no webhook public key',
	malformed_public_key: 'The webhook public key is not valid base64',
	public_key_length: 'The webhook public key does not decode to 32 bytes',
	unusable_public_key: 'The webhook public key is not a usable Ed25519 key',
	missing_body: 'The raw request body is not available',
	empty_body: 'The request body is empty',
	missing_signature: `The ${SIGNATURE_HEADER} header is missing`,
	malformed_signature: `The ${SIGNATURE_HEADER} header is not valid base64`,
	signature_length: `The ${SIGNATURE_HEADER} header does not decode to 64 bytes`,
	missing_timestamp: `The ${TIMESTAMP_HEADER} header is missing`,
	malformed_timestamp: `The ${TIMESTAMP_HEADER} header is not a Unix time in seconds`,
	stale_timestamp: 'The signed timestamp is older than the replay window allows',
	future_timestamp: 'The signed timestamp lies further in the future than the replay window allows',
	signature_mismatch: 'The signature does not match the body, timestamp and public key',
	internal_error: 'The signature could not be checked',
};

/** A sentence for logs and error messages. */
export function describeReason(reason: Verdict['reason']): string {
	return REASON_TEXT[reason];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

type Decoded = Buffer | 'malformed' | 'length';

/**
 * Decodes padded, canonical base64 that must yield exactly `bytes` bytes. Node's own decoder
 * skips characters it does not know, so the text is checked before it is decoded.
 */
export function decodeStrictBase64(value: string, bytes: number): Decoded {
	const expectedLength = Math.ceil(bytes / 3) * 4;
	if (value.length !== expectedLength) {
		// Tell a wrong length apart from garbage, without scanning huge inputs.
		if (value.length === 0 || value.length > 4 * expectedLength) return 'malformed';
		return STRICT_BASE64.test(value) ? 'length' : 'malformed';
	}
	if (!STRICT_BASE64.test(value)) return 'malformed';
	const padding = value.charCodeAt(value.length - 2) === 0x3d ? 2 : value.endsWith('=') ? 1 : 0;
	if ((value.length / 4) * 3 - padding !== bytes) return 'length';
	// Canonical form: the bits of the last symbol that carry no data must be zero.
	if (padding > 0) {
		const last = ALPHABET.indexOf(value[value.length - padding - 1]);
		const unusedBits = padding === 2 ? 0b1111 : 0b11;
		if ((last & unusedBits) !== 0) return 'malformed';
	}
	return Buffer.from(value, 'base64');
}

type KeyResult = { ok: true; key: KeyObject } | { ok: false; reason: PublicKeyProblem };

/** Imported keys, by the base64 text they came from. Few credentials exist, so a small bound suffices. */
const keyCache = new Map<string, KeyResult & { ok: true }>();
const KEY_CACHE_LIMIT = 16;

/** Turns the credential's base64 key into a KeyObject, once per distinct key. */
export function importPublicKey(publicKey: unknown): KeyResult {
	if (typeof publicKey !== 'string') return { ok: false, reason: 'missing_public_key' };
	const cached = keyCache.get(publicKey);
	if (cached) return cached;
	const text = publicKey.trim();
	if (text === '') return { ok: false, reason: 'missing_public_key' };
	const raw = decodeStrictBase64(text, PUBLIC_KEY_BYTES);
	if (raw === 'malformed') return { ok: false, reason: 'malformed_public_key' };
	if (raw === 'length') return { ok: false, reason: 'public_key_length' };
	let key: KeyObject;
	try {
		key = createPublicKey({
			key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
			format: 'der',
			type: 'spki',
		});
	} catch {
		return { ok: false, reason: 'unusable_public_key' };
	}
	const result = { ok: true as const, key };
	if (keyCache.size >= KEY_CACHE_LIMIT) {
		const oldest = keyCache.keys().next().value;
		if (oldest !== undefined) keyCache.delete(oldest);
	}
	keyCache.set(publicKey, result);
	return result;
}

/** Whether a credential's key can verify webhooks, and if not, why. */
export function checkPublicKey(publicKey: unknown): Verdict {
	const result = importPublicKey(publicKey);
	return result.ok ? { ok: true, reason: 'verified' } : { ok: false, reason: result.reason };
}

/** Reads one header by its lower-case name, whatever the case of the keys in the bag. */
export function readHeader(headers: HeaderBag, lowerName: string): string | undefined {
	let value = headers[lowerName];
	if (value === undefined) {
		for (const name in headers) {
			if (name.length === lowerName.length && name.toLowerCase() === lowerName) {
				value = headers[name];
				break;
			}
		}
	}
	if (Array.isArray(value)) value = value.length === 1 ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

const TIMESTAMP = /^[0-9]{1,12}$/;

function reject(reason: RejectReason): Verdict {
	return { ok: false, reason };
}

const VERIFIED: Verdict = { ok: true, reason: 'verified' };

/** Checks one webhook delivery. Never throws. */
export function verifyWebhook(input: VerifyInput): Verdict {
	try {
		const imported = importPublicKey(input.publicKey);
		if (!imported.ok) return reject(imported.reason);

		const body = input.rawBody;
		if (!(body instanceof Uint8Array)) return reject('missing_body');
		if (body.length === 0) return reject('empty_body');

		const headers = input.headers ?? {};
		const signatureText = readHeader(headers, SIGNATURE_HEADER);
		if (signatureText === undefined || signatureText === '') return reject('missing_signature');
		const timestamp = readHeader(headers, TIMESTAMP_HEADER);
		if (timestamp === undefined || timestamp === '') return reject('missing_timestamp');
		if (!TIMESTAMP.test(timestamp)) return reject('malformed_timestamp');

		const tolerance =
			typeof input.toleranceSeconds === 'number' && input.toleranceSeconds >= 0
				? input.toleranceSeconds
				: DEFAULT_TOLERANCE_SECONDS;
		const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
		const age = now - Number(timestamp);
		if (age > tolerance) return reject('stale_timestamp');
		if (-age > tolerance) return reject('future_timestamp');

		const signature = decodeStrictBase64(signatureText, SIGNATURE_BYTES);
		if (signature === 'malformed') return reject('malformed_signature');
		if (signature === 'length') return reject('signature_length');

		// The message is built once: timestamp (digits only, so one byte per character), '|', body.
		const message = Buffer.allocUnsafe(timestamp.length + 1 + body.length);
		message.write(timestamp, 0, 'latin1');
		message[timestamp.length] = SEPARATOR;
		message.set(body, timestamp.length + 1);

		return cryptoVerify(null, message, imported.key, signature)
			? VERIFIED
			: reject('signature_mismatch');
	} catch {
		return reject('internal_error');
	}
}
