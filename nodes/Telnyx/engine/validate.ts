import type { TextFormat } from '../catalogue/types';

/** Input checks that run before any request, so a typo never reaches a live call. */

const E164 = /^\+[1-9]\d{1,14}$/;
const SIP_URI = /^sips?:[^\s@]+@[^\s@]+$/i;
const URL = /^(?:https?|wss?):\/\/[^\s/?#]+\S*$/i;
const DTMF = /^[0-9A-Da-d*#wW]+$/;

const RULES: Record<TextFormat, { test: (value: string) => boolean; expected: string }> = {
	phone: { test: (v) => E164.test(v), expected: 'an E.164 number such as +13125550100' },
	phoneOrSip: {
		test: (v) => E164.test(v) || SIP_URI.test(v),
		expected: 'an E.164 number such as +13125550100 or a SIP URI such as sip:alice@example.com',
	},
	url: {
		test: (v) => URL.test(v),
		expected: 'an absolute URL such as https://example.com/audio.mp3',
	},
	dtmf: { test: (v) => DTMF.test(v), expected: 'DTMF digits: 0-9, *, #, A-D, w or W' },
};

/** Returns why `value` does not match `format`, or undefined when it does. */
export function formatProblem(format: TextFormat, value: string): string | undefined {
	const rule = RULES[format];
	return rule.test(value) ? undefined : `must be ${rule.expected}`;
}
