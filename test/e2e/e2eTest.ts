import { host } from './harness';

/**
 * The tests of one e2e file: `test` runs a jest test whose failure message ends with the tail of
 * the n8n log, and `failed` records that one failed, so the file keeps its work folder.
 */
export class E2eTests {
	failed = false;

	constructor(
		private readonly logFile: () => string | undefined,
		private readonly lines = 60,
	) {}

	readonly test = (name: string, fn: () => Promise<void>, timeout?: number): void => {
		test(
			name,
			async () => {
				try {
					await fn();
				} catch (error) {
					this.failed = true;
					if (error instanceof Error) error.message += host.logTail(this.logFile(), this.lines);
					throw error;
				}
			},
			timeout,
		);
	};
}
