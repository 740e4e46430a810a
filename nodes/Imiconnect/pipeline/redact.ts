/** Where the profile key would show, this stands instead. */
export const REDACTED = '[profile key hidden]';

/**
 * A function that hides the profile key in any text or parsed JSON: an API or
 * proxy may quote the request's `key` header in an error description, and
 * nothing the node outputs may show it. Keys shorter than 4 characters are not
 * searched for (they would match ordinary words); no real key is that short.
 */
export function keyRedactor(key: string): <T>(value: T) => T {
	if (key.length < 4) return (value) => value;
	const hide = (value: unknown): unknown => {
		if (typeof value === 'string') return value.includes(key) ? value.split(key).join(REDACTED) : value;
		if (Array.isArray(value)) return value.map(hide);
		if (value !== null && typeof value === 'object') {
			const copy: Record<string, unknown> = {};
			for (const [name, inner] of Object.entries(value)) copy[hide(name) as string] = hide(inner);
			return copy;
		}
		return value;
	};
	return <T>(value: T) => hide(value) as T;
}
