import type { ResourceSpec } from '../catalogue/types';
import { eventFilter } from './shared';

/** The log only goes back a day unless a leg or session is named. */
const LAST_DAY = 'Without a leg or session ID, only the last 24 hours are searched';

export const callEvent: ResourceSpec = {
	value: 'callEvent',
	name: 'Call Event',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many call events',
			description: 'Search the log of webhooks and commands for your calls',
			method: 'GET',
			path: '/call_events',
			paginated: { maxPageSize: 250 },
			fields: [
				eventFilter.applicationName,
				{ ...eventFilter.applicationSessionId, description: LAST_DAY },
				eventFilter.connectionId,
				eventFilter.failed,
				eventFilter.from,
				{ ...eventFilter.legId, description: LAST_DAY },
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
