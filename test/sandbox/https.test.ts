/** Sandbox: served over HTTPS (the benchmark's `--network wan`), with a certificate made at run time. */
import * as fs from 'node:fs';
import * as https from 'node:https';

import { startSandbox } from '../../sandbox';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeCertificate } = require('../../scripts/bench/tls-cert') as typeof import('../../scripts/bench/tls-cert');

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** GET over TLS, trusting only `ca` (verification stays on). */
function get(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		https
			.get(url, { ca, headers: { key: 'sandbox-profile-key' } }, (res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			})
			.on('error', reject);
	});
}

describe('sandbox: HTTPS', () => {
	let sb: Sandbox;
	let certificate: ReturnType<typeof makeCertificate>;
	let ca: Buffer;

	beforeAll(async () => {
		certificate = makeCertificate();
		ca = fs.readFileSync(certificate.certFile);
		sb = await startSandbox({ port: 0 }, { tls: { cert: ca, key: fs.readFileSync(certificate.keyFile) } });
	});
	afterAll(async () => {
		await sb?.close();
		fs.rmSync(certificate.dir, { recursive: true, force: true });
	});

	it('answers the API over TLS at an https:// base URL, and counts the request', async () => {
		expect(sb.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/resources\/v2$/);
		const answer = await get(`${sb.baseUrl}/customerprofile?customerId=nobody`, ca);
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body).response.code).toBe('7014');
		expect(sb.requests).toBe(1);
	});

	it('is refused by a client that does not trust the certificate', async () => {
		await expect(
			new Promise((resolve, reject) => https.get(`${sb.baseUrl}/customerprofile?customerId=x`, resolve).on('error', reject)),
		).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
	});
});
