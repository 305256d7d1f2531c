// The entry of both CDN bundles: the elements, defined, and the compatibility globals.
import './define.js';
import './shims.js';
