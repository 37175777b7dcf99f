/**
 * What the Telnyx Trigger and a waiting Telnyx node share when Telnyx posts an event to n8n:
 * answering outside n8n's own response, and checking the signature with the credential's
 * public key, which is remembered for a minute.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../Telnyx/transport';
import { verifyWebhook, type RejectReason, type Verdict } from './verify';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** Returned after answering here: n8n then starts or resumes nothing. */
export const NO_EXECUTION: IWebhookResponseData = { noWebhookResponse: true };

/** The body of every 401: the reason goes to the log, never to the caller. */
export const UNAUTHORIZED = { message: 'Unauthorized' };

export function answer(res: Response, status: number, body?: IDataObject): IWebhookResponseData {
	if (!res.headersSent) {
		res.status(status);
		if (body) res.send(body);
		else res.end();
	}
	return NO_EXECUTION;
}

/**
 * The webhook public key of each credential, by credential ID, for a minute. Reading the
 * credential costs a database read and a decryption in n8n (about all of the time `webhook()`
 * takes), and the key is public and rarely changes. A key that fails to verify a delivery is
 * read again at once, so a corrected key takes effect immediately; a replaced key that still
 * verifies is used for at most `KEY_TTL_MS` more.
 */
const KEY_TTL_MS = 60_000;
const KEY_CACHE_LIMIT = 64;
const publicKeys = new Map<string, { publicKey: unknown; at: number }>();

/** Verdicts after which the credential is read again. */
const KEY_PROBLEMS = new Set<RejectReason>([
	'signature_mismatch',
	'missing_public_key',
	'malformed_public_key',
	'public_key_length',
	'unusable_public_key',
]);

function rememberedPublicKey(credentialId: string | undefined): unknown {
	if (credentialId === undefined) return undefined;
	const entry = publicKeys.get(credentialId);
	if (entry === undefined || performance.now() - entry.at >= KEY_TTL_MS) return undefined;
	return entry.publicKey;
}

async function fetchPublicKey(ctx: IWebhookFunctions, credentialId: string | undefined) {
	const { publicKey } = await ctx.getCredentials(CREDENTIAL_NAME);
	if (credentialId !== undefined && typeof publicKey === 'string' && publicKey !== '') {
		publicKeys.delete(credentialId);
		if (publicKeys.size >= KEY_CACHE_LIMIT) {
			const oldest = publicKeys.keys().next().value;
			if (oldest !== undefined) publicKeys.delete(oldest);
		}
		publicKeys.set(credentialId, { publicKey, at: performance.now() });
	}
	return publicKey;
}

/** Checks the signature of the request `ctx` holds with the node's credential. Never throws on a bad request. */
export async function verifyDelivery(
	ctx: IWebhookFunctions,
	rawBody: Buffer | undefined,
	toleranceSeconds?: number,
): Promise<Verdict> {
	const { headers } = ctx.getRequestObject();
	const check = (publicKey: unknown) =>
		verifyWebhook({ rawBody, headers, publicKey, toleranceSeconds });
	const credentialId = ctx.getNode().credentials?.[CREDENTIAL_NAME]?.id ?? undefined;
	const remembered = rememberedPublicKey(credentialId);
	const verdict = check(remembered ?? (await fetchPublicKey(ctx, credentialId)));
	// The credential may have changed since its key was remembered: read it again.
	if (!verdict.ok && remembered !== undefined && KEY_PROBLEMS.has(verdict.reason)) {
		return check(await fetchPublicKey(ctx, credentialId));
	}
	return verdict;
}
