/**
 * The auto-registration lifecycle (checkExists → create → checkExists → delete) against the
 * local Telnyx mock, over real HTTP: the fake hook context sends each request with axios and
 * the headers the transport made (the credential's Bearer key), as n8n's httpRequest would.
 */
import axios from 'axios';
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { TelnyxTrigger } from '../../../nodes/TelnyxTrigger/TelnyxTrigger.node';
import {
	LEGACY_SEEN_EVENTS_KEY,
	readRegistration,
} from '../../../nodes/TelnyxTrigger/registration';
import { TelnyxMock } from '../../mock/telnyxMock';
import { fakeLogger, signer, TRIGGER_NODE, type Logged } from './helpers';

const PRODUCTION_URL =
	'https://n8n.example.com/webhook/6f1e3c1a-0000-4000-8000-000000000001/webhook';
const TEST_URL =
	'https://n8n.example.com/webhook-test/6f1e3c1a-0000-4000-8000-000000000001/webhook';
const OLD_URL = 'https://portal-configured.example.com/telnyx';
const APP_ID = '1293384261075731499';

const trigger = new TelnyxTrigger();
const hooks = trigger.webhookMethods.default;
const key = signer(21);

let mock: TelnyxMock;

beforeAll(async () => {
	mock = await TelnyxMock.start();
});

afterAll(async () => {
	await mock.stop();
});

beforeEach(() => {
	mock.reset();
	mock.addApplication({ id: APP_ID, application_name: 'Support IVR', webhook_event_url: OLD_URL });
});

interface HookHarness {
	ctx: IHookFunctions & ILoadOptionsFunctions;
	staticData: IDataObject;
	logs: Logged[];
}

/** Sends one request like n8n's helper (the transport adds the credential's header): the full response back. */
async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const response = await axios.request({
		method: options.method,
		url: options.url,
		params: options.qs,
		data: options.body,
		headers: options.headers as Record<string, string>,
		timeout: options.timeout,
		validateStatus: () => true,
	});
	return { statusCode: response.status, headers: response.headers, body: response.data };
}

function hookContext(
	options: {
		parameters?: Record<string, unknown>;
		credentials?: IDataObject;
		staticData?: IDataObject;
		url?: string;
		/** The node has no credential selected yet, as when it was just added in the editor. */
		noCredential?: boolean;
	} = {},
): HookHarness {
	const staticData = options.staticData ?? {};
	const logs: Logged[] = [];
	const parameters: Record<string, unknown> = { applicationId: APP_ID, ...options.parameters };
	const credentials = options.credentials ?? {
		apiKey: mock.apiKey,
		publicKey: key.publicKey,
		baseUrl: mock.baseUrl,
	};
	const ctx = {
		getNodeParameter: (name: string, fallback?: unknown) =>
			(name in parameters ? parameters[name] : fallback) as NodeParameterValueType,
		getCredentials: async () => credentials,
		getNodeWebhookUrl: () => options.url ?? PRODUCTION_URL,
		getWorkflowStaticData: () => staticData,
		getNode: () => ({
			...TRIGGER_NODE,
			...(options.noCredential
				? {}
				: { credentials: { telnyxApi: { id: 'cred-1', name: 'Telnyx account' } } }),
		}),
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		logger: fakeLogger(logs),
		helpers: {
			httpRequest: async (request: IHttpRequestOptions) => await httpRequest(request),
		},
	};
	return { ctx: ctx as unknown as IHookFunctions & ILoadOptionsFunctions, staticData, logs };
}

function appUrl(): string {
	return mock.getApplication(APP_ID).webhook_event_url;
}

describe('auto-registration lifecycle', () => {
	it('points the application here on activation and restores it on deactivation', async () => {
		const { ctx, staticData } = hookContext();

		expect(await hooks.checkExists.call(ctx)).toBe(false);
		expect(await hooks.create.call(ctx)).toBe(true);
		expect(appUrl()).toBe(PRODUCTION_URL);
		expect(readRegistration(staticData)).toEqual({
			applicationId: APP_ID,
			url: PRODUCTION_URL,
			previousUrl: OLD_URL,
		});

		// The update carried the name Telnyx requires, and the Bearer key.
		const patches = mock.answered({ method: 'PATCH' });
		expect(patches).toHaveLength(1);
		expect(patches[0].path).toBe(`/call_control_applications/${APP_ID}`);
		expect(patches[0].body).toEqual({
			application_name: 'Support IVR',
			webhook_event_url: PRODUCTION_URL,
		});
		expect(patches[0].headers.authorization).toBe(`Bearer ${mock.apiKey}`);
		expect(mock.getApplication(APP_ID).application_name).toBe('Support IVR');

		expect(await hooks.checkExists.call(ctx)).toBe(true);

		expect(await hooks.delete.call(ctx)).toBe(true);
		expect(appUrl()).toBe(OLD_URL);
		expect(readRegistration(staticData)).toBeUndefined();
		const restore = mock.answered({ method: 'PATCH' })[1];
		expect(restore.body).toEqual({ application_name: 'Support IVR', webhook_event_url: OLD_URL });

		expect(await hooks.checkExists.call(ctx)).toBe(false);
	});

	it('keeps the original URL across a second activation that was never undone', async () => {
		const { ctx, staticData } = hookContext({ url: TEST_URL });
		await hooks.create.call(ctx);
		expect(appUrl()).toBe(TEST_URL);

		// Same static data, now the production URL (for example after a crash, no delete ran).
		const second = hookContext({ staticData });
		expect(await hooks.checkExists.call(second.ctx)).toBe(false);
		await hooks.create.call(second.ctx);
		expect(appUrl()).toBe(PRODUCTION_URL);
		expect(readRegistration(staticData)?.previousUrl).toBe(OLD_URL);

		await hooks.delete.call(second.ctx);
		expect(appUrl()).toBe(OLD_URL);
	});

	it('leaves the application alone on deactivation when someone changed it meanwhile', async () => {
		const { ctx, staticData, logs } = hookContext();
		await hooks.create.call(ctx);
		mock.getApplication(APP_ID).webhook_event_url = 'https://someone-else.example.com/hook';

		expect(await hooks.delete.call(ctx)).toBe(true);
		expect(appUrl()).toBe('https://someone-else.example.com/hook');
		expect(mock.answered({ method: 'PATCH' })).toHaveLength(1);
		expect(readRegistration(staticData)).toBeUndefined();
		expect(logs.some((l) => l.level === 'warn' && l.message.includes('changed'))).toBe(true);
	});

	it('logs, and does not fail, when the application was deleted before deactivation', async () => {
		const { ctx, staticData, logs } = hookContext();
		await hooks.create.call(ctx);
		mock.reset();

		expect(await hooks.delete.call(ctx)).toBe(true);
		expect(readRegistration(staticData)).toBeUndefined();
		expect(logs.some((l) => l.level === 'warn' && l.message.includes('no longer exists'))).toBe(
			true,
		);
	});

	it('raises API errors from activation instead of swallowing them', async () => {
		const missing = hookContext({ parameters: { applicationId: '404404' } });
		await expect(hooks.checkExists.call(missing.ctx)).rejects.toBeInstanceOf(NodeApiError);
		await expect(hooks.create.call(missing.ctx)).rejects.toBeInstanceOf(NodeApiError);

		mock.route('PATCH', /^\/call_control_applications\//, () => ({
			status: 422,
			body: {
				errors: [
					{
						code: '10015',
						title: 'Invalid value',
						detail: 'webhook_event_url must be https',
						source: { pointer: '/webhook_event_url' },
					},
				],
			},
		}));
		const refused = hookContext();
		const error = await hooks.create.call(refused.ctx).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('422');
		expect(readRegistration(refused.staticData)).toBeUndefined();
		expect(appUrl()).toBe(OLD_URL);
	});

	it('raises an error when the API key is wrong', async () => {
		const { ctx } = hookContext({
			credentials: { apiKey: 'wrong', publicKey: key.publicKey, baseUrl: mock.baseUrl },
		});
		const error = await hooks.checkExists.call(ctx).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
	});

	it('raises errors from deactivation other than a missing application', async () => {
		const { ctx } = hookContext();
		await hooks.create.call(ctx);
		mock.route('GET', `/call_control_applications/${APP_ID}`, () => ({
			status: 403,
			body: { errors: [{ code: '10010', title: 'Forbidden' }] },
		}));
		await expect(hooks.delete.call(ctx)).rejects.toBeInstanceOf(NodeApiError);
	});

	it('does nothing remote when no application is selected', async () => {
		const { ctx, staticData } = hookContext({ parameters: { applicationId: '' } });
		expect(await hooks.checkExists.call(ctx)).toBe(true);
		expect(await hooks.create.call(ctx)).toBe(true);
		expect(await hooks.delete.call(ctx)).toBe(true);
		expect(mock.requests).toHaveLength(0);
		expect(staticData).toEqual({});
		expect(appUrl()).toBe(OLD_URL);
	});

	it('drops the seen event IDs earlier versions kept in static data, with or without an application', async () => {
		for (const applicationId of ['', APP_ID]) {
			const staticData: IDataObject = {
				[LEGACY_SEEN_EVENTS_KEY]: { ids: ['evt-1'], seenAt: [1] },
			};
			const { ctx } = hookContext({ parameters: { applicationId }, staticData });
			expect(await hooks.create.call(ctx)).toBe(true);
			expect(staticData).not.toHaveProperty(LEGACY_SEEN_EVENTS_KEY);
		}
	});
});

describe('activation refuses a missing or broken public key', () => {
	const broken: Array<[string, IDataObject]> = [
		['no key', { apiKey: 'test-key' }],
		['empty key', { apiKey: 'test-key', publicKey: '' }],
		['not base64', { apiKey: 'test-key', publicKey: 'paste-your-key-here' }],
		['wrong length', { apiKey: 'test-key', publicKey: Buffer.alloc(31, 1).toString('base64') }],
	];

	it.each(broken)(
		'%s: checkExists and create throw a clear NodeOperationError',
		async (_, credentials) => {
			for (const applicationId of [APP_ID, '']) {
				const { ctx } = hookContext({
					parameters: { applicationId },
					credentials: { ...credentials, baseUrl: mock.baseUrl },
				});
				const error = await hooks.checkExists.call(ctx).catch((e: unknown) => e);
				expect(error).toBeInstanceOf(NodeOperationError);
				expect((error as Error).message).toMatch(/public key/i);
				await expect(hooks.create.call(ctx)).rejects.toBeInstanceOf(NodeOperationError);
			}
			expect(mock.requests).toHaveLength(0);
			expect(appUrl()).toBe(OLD_URL);
		},
	);

	it('activates without a key when verification is explicitly off', async () => {
		const { ctx } = hookContext({
			parameters: { verifySignature: false },
			credentials: { apiKey: mock.apiKey, baseUrl: mock.baseUrl },
		});
		expect(await hooks.checkExists.call(ctx)).toBe(false);
		expect(await hooks.create.call(ctx)).toBe(true);
		expect(appUrl()).toBe(PRODUCTION_URL);
	});
});

describe('application list', () => {
	it('offers None first, then the applications by name', async () => {
		mock.addApplication({ id: '2', application_name: 'Outbound Dialer', webhook_event_url: '' });
		mock.addApplication({ id: '3', application_name: 'After Hours', webhook_event_url: OLD_URL });
		const { ctx } = hookContext();
		const options = await trigger.methods.loadOptions.getApplications.call(ctx);
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['None (Set the URL in the Portal)', ''],
			['After Hours', '3'],
			['Outbound Dialer', '2'],
			['Support IVR', APP_ID],
		]);
		expect(options[3].description).toContain(OLD_URL);
		const list = mock.answered({ method: 'GET', path: '/call_control_applications' });
		expect(list[0].query['page[size]']).toBe('250');
	});

	it('offers None alone, without asking Telnyx, while no credential is selected', async () => {
		const { ctx } = hookContext({ noCredential: true });
		const options = await trigger.methods.loadOptions.getApplications.call(ctx);
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['None (Set the URL in the Portal)', ''],
		]);
		expect(mock.requests).toHaveLength(0);
	});

	it('raises the API error when the list cannot be loaded', async () => {
		const { ctx } = hookContext({
			credentials: { apiKey: 'wrong', publicKey: key.publicKey, baseUrl: mock.baseUrl },
		});
		await expect(trigger.methods.loadOptions.getApplications.call(ctx)).rejects.toBeInstanceOf(
			NodeApiError,
		);
	});
});
