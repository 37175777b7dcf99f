/**
 * Throughput of the Telnyx Trigger's verification path, against raw `crypto.verify` with a
 * cached KeyObject and against tweetnacl, measured in one run and printed as ratios.
 *
 * Run with the other benches: `npm run bench` (add `-- --ms=150 --rounds=21`), or alone:
 *   npx tsc -p tsconfig.bench.json && node .bench/bench/verify.bench.js [--ms=150] [--rounds=21] [--strict]
 *
 * Targets: ours ≥ 0.9 × raw crypto.verify, and ≥ 10 × tweetnacl. With --strict the exit code
 * is 1 when a target is missed.
 */
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import nacl from 'tweetnacl';

import { verifyWebhook } from '../nodes/TelnyxTrigger/verify';

/** Reads `--name value` or `--name=value`; other arguments (meant for other benches) are ignored. */
function argument(name: string, fallback: number): number {
	const args = process.argv.slice(2);
	const index = args.indexOf(name);
	const inline = args.find((arg) => arg.startsWith(`${name}=`));
	const value = Number(inline ? inline.slice(name.length + 1) : index >= 0 ? args[index + 1] : NaN);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

const MEASURE_MS = argument('--ms', 150);
const ROUNDS = argument('--rounds', 21);
const STRICT = process.argv.includes('--strict');

// A realistic delivery of about 1 KB.
const body = Buffer.from(
	JSON.stringify({
		data: {
			record_type: 'event',
			event_type: 'call.gather.ended',
			id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
			occurred_at: '2024-05-01T12:00:00.000000Z',
			payload: {
				call_control_id: 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg',
				call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
				call_session_id: '428c31b6-abf3-4bcb-b7f5-5013ef9657c1',
				client_state: Buffer.from(JSON.stringify({ step: 'menu', tries: 1 })).toString('base64'),
				connection_id: '7267xxxxxxxxxxxxxx',
				digits: '1',
				from: '+35319605860',
				to: '+13129457420',
				status: 'valid',
				start_time: '2024-05-01T12:00:00.000000Z',
				padding: 'x'.repeat(500),
			},
		},
		meta: { attempt: 1, delivered_to: 'https://n8n.example.com/webhook/abc/webhook' },
	}),
);

const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(42));
const publicKey = Buffer.from(pair.publicKey).toString('base64');
const timestamp = String(Math.floor(Date.now() / 1000));
const message = Buffer.concat([Buffer.from(`${timestamp}|`), body]);
const signatureBytes = Buffer.from(nacl.sign.detached(message, pair.secretKey));
const signature = signatureBytes.toString('base64');
const headers = {
	'content-type': 'application/json',
	'telnyx-signature-ed25519': signature,
	'telnyx-timestamp': timestamp,
	'user-agent': 'telnyx-webhooks',
};
const keyObject = createPublicKey({
	key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(pair.publicKey)]),
	format: 'der',
	type: 'spki',
});
const naclMessage = new Uint8Array(message);
const naclSignature = new Uint8Array(signatureBytes);

type Subject = () => boolean;

const subjects: Record<string, Subject> = {
	ours: () => verifyWebhook({ rawBody: body, headers, publicKey }).ok,
	'crypto.verify (cached key)': () => cryptoVerify(null, message, keyObject, signatureBytes),
	tweetnacl: () => nacl.sign.detached.verify(naclMessage, naclSignature, pair.publicKey),
};

for (const [name, run] of Object.entries(subjects)) {
	if (!run()) throw new Error(`${name} does not accept the valid signature`);
}

/** Calls per second over about `ms` milliseconds, in batches to keep timer reads cheap. */
function measure(run: Subject, ms: number): number {
	let calls = 0;
	let batch = 16;
	const start = performance.now();
	let elapsed = 0;
	while (elapsed < ms) {
		for (let i = 0; i < batch; i++) {
			if (!run()) throw new Error('verification failed during the benchmark');
		}
		calls += batch;
		elapsed = performance.now() - start;
		if (elapsed < ms / 20) batch *= 2;
	}
	return (calls / elapsed) * 1000;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Warm up every path, then measure in short interleaved rounds. Each round yields its own
// ratios, and the medians of those are reported, so load from other processes that comes and
// goes affects the compared paths alike.
for (const run of Object.values(subjects)) measure(run, 150);
const names = Object.keys(subjects);
const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
const versusRawSamples: number[] = [];
const versusTweetnaclSamples: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
	// Alternate the order so neither path always runs right after the slow one.
	const order = round % 2 === 0 ? names : [...names].reverse();
	const rates: Record<string, number> = {};
	for (const name of order) {
		rates[name] = measure(subjects[name], MEASURE_MS);
		samples[name].push(rates[name]);
	}
	versusRawSamples.push(rates.ours / rates['crypto.verify (cached key)']);
	versusTweetnaclSamples.push(rates.ours / rates.tweetnacl);
}

const rate = Object.fromEntries(
	Object.entries(samples).map(([name, values]) => [name, median(values)]),
);

const format = (value: number) => Math.round(value).toLocaleString('en-US').padStart(10);
console.log(
	`Ed25519 webhook verification, ${body.length}-byte body, ${ROUNDS} interleaved rounds of ${MEASURE_MS} ms, medians (Node ${process.version})`,
);
for (const [name, value] of Object.entries(rate)) {
	console.log(
		`  ${name.padEnd(28)} ${format(value)} verifications/s  ${(1e6 / value).toFixed(1)} µs each`,
	);
}
const versusRaw = median(versusRawSamples);
const versusTweetnacl = median(versusTweetnaclSamples);
const rawOk = versusRaw >= 0.9;
const tweetOk = versusTweetnacl >= 10;
console.log(
	`  ours / crypto.verify:  ${versusRaw.toFixed(3)}×  (target ≥ 0.9×)  ${rawOk ? 'met' : 'MISSED'}`,
);
console.log(
	`  ours / tweetnacl:      ${versusTweetnacl.toFixed(1)}×  (target ≥ 10×)   ${tweetOk ? 'met' : 'MISSED'}`,
);
if (STRICT && !(rawOk && tweetOk)) process.exitCode = 1;
