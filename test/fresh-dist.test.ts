/** The engine refuses a dist/ older than the source, so `npx jest <file>` never tests an old build. */
import { assertFreshDist, sourceTimes, staleDistMessage } from '../scripts/lib/fresh-dist';

const file = (source: string, sourceMtimeMs: number, builtMtimeMs: number | undefined) => ({ source, sourceMtimeMs, builtMtimeMs });

describe('a stale dist/ is refused', () => {
	it('names the first source file newer than its build', () => {
		const files = [file('nodes/Imiconnect/a.ts', 100, 200), file('nodes/Imiconnect/pipeline/b.ts', 300, 200), file('credentials/c.ts', 400, 200)];
		expect(staleDistMessage(files, true)).toBe('dist/ is older than nodes/Imiconnect/pipeline/b.ts: run npm run build');
	});

	it('counts a source file with no build as newer', () => {
		expect(staleDistMessage([file('nodes/Imiconnect/new.ts', 100, undefined)], true)).toBe(
			'dist/ is older than nodes/Imiconnect/new.ts: run npm run build',
		);
	});

	it('says so when there is no dist/ at all', () => {
		expect(staleDistMessage([file('nodes/Imiconnect/a.ts', 100, undefined)], false)).toBe('dist/ is missing: run npm run build');
	});

	it('accepts a build newer than every source', () => {
		expect(staleDistMessage([file('nodes/Imiconnect/a.ts', 100, 200), file('credentials/c.ts', 100, 100)], true)).toBeUndefined();
	});

	it('reads the node and credential sources of this repository, and the build npm run build left is fresh', () => {
		const sources = sourceTimes().map(({ source }) => source);
		expect(sources).toContain('nodes/Imiconnect/Imiconnect.node.ts');
		expect(sources).toContain('credentials/ImiconnectApi.credentials.ts');
		expect(sources.filter((source) => !/^(nodes|credentials)\/.+\.ts$/.test(source) || source.endsWith('.d.ts'))).toEqual([]);
		expect(() => assertFreshDist()).not.toThrow();
	});
});
