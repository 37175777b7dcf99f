import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CAPACITY, DEFAULT_TTL_MINUTES } from './dedupe';
import { ALL_EVENTS, EVENT_OPTIONS } from './events';
import { NO_APPLICATION } from './registration';
import { DEFAULT_TOLERANCE_SECONDS } from './verify';

/** The parameters of the Telnyx Trigger, in the order the editor shows them. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Call Control Application Name or ID',
		name: 'applicationId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getApplications' },
		default: NO_APPLICATION,
		description:
			'The application whose webhook URL is pointed at this workflow while it is active, and restored afterwards. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName:
			'No application is selected: copy the Production URL from Webhook URLs at the top of this panel into the Webhook URL field of your Call Control Application in the Telnyx portal',
		name: 'portalNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { applicationId: [NO_APPLICATION] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [ALL_EVENTS],
		required: true,
		description:
			'The events that start the workflow. Other events are acknowledged to Telnyx and dropped.',
	},
	{
		displayName: 'Verify Signature',
		name: 'verifySignature',
		type: 'boolean',
		default: true,
		description:
			'Whether to accept only requests signed by Telnyx, checked with the webhook public key of the credential',
	},
	{
		displayName:
			'Signature checks are off: anyone who learns this URL can start the workflow with invented call events. Use this only for local tests.',
		name: 'unverifiedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifySignature: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Duplicate Memory Size',
				name: 'duplicateCapacity',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_CAPACITY,
				description:
					'How many event IDs are remembered at most, in memory, for the duplicate check. When it is full, the oldest ID is forgotten first.',
			},
			{
				displayName: 'Duplicate Window (Minutes)',
				name: 'duplicateWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_TTL_MINUTES,
				description:
					'How long an event ID is remembered, so that a copy Telnyx sends again does not start a second execution. 0 turns the check off.',
			},
			{
				displayName: 'Include Headers',
				name: 'includeHeaders',
				type: 'boolean',
				default: false,
				description: 'Whether to add the request headers to the output as `headers`',
			},
			{
				displayName: 'Replay Window (Seconds)',
				name: 'replayWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TOLERANCE_SECONDS,
				description:
					'How far the signed timestamp may be from the current time, earlier or later, before a request is refused. Applies while Verify Signature is on.',
			},
		],
	},
];
