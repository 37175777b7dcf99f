import type { ResourceSpec } from '../catalogue/types';
import { eventFilter } from './shared';

export const callEvent: ResourceSpec = {
	value: 'callEvent',
	name: 'Call Event',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many call events',
			description:
				'Search the log of webhooks and commands for your calls, in time order. Without a Leg ID or Application Session ID filter, only the last 24 hours are searched. Use at most one of the Occurred filters.',
			method: 'GET',
			path: '/call_events',
			paginated: { maxPageSize: 250 },
			fields: [
				eventFilter.applicationName,
				eventFilter.applicationSessionId,
				eventFilter.connectionId,
				eventFilter.failed,
				eventFilter.from,
				eventFilter.legId,
				{ ...eventFilter.name, placeholder: 'e.g. call.hangup' },
				eventFilter.occurredAt,
				eventFilter.occurredAfter,
				eventFilter.occurredFrom,
				eventFilter.occurredBefore,
				eventFilter.occurredTo,
				eventFilter.outboundVoiceProfileId,
				eventFilter.product,
				eventFilter.status,
				eventFilter.to,
				eventFilter.type,
			],
		},
	],
};
