/** Every operation the node registers has a fixture here, and every fixture is of a registered operation. */
import { registeredOperations } from '../../scripts/lib/engine';
import { FIXTURES } from './index';

const registered = registeredOperations().map(({ resource, value }) => `${resource}.${value}`);

describe('operation fixtures', () => {
	it.each(registered)('%s has a fixture', (key) => {
		if (!FIXTURES[key]) throw new Error(`no fixture for ${key}: add one in test/operations/ (profile.ts or appProfile.ts, by resource)`);
	});

	it('has no fixture of an operation the node does not register', () => {
		const unknown = Object.keys(FIXTURES).filter((key) => !registered.includes(key));
		if (unknown.length) {
			throw new Error(`fixture of no registered operation: ${unknown.join(', ')} (remove it, or register the operation)`);
		}
	});

	it('finds the registered operations, each once', () => {
		expect(registered.length).toBeGreaterThan(0);
		expect(new Set(registered).size).toBe(registered.length);
	});

	it.each(Object.entries(FIXTURES))('%s gives at least one item the API refuses', (_key, fixture) => {
		expect(Object.keys(fixture.refused).length).toBeGreaterThan(0);
	});
});
