// @ts-check
'use strict';

/**
 * A throw-away self-signed certificate for 127.0.0.1, made with the `openssl` command (Node cannot
 * issue certificates itself), for tests of HTTPS handling: startSandbox({ tls: selfSignedCertificate() }).
 */

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** @returns {{ key: string, cert: string }} PEM texts */
function selfSignedCertificate() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imiconnect-tls-'));
	try {
		const keyFile = path.join(dir, 'key.pem');
		const certFile = path.join(dir, 'cert.pem');
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
				'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
			{ stdio: 'pipe' },
		);
		return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

module.exports = { selfSignedCertificate };
