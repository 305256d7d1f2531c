// Finds a Chrome or Chromium for the browser tests and benchmarks. A test
// tool's own browser download does not work everywhere (closed networks, no
// install scripts), so we use the one the system has: CHROME_PATH first, then
// the usual install paths, and on a fresh Debian machine as root we install
// Debian's chromium ourselves.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';

const usualPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function installDebianChromium() {
  console.log('No Chrome or Chromium found: installing Debian\'s "chromium" package (apt-get install chromium)...');
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
  execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env});
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {stdio: 'inherit', env});
}

/** The path of a Chrome or Chromium executable, installing one where we can. */
export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to "${fromEnv}", but no file is there.`);
  }
  const found = usualPaths.find((path) => existsSync(path));
  if (found) return found;
  if (process.platform === 'linux' && isRoot() && existsSync('/etc/debian_version')) {
    installDebianChromium();
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(
    'No Chrome or Chromium found. Install Google Chrome or Chromium ' +
      '(Debian/Ubuntu: "apt-get install chromium"), or set CHROME_PATH to its executable.'
  );
}

/** Flags for a headless run on a closed network; root needs --no-sandbox. */
export function chromeArgs() {
  return [
    '--headless=new',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // Test files run in parallel pages; a background page must not be throttled.
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    ...(isRoot() ? ['--no-sandbox'] : []),
  ];
}

// `node scripts/chrome.mjs` prints the browser's path, installing it where it can (CI uses this).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) console.log(findChrome());
