import { host, type N8nInstance } from './harness';

/**
 * The tests of one e2e file. `setup` (a `beforeAll`) and `test` (a jest test) end a failure
 * message with the tail of the n8n logs and record the failure, so that `keep` holds and the
 * file keeps its work folder for a look.
 */
export class E2eTests {
	failed = false;

	/**
	 * @param tail The last `lines` lines of the logs of the n8n processes under test.
	 * @param lines How much of the logs a failed test shows.
	 * @param setupLines How much of the logs a failed setup shows.
	 */
	constructor(
		private readonly tail: (lines: number) => string,
		private readonly lines = 60,
		private readonly setupLines = 80,
	) {}

	/** For a file that runs one n8n instance. */
	static forInstance(instance: () => N8nInstance | undefined, lines?: number): E2eTests {
		return new E2eTests((count) => host.logTail(instance()?.logFile, count), lines);
	}

	/** Whether the work folder stays: a setup or test failed, or E2E_KEEP=1 asks for it. */
	get keep(): boolean {
		return this.failed || process.env.E2E_KEEP === '1';
	}

	readonly setup = (fn: () => Promise<void>, timeout?: number): void => {
		beforeAll(() => this.guard(fn, this.setupLines), timeout);
	};

	readonly test = (name: string, fn: () => Promise<void>, timeout?: number): void => {
		test(name, () => this.guard(fn, this.lines), timeout);
	};

	private async guard(fn: () => Promise<void>, lines: number): Promise<void> {
		try {
			await fn();
		} catch (error) {
			this.failed = true;
			if (error instanceof Error) error.message += this.tail(lines);
			throw error;
		}
	}
}
