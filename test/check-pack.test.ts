import { linkProblems, problemsOf, SIZE_BUDGET, UNPACKED_BUDGET } from '../scripts/check-pack';

const pkg = {
	main: 'index.js',
	n8n: { nodes: ['dist/nodes/Imiconnect/Imiconnect.node.js'], credentials: ['dist/credentials/ImiconnectApi.credentials.js'] },
};
const good = ['package.json', 'README.md', 'LICENSE', 'index.js', ...pkg.n8n.nodes, ...pkg.n8n.credentials, 'dist/nodes/Imiconnect/imiconnect.svg'].map((path) => ({ path, size: 100 }));
const small = { size: 1000, unpackedSize: 5000 };

describe('check-pack: what the published tarball may hold', () => {
	it('accepts the package files, compiled nodes and credentials', () => {
		expect(problemsOf(good, pkg, small)).toEqual([]);
	});

	it('rejects the sandbox, tests, scripts, sources and source maps', () => {
		const extra = ['sandbox/server.js', 'test/support.ts', 'scripts/dev.js', 'nodes/Imiconnect/Imiconnect.node.ts', 'dist/nodes/Imiconnect/Imiconnect.node.js.map'];
		const problems = problemsOf([...good, ...extra.map((path) => ({ path, size: 1 }))], pkg, small);
		expect(problems.map((p) => p.split(':')[0])).toEqual(extra);
	});

	it('names a node, credential or main file that is missing', () => {
		const problems = problemsOf(good.filter((f) => !f.path.startsWith('dist/credentials') && f.path !== 'index.js'), pkg, small);
		expect(problems).toEqual(['index.js: missing', 'dist/credentials/ImiconnectApi.credentials.js: missing']);
	});

	it('fails a tarball over its size budgets', () => {
		const problems = problemsOf(good, pkg, { size: SIZE_BUDGET + 1, unpackedSize: UNPACKED_BUDGET + 1 });
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(/^packed size .* over the budget/);
		expect(problems[1]).toMatch(/^unpacked size .* over the budget/);
	});

	it('names a shipped GitHub link that does not point at package.json\'s repository', () => {
		const files = [
			{ path: 'dist/a.js', text: "documentationUrl = 'https://github.com/Acme/n8n-nodes-x#credentials';" },
			{ path: 'dist/b.json', text: '{ "url": "https://github.com/someone-else/n8n-nodes-x#readme" }' },
		];
		expect(linkProblems(files, 'git+https://github.com/acme/n8n-nodes-x.git')).toEqual([
			"dist/b.json: links to https://github.com/someone-else/n8n-nodes-x#readme, not to package.json's repository (acme/n8n-nodes-x)",
		]);
		expect(linkProblems(files.slice(0, 1), 'git+https://github.com/acme/n8n-nodes-x.git')).toEqual([]);
	});
});
