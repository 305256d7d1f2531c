// Puppeteer (through @web/test-runner-puppeteer) drives Debian's Firefox ESR here;
// its own browser download cannot reach the network these machines have.
module.exports = {skipDownload: true};
