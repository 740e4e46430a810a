/** Sandbox: served over HTTPS (the benchmark's `--network wan`), with a certificate made at run time. */
import { startSandbox } from '../../sandbox';
import { getOverTls, makeCertificate, removeCertificate } from '../../scripts/bench/tls-cert';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('sandbox: HTTPS', () => {
	let sb: Sandbox;
	let certificate: ReturnType<typeof makeCertificate>;

	beforeAll(async () => {
		certificate = makeCertificate();
		sb = await startSandbox({ port: 0 }, { tls: { cert: certificate.cert, key: certificate.key } });
	});
	afterAll(async () => {
		await sb?.close();
		removeCertificate(certificate);
	});

	it('answers the API over TLS at an https:// base URL, and counts the request', async () => {
		expect(sb.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/resources\/v2$/);
		const answer = await getOverTls(`${sb.baseUrl}/customerprofile?customerId=nobody`, {
			ca: certificate.cert,
			headers: { key: 'sandbox-profile-key' },
		});
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body).response.code).toBe('7014');
		expect(sb.requests).toBe(1);
	});

	it('is refused by a client that does not trust the certificate', async () => {
		await expect(getOverTls(`${sb.baseUrl}/customerprofile?customerId=x`)).rejects.toThrow(
			/self[- ]signed|unable to verify|certificate/i,
		);
	});
});
