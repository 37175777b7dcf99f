import nacl from 'tweetnacl';

import {
	checkPublicKey,
	decodeStrictBase64,
	describeReason,
	importPublicKey,
	readHeader,
	verifyWebhook,
	type HeaderBag,
	type VerifyInput,
} from '../../../nodes/TelnyxTrigger/verify';
import { prng, sign, signer } from './helpers';

const key = signer(7);
const otherKey = signer(9);
const NOW = 1_714_564_800;
const BODY = Buffer.from(
	JSON.stringify({
		data: {
			event_type: 'call.answered',
			id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
			payload: { call_control_id: 'v3:abc', client_state: 'aGVsbG8=' },
		},
		meta: { attempt: 1, delivered_to: 'https://example.com/hook' },
	}),
);

function input(overrides: Partial<VerifyInput> = {}, headers?: HeaderBag): VerifyInput {
	const timestamp = String(NOW);
	return {
		rawBody: BODY,
		headers: headers ?? {
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': sign(key, timestamp, BODY),
		},
		publicKey: key.publicKey,
		nowSeconds: NOW,
		...overrides,
	};
}

function reasonOf(value: VerifyInput): string {
	return verifyWebhook(value).reason;
}

describe('verifyWebhook: accepted requests', () => {
	it('accepts a request signed by tweetnacl with the matching key', () => {
		expect(verifyWebhook(input())).toEqual({ ok: true, reason: 'verified' });
	});

	it('matches header names in any case', () => {
		const timestamp = String(NOW);
		const headers = {
			'Telnyx-Timestamp': timestamp,
			'TELNYX-SIGNATURE-ED25519': sign(key, timestamp, BODY),
		};
		expect(verifyWebhook(input({}, headers)).ok).toBe(true);
	});

	it('accepts timestamps at both edges of the replay window', () => {
		for (const offset of [-300, 300]) {
			const timestamp = String(NOW + offset);
			const headers = {
				'telnyx-timestamp': timestamp,
				'telnyx-signature-ed25519': sign(key, timestamp, BODY),
			};
			expect(verifyWebhook(input({}, headers)).ok).toBe(true);
		}
	});

	it('verifies the exact bytes, including non-ASCII text and a key with surrounding spaces', () => {
		const body = Buffer.from(
			'{"data":{"event_type":"call.speak.ended","payload":{"text":"Grüße 👋"}}}',
		);
		const timestamp = String(NOW);
		const verdict = verifyWebhook({
			rawBody: body,
			headers: {
				'telnyx-timestamp': timestamp,
				'telnyx-signature-ed25519': sign(key, timestamp, body),
			},
			publicKey: `  ${key.publicKey}\n`,
			nowSeconds: NOW,
		});
		expect(verdict.ok).toBe(true);
	});

	it('accepts a Uint8Array body as well as a Buffer', () => {
		const timestamp = String(NOW);
		const bytes = new Uint8Array(BODY);
		const headers = {
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': sign(key, timestamp, BODY),
		};
		expect(verifyWebhook(input({ rawBody: bytes }, headers)).ok).toBe(true);
	});
});

describe('verifyWebhook: rejected requests', () => {
	it('rejects a body changed by one byte', () => {
		for (const index of [0, 10, BODY.length - 1]) {
			const changed = Buffer.from(BODY);
			changed[index] ^= 0x01;
			expect(reasonOf(input({ rawBody: changed }))).toBe('signature_mismatch');
		}
	});

	it('rejects a body with an extra trailing newline', () => {
		expect(reasonOf(input({ rawBody: Buffer.concat([BODY, Buffer.from('\n')]) }))).toBe(
			'signature_mismatch',
		);
	});

	it('rejects a signature checked against a different key', () => {
		expect(reasonOf(input({ publicKey: otherKey.publicKey }))).toBe('signature_mismatch');
	});

	it('rejects a request signed by a different key', () => {
		const timestamp = String(NOW);
		const headers = {
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': sign(otherKey, timestamp, BODY),
		};
		expect(reasonOf(input({}, headers))).toBe('signature_mismatch');
	});

	it('rejects stale and future timestamps, even with a valid signature', () => {
		for (const [offset, reason] of [
			[-301, 'stale_timestamp'],
			[-86_400, 'stale_timestamp'],
			[301, 'future_timestamp'],
			[86_400, 'future_timestamp'],
		] as const) {
			const timestamp = String(NOW + offset);
			const headers = {
				'telnyx-timestamp': timestamp,
				'telnyx-signature-ed25519': sign(key, timestamp, BODY),
			};
			expect(reasonOf(input({}, headers))).toBe(reason);
		}
	});

	it('honours a custom replay window', () => {
		const timestamp = String(NOW - 61);
		const headers = {
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': sign(key, timestamp, BODY),
		};
		expect(reasonOf(input({ toleranceSeconds: 60 }, headers))).toBe('stale_timestamp');
		expect(reasonOf(input({ toleranceSeconds: 120 }, headers))).toBe('verified');
	});

	it('rejects a signature made for another timestamp', () => {
		const headers = {
			'telnyx-timestamp': String(NOW),
			'telnyx-signature-ed25519': sign(key, String(NOW - 1), BODY),
		};
		expect(reasonOf(input({}, headers))).toBe('signature_mismatch');
	});

	it('rejects missing headers', () => {
		const timestamp = String(NOW);
		const signature = sign(key, timestamp, BODY);
		expect(reasonOf(input({}, { 'telnyx-timestamp': timestamp }))).toBe('missing_signature');
		expect(reasonOf(input({}, { 'telnyx-signature-ed25519': signature }))).toBe(
			'missing_timestamp',
		);
		expect(reasonOf(input({}, {}))).toBe('missing_signature');
		expect(
			reasonOf(input({}, { 'telnyx-timestamp': timestamp, 'telnyx-signature-ed25519': '' })),
		).toBe('missing_signature');
	});

	it('rejects timestamps that are not plain Unix seconds', () => {
		const signature = sign(key, String(NOW), BODY);
		for (const timestamp of [
			'',
			' 1714564800',
			'1714564800.0',
			'-1714564800',
			'+1714564800',
			'1e9',
			'0x66320',
			'abc',
			'1714564800000000',
		]) {
			const reason = reasonOf(
				input({}, { 'telnyx-timestamp': timestamp, 'telnyx-signature-ed25519': signature }),
			);
			expect([timestamp, reason]).toEqual([
				timestamp,
				timestamp === '' ? 'missing_timestamp' : 'malformed_timestamp',
			]);
		}
	});

	it('rejects signatures that are not strict base64', () => {
		const good = sign(key, String(NOW), BODY);
		const candidates = [
			good.replace(/[A-Za-z]/, '*'), // foreign character
			good.slice(0, -2), // padding removed
			good.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), // base64url
			` ${good}`, // leading space
			`${good.slice(0, 40)}\n${good.slice(40)}`, // line break
			'not base64 at all',
			'====',
		];
		for (const candidate of candidates) {
			if (candidate === good) continue;
			const reason = reasonOf(
				input({}, { 'telnyx-timestamp': String(NOW), 'telnyx-signature-ed25519': candidate }),
			);
			expect([candidate, reason]).toEqual([candidate, 'malformed_signature']);
		}
	});

	it('rejects a non-canonical encoding of a valid signature', () => {
		const good = sign(key, String(NOW), BODY);
		// 64 bytes end in one data character plus '=='; its low 4 bits carry nothing.
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
		const last = alphabet.indexOf(good[85]);
		const tweaked = `${good.slice(0, 85)}${alphabet[last | 1]}==`;
		expect(Buffer.from(tweaked, 'base64')).toEqual(Buffer.from(good, 'base64'));
		const headers = { 'telnyx-timestamp': String(NOW), 'telnyx-signature-ed25519': tweaked };
		expect(reasonOf(input({}, headers))).toBe('malformed_signature');
	});

	it('rejects signatures of the wrong length', () => {
		for (const size of [0, 1, 32, 63, 65, 128]) {
			if (size === 0) continue;
			const signature = Buffer.alloc(size, 1).toString('base64');
			const reason = reasonOf(
				input({}, { 'telnyx-timestamp': String(NOW), 'telnyx-signature-ed25519': signature }),
			);
			expect([size, reason]).toEqual([size, 'signature_length']);
		}
	});

	it('rejects public keys that are missing, not base64 or of the wrong length', () => {
		expect(reasonOf(input({ publicKey: undefined }))).toBe('missing_public_key');
		expect(reasonOf(input({ publicKey: '' }))).toBe('missing_public_key');
		expect(reasonOf(input({ publicKey: '   ' }))).toBe('missing_public_key');
		expect(reasonOf(input({ publicKey: 42 }))).toBe('missing_public_key');
		expect(reasonOf(input({ publicKey: 'this is not a key!' }))).toBe('malformed_public_key');
		expect(reasonOf(input({ publicKey: key.publicKey.replace(/=$/, '') }))).toBe(
			'malformed_public_key',
		);
		for (const size of [16, 31, 33, 64]) {
			const publicKey = Buffer.alloc(size, 3).toString('base64');
			expect([size, reasonOf(input({ publicKey }))]).toEqual([size, 'public_key_length']);
		}
		// A DER-wrapped key (what some tools export) is 44 bytes, not the raw 32.
		const der = Buffer.concat([
			Buffer.from('302a300506032b6570032100', 'hex'),
			Buffer.from(key.publicKeyBytes),
		]).toString('base64');
		expect(reasonOf(input({ publicKey: der }))).toBe('public_key_length');
	});

	it('rejects an empty or missing body', () => {
		const timestamp = String(NOW);
		const headers = {
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': sign(key, timestamp, Buffer.alloc(0)),
		};
		expect(reasonOf(input({ rawBody: Buffer.alloc(0) }, headers))).toBe('empty_body');
		expect(reasonOf(input({ rawBody: undefined }))).toBe('missing_body');
		expect(reasonOf(input({ rawBody: null }))).toBe('missing_body');
		expect(reasonOf(input({ rawBody: BODY.toString() as unknown as Buffer }))).toBe('missing_body');
	});

	it('rejects a header sent twice', () => {
		const timestamp = String(NOW);
		const signature = sign(key, timestamp, BODY);
		const headers = {
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': [signature, signature],
		};
		expect(reasonOf(input({}, headers))).toBe('missing_signature');
		// Node joins repeated custom headers with ", ", which is not base64.
		const joined = {
			'telnyx-timestamp': timestamp,
			'telnyx-signature-ed25519': `${signature}, ${signature}`,
		};
		expect(reasonOf(input({}, joined))).toBe('malformed_signature');
	});

	it('never throws, whatever it is given', () => {
		const odd: unknown[] = [
			{},
			{ headers: null },
			{ rawBody: 5, headers: 'x', publicKey: {} },
			{ rawBody: BODY, headers: { 'telnyx-timestamp': 5 }, publicKey: key.publicKey },
			{ rawBody: BODY, headers: undefined, publicKey: key.publicKey },
		];
		for (const value of odd) {
			const verdict = verifyWebhook(value as VerifyInput);
			expect(verdict.ok).toBe(false);
			expect(typeof describeReason(verdict.reason)).toBe('string');
		}
	});
});

describe('key handling', () => {
	it('imports a key once and then serves the cached KeyObject', () => {
		const first = importPublicKey(key.publicKey);
		const second = importPublicKey(key.publicKey);
		expect(first.ok && second.ok).toBe(true);
		if (first.ok && second.ok) expect(second.key).toBe(first.key);
	});

	it('keeps the cache bounded while many keys come and go', () => {
		const keys = Array.from({ length: 20 }, (_, i) => signer(20 + i));
		for (const k of keys) expect(importPublicKey(k.publicKey).ok).toBe(true);
		// The first keys were evicted and are imported again, still correctly.
		const again = importPublicKey(keys[0].publicKey);
		expect(again.ok).toBe(true);
		const timestamp = String(NOW);
		const verdict = verifyWebhook({
			rawBody: BODY,
			headers: {
				'telnyx-timestamp': timestamp,
				'telnyx-signature-ed25519': sign(keys[0], timestamp, BODY),
			},
			publicKey: keys[0].publicKey,
			nowSeconds: NOW,
		});
		expect(verdict.ok).toBe(true);
	});

	it('reports whether a credential key is usable', () => {
		expect(checkPublicKey(key.publicKey).ok).toBe(true);
		expect(checkPublicKey('').reason).toBe('missing_public_key');
		expect(checkPublicKey('abc').reason).toBe('malformed_public_key');
	});

	it('decodes strict base64 and tells length errors from bad text', () => {
		expect(decodeStrictBase64(Buffer.alloc(32, 1).toString('base64'), 32)).toEqual(
			Buffer.alloc(32, 1),
		);
		expect(decodeStrictBase64(Buffer.alloc(31, 1).toString('base64'), 32)).toBe('length');
		expect(decodeStrictBase64('@'.repeat(44), 32)).toBe('malformed');
		expect(decodeStrictBase64('', 32)).toBe('malformed');
		expect(decodeStrictBase64('A'.repeat(10_000), 32)).toBe('malformed');
	});

	it('reads headers case-insensitively', () => {
		expect(readHeader({ 'X-Thing': 'a' }, 'x-thing')).toBe('a');
		expect(readHeader({ 'x-thing': 'b' }, 'x-thing')).toBe('b');
		expect(readHeader({ 'x-thing': ['c'] }, 'x-thing')).toBe('c');
		expect(readHeader({}, 'x-thing')).toBeUndefined();
	});
});

describe('fuzz: 10,000 mutated requests', () => {
	type Mutation = (random: () => number, request: MutableRequest) => string;

	interface MutableRequest {
		body: Buffer;
		signature: string;
		timestamp: string;
		publicKey: string;
	}

	const pick = <T>(random: () => number, values: readonly T[]): T =>
		values[Math.floor(random() * values.length)];

	const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	const alternateKeys = [signer(1), signer(2), signer(3)];

	const mutations: Record<string, Mutation> = {
		flipBodyBit(random, request) {
			const body = Buffer.from(request.body);
			const index = Math.floor(random() * body.length);
			body[index] ^= 1 << Math.floor(random() * 8);
			request.body = body;
			return 'body';
		},
		replaceBodyByte(random, request) {
			const body = Buffer.from(request.body);
			const index = Math.floor(random() * body.length);
			body[index] = (body[index] + 1 + Math.floor(random() * 255)) % 256;
			request.body = body;
			return 'body';
		},
		truncateBody(random, request) {
			request.body = request.body.subarray(0, Math.floor(random() * request.body.length));
			return 'body';
		},
		extendBody(random, request) {
			const extra = Buffer.from(pick(random, [' ', '\n', '\r\n', '}', 'x', '\u0000']));
			request.body =
				random() < 0.5
					? Buffer.concat([request.body, extra])
					: Buffer.concat([extra, request.body]);
			return 'body';
		},
		flipSignatureBit(random, request) {
			const bytes = Buffer.from(request.signature, 'base64');
			bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
			request.signature = bytes.toString('base64');
			return 'signature';
		},
		changeSignatureCharacter(random, request) {
			const index = Math.floor(random() * 86);
			const current = request.signature[index];
			let next = pick(random, base64Alphabet.split(''));
			if (next === current) next = current === 'A' ? 'B' : 'A';
			request.signature =
				request.signature.slice(0, index) + next + request.signature.slice(index + 1);
			return 'signature';
		},
		resizeSignature(random, request) {
			const bytes = Buffer.from(request.signature, 'base64');
			const size = pick(random, [0, 1, 32, 48, 63, 65, 66, 96, 128]);
			const resized = Buffer.alloc(size);
			bytes.copy(resized, 0, 0, Math.min(size, bytes.length));
			request.signature = resized.toString('base64');
			return 'signature';
		},
		garbleSignatureText(random, request) {
			const junk = pick(random, ['!', '-', '_', ' ', '.', '=', '\t', 'é']);
			const index = Math.floor(random() * request.signature.length);
			request.signature =
				request.signature.slice(0, index) + junk + request.signature.slice(index + 1);
			return 'signature';
		},
		zeroSignature(_random, request) {
			request.signature = Buffer.alloc(64).toString('base64');
			return 'signature';
		},
		shiftTimestamp(random, request) {
			// Inside the window, so only the signature can catch it.
			const delta = 1 + Math.floor(random() * 299);
			request.timestamp = String(Number(request.timestamp) + (random() < 0.5 ? -delta : delta));
			return 'timestamp';
		},
		moveTimestampOutside(random, request) {
			const delta = 301 + Math.floor(random() * 1_000_000);
			request.timestamp = String(Number(request.timestamp) + (random() < 0.5 ? -delta : delta));
			return 'timestamp';
		},
		decorateTimestamp(random, request) {
			request.timestamp = pick(random, [
				`${request.timestamp}.0`,
				` ${request.timestamp}`,
				`0${request.timestamp}`,
				`${request.timestamp}000`,
				`-${request.timestamp}`,
			]);
			return 'timestamp';
		},
		swapKey(random, request) {
			request.publicKey = pick(random, alternateKeys).publicKey;
			return 'key';
		},
		flipKeyBit(random, request) {
			const bytes = Buffer.from(request.publicKey, 'base64');
			bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
			request.publicKey = bytes.toString('base64');
			return 'key';
		},
		resizeKey(random, request) {
			const size = pick(random, [0, 16, 31, 33, 44, 64]);
			request.publicKey = Buffer.alloc(size, 5).toString('base64');
			return 'key';
		},
		moveSeparatorIntoBody(_random, request) {
			// Moves the last timestamp digit into the body: "123|{..." becomes "12|3{...".
			request.body = Buffer.concat([Buffer.from(request.timestamp.slice(-1)), request.body]);
			request.timestamp = request.timestamp.slice(0, -1);
			return 'body';
		},
	};
	const names = Object.keys(mutations);

	it('accepts the unmutated originals and none of the mutated requests', () => {
		const random = prng(20240501);
		const bodies = Array.from({ length: 25 }, (_, i) =>
			Buffer.from(
				JSON.stringify({
					data: {
						event_type: pick(random, ['call.answered', 'call.hangup', 'call.gather.ended']),
						id: `evt-${i}-${Math.floor(random() * 1e9)}`,
						payload: { digits: String(Math.floor(random() * 1e6)), n: i },
					},
				}),
			),
		);
		const originals = bodies.map((body, i) => {
			const timestamp = String(NOW - 150 + i);
			return { body, timestamp, signature: sign(key, timestamp, body), publicKey: key.publicKey };
		});

		// The originals must pass, or the fuzz proves nothing.
		for (const original of originals) {
			const verdict = verifyWebhook({
				rawBody: original.body,
				headers: {
					'telnyx-timestamp': original.timestamp,
					'telnyx-signature-ed25519': original.signature,
				},
				publicKey: original.publicKey,
				nowSeconds: NOW,
			});
			expect(verdict.ok).toBe(true);
		}

		const accepted: string[] = [];
		const reasons = new Map<string, number>();
		const touched = new Map<string, number>();
		let unchanged = 0;
		for (let i = 0; i < 10_000; i++) {
			const original = pick(random, originals);
			const request = { ...original };
			const steps = 1 + Math.floor(random() * 3);
			const applied: string[] = [];
			for (let s = 0; s < steps; s++) {
				const name = pick(random, names);
				touched.set(mutations[name](random, request), 0);
				applied.push(name);
			}
			// Two mutations can cancel out (the same bit flipped twice); that is no mutation.
			if (
				request.body.equals(original.body) &&
				request.signature === original.signature &&
				request.timestamp === original.timestamp &&
				request.publicKey === original.publicKey
			) {
				unchanged++;
				continue;
			}
			const verdict = verifyWebhook({
				rawBody: request.body,
				headers: {
					'telnyx-timestamp': request.timestamp,
					'telnyx-signature-ed25519': request.signature,
				},
				publicKey: request.publicKey,
				nowSeconds: NOW,
			});
			reasons.set(verdict.reason, (reasons.get(verdict.reason) ?? 0) + 1);
			if (verdict.ok) accepted.push(applied.join('+'));
		}
		expect(accepted).toEqual([]);
		expect(unchanged).toBeLessThan(10);
		// Every part of the request was mutated, and the signature check itself did real work.
		expect([...touched.keys()].sort()).toEqual(['body', 'key', 'signature', 'timestamp']);
		expect(reasons.get('signature_mismatch') ?? 0).toBeGreaterThan(3000);
		expect(reasons.has('verified')).toBe(false);
	});

	it('agrees with tweetnacl on random single-bit changes', () => {
		// tweetnacl is slow (tens of ms per operation), so a few dozen cases.
		const random = prng(77);
		for (let i = 0; i < 24; i++) {
			const body = Buffer.from(`{"data":{"event_type":"call.dtmf.received","n":${i}}}`);
			const timestamp = String(NOW);
			const signature = Buffer.from(sign(key, timestamp, body), 'base64');
			signature[Math.floor(random() * 64)] ^= 1 << Math.floor(random() * 8);
			const message = Buffer.concat([Buffer.from(`${timestamp}|`), body]);
			const theirs = nacl.sign.detached.verify(message, signature, key.publicKeyBytes);
			const ours = verifyWebhook({
				rawBody: body,
				headers: {
					'telnyx-timestamp': timestamp,
					'telnyx-signature-ed25519': signature.toString('base64'),
				},
				publicKey: key.publicKey,
				nowSeconds: NOW,
			}).ok;
			expect(ours).toBe(theirs);
			expect(ours).toBe(false);
		}
	});
});
