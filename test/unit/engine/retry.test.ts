import axios from 'axios';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	NodeApiError,
} from 'n8n-workflow';
import {
	backoffMs,
	isIdempotent,
	retryAfterMs,
	telnyxRequest,
	encodeMultipart,
} from '../../../nodes/Telnyx/transport';
import { TelnyxMock, type MockResponse } from '../../mock/telnyxMock';
import { bodyOf, callItem, faultNext, NODE, runNode, UUID } from './helpers';

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => {
	await mock.stop();
});

/** Pending answers of "slow" routes, released after each test so no socket outlives it. */
const pending: Array<() => void> = [];
beforeEach(() => mock.reset());
afterEach(() => {
	while (pending.length) pending.pop()!();
});

const speakParams = { resource: 'call', operation: 'speak', payload: 'Hello', voice: 'female' };
const SPEAK_PATH = '/calls/v3%3Aabc/actions/speak';
const ok: MockResponse = { body: { data: { result: 'ok' } } };
const serverError: MockResponse = {
	status: 500,
	body: { errors: [{ code: '10007', title: 'Unexpected error', detail: 'Try again later' }] },
};

/** Answers with `answers[n]` for the n-th request (the last one repeats) and notes arrival times. */
function sequence(method: string, path: string, answers: MockResponse[]): number[] {
	const times: number[] = [];
	mock.route(method, path, () => {
		times.push(Date.now());
		return answers[Math.min(times.length - 1, answers.length - 1)];
	});
	return times;
}

describe('retry policy helpers', () => {
	test('isIdempotent: reads, PUTs and commands with a command_id only', () => {
		expect(isIdempotent('GET')).toBe(true);
		expect(isIdempotent('PUT', { a: 1 })).toBe(true);
		expect(isIdempotent('POST')).toBe(false);
		expect(isIdempotent('POST', {})).toBe(false);
		expect(isIdempotent('POST', { to: '+13125550100' })).toBe(false);
		expect(isIdempotent('POST', { command_id: '' })).toBe(false);
		expect(isIdempotent('POST', { command_id: 42 } as unknown as IDataObject)).toBe(false);
		expect(isIdempotent('POST', { command_id: 'abc' })).toBe(true);
		expect(isIdempotent('PATCH', { a: 1 })).toBe(false);
		expect(isIdempotent('DELETE')).toBe(false);
		expect(isIdempotent('POST', encodeMultipart({ command_id: 'abc' }, 'b'))).toBe(false);
	});

	test('retryAfterMs reads seconds and HTTP dates', () => {
		const now = Date.parse('2024-05-01T12:00:00Z');
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('', now)).toBeUndefined();
		expect(retryAfterMs('   ', now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs('0', now)).toBe(0);
		expect(retryAfterMs('1', now)).toBe(1000);
		expect(retryAfterMs('2.5', now)).toBe(2500);
		expect(retryAfterMs('-3', now)).toBe(0);
		expect(retryAfterMs('Wed, 01 May 2024 12:00:07 GMT', now)).toBe(7000);
		expect(retryAfterMs('Wed, 01 May 2024 11:59:00 GMT', now)).toBe(0);
	});

	test('backoffMs stays between half and all of 500 ms * 2^attempt, capped at 20 s', () => {
		for (const attempt of [0, 1, 2, 3, 5, 10, 30]) {
			const ceiling = Math.min(20_000, 500 * 2 ** attempt);
			expect(backoffMs(attempt, () => 0)).toBe(ceiling / 2);
			expect(backoffMs(attempt, () => 0.999999)).toBe(ceiling);
			for (let i = 0; i < 50; i++) {
				const value = backoffMs(attempt);
				expect(value).toBeGreaterThanOrEqual(ceiling / 2);
				expect(value).toBeLessThanOrEqual(ceiling);
			}
		}
		expect(backoffMs(1, () => 0.5)).toBe(750);
	});
});

describe('retries through the node', () => {
	test('429 with Retry-After: 1 waits about a second, then succeeds', async () => {
		const times = sequence('POST', SPEAK_PATH, [
			{
				status: 429,
				headers: { 'Retry-After': '1' },
				body: { errors: [{ code: '10011', title: 'Too many requests' }] },
			},
			ok,
		]);
		const result = await runNode(mock, speakParams, { input: [callItem('v3:abc')] });
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([{ result: 'ok' }]);
		expect(mock.requests).toHaveLength(2);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(900);
		expect(bodyOf(mock.requests[1]).command_id).toBe(bodyOf(mock.requests[0]).command_id);
	});

	test('429 with a Retry-After above 60 s is not waited for', async () => {
		sequence('POST', SPEAK_PATH, [
			{
				status: 429,
				headers: { 'Retry-After': '120' },
				body: { errors: [{ code: '10011', title: 'Too many requests' }] },
			},
			ok,
		]);
		const started = Date.now();
		const result = await runNode(mock, speakParams, { input: [callItem('v3:abc')] });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.error).toBeDefined();
		expect(result.error!.message).toContain('Too many requests');
		expect(mock.requests).toHaveLength(1);
	});

	test('500 then 200 on a command is retried with the same command_id', async () => {
		sequence('POST', SPEAK_PATH, [serverError, ok]);
		const result = await runNode(mock, speakParams, { input: [callItem('v3:abc')] });
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([{ result: 'ok' }]);
		expect(mock.requests).toHaveLength(2);
		const [first, second] = mock.requests.map((r) => bodyOf(r).command_id);
		expect(first).toMatch(UUID);
		expect(second).toBe(first);
	});

	test('500 on an operation without command_id (conference hold) is not retried', async () => {
		sequence('POST', '/conferences/conf-1/actions/hold', [serverError, ok]);
		const result = await runNode(
			mock,
			{ resource: 'conference', operation: 'hold', conferenceId: 'conf-1' },
			{ input: [{ json: {} }] },
		);
		expect(mock.requests).toHaveLength(1);
		expect(result.error).toBeDefined();
		expect(result.error!.name).toBe('NodeApiError');
		expect((result.error as NodeApiError).httpCode).toBe('500');
		expect(result.error!.message).toContain('Unexpected error');
	});

	test('500 on queue create (POST /queues) is not retried', async () => {
		sequence('POST', '/queues', [serverError, ok]);
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'create',
			queueName: 'support',
		});
		expect(mock.requests).toHaveLength(1);
		expect(mock.requests[0].body).toEqual({ queue_name: 'support' });
		expect(result.error).toBeDefined();
		expect((result.error as NodeApiError).httpCode).toBe('500');
	});

	test('a timed-out command is retried and succeeds on the second attempt', async () => {
		let calls = 0;
		mock.route('POST', SPEAK_PATH, async () => {
			calls++;
			if (calls === 1) {
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, 3000);
					pending.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
			return ok;
		});
		const started = Date.now();
		const result = await runNode(
			mock,
			{ ...speakParams, options: { timeout: 1000 } },
			{ input: [callItem('v3:abc')] },
		);
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([{ result: 'ok' }]);
		expect(mock.requests).toHaveLength(2);
		expect(bodyOf(mock.requests[1]).command_id).toBe(bodyOf(mock.requests[0]).command_id);
		expect(elapsed).toBeGreaterThanOrEqual(1000);
		expect(elapsed).toBeLessThan(3000);
	}, 10_000);

	test('a timed-out command with maxRetries 0 fails with a timeout error', async () => {
		mock.route('POST', SPEAK_PATH, async () => {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, 3000);
				pending.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
			return ok;
		});
		const result = await runNode(
			mock,
			{ ...speakParams, options: { timeout: 1000, maxRetries: 0 } },
			{ input: [callItem('v3:abc')] },
		);
		expect(mock.requests).toHaveLength(1);
		expect(result.error).toBeDefined();
		expect(result.error!.name).toBe('NodeApiError');
		expect(result.error!.message).toBe('Telnyx did not answer in time');
		expect((result.error as NodeApiError).description).toBe('Network error ECONNABORTED');
	}, 10_000);

	test('a dropped connection on a GET is retried', async () => {
		faultNext(mock, 1, 'drop');
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'get',
			queueName: 'support',
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(2);
		expect(mock.requests[0].fault).toBe('drop');
		expect(mock.requests[1].fault).toBeUndefined();
		expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /queues/support',
			'GET /queues/support',
		]);
		expect(result.output(NODE)).toEqual([{ id: 'support' }]);
	});

	test('a dropped connection on a POST without command_id is not retried', async () => {
		faultNext(mock, 1, 'drop');
		const result = await runNode(mock, {
			resource: 'queue',
			operation: 'create',
			queueName: 'support',
		});
		expect(mock.requests).toHaveLength(1);
		expect(result.error).toBeDefined();
		expect(result.error!.message).toBe('Could not reach Telnyx');
		expect((result.error as NodeApiError).description).toBe('Network error ECONNRESET');
	});

	test('options.maxRetries 0 turns retries off', async () => {
		sequence('POST', SPEAK_PATH, [serverError, ok]);
		const result = await runNode(
			mock,
			{ ...speakParams, options: { maxRetries: 0 } },
			{ input: [callItem('v3:abc')] },
		);
		expect(mock.requests).toHaveLength(1);
		expect(result.error).toBeDefined();
		expect((result.error as NodeApiError).httpCode).toBe('500');
	});

	test('options.maxRetries bounds the attempts: 1 retry means 2 requests', async () => {
		sequence('POST', SPEAK_PATH, [serverError]);
		const result = await runNode(
			mock,
			{ ...speakParams, options: { maxRetries: 1 } },
			{ input: [callItem('v3:abc')] },
		);
		expect(mock.requests).toHaveLength(2);
		expect(result.error).toBeDefined();
		expect((result.error as NodeApiError).httpCode).toBe('500');
	});

	test('4xx errors other than 429 are not retried', async () => {
		sequence('POST', SPEAK_PATH, [
			{ status: 422, body: { errors: [{ code: '90018', title: 'Call has already ended' }] } },
			ok,
		]);
		const result = await runNode(mock, speakParams, { input: [callItem('v3:abc')] });
		expect(mock.requests).toHaveLength(1);
		expect(result.error!.message).toContain('Call has already ended');
	});
});

describe('telnyxRequest with a minimal context', () => {
	const node: INode = {
		id: 'n1',
		name: 'Telnyx',
		type: 'n8n-nodes-telnyx-call-control.telnyx',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	/** The parts of IExecuteFunctions the transport uses, with axios as the HTTP client. */
	function fakeContext(): IExecuteFunctions {
		return {
			getNode: () => node,
			getCredentials: async () => ({ apiKey: mock.apiKey, baseUrl: `${mock.baseUrl}/` }),
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					const response = await axios.request({
						method: options.method,
						url: options.url,
						params: options.qs,
						data: options.body,
						headers: options.headers as Record<string, string>,
						timeout: options.timeout,
						validateStatus: () => true,
						responseType: options.encoding === 'arraybuffer' ? 'arraybuffer' : 'json',
					});
					return { statusCode: response.status, headers: response.headers, body: response.data };
				},
			},
		} as unknown as IExecuteFunctions;
	}

	test('a POST to /calls without command_id is never retried on 500, whatever maxRetries says', async () => {
		sequence('POST', '/calls', [serverError, ok]);
		const ctx = fakeContext();
		await expect(
			telnyxRequest(ctx, {
				method: 'POST',
				path: '/calls',
				body: { connection_id: 'c1', to: '+13125550123', from: '+13125550100' },
			}),
		).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(mock.requests).toHaveLength(1);

		mock.reset();
		sequence('POST', '/calls', [serverError, ok]);
		await expect(
			telnyxRequest(
				ctx,
				{ method: 'POST', path: '/calls', body: { connection_id: 'c1' } },
				{ maxRetries: 5, idempotent: isIdempotent('POST', { connection_id: 'c1' }) },
			),
		).rejects.toMatchObject({ httpCode: '500' });
		expect(mock.requests).toHaveLength(1);
	});

	test('the same POST with a command_id is retried and the body is identical both times', async () => {
		sequence('POST', '/calls', [serverError, ok]);
		const response = await telnyxRequest(fakeContext(), {
			method: 'POST',
			path: '/calls',
			body: { connection_id: 'c1', command_id: 'cmd-1' },
		});
		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({ data: { result: 'ok' } });
		expect(mock.requests).toHaveLength(2);
		expect(mock.requests[0].path).toBe('/calls');
		expect(mock.requests[1].body).toEqual(mock.requests[0].body);
		expect(mock.requests[0].body).toEqual({ connection_id: 'c1', command_id: 'cmd-1' });
	});

	test('a 5xx that never recovers is tried 1 + maxRetries times', async () => {
		sequence('GET', '/balance', [serverError]);
		await expect(
			telnyxRequest(
				fakeContext(),
				{ method: 'GET', path: '/balance' },
				{ maxRetries: 2, idempotent: true },
			),
		).rejects.toMatchObject({ httpCode: '500', message: 'Unexpected error (code 10007)' });
		expect(mock.requests).toHaveLength(3);
	});

	test('an unwrapped client timeout is reported as a timeout, without retry when maxRetries is 0', async () => {
		mock.route('GET', '/balance', async () => {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, 3000);
				pending.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
			return ok;
		});
		await expect(
			telnyxRequest(
				fakeContext(),
				{ method: 'GET', path: '/balance' },
				{ maxRetries: 0, idempotent: true, timeout: 300 },
			),
		).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Telnyx did not answer in time',
			description: 'Network error ECONNABORTED',
		});
		expect(mock.requests).toHaveLength(1);
	});

	test('the trailing slash of the base URL is dropped', async () => {
		await telnyxRequest(fakeContext(), { method: 'GET', path: '/balance' });
		expect(mock.requests[0].path).toBe('/balance');
	});
});
