/**
 * The pack in n8n's editor, as a builder meets it: Debian's Chromium, driven by playwright-core,
 * against a real n8n 2.40 with the packed pack installed and the Telnyx mock behind it. The
 * tests run in order on one page, each building on the one before.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { TelnyxMock } from '../mock/telnyxMock';
import { N8nInstance, OWNER, eventually, host, packInfo } from '../e2e/harness';

jest.setTimeout(120_000);

const PACKAGE = 'n8n-nodes-telnyx-call-control';
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(__dirname, 'screenshots');
const API_KEY = `browser-key-${process.pid}`;
const FRONT_DESK = { id: '1494404757140276705', application_name: 'Front desk' };
const OUTBOUND = { id: '1494404757140276777', application_name: 'Outbound sales' };

const mockRef: { mock?: TelnyxMock } = {};
let n8n: N8nInstance;
let context: BrowserContext | undefined;
let page: Page;
let profileDir = '';
let failed = false;
/** Console errors, page errors and failed requests, from the moment the builder is signed in. */
const problems: string[] = [];
let signedIn = false;

function mock(): TelnyxMock {
	if (!mockRef.mock) throw new Error('mock not started');
	return mockRef.mock;
}

/** A test whose failure leaves a screenshot and the tail of the n8n log. */
function step(name: string, fn: () => Promise<void>) {
	test(name, async () => {
		try {
			await fn();
		} catch (error) {
			failed = true;
			const shot = path.join(SHOTS, `failed-${name.replace(/\W+/g, '-').slice(0, 60)}.png`);
			await page?.screenshot({ path: shot }).catch(() => undefined);
			if (error instanceof Error)
				error.message += `\n(screenshot: ${shot})${host.logTail(n8n?.logFile, 40)}`;
			throw error;
		}
	});
}

async function shot(name: string): Promise<void> {
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Why a label would not read well to a person, or undefined when it does. */
function unreadable(text: string): string | undefined {
	const label = text.trim();
	if (label === '') return 'empty';
	if (/\b[a-z]+[A-Z][A-Za-z]*\b/.test(label)) return 'a camelCase key';
	if (/\b[a-z0-9]+_[a-z0-9_]+\b/.test(label)) return 'a snake_case key';
	if (/^[a-z]/.test(label)) return 'starts in lower case';
	if (/\b(undefined|null|NaN)\b|\[object/.test(label)) return 'a missing value';
	return undefined;
}

function expectReadable(labels: string[], where: string): void {
	expect(labels.length).toBeGreaterThan(0);
	const bad = labels
		.map((label) => [label, unreadable(label)])
		.filter(([, why]) => why !== undefined)
		.map(([label, why]) => `"${label}" (${why})`);
	expect([where, bad]).toEqual([where, []]);
}

const ndv = () => page.getByTestId('ndv');

/** The labels of the parameters the open node shows. */
async function parameterLabels(): Promise<string[]> {
	const labels = ndv().getByTestId('node-parameters').locator('label.n8n-input-label');
	await labels.first().waitFor();
	// A hovered label also shows its Fixed / Expression switch: keep the first line, the name.
	return (await labels.allInnerTexts()).map((text) => text.trim().split('\n')[0].trim());
}

const dropdownEntries = () => page.locator('.el-select-dropdown__item:visible');

/** The names of the entries of the dropdown that is open now (without their descriptions). */
async function openDropdownEntries(): Promise<string[]> {
	await dropdownEntries().first().waitFor();
	return (await dropdownEntries().allInnerTexts()).map((text) => text.trim().split('\n')[0].trim());
}

/**
 * Opens a parameter's dropdown and returns its entries. A list that loads from Telnyx opens
 * only once it has loaded, so the click is repeated until it opens.
 */
async function openDropdown(parameter: string): Promise<string[]> {
	const input = ndv().getByTestId(`parameter-input-${parameter}`).locator('input').first();
	return await eventually(`the ${parameter} dropdown to open`, async () => {
		if (!(await dropdownEntries().first().isVisible())) await input.click();
		await dropdownEntries()
			.first()
			.waitFor({ timeout: 1_000 })
			.catch(() => undefined);
		return (await dropdownEntries().first().isVisible()) ? await openDropdownEntries() : undefined;
	});
}

async function closeDropdown(): Promise<void> {
	await page.keyboard.press('Escape');
	await dropdownEntries().first().waitFor({ state: 'hidden' });
}

async function pickFromDropdown(parameter: string, entry: string): Promise<void> {
	await openDropdown(parameter);
	await dropdownEntries()
		.filter({ has: page.getByText(entry, { exact: true }) })
		.first()
		.click();
	await dropdownEntries().first().waitFor({ state: 'hidden' });
}

/** Types into a text parameter, or leaves it alone when it is a list with a default instead. */
async function type(parameter: string, value: string): Promise<void> {
	const input = ndv()
		.getByTestId(`parameter-input-${parameter}`)
		.locator('textarea, [contenteditable="true"], input:not([readonly])')
		.first();
	await input.click();
	await input.fill(value);
}

/** The names the node picker lists now. */
async function pickerNames(): Promise<string[]> {
	return (await page.getByTestId('node-creator-item-name').allInnerTexts()).map((t) => t.trim());
}

async function searchPicker(query: string): Promise<void> {
	await page.getByTestId('node-creator-search-bar').fill(query);
}

async function pickTelnyx(): Promise<Locator> {
	const telnyx = page.getByTestId('node-creator-item-name').filter({ hasText: /^Telnyx$/ });
	await telnyx.click();
	return page.getByTestId('node-creator');
}

/** Adds the Telnyx action with this picker entry after the node whose + was clicked. */
async function addTelnyxAction(action: string): Promise<void> {
	await searchPicker('voice');
	const creator = await pickTelnyx();
	await creator.getByText(action, { exact: true }).click();
	await ndv().waitFor();
}

async function closeNdv(): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await ndv().waitFor({ state: 'hidden' });
}

beforeAll(async () => {
	fs.rmSync(SHOTS, { recursive: true, force: true });
	fs.mkdirSync(SHOTS, { recursive: true });
	try {
		mockRef.mock = await TelnyxMock.start();
		mock().apiKey = API_KEY;
		for (const app of [FRONT_DESK, OUTBOUND])
			mock().addApplication({ ...app, webhook_event_url: 'https://example.com/telnyx' });

		n8n = new N8nInstance();
		n8n.port = await host.freePort();
		let brokerPort = await host.freePort();
		while (brokerPort === n8n.port) brokerPort = await host.freePort();
		n8n.env = host.n8nEnv({ userFolder: n8n.userFolder, port: n8n.port, brokerPort });
		host.installPack(n8n.userFolder, packInfo().tarball);
		await n8n.start([]);
		n8n.assertPackLoaded();
		await n8n.login();

		selectors.setTestIdAttribute('data-test-id');
		profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-browser-profile-'));
		context = await chromium.launchPersistentContext(profileDir, {
			executablePath: CHROMIUM,
			headless: true,
			viewport: { width: 1440, height: 900 },
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(20_000);
		page.on('console', (message) => {
			if (signedIn && message.type() === 'error')
				problems.push(`console: ${message.text()} (${message.location().url})`);
		});
		page.on('pageerror', (error) => {
			if (signedIn) problems.push(`page error: ${error.message}`);
		});
		page.on('response', (response) => {
			if (signedIn && response.status() >= 400)
				problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
		});
		// There is no internet here. The editor looks up community packages on npm (author,
		// downloads); answer as the registry would for an unpublished package's first version.
		await context.route('https://registry.npmjs.org/**', (route) =>
			route.fulfill({
				json: {
					name: PACKAGE,
					'dist-tags': { latest: packInfo().version },
					maintainers: [{ name: PACKAGE }],
				},
			}),
		);
		await context.route('https://api.npmjs.org/**', (route) =>
			route.fulfill({ json: { downloads: [] } }),
		);

		await page.goto(`${n8n.baseUrl}/signin`);
		await page.locator('input[name=emailOrLdapLoginId]').fill(OWNER.email);
		await page.locator('input[name=password]').fill(OWNER.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		signedIn = true;
	} catch (error) {
		failed = true;
		if (error instanceof Error) error.message += host.logTail(n8n?.logFile, 60);
		throw error;
	}
}, 300_000);

afterAll(async () => {
	await context?.close();
	if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
	await n8n?.stop();
	await mockRef.mock?.stop();
	n8n?.cleanup(failed || process.env.E2E_KEEP === '1');
});

step('n8n serves the codex, so the node picker finds Telnyx by what it does', async () => {
	const types = await n8n.rest('GET', '/types/nodes.json');
	const telnyx = (types.data as any[]).find((type) => type.name === `${PACKAGE}.telnyx`);
	expect(telnyx.codex.alias).toEqual(expect.arrayContaining(['Voice', 'Phone Call', 'IVR', 'SIP']));

	await page.goto(`${n8n.baseUrl}/workflow/new`);
	await page.getByTestId('canvas-add-button').click();
	for (const query of ['voice', 'phone call', 'IVR', 'SIP']) {
		await searchPicker(query);
		await eventually(`"${query}" to list Telnyx`, async () =>
			(await pickerNames()).includes('Telnyx') ? true : undefined,
		);
	}
	await searchPicker('voice');
	await page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: /^Telnyx$/ })
		.waitFor();
	await shot('picker-voice');
});

step('the trigger lists every event in the picker by a name that reads well', async () => {
	const creator = await pickTelnyx();
	await creator.getByText('On call answered', { exact: true }).waitFor();
	// The picker renders a long list as it is scrolled.
	const names = creator.getByTestId('node-creator-item-name');
	const events = await eventually('the 58 trigger entries', async () => {
		await names.last().scrollIntoViewIfNeeded();
		const listed = (await names.allInnerTexts())
			.map((text) => text.trim())
			.filter((text) => text.startsWith('On '));
		return listed.length >= 58 ? listed : undefined;
	});
	expect(events).toHaveLength(58);
	expect(events).toEqual(
		expect.arrayContaining([
			'On any event',
			'On DTMF received',
			'On gather ended (AI)',
			'On SIPREC started',
			'On machine detection ended (premium)',
		]),
	);
	expectReadable(events, 'trigger events in the picker');
	await shot('picker-trigger-events');
	await page.keyboard.press('Escape');
	await page.getByTestId('node-creator').waitFor({ state: 'hidden' });
});

step('adds Telnyx after a Manual Trigger and creates the credential; its test passes', async () => {
	await page.getByTestId('canvas-add-button').click();
	await searchPicker('manual');
	await page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: /^Manual Trigger$/ })
		.click();
	await page.getByTestId('canvas-handle-plus').first().click();
	await addTelnyxAction('Dial a number or SIP URI');

	await ndv().getByTestId('node-credentials-empty-state').click();
	const modal = page.getByTestId('editCredential-modal');
	await modal.waitFor();
	expectReadable(
		(await modal.locator('label.n8n-input-label').allInnerTexts()).map((t) => t.trim()),
		'credential fields',
	);
	await modal.getByTestId('parameter-input-apiKey').locator('input').fill(API_KEY);
	await modal.getByTestId('parameter-input-baseUrl').locator('input').fill(mock().baseUrl);
	const tested = page.waitForResponse((response) =>
		response.url().includes('/rest/credentials/test'),
	);
	await modal.getByTestId('credential-save-button').click();
	expect((await (await tested).json()).data).toEqual(expect.objectContaining({ status: 'OK' }));
	await modal.waitFor({ state: 'hidden' });
	await ndv().getByTestId('node-credentials-select').waitFor();
	const balance = mock().answered({ method: 'GET', path: '/balance' });
	expect(balance.length).toBeGreaterThanOrEqual(1);
	expect(balance[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
});

step(
	'Dial: every label reads well, and the connection comes from the list the mock serves',
	async () => {
		expectReadable(await parameterLabels(), 'Dial fields');
		expectReadable(await openDropdown('operation'), 'Call operations');
		await closeDropdown();

		const locator = ndv().getByTestId('resource-locator-connectionId');
		await locator.getByTestId('rlc-input').click();
		const items = page.getByTestId('rlc-item');
		await items.first().waitFor();
		expect((await items.allInnerTexts()).map((t) => t.trim()).sort()).toEqual([
			'Front desk',
			'Outbound sales',
		]);
		await shot('dial-connections');
		await items.filter({ hasText: 'Outbound sales' }).click();
		await type('from', '+13125550100');
		await type('to', '+13125550123');

		await ndv().getByTestId('collection-parameter-add').first().click();
		expectReadable(await openDropdownEntries(), 'Dial additional fields');
		await closeDropdown();
		await shot('dial');
	},
);

step('Speak after Dial shows the fields Dial will output, before any run', async () => {
	await closeNdv();
	await page.getByTestId('canvas-handle-plus').last().click();
	await addTelnyxAction('Speak text on a call');
	const input = ndv().getByTestId('ndv-input-panel');
	await input.getByText('Preview').waitFor();
	for (const field of ['call_control_id', 'call_leg_id', 'call_session_id'])
		await input.getByText(field, { exact: true }).waitFor();
	expectReadable(await parameterLabels(), 'Speak fields');
	await shot('schema-preview');
});

step('Gather Using Speak and Media Upload read well; Upload takes a binary field', async () => {
	await pickFromDropdown('operation', 'Gather Using Speak');
	await ndv().getByTestId('parameter-input-payload').waitFor();
	expectReadable(await parameterLabels(), 'Gather Using Speak fields');

	await pickFromDropdown('resource', 'Media');
	await pickFromDropdown('operation', 'Upload');
	await ndv().getByTestId('parameter-input-fileSource').waitFor();
	await ndv().getByTestId('parameter-input-mediaUrl').waitFor();
	await pickFromDropdown('fileSource', 'Binary Field');
	await ndv().getByTestId('parameter-input-inputDataFieldName').waitFor();
	await ndv().getByTestId('parameter-input-mediaUrl').waitFor({ state: 'hidden' });
	const labels = await parameterLabels();
	expect(labels).toEqual(expect.arrayContaining(['File Source', 'Input Data Field Name']));
	expectReadable(labels, 'Media Upload fields');
	await shot('media-upload');

	// Back to Speak for the run.
	await pickFromDropdown('resource', 'Call');
	await pickFromDropdown('operation', 'Speak');
	await type('payload', 'Hello from the browser test');
	const voice = ndv().getByTestId('parameter-input-voice');
	if (await voice.locator('input:not([readonly]), textarea').count()) await type('voice', 'female');
});

step('runs Manual Trigger → Dial → Speak and reads the output of Dial', async () => {
	await closeNdv();
	await page.getByTestId('execute-workflow-button').click();
	await mock().waitFor(
		(requests) => requests.some((r) => r.method === 'POST' && /\/actions\/speak$/.test(r.path)),
		30_000,
	);
	const [dial] = mock().answered({ method: 'POST', path: '/calls' });
	expect(dial.body).toEqual(
		expect.objectContaining({
			connection_id: OUTBOUND.id,
			from: '+13125550100',
			to: '+13125550123',
		}),
	);
	const speak = mock().answered({ method: 'POST', path: /\/actions\/speak$/ })[0];
	const callControlId = decodeURIComponent(speak.path.split('/')[2]);
	expect(speak.body).toEqual(expect.objectContaining({ payload: 'Hello from the browser test' }));

	await page.getByTestId('canvas-node').filter({ hasText: 'Dial' }).dblclick();
	const output = ndv().getByTestId('output-panel');
	await output.getByText(callControlId).waitFor();
	await shot('dial-output');
	await closeNdv();
});

step('opens the Telnyx Trigger: readable fields, applications listed from the mock', async () => {
	await page.getByTestId('node-creator-plus-button').click();
	await searchPicker('voice');
	const creator = await pickTelnyx();
	await creator.getByText(/^Triggers \(\d+\)$/).click();
	await creator.getByText('On DTMF received', { exact: true }).click();
	await ndv().waitFor();
	await ndv().getByText('DTMF Received').waitFor();
	expectReadable(await parameterLabels(), 'Telnyx Trigger fields');

	const applications = await openDropdown('applicationId');
	expect(applications).toEqual(
		expect.arrayContaining(['None (Set the URL in the Portal)', 'Front desk', 'Outbound sales']),
	);
	await closeDropdown();
	const events = await openDropdown('events');
	expect(events).toEqual(
		expect.arrayContaining(['All Events', 'DTMF Received', 'Gather Ended (AI)']),
	);
	expectReadable(events, 'Events list');
	await closeDropdown();
	await shot('trigger');
});

step('the pack caused no console error and no failed request', async () => {
	expect(problems).toEqual([]);
});
