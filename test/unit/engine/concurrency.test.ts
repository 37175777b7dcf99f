import type { INodeExecutionData } from 'n8n-workflow';
import { catalogue } from '../../../nodes/Telnyx/catalogue';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { shownFields } from '../catalogue/shown';
import { DEFAULT_MAX_IN_FLIGHT } from '../../../nodes/Telnyx/engine/executor';
import { runOrdered } from '../../../nodes/Telnyx/engine/scheduler';
import { TelnyxMock, type RecordedRequest } from '../../mock/telnyxMock';
import { callItem, delay, NODE, runNode } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});
beforeEach(() => mock.reset());

const SPEAK = /^\/calls\/([^/]+)\/actions\/speak$/;

/** Answers speak after a random 5–40 ms and records what was in flight. */
function slowSpeak() {
	const stats = {
		inFlight: 0,
		maxInFlight: 0,
		perCall: new Map<string, number>(),
		maxPerCall: 0,
		/** Item numbers (from the payload) in order of arrival, per call. */
		arrivals: new Map<string, number[]>(),
	};
	mock.route('POST', SPEAK, async (request: RecordedRequest) => {
		const call = decodeURIComponent(SPEAK.exec(request.path)![1]);
		const payload = String((request.body as { payload: string }).payload);
		const item = Number(payload.replace('item-', ''));
		stats.arrivals.set(call, [...(stats.arrivals.get(call) ?? []), item]);
		stats.inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		const onCall = (stats.perCall.get(call) ?? 0) + 1;
		stats.perCall.set(call, onCall);
		stats.maxPerCall = Math.max(stats.maxPerCall, onCall);
		await delay(5 + Math.random() * 35);
		stats.inFlight--;
		stats.perCall.set(call, stats.perCall.get(call)! - 1);
		return { body: { data: { result: 'ok', payload, call } } };
	});
	return stats;
}

const speak = {
	resource: 'call',
	operation: 'speak',
	payload: '={{ "item-" + $json.n }}',
	voice: 'female',
};

describe('concurrency through the node', () => {
	test('20 items on 4 calls: per-call input order, calls overlap, output in input order', async () => {
		const stats = slowSpeak();
		const calls = ['v3:alpha', 'v3:bravo', 'v3:charlie', 'v3:delta'];
		// Interleaved and shuffled so that input order is not simply grouped by call.
		const callOf = (n: number) => calls[(n * 7 + Math.floor(n / 4)) % 4];
		const input: INodeExecutionData[] = Array.from({ length: 20 }, (_, n) =>
			callItem(callOf(n), { n }),
		);
		const perCallInput = new Map<string, number[]>();
		input.forEach((_, n) =>
			perCallInput.set(callOf(n), [...(perCallInput.get(callOf(n)) ?? []), n]),
		);
		expect([...perCallInput.values()].map((items) => items.length)).toEqual([5, 5, 5, 5]);

		const result = await runNode(mock, speak, { input });
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(20);

		for (const call of calls) {
			expect(stats.arrivals.get(call)).toEqual(perCallInput.get(call));
		}
		expect(stats.maxPerCall).toBe(1);
		expect(stats.maxInFlight).toBeGreaterThan(1);

		const items = result.items(NODE);
		expect(items).toHaveLength(20);
		items.forEach((item, index) => {
			expect(item.json).toEqual({ result: 'ok', payload: `item-${index}`, call: callOf(index) });
			expect(item.pairedItem).toEqual({ item: index });
		});
	});

	/**
	 * Holds every speak until `target` are in flight at once, then lets them all go: the peak is
	 * exactly `target` when the node keeps `target` in flight and never more. If the node never
	 * gets there, the hold ends after a few seconds and the peak shows how far it got.
	 */
	function holdUntil(target: number) {
		const stats = { inFlight: 0, peak: 0, payloads: [] as string[] };
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const giveUp = setTimeout(release, 8000);
		mock.route('POST', SPEAK, async (request: RecordedRequest) => {
			stats.payloads.push(String((request.body as { payload: string }).payload));
			stats.peak = Math.max(stats.peak, ++stats.inFlight);
			if (stats.inFlight >= target) release();
			await released;
			await delay(1);
			stats.inFlight--;
			return { body: { data: { result: 'ok' } } };
		});
		return { stats, done: () => clearTimeout(giveUp) };
	}

	test(`by default ${DEFAULT_MAX_IN_FLIGHT} requests are in flight at once, and no more`, async () => {
		const { stats, done } = holdUntil(DEFAULT_MAX_IN_FLIGHT);
		const input = Array.from({ length: DEFAULT_MAX_IN_FLIGHT + 50 }, (_, n) =>
			callItem(`v3:call-${n}`, { n }),
		);
		const result = await runNode(mock, speak, { input });
		done();
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(input.length);
		expect(stats.peak).toBe(DEFAULT_MAX_IN_FLIGHT);
		const items = result.items(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, n) => ({ item: n })));
	});

	test('Options → Max Requests in Flight sets the bound', async () => {
		const { stats, done } = holdUntil(7);
		const input = Array.from({ length: 30 }, (_, n) => callItem(`v3:call-${n}`, { n }));
		const result = await runNode(mock, { ...speak, options: { maxInFlight: 7 } }, { input });
		done();
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(30);
		expect(stats.peak).toBe(7);
	});

	test('a bound of 1 sends the items one after another, in input order', async () => {
		const { stats, done } = holdUntil(1);
		const input = Array.from({ length: 8 }, (_, n) => callItem(`v3:call-${n}`, { n }));
		const result = await runNode(mock, { ...speak, options: { maxInFlight: 1 } }, { input });
		done();
		expect(result.error).toBeUndefined();
		expect(stats.peak).toBe(1);
		expect(stats.payloads).toEqual(input.map((_, n) => `item-${n}`));
	});

	test('a failure without continue on fail stops later items on the same call', async () => {
		mock.route('POST', SPEAK, async (request: RecordedRequest) => {
			const payload = String((request.body as { payload: string }).payload);
			await delay(5);
			return payload === 'item-1'
				? { status: 422, body: { errors: [{ code: '90018', title: 'Call has already ended' }] } }
				: { body: { data: { result: 'ok' } } };
		});
		const input = [0, 1, 2, 3].map((n) => callItem('v3:same', { n }));
		const result = await runNode(mock, speak, { input });
		expect(result.error).toBeDefined();
		expect(result.error!.message).toContain('Call has already ended');
		expect(mock.requests.map((r) => (r.body as { payload: string }).payload)).toEqual([
			'item-0',
			'item-1',
		]);
	});
});

test('every operation offers Options → Max Requests in Flight, a whole number of at least 1', () => {
	const description = new Telnyx().description;
	for (const resource of catalogue)
		for (const operation of resource.operations) {
			const option = shownFields(description, resource.value, operation.value).find(
				([path]) => path === 'options.maxInFlight',
			)?.[1];
			expect([operation.value, option]).toMatchObject([
				operation.value,
				{
					displayName: 'Max Requests in Flight',
					type: 'number',
					default: DEFAULT_MAX_IN_FLIGHT,
					typeOptions: { minValue: 1, numberPrecision: 0 },
				},
			]);
		}
});

describe('runOrdered', () => {
	test('runs a chain in order and different keys side by side, within the limit', async () => {
		const keys = ['a', 'b', 'a', undefined, 'b', 'a', undefined, 'c'];
		const events: string[] = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const results = await runOrdered(keys, 3, async (index) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			events.push(`start ${index}`);
			await delay(5 + ((index * 13) % 7));
			events.push(`end ${index}`);
			inFlight--;
			return index * 10;
		});
		expect(results).toEqual(keys.map((_, index) => ({ ok: true, value: index * 10 })));
		expect(maxInFlight).toBeLessThanOrEqual(3);
		expect(maxInFlight).toBeGreaterThan(1);
		// Within a key, each task starts only after the previous one ended.
		for (const [earlier, later] of [
			[0, 2],
			[2, 5],
			[1, 4],
		]) {
			expect(events.indexOf(`start ${later}`)).toBeGreaterThan(events.indexOf(`end ${earlier}`));
		}
	});

	test('keeps going after an error unless told to stop', async () => {
		const ran: number[] = [];
		const results = await runOrdered(['a', 'a', 'a'], 5, async (index) => {
			ran.push(index);
			if (index === 1) throw new Error('boom');
			return index;
		});
		expect(ran).toEqual([0, 1, 2]);
		expect(results[1]).toEqual({ ok: false, error: new Error('boom') });
		expect(results[2]).toEqual({ ok: true, value: 2 });

		const ranStopping: number[] = [];
		const stopped = await runOrdered(
			['a', 'a', 'a'],
			5,
			async (index) => {
				ranStopping.push(index);
				if (index === 1) throw new Error('boom');
				return index;
			},
			true,
		);
		expect(ranStopping).toEqual([0, 1]);
		expect(stopped[2]).toBeUndefined();
	});

	test('an empty list resolves to an empty list', async () => {
		await expect(runOrdered([], 4, async () => 1)).resolves.toEqual([]);
	});
});
