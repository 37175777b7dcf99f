/**
 * The mock Telnyx API ignores a repeated command_id on the same call within 60 s, as Telnyx
 * does: answered like the first, not carried out again, and counted apart from what it received.
 */
import axios from 'axios';

import { TelnyxMock } from '../../mock/telnyxMock';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => mock.stop());
beforeEach(() => {
	mock.reset();
	mock.commandWindowMs = 60_000;
});

async function post(path: string, body: unknown) {
	return await axios.post(`${mock.baseUrl}${path}`, body, {
		headers: { authorization: `Bearer ${mock.apiKey}` },
		validateStatus: () => true,
	});
}

const speak = (call: string) => `/calls/${encodeURIComponent(call)}/actions/speak`;

describe('TelnyxMock command de-duplication', () => {
	it('answers a repeated command_id on the same call like the first, without carrying it out', async () => {
		let carriedOut = 0;
		mock.route('POST', speak('v3:a'), () => ({
			body: { data: { result: 'ok', n: ++carriedOut } },
		}));
		const first = await post(speak('v3:a'), { payload: 'Hi', command_id: 'c-1' });
		const again = await post(speak('v3:a'), { payload: 'Hi', command_id: 'c-1' });
		expect(first.status).toBe(200);
		expect(again.status).toBe(200);
		expect(again.data).toEqual(first.data);
		expect(carriedOut).toBe(1);
		expect(mock.requests).toHaveLength(2);
		expect(mock.requests[1].duplicate).toBe(true);
		expect(mock.executed()).toEqual([mock.requests[0]]);
		expect(mock.answered()).toHaveLength(2);
	});

	it('scopes a command_id to its call, across actions', async () => {
		await post(speak('v3:a'), { command_id: 'c-1' });
		await post('/calls/v3%3Aa/actions/hangup', { command_id: 'c-1' });
		await post(speak('v3:b'), { command_id: 'c-1' });
		await post(speak('v3:a'), { command_id: 'c-2' });
		await post(speak('v3:a'), {});
		await post(speak('v3:a'), {});
		expect(
			mock.executed().map((r) => [r.path, (r.body as { command_id?: string }).command_id]),
		).toEqual([
			[speak('v3:a'), 'c-1'],
			[speak('v3:b'), 'c-1'],
			[speak('v3:a'), 'c-2'],
			[speak('v3:a'), undefined],
			[speak('v3:a'), undefined],
		]);
		expect(mock.executed({ path: speak('v3:a') })).toHaveLength(4);
	});

	it('carries out a command again once the window has passed, or when it is off', async () => {
		mock.commandWindowMs = 1;
		await post(speak('v3:a'), { command_id: 'c-1' });
		await new Promise((resolve) => setTimeout(resolve, 10));
		await post(speak('v3:a'), { command_id: 'c-1' });
		mock.commandWindowMs = 0;
		await post(speak('v3:a'), { command_id: 'c-1' });
		expect(mock.executed()).toHaveLength(3);
	});

	it('carries out a repeat of a command that failed the first time', async () => {
		let attempts = 0;
		mock.route('POST', speak('v3:a'), () =>
			++attempts === 1
				? { status: 500, body: { errors: [{ code: '10007' }] } }
				: { body: { data: { result: 'ok' } } },
		);
		expect((await post(speak('v3:a'), { command_id: 'c-1' })).status).toBe(500);
		mock.faults({ rate: 1, kinds: ['429'] });
		expect((await post(speak('v3:a'), { command_id: 'c-1' })).status).toBe(429);
		mock.faults(null);
		expect((await post(speak('v3:a'), { command_id: 'c-1' })).status).toBe(200);
		expect((await post(speak('v3:a'), { command_id: 'c-1' })).status).toBe(200);
		expect(attempts).toBe(2);
		expect(mock.executed()).toEqual([mock.requests[2]]);
	});

	it('forgets carried-out commands on reset', async () => {
		await post(speak('v3:a'), { command_id: 'c-1' });
		mock.reset();
		await post(speak('v3:a'), { command_id: 'c-1' });
		expect(mock.executed()).toHaveLength(1);
		expect(mock.requests[0].duplicate).toBeUndefined();
	});
});
