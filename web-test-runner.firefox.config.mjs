// The suite in Firefox, driven over WebDriver BiDi by puppeteer. Coverage comes
// from the Chromium run (web-test-runner.config.mjs), which this config extends.
import {puppeteerLauncher} from '@web/test-runner-puppeteer';
import chromium from './web-test-runner.config.mjs';
import {findFirefox} from './scripts/engines.mjs';

export default {
  ...chromium,
  coverage: false,
  browsers: [puppeteerLauncher({launchOptions: {browser: 'firefox', executablePath: findFirefox(), headless: true}})],
};
