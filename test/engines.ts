import {sendKeys, sendMouse} from '@web/test-runner-commands';

/**
 * The browser engine a test runs in. The suite runs in Chromium (through the
 * DevTools protocol), Firefox (through WebDriver BiDi) and WebKit (WebKitGTK,
 * through classic WebDriver); each automation protocol can do different things.
 */
export type Engine = 'chromium' | 'firefox' | 'webkit';

export const engine: Engine = /Firefox\//.test(navigator.userAgent)
  ? 'firefox'
  : /Chrome\//.test(navigator.userAgent)
    ? 'chromium'
    : 'webkit';

/**
 * `it` for a test that the named engines skip, with the reason in its title, so
 * every gap shows in the runner's output instead of passing silently.
 */
export function itExcept(
  engines: readonly Engine[],
  reason: string
): (title: string, test: Mocha.Func) => void {
  return (title, test) => {
    if (engines.includes(engine)) it.skip(`${title} [skipped in ${engine}: ${reason}]`, test);
    else it(title, test);
  };
}

/** `it` where the engine has `feature`, else a skip that says it lacks it. */
export function itWhere(feature: boolean, lacking: string): (title: string, test: Mocha.Func) => void {
  return (title, test) => {
    if (feature) it(title, test);
    else it.skip(`${title} [skipped in ${engine}: ${lacking}]`, test);
  };
}

/** Emulated media features (prefers-color-scheme, prefers-reduced-motion) need the DevTools protocol. */
export const itWithMediaEmulation = itExcept(
  ['firefox', 'webkit'],
  'emulating prefers-color-scheme or prefers-reduced-motion needs the DevTools protocol, which only Chromium speaks'
);

/** Presses `key` with Shift held, in every engine (classic WebDriver has no separate key-down command). */
export async function pressWithShift(key: 'Enter'): Promise<void> {
  if (engine === 'webkit') {
    // WebDriver key codes: Shift is U+E008 and Enter U+E007; one action presses both, then releases both.
    await sendKeys({type: '\uE008\uE007'});
    return;
  }
  await sendKeys({down: 'Shift'});
  await sendKeys({press: key});
  await sendKeys({up: 'Shift'});
}

/**
 * Moves the pointer out of the viewport at (x, y), which lies outside it.
 * Chromium moves the real pointer there. WebDriver (Firefox and WebKit) refuses
 * a move outside the viewport, so there the pointer goes to the nearest point
 * inside, and the element under it gets the `mouseout` a browser sends when the
 * pointer leaves the window: no related target, at the outside coordinates.
 */
export async function movePointerOut(x: number, y: number): Promise<void> {
  if (engine === 'chromium') {
    await sendMouse({type: 'move', position: [x, y]});
    return;
  }
  const inside: [number, number] = [
    Math.min(Math.max(x, 0), window.innerWidth - 1),
    Math.min(Math.max(y, 0), window.innerHeight - 1),
  ];
  await sendMouse({type: 'move', position: inside});
  // The pointer leaves the innermost document under it (a frame's, where there is one).
  let [innerX, innerY, outX, outY] = [...inside, x, y];
  let under = document.elementFromPoint(innerX, innerY) ?? document.documentElement;
  while (under instanceof HTMLIFrameElement && under.contentDocument) {
    const frame = under.getBoundingClientRect();
    [innerX, innerY, outX, outY] = [innerX - frame.x, innerY - frame.y, outX - frame.x, outY - frame.y];
    under = under.contentDocument.elementFromPoint(innerX, innerY) ?? under.contentDocument.documentElement;
  }
  under.dispatchEvent(
    new MouseEvent('mouseout', {
      bubbles: true,
      composed: true,
      clientX: outX,
      clientY: outY,
      relatedTarget: null,
    })
  );
}

/**
 * Types `text` key by key. Classic WebDriver (WebKit) presses every key of one
 * `sendKeys({type})` together, so a doubled letter would come out once.
 */
export async function typeKeys(text: string): Promise<void> {
  if (engine !== 'webkit') {
    await sendKeys({type: text});
    return;
  }
  for (const key of text) await sendKeys({type: key});
}
