import type { Locator, NameValueField, StringField } from '../catalogue/types';

/** Portal links carry a Call Control application's numeric ID as a path segment. */
const portalLink = {
	regex: '^https?://portal\\.telnyx\\.com/.*/(\\d{6,})(?:[/?#].*)?$',
	placeholder: 'e.g. https://portal.telnyx.com/#/call-control/applications/1293384261075731499',
};

/** Pick a Call Control application from the account. */
export const applicationLocator: Locator = { search: 'searchApplications', by: 'ID', url: portalLink };
/** Pick any connection from the account. */
export const connectionLocator: Locator = { search: 'searchConnections', by: 'ID' };
export const queueLocator: Locator = { search: 'searchQueues', by: 'Name' };
export const conferenceLocator: Locator = { search: 'searchConferences', by: 'ID' };
export const recordingLocator: Locator = { search: 'searchRecordings', by: 'ID' };
export const mediaLocator: Locator = { search: 'searchMedia', by: 'Name' };

/**
 * Fields that many operations share. Their behaviour (base64 client state, generated command
 * IDs) hangs on the key in the executor, so a catalogue entry only has to list them.
 */

/** The call or conference an operation acts on defaults to the one in the incoming item. */
const FROM_ITEM = 'By default, read from the incoming item';

export const callControlId: StringField = {
	type: 'string',
	key: 'call_control_id',
	displayName: 'Call Control ID',
	description: FROM_ITEM,
	required: true,
	default: '={{ $json.payload?.call_control_id ?? $json.call_control_id }}',
};

export const conferenceId: StringField = {
	type: 'string',
	key: 'id',
	param: 'conferenceId',
	displayName: 'Conference ID',
	description: FROM_ITEM,
	required: true,
	default: '={{ $json.payload?.conference_id ?? $json.id }}',
	locator: conferenceLocator,
};

export const clientState: StringField = {
	type: 'string',
	key: 'client_state',
	displayName: 'Client State',
	description: 'Text or JSON echoed in later webhooks, sent as Base64',
	placeholder: 'e.g. {"step":"menu"}',
};

export const commandId: StringField = {
	type: 'string',
	key: 'command_id',
	displayName: 'Command ID',
	description: 'Telnyx ignores repeats. Left empty, a stable one is made per item.',
};

export const customHeaders: NameValueField = {
	type: 'nameValue',
	key: 'custom_headers',
	displayName: 'Custom Headers',
	description: 'Added to the INVITE or BYE',
};

export const sipHeaders: NameValueField = {
	type: 'nameValue',
	key: 'sip_headers',
	displayName: 'SIP Headers',
	description: 'Such as User-to-User',
};
