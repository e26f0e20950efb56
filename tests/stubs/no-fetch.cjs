// Stands in for node-fetch and sync-fetch, which citation-js requires but the pipeline never
// lets it call (input types are forced): any call fails the test. Jest cannot require the
// ESM-only node-fetch from citation-js's CommonJS build.
function noFetch() {
  throw new Error('Network access attempted by citation-js');
}
module.exports = noFetch;
module.exports.default = noFetch;
module.exports.Headers = class Headers {};
