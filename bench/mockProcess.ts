/**
 * The Telnyx mock in its own process, so that its CPU work does not share the event loop of the
 * nodes being measured (as with a real, remote API). Every `POST /calls/{id}/actions/speak` is
 * answered after a fixed latency; the child counts requests in flight, overall and per call, and
 * checks that the commands to each call arrive in item order when their payload says
 * `item-<n>`.
 *
 * Parent side: `const mock = await startMockProcess(20)`, then `reset()`, `stats()`,
 * `setLatency(ms)`, `stop()`. The child is this same file, forked with IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { TelnyxMock } from '../test/mock/telnyxMock';

export interface MockStats {
	/** Speak requests answered since the last reset. */
	served: number;
	/** Most speak requests in flight at once. */
	peak: number;
	/** Most speak requests in flight at once for one call. */
	peakPerCall: number;
	/** Speak bodies seen since the last reset (a sample: the first one). */
	firstBody: unknown;
	/** Speak bodies without a string payload, voice and command_id. */
	malformed: number;
	/** Speaks with an `item-<n>` payload that reached their call after a later item. */
	outOfOrder: number;
}

type Request = { id: number; type: 'reset' | 'stats' | 'stop' | 'latency'; latencyMs?: number };
type Reply = { id: number; stats?: MockStats; error?: string };
type Ready = { ready: true; baseUrl: string; apiKey: string };

export interface RemoteMock {
	baseUrl: string;
	apiKey: string;
	pid: number;
	reset(): Promise<void>;
	stats(): Promise<MockStats>;
	/** Changes the latency of every later speak. */
	setLatency(ms: number): Promise<void>;
	stop(): Promise<void>;
}

export async function startMockProcess(latencyMs: number): Promise<RemoteMock> {
	const child: ChildProcess = fork(__filename, [String(latencyMs)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: [],
	});
	const pending = new Map<
		number,
		{ resolve: (reply: Reply) => void; reject: (error: Error) => void }
	>();
	let next = 0;
	let exited = false;
	const ready = new Promise<Ready>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => {
			exited = true;
			const error = new Error(`The mock process exited (code ${code})`);
			reject(error);
			for (const waiter of pending.values()) waiter.reject(error);
			pending.clear();
		});
		child.on('message', (message: Ready | Reply) => {
			if ('ready' in message) return resolve(message);
			const waiter = pending.get(message.id);
			pending.delete(message.id);
			if (message.error) waiter?.reject(new Error(message.error));
			else waiter?.resolve(message);
		});
	});
	const { baseUrl, apiKey } = await ready;
	const ask = (type: Request['type'], latency?: number) =>
		new Promise<Reply>((resolve, reject) => {
			if (exited) return reject(new Error('The mock process is gone'));
			const id = ++next;
			pending.set(id, { resolve, reject });
			child.send({ id, type, latencyMs: latency } satisfies Request);
		});
	return {
		baseUrl,
		apiKey,
		pid: child.pid!,
		reset: async () => {
			await ask('reset');
		},
		stats: async () => (await ask('stats')).stats!,
		setLatency: async (ms: number) => {
			await ask('latency', ms);
		},
		stop: async () => {
			if (exited) return;
			const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			await ask('stop').catch(() => undefined);
			await gone;
		},
	};
}

async function serve(initialLatencyMs: number): Promise<void> {
	const mock = await TelnyxMock.start();
	// Contenders post the same items (and so the same command IDs) one after another; every
	// request must be served, so the mock's Telnyx-like command de-duplication is off here.
	mock.commandWindowMs = 0;
	let latencyMs = initialLatencyMs;
	const perCall = new Map<string, number>();
	const lastItem = new Map<string, number>();
	const stats: MockStats = {
		served: 0,
		peak: 0,
		peakPerCall: 0,
		firstBody: undefined,
		malformed: 0,
		outOfOrder: 0,
	};
	let inFlight = 0;

	mock.route('POST', /^\/calls\/[^/]+\/actions\/speak$/, async (request) => {
		const call = request.path.split('/')[2];
		const onCall = (perCall.get(call) ?? 0) + 1;
		perCall.set(call, onCall);
		stats.peakPerCall = Math.max(stats.peakPerCall, onCall);
		stats.peak = Math.max(stats.peak, ++inFlight);
		const body = request.body as Record<string, unknown> | undefined;
		stats.firstBody ??= body;
		if (!body || ['payload', 'voice', 'command_id'].some((key) => typeof body[key] !== 'string'))
			stats.malformed++;
		const item = /^item-(\d+)$/.exec(String(body?.payload ?? ''));
		if (item) {
			const n = Number(item[1]);
			if (n <= (lastItem.get(call) ?? -1)) stats.outOfOrder++;
			lastItem.set(call, n);
		}
		try {
			if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
		} finally {
			inFlight--;
			perCall.set(call, perCall.get(call)! - 1);
			stats.served++;
		}
		return { body: { data: { result: 'ok' } } };
	});

	process.on('message', (message: Request) => {
		const reply = (extra: Partial<Reply> = {}) =>
			process.send!({ id: message.id, ...extra } satisfies Reply);
		if (message.type === 'reset') {
			mock.requests.length = 0; // the mock records every request; keep memory flat
			perCall.clear();
			lastItem.clear();
			inFlight = 0;
			Object.assign(stats, {
				served: 0,
				peak: 0,
				peakPerCall: 0,
				firstBody: undefined,
				malformed: 0,
				outOfOrder: 0,
			});
			reply();
		} else if (message.type === 'latency') {
			latencyMs = message.latencyMs ?? latencyMs;
			reply();
		} else if (message.type === 'stats') {
			reply({ stats: { ...stats } });
		} else if (message.type === 'stop') {
			reply();
			void mock.stop().then(() => process.disconnect());
		}
	});
	// Do not outlive the parent.
	process.on('disconnect', () => process.exit(0));
	process.send!({ ready: true, baseUrl: mock.baseUrl, apiKey: mock.apiKey } satisfies Ready);
}

if (require.main === module) {
	serve(Number(process.argv[2] ?? 20)).catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
