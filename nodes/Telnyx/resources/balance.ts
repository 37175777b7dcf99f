import type { ResourceSpec } from '../catalogue/types';

export const balance: ResourceSpec = {
	value: 'balance',
	name: 'Balance',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get the account balance',
			description: 'Get the balance and credit of your account',
			method: 'GET',
			path: '/balance',
			fields: [],
		},
	],
};
