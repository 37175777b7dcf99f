/**
 * Delivers many signed Telnyx events to one URL with a fixed number in flight, as the load test
 * and the queue bench do. Each event is signed when it is sent, like Telnyx does.
 */
import * as http from 'node:http';
import { telnyxEvent, type WebhookSigner } from '../e2e/harness';

export interface Delivery {
	index: number;
	eventId: string;
	status: number;
	ms: number;
}

export interface LoadResult {
	deliveries: Delivery[];
	/** Wall time from the first request to the last answer. */
	ms: number;
}

/** The call.initiated event number `index` of a load run: its own id and its own call. */
export function loadEvent(prefix: string, index: number): { id: string; raw: string } {
	const id = `evt-${prefix}-${index}`;
	const raw = telnyxEvent('call.initiated', id, {
		call_control_id: `v3:${prefix}-call-${index}`,
		call_leg_id: `leg-${prefix}-${index}`,
		call_session_id: `session-${prefix}-${index}`,
		from: `+1312555${String(index % 10_000).padStart(4, '0')}`,
		to: '+13125550100',
		direction: 'incoming',
		state: 'parked',
	});
	return { id, raw };
}

function post(
	agent: http.Agent,
	url: string,
	body: string,
	headers: Record<string, string>,
): Promise<number> {
	return new Promise((resolve) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				agent,
				timeout: 60_000,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					...headers,
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			},
		);
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
		req.end(body);
	});
}

/**
 * Sends `count` events (from `event(index)`) to `url`, `concurrency` at a time, and resolves
 * when every one has been answered (status 0: no answer).
 */
export async function deliverEvents(options: {
	url: string;
	signer: Pick<WebhookSigner, 'headers'>;
	count: number;
	concurrency: number;
	event: (index: number) => { id: string; raw: string };
}): Promise<LoadResult> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
	const deliveries: Delivery[] = [];
	let next = 0;
	const started = Date.now();
	const lane = async () => {
		while (next < options.count) {
			const index = next++;
			const { id, raw } = options.event(index);
			const sentAt = Date.now();
			const status = await post(agent, options.url, raw, options.signer.headers(raw));
			deliveries.push({ index, eventId: id, status, ms: Date.now() - sentAt });
		}
	};
	try {
		await Promise.all(Array.from({ length: options.concurrency }, lane));
	} finally {
		agent.destroy();
	}
	deliveries.sort((a, b) => a.index - b.index);
	return { deliveries, ms: Date.now() - started };
}
