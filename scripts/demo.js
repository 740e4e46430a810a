// @ts-check
/**
 * `npm run demo`: starts the local IMIconnect sandbox, writes a few customer
 * profiles and an app profile through the IMIconnect node inside n8n's engine,
 * reads them back (with their app profiles), prints the result, and stops the
 * sandbox. Nothing leaves 127.0.0.1.
 */
const { startSandbox } = require('../sandbox');
const { runNode, sandboxCredentials } = require('./lib/engine');

const APP_ID = 'a_636035705699961900';

const customers = [
	{ customerId: 'demo-1001', name: 'Ada Lovelace', email: 'ada@example.com', msisdn: '447700900001', sms: true },
	{ customerId: 'demo-1002', name: 'Grace Hopper', email: 'grace@example.com', msisdn: '12025550102', sms: false },
	{ customerId: 'demo-1003', name: 'Alan Turing', email: 'alan@example.com', msisdn: '447700900003', sms: true },
];

/** @param {string} title @param {import('./lib/engine').RunResult} result */
function show(title, result) {
	console.log(`\n== ${title}`);
	if (result.error) {
		console.log(`node failed: ${result.error.message}`);
		process.exitCode = 1;
		return;
	}
	for (const item of result.items) console.log(JSON.stringify(item.json));
}

async function main() {
	const sandbox = await startSandbox({ port: 0 });
	console.log(`IMIconnect sandbox on ${sandbox.baseUrl}`);
	const credentials = sandboxCredentials(sandbox.baseUrl, sandbox.key);
	try {
		show(
			'Profile → Create or Update (3 items, one request)',
			await runNode({
				credentials,
				items: customers,
				parameters: { resource: 'profile', operation: 'upsert', attributesMode: 'autoMap' },
			}),
		);
		show(
			'App Profile → Create (In-App channel, one device)',
			await runNode({
				credentials,
				items: [{ customerId: 'demo-1001', userId: 'ada', deviceId: 'phone-1', os: 'Android', status: 1 }],
				parameters: { resource: 'appProfile', operation: 'create', appId: APP_ID, attributesMode: 'autoMap' },
			}),
		);
		show(
			'Profile → Get with app profiles (3 items, one request)',
			await runNode({
				credentials,
				items: customers.map(({ customerId }) => ({ customerId })),
				parameters: { resource: 'profile', operation: 'get', showInwardLinks: 1 },
			}),
		);
		const requests = sandbox.log.entries.map((entry) => `${entry.method} ${entry.rawPath}`);
		console.log(`\n${requests.length} requests reached the sandbox:\n  ${requests.join('\n  ')}`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
