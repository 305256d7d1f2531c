// The suite in WebKit: WebKitGTK's MiniBrowser, driven by its own WebDriver
// (WebKitWebDriver), on a virtual display when there is no real one. Coverage
// comes from the Chromium run (web-test-runner.config.mjs), which this extends.
import {spawn} from 'node:child_process';
import {createServer} from 'node:net';
import {WebdriverLauncher} from '@web/test-runner-webdriver';
import chromium from './web-test-runner.config.mjs';
import {ensureDisplay, findWebKit} from './scripts/engines.mjs';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function startDriver(driver, display) {
  const port = await freePort();
  const child = spawn(driver, [`--port=${port}`], {stdio: 'ignore', env: {...process.env, DISPLAY: display}});
  process.on('exit', () => child.kill());
  for (let tries = 0; tries < 100; tries++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return port;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${driver} did not start on port ${port}`);
}

/** Named "WebKit" in the runner's output (webdriverio names a browser by its browserName, which WebKitGTK leaves unset). */
class WebKitLauncher extends WebdriverLauncher {
  async initialize(config) {
    await super.initialize(config);
    this.name = 'WebKit';
  }
}

const {driver, browser} = findWebKit();
const port = await startDriver(driver, await ensureDisplay());

export default {
  ...chromium,
  coverage: false,
  browserStartTimeout: 60000,
  browsers: [
    new WebKitLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'error',
      capabilities: {
        // WebKitWebDriver speaks classic WebDriver only, not BiDi.
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {binary: browser, args: ['--automation']},
      },
    }),
  ],
};
