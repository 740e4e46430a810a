// n8n loads the node and the credential from the paths in package.json's
// `n8n` block; this entry point exists for tools that expect a `main`.
module.exports = {};
