// @ts-check
'use strict';

/**
 * A throw-away self-signed certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1), made with the
 * `selfsigned` library, for tests of HTTPS handling: startSandbox({ tls: await selfSignedCertificate() }).
 */

const selfsigned = require('selfsigned');

/**
 * @param {{ keyType?: 'ec' | 'rsa', days?: number }} [opts] default: an EC P-256 key, valid 1 day
 * @returns {Promise<{ key: string, cert: string }>} PEM texts
 */
async function selfSignedCertificate(opts = {}) {
	const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
		keyType: opts.keyType ?? 'ec',
		keySize: 2048,
		algorithm: 'sha256',
		notAfterDate: new Date(Date.now() + (opts.days ?? 1) * 86_400_000),
		extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
	});
	return { key: pems.private, cert: pems.cert };
}

module.exports = { selfSignedCertificate };
