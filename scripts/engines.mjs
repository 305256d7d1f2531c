// Finds the other two engines the suite runs in: Firefox (driven over WebDriver
// BiDi by puppeteer) and WebKit (WebKitGTK's MiniBrowser, driven by its own
// WebDriver). As with Chromium (chrome.mjs), a tool's own browser download does
// not work everywhere, so we use the system's, and on a Debian machine as root we
// install Debian's packages ourselves: firefox-esr, webkit2gtk-driver, and xvfb
// (WebKitGTK draws to a display even when nobody looks at it).
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const canInstall = () => process.platform === 'linux' && isRoot() && existsSync('/etc/debian_version');

function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], {encoding: 'utf8'}).trim() || undefined;
  } catch {
    return undefined;
  }
}

let updated = false;
function aptInstall(...packages) {
  console.log(`Installing Debian's ${packages.join(', ')} (apt-get install)...`);
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
  if (!updated) execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env});
  updated = true;
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {stdio: 'inherit', env});
}

/** The path of a Firefox executable: FIREFOX_PATH, else firefox-esr or firefox on PATH. */
export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to "${fromEnv}", but no file is there.`);
  }
  const found = which('firefox-esr') ?? which('firefox');
  if (found) return found;
  if (canInstall()) {
    aptInstall('firefox-esr');
    if (existsSync('/usr/bin/firefox-esr')) return '/usr/bin/firefox-esr';
  }
  throw new Error('No Firefox found. Install it (Debian: "apt-get install firefox-esr"), or set FIREFOX_PATH.');
}

function findMiniBrowser() {
  const fromEnv = process.env.MINIBROWSER_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  for (const lib of ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']) {
    if (!existsSync(lib)) continue;
    for (const dir of readdirSync(lib).filter((name) => name.startsWith('webkit2gtk-')).sort().reverse()) {
      const path = `${lib}/${dir}/MiniBrowser`;
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/** WebKitGTK's WebDriver and the browser it drives (MINIBROWSER_PATH overrides the latter). */
export function findWebKit() {
  let driver = which('WebKitWebDriver');
  let browser = findMiniBrowser();
  if ((!driver || !browser) && canInstall()) {
    aptInstall('webkit2gtk-driver', 'libwebkit2gtk-4.1-0');
    driver = which('WebKitWebDriver');
    browser = findMiniBrowser();
  }
  if (driver && browser) return {driver, browser};
  throw new Error(
    'No WebKitGTK WebDriver found. Install it (Debian: "apt-get install webkit2gtk-driver"), ' +
      'or set MINIBROWSER_PATH to a WebKitGTK MiniBrowser.'
  );
}

/**
 * A display for WebKitGTK: the one in DISPLAY, else a virtual one (Xvfb) that
 * lives as long as this process. Returns the DISPLAY value to use.
 */
export async function ensureDisplay() {
  if (process.env.DISPLAY) return process.env.DISPLAY;
  if (!which('Xvfb') && canInstall()) aptInstall('xvfb');
  if (!which('Xvfb')) throw new Error('WebKitGTK needs a display: set DISPLAY, or install Xvfb ("apt-get install xvfb").');
  const display = `:${90 + (process.pid % 900)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {stdio: 'ignore'});
  process.on('exit', () => xvfb.kill());
  await new Promise((resolve) => setTimeout(resolve, 500));
  return display;
}

// `node scripts/engines.mjs` finds (or installs) both engines and prints them (CI uses this).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log(`firefox: ${findFirefox()}`);
  const webkit = findWebKit();
  console.log(`webkit: ${webkit.driver} driving ${webkit.browser}`);
}
