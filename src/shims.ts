// `import '<pkg>/shims'`: installs the Voiceflow and Botpress compatibility
// globals. Importing this module is its whole purpose; it defines no element
// (`<pkg>/define` does; the CDN bundles import both).
import {installShims} from './shims/install-shims.js';

// Where there is no page (server rendering imports this too), there is nothing to install.
if (typeof window !== 'undefined') installShims();
