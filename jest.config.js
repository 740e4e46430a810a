/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// Type errors are caught by `npm run typecheck`; here we only transpile.
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true }],
	},
	testTimeout: 60000,
};
