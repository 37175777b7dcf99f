/**
 * Runs one task per item with at most `limit` in flight. Items that share an order key (the
 * same call or conference) run one after another in input order; the others run side by side.
 */

/**
 * Requests in flight at once when Options → Max Requests in Flight is not set. Requests in
 * flight = throughput × latency. One node run in n8n sends up to about 2,000 requests a second
 * (measured in a real n8n: about 0.5 ms of CPU per item, n8n's own share included); at Telnyx's
 * usual 100–300 ms that is 200 to 600 requests in flight. 500 keeps a 1,000-item run to two
 * round trips at 300 ms (a bound of 50 cost twenty, 6 s); more at once would only meet Telnyx's
 * per-account rate limit (429 with Retry-After, which the transport honours) sooner.
 */
export const DEFAULT_MAX_IN_FLIGHT = 500;

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function runOrdered<T>(
	keys: Array<string | undefined>,
	limit: number,
	task: (index: number) => Promise<T>,
	stopAfterError = false,
): Promise<Array<Settled<T> | undefined>> {
	const chains: number[][] = [];
	const byKey = new Map<string, number[]>();
	keys.forEach((key, index) => {
		if (key === undefined) {
			chains.push([index]);
			return;
		}
		const chain = byKey.get(key);
		if (chain) chain.push(index);
		else {
			const fresh = [index];
			byKey.set(key, fresh);
			chains.push(fresh);
		}
	});

	const results: Array<Settled<T> | undefined> = new Array(keys.length).fill(undefined);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < chains.length && !(stopAfterError && failed)) {
			const chain = chains[next++];
			for (const index of chain) {
				if (stopAfterError && failed) return;
				try {
					results[index] = { ok: true, value: await task(index) };
				} catch (error) {
					results[index] = { ok: false, error };
					failed = true;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, chains.length)) }, worker));
	return results;
}
