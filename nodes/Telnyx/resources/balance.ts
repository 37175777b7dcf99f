import type { ResourceSpec } from '../catalogue/types';

export const balance: ResourceSpec = {
	value: 'balance',
	name: 'Balance',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get the account balance',
			description: 'Get the balance, available credit and credit limit of your Telnyx account',
			method: 'GET',
			path: '/balance',
			fields: [],
		},
	],
};
