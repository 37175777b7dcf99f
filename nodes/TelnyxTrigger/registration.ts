/**
 * Points a Call Control Application at this trigger while the workflow is active, and puts the
 * application's earlier webhook URL back when it is deactivated.
 */
import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	CREDENTIAL_NAME,
	DEFAULT_MAX_RETRIES,
	hasCredential,
	telnyxData,
	telnyxList,
} from '../Telnyx/transport';
import { checkPublicKey, describeReason } from './verify';

/** Value of the application choice that leaves the portal setting alone. */
export const NO_APPLICATION = '';

const APPLICATIONS_PATH = '/call_control_applications';
const APPLICATIONS_PAGE_SIZE = 250;

/** What the trigger changed, kept in the node's static data until it is undone. */
export interface Registration {
	applicationId: string;
	/** The URL the trigger set. */
	url: string;
	/** The URL the application had before; restored on deactivation. */
	previousUrl: string;
}

const REGISTRATION_KEY = 'registration';
/** Where earlier versions kept seen event IDs in the node's static data. */
export const LEGACY_SEEN_EVENTS_KEY = 'seenEvents';

function text(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function readRegistration(staticData: IDataObject): Registration | undefined {
	const value = staticData[REGISTRATION_KEY] as Partial<Registration> | undefined;
	if (!value || typeof value !== 'object' || typeof value.applicationId !== 'string') {
		return undefined;
	}
	return {
		applicationId: value.applicationId,
		url: text(value.url),
		previousUrl: text(value.previousUrl),
	};
}

function applicationPath(id: string): string {
	return `${APPLICATIONS_PATH}/${encodeURIComponent(id)}`;
}

/**
 * Lists the account's applications for the dropdown, after a choice that registers nothing.
 * The editor asks for the list as soon as the node opens, before a credential is chosen: that
 * gets the choice alone instead of an error.
 */
export async function loadApplications(
	ctx: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const none: INodePropertyOptions = {
		name: 'None (Set the URL in the Portal)',
		value: NO_APPLICATION,
		description: 'Leave the application settings alone and paste the webhook URL yourself',
	};
	if (!hasCredential(ctx)) return [none];
	const applications = await telnyxList(
		ctx,
		{ method: 'GET', path: APPLICATIONS_PATH },
		{ maxPageSize: APPLICATIONS_PAGE_SIZE },
	);
	const choices = applications
		.filter((application) => text(application.id) !== '')
		.map((application) => {
			const url = text(application.webhook_event_url);
			return {
				name: text(application.application_name) || text(application.id),
				value: text(application.id),
				description: url ? `Sends webhooks to ${url}` : 'Has no webhook URL yet',
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
	return [none, ...choices];
}

/**
 * Refuses to activate when webhooks would be checked against a key that is missing or broken.
 * With verification switched off there is nothing to check.
 */
export async function assertVerifiable(ctx: IHookFunctions): Promise<void> {
	if (ctx.getNodeParameter('verifySignature', true) === false) return;
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const verdict = checkPublicKey(credentials.publicKey);
	if (verdict.ok) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`${describeReason(verdict.reason)}, so incoming webhooks cannot be verified`,
		{
			description:
				'Copy the public key from the Telnyx portal (Keys & Credentials → Public Key) into the Webhook Public Key field of the Telnyx API credential. Only for local tests: turn off Verify Signature instead.',
		},
	);
}

function selectedApplication(ctx: IHookFunctions): string {
	return text(ctx.getNodeParameter('applicationId', NO_APPLICATION)).trim();
}

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for this node');
	}
	return url;
}

async function getApplication(ctx: IHookFunctions, id: string): Promise<IDataObject> {
	const data = await telnyxData(ctx, { method: 'GET', path: applicationPath(id) });
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Telnyx returned no Call Control Application for ID ${id}`,
		);
	}
	return data as IDataObject;
}

/** Telnyx wants the name with every update, so the current one is sent back unchanged. */
async function setWebhookUrl(
	ctx: IHookFunctions,
	application: IDataObject,
	id: string,
	url: string,
): Promise<void> {
	await telnyxData(
		ctx,
		{
			method: 'PATCH',
			path: applicationPath(id),
			body: { application_name: text(application.application_name), webhook_event_url: url },
		},
		// Setting a URL to a fixed value can safely be repeated.
		{ maxRetries: DEFAULT_MAX_RETRIES, idempotent: true },
	);
}

/** `checkExists`: true when there is nothing to do, or the application already points here. */
export async function webhookExists(ctx: IHookFunctions): Promise<boolean> {
	await assertVerifiable(ctx);
	const applicationId = selectedApplication(ctx);
	if (applicationId === NO_APPLICATION) return true;
	const application = await getApplication(ctx, applicationId);
	return text(application.webhook_event_url) === webhookUrl(ctx);
}

/** `create`: points the application at this trigger and remembers where it pointed before. */
export async function createWebhook(ctx: IHookFunctions): Promise<boolean> {
	await assertVerifiable(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	// Seen event IDs were once kept here; they live in memory now. n8n saves the change once,
	// together with the activation.
	if (LEGACY_SEEN_EVENTS_KEY in staticData) delete staticData[LEGACY_SEEN_EVENTS_KEY];
	const applicationId = selectedApplication(ctx);
	if (applicationId === NO_APPLICATION) return true;
	const url = webhookUrl(ctx);
	const application = await getApplication(ctx, applicationId);
	const currentUrl = text(application.webhook_event_url);
	const earlier = readRegistration(staticData);
	// When an earlier activation already replaced the URL and it was never restored, the URL
	// to restore is still the one from before that first change.
	const previousUrl =
		earlier && earlier.applicationId === applicationId && earlier.url === currentUrl
			? earlier.previousUrl
			: currentUrl;
	if (currentUrl !== url) await setWebhookUrl(ctx, application, applicationId, url);
	const registration: Registration = { applicationId, url, previousUrl };
	staticData[REGISTRATION_KEY] = registration as unknown as IDataObject;
	return true;
}

/** `delete`: puts the earlier URL back, unless someone changed the application meanwhile. */
export async function deleteWebhook(ctx: IHookFunctions): Promise<boolean> {
	const staticData = ctx.getWorkflowStaticData('node');
	const registration = readRegistration(staticData);
	if (!registration) return true;
	const { applicationId, url, previousUrl } = registration;

	let application: IDataObject;
	try {
		application = await getApplication(ctx, applicationId);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			ctx.logger.warn(
				`Telnyx Trigger: Call Control Application ${applicationId} no longer exists, so its webhook URL was not restored`,
			);
			delete staticData[REGISTRATION_KEY];
			return true;
		}
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error);
	}

	const currentUrl = text(application.webhook_event_url);
	if (currentUrl !== url) {
		ctx.logger.warn(
			`Telnyx Trigger: the webhook URL of Call Control Application ${applicationId} was changed by someone else, so it was left as it is`,
		);
	} else if (previousUrl === '' || previousUrl === url) {
		ctx.logger.info(
			`Telnyx Trigger: Call Control Application ${applicationId} had no other webhook URL before, so it still points at this workflow`,
		);
	} else {
		await setWebhookUrl(ctx, application, applicationId, previousUrl);
	}
	delete staticData[REGISTRATION_KEY];
	return true;
}
